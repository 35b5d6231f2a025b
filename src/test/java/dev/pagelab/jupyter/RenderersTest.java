package dev.pagelab.jupyter;

import static dev.pagelab.PageLab.kb;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.PageLab;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.dflib.jjava.jupyter.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The renderers as IJava's and JJava's kernels see them, without a kernel. */
class RenderersTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    private AddressSpace space() {
        AddressSpace s = checked.add(PageLab.space());
        s.reserve(kb(16)).commit(0, kb(4));
        return s;
    }

    @Test
    void ijavaRenderer_drawsAPageLabValue_asDisplayMimeBundle() {
        Renderer renderer = new Renderer();
        PageLabRenderers.register(renderer);
        AddressSpace s = space();

        DisplayData data = renderer.render(s);

        for (Map.Entry<String, String> e : MimeBundles.of(s).entrySet()) {
            assertThat(data.getData(MIMEType.parse(e.getKey()))).isEqualTo(MimeBundles.content(e.getKey(), e.getValue()));
        }
    }

    @Test
    void ijavaRenderer_leavesOtherValuesToPlainText() {
        Renderer renderer = new Renderer();
        PageLabRenderers.register(renderer);

        DisplayData data = renderer.render(List.of(1, 2));

        assertThat(data.getData(MIMEType.TEXT_PLAIN)).isEqualTo("[1, 2]");
        assertThat(data.hasDataForType(MIMEType.TEXT_HTML)).isFalse();
    }

    @Test
    void jjavaFindsTheExtension_andItsRendererDrawsPageLabValues() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .contains(JJavaExtension.class);
        var renderer = new org.dflib.jjava.jupyter.kernel.display.Renderer();
        JJavaExtension.register(renderer);
        AddressSpace s = space();

        var data = renderer.render(s);

        for (Map.Entry<String, String> e : MimeBundles.of(s).entrySet()) {
            assertThat(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse(e.getKey())))
                    .isEqualTo(MimeBundles.content(e.getKey(), e.getValue()));
        }
    }

    @Test
    void aPictureThatFails_leavesTheValuesText() {
        PageLabKernel kernel = new PageLabKernel(new Cells(KernelConfig.from(Map.of(), Path.of("."))));
        kernel.getRenderer().createRegistration(Broken.class).register((value, context) -> {
            throw new IllegalStateException("the picture has a bug");
        });

        DisplayData data = kernel.render(new Broken());

        assertThat(data.getData(MIMEType.TEXT_PLAIN)).isEqualTo("broken, but readable");
    }

    static final class Broken {
        @Override
        public String toString() {
            return "broken, but readable";
        }
    }
}
