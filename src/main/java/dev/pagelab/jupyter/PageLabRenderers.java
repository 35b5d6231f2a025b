package dev.pagelab.jupyter;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.util.List;
import java.util.Map;

/**
 * Registers PageLab's pictures with a kernel on the IJava base library: PageLab's own kernel, or IJava after
 * {@code %jars pagelab-all.jar}:
 * {@code dev.pagelab.jupyter.PageLabRenderers.install(io.github.spencerpark.ijava.IJava.getKernelInstance())}.
 */
public final class PageLabRenderers {
    /** The displayable PageLab types, by name: those present in the jar get a renderer of their own. */
    static final List<String> DISPLAYABLE = List.of(
            "dev.pagelab.AddressSpace", "dev.pagelab.Region", "dev.pagelab.Pages", "dev.pagelab.FaultLog",
            "dev.pagelab.Access", "dev.pagelab.Machine", "dev.pagelab.Size", "dev.pagelab.Protection",
            "dev.pagelab.TraceRun", "dev.pagelab.trace.ReplayResult", "dev.pagelab.trace.MissRatioCurve",
            "dev.pagelab.trace.WorkingSet", "dev.pagelab.trace.PageTrace", "dev.pagelab.trace.TraceFile",
            "dev.pagelab.engine.MemoryRegion", "dev.pagelab.engine.PageInfo", "dev.pagelab.engine.Journal",
            "dev.pagelab.engine.Tlb", "dev.pagelab.win32.MEMORY_BASIC_INFORMATION", "dev.pagelab.win32.SYSTEM_INFO");

    private PageLabRenderers() {
    }

    /** Registers the renderers with a running kernel (PageLab's, or IJava's). */
    public static void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /**
     * Registers a renderer for each displayable PageLab type, and one on {@code Object} that draws any other
     * PageLab value and leaves every other value to the kernel's plain text.
     */
    public static void register(Renderer renderer) {
        String[] types = MimeBundles.TYPES.toArray(String[]::new);
        for (Class<?> type : presentTypes()) {
            renderer.createRegistration(type).preferring(types).register(PageLabRenderers::render);
        }
        renderer.createRegistration(Object.class).preferring(types).register((value, context) -> {
            if (MimeBundles.covers(value.getClass())) {
                render(value, context);
            }
        });
    }

    private static void render(Object value, RenderContext context) {
        for (Map.Entry<String, String> e : MimeBundles.of(value).entrySet()) {
            context.renderIfRequested(MIMEType.parse(e.getKey()), () -> MimeBundles.content(e.getKey(), e.getValue()));
        }
    }

    /** The classes of {@link #DISPLAYABLE} that this jar has. */
    static List<Class<?>> presentTypes() {
        ClassLoader loader = PageLabRenderers.class.getClassLoader();
        return DISPLAYABLE.stream().<Class<?>>map(name -> {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                return null;
            }
        }).filter(c -> c != null).toList();
    }
}
