package dev.pagelab.jupyter;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * Registers PageLab's pictures with a kernel on the IJava base library: PageLab's own kernel, or IJava after
 * {@code %jars pagelab-all.jar}:
 * {@code dev.pagelab.jupyter.PageLabRenderers.install(io.github.spencerpark.ijava.IJava.getKernelInstance())}.
 */
public final class PageLabRenderers {
    private PageLabRenderers() {
    }

    /** Registers the renderers with a running kernel (PageLab's, or IJava's). */
    public static void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /**
     * Registers a renderer for each type {@code Display} draws, and one on {@code Object} that draws any other
     * PageLab value and leaves every other value to the kernel's plain text.
     */
    public static void register(Renderer renderer) {
        String[] types = MimeBundles.TYPES.toArray(String[]::new);
        MimeBundles.<RenderContext>register(
                (type, draw) -> renderer.createRegistration(type).preferring(types).register(draw::accept),
                (context, mimeType, content) -> context.renderIfRequested(MIMEType.parse(mimeType), content::get));
    }
}
