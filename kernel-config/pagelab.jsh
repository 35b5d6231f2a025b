import dev.pagelab.*;
import static dev.pagelab.PageLab.*;
import dev.pagelab.lesson.*;
import static dev.pagelab.lesson.Lessons.*;
import static dev.pagelab.win32.Win32.*;
import dev.pagelab.win32.*;
