package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelLogoTest {
    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void kernelFolder_hasTheLogoJupyterLooksFor(int size) throws Exception {
        BufferedImage logo = ImageIO.read(Path.of("kernel-config/kernels/pagelab/logo-" + size + "x" + size + ".png").toFile());

        assertThat(logo.getWidth()).isEqualTo(size);
        assertThat(logo.getHeight()).isEqualTo(size);
        // A read-write page (green) in the top left of the grid, as KernelLogo draws it.
        int p = size / 8 + size / 16;
        assertThat(logo.getRGB(p, p) & 0xFFFFFF).isEqualTo(0x4CAF50);
    }
}
