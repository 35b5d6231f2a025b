import dev.pagelab.*;
import static dev.pagelab.PageLab.*;
import static dev.pagelab.win32.Win32.*;
import dev.pagelab.win32.*;
