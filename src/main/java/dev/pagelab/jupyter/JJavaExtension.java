package dev.pagelab.jupyter;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * PageLab in a JJava kernel: JJava finds this extension in the jar (META-INF/services) when the jar is on its
 * class path ({@code %jars pagelab-all.jar} or {@code JJAVA_CLASSPATH}), registers PageLab's renderers and
 * imports the DSL, the lessons and the Win32 facade. JJava's own {@code display(x)} then draws PageLab values.
 */
public final class JJavaExtension implements Extension {
    /** What a cell needs to write PageLab code unqualified, as in {@code ./pagelab shell}. */
    static final String IMPORTS = "import dev.pagelab.*;\n"
            + "import static dev.pagelab.PageLab.*;\n"
            + "import dev.pagelab.lesson.*;\n"
            + "import static dev.pagelab.lesson.Lessons.*;\n"
            + "import dev.pagelab.win32.*;\n"
            + "import static dev.pagelab.win32.Win32.*;\n"
            + "import dev.pagelab.render.*;\n"
            + "import static dev.pagelab.render.Pictures.*;\n";

    /** Made by JJava's service loader. */
    public JJavaExtension() {
    }

    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
        kernel.eval(IMPORTS);
    }

    static void register(Renderer renderer) {
        String[] types = MimeBundles.TYPES.toArray(String[]::new);
        MimeBundles.<RenderContext>register(
                (type, draw) -> renderer.createRegistration(type).preferring(types).register(draw::accept),
                (context, mimeType, content) -> context.renderIfRequested(MIMEType.parse(mimeType), content::get));
    }
}
