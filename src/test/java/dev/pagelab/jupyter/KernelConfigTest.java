package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelConfigTest {
    @TempDir
    Path kernelDir;

    @Test
    void paths_resolveAgainstTheKernelFolder_withGlobsInFileNames() throws Exception {
        Files.createDirectories(kernelDir.resolve("lib"));
        Files.writeString(kernelDir.resolve("lib/b.jar"), "");
        Files.writeString(kernelDir.resolve("lib/a.jar"), "");
        Files.writeString(kernelDir.resolve("lib/notes.txt"), "");
        String list = "lib/*.jar" + File.pathSeparator + "/opt/x.jar";

        KernelConfig c = KernelConfig.from(Map.of(KernelConfig.CLASSPATH, list), kernelDir);

        assertThat(c.classpath()).containsExactly(kernelDir.resolve("lib/a.jar").toAbsolutePath(),
                kernelDir.resolve("lib/b.jar").toAbsolutePath(), Path.of("/opt/x.jar"));
    }

    @Test
    void unexpandedPlaceholders_countAsUnset() {
        // Jupyter leaves ${NAME} as it is when NAME is not in its environment.
        KernelConfig c = KernelConfig.from(Map.of(
                KernelConfig.STARTUP_SCRIPTS_PATH, "notebook.jsh" + File.pathSeparator + "${PAGELAB_STARTUP_SCRIPTS_PATH}",
                KernelConfig.TIMEOUT, "${PAGELAB_TIMEOUT}",
                KernelConfig.STARTUP_SCRIPT, "${PAGELAB_STARTUP_SCRIPT}"), kernelDir);

        assertThat(c.startupScripts()).containsExactly(kernelDir.resolve("notebook.jsh").toAbsolutePath());
        assertThat(c.timeout()).isEqualTo(Duration.ZERO);
        assertThat(c.startupScript()).isEmpty();
    }

    @Test
    void timeouts_readAsIJavaWritesThem() {
        assertThat(KernelConfig.duration("5000")).isEqualTo(Duration.ofSeconds(5));
        assertThat(KernelConfig.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(KernelConfig.duration("2 min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(KernelConfig.duration("1 HOURS")).isEqualTo(Duration.ofHours(1));
        assertThat(KernelConfig.duration("-1")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> KernelConfig.duration("soon")).hasMessageContaining("PAGELAB_TIMEOUT 'soon'");
        assertThatThrownBy(() -> KernelConfig.duration("3 weeks")).hasMessageContaining("unit 'weeks'");
    }

    @Test
    void compilerOptions_splitOnBlanks_keepingQuotedOnes() {
        assertThat(KernelConfig.options(" -Xlint:all  -A\"x y\" \"\" ")).containsExactly("-Xlint:all", "-Ax y", "");
    }
}
