// The notebook startup script (kernel.json: PAGELAB_STARTUP_SCRIPTS_PATH): what every cell can use unqualified.
import dev.pagelab.*;
import static dev.pagelab.PageLab.*;
import dev.pagelab.lesson.*;
import static dev.pagelab.lesson.Lessons.*;
import dev.pagelab.win32.*;
import static dev.pagelab.win32.Win32.*;
import dev.pagelab.render.*;
import static dev.pagelab.render.Pictures.*;
import static dev.pagelab.jupyter.Notebook.display;
