package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeoutTest {
    @Test
    void aCellLongerThanPagelabTimeout_isInterrupted_andTheNextOneRuns() throws Exception {
        try (Cells cells = new Cells(KernelConfig.from(Map.of(KernelConfig.TIMEOUT, "300 ms"), Path.of(".")))) {
            cells.start();

            CellError e = catchThrowableOfType(CellError.class, () -> cells.run("Thread.sleep(60_000)", 1));

            assertThat(e).isInstanceOf(CellError.class).matches(x -> ((CellError) x).kind() == CellError.Kind.Interrupted, "Interrupted")
                    .hasMessage("the cell ran longer than PAGELAB_TIMEOUT (300 ms) and was interrupted");
            assertThat(cells.run("6 * 7", 2)).isEqualTo(42);
        }
    }

    @Test
    void startupProblems_areReportedOnce() {
        try (Cells cells = new Cells(KernelConfig.from(Map.of(
                KernelConfig.STARTUP_SCRIPT, "int broken = \"x\";",
                KernelConfig.CLASSPATH, "missing.jar"), Path.of("/tmp")))) {
            cells.start();

            assertThat(cells.takeStartupProblems()).containsExactly(
                    "PAGELAB_CLASSPATH: /tmp/missing.jar does not exist",
                    "PAGELAB_STARTUP_SCRIPT:",
                    "  line 1: incompatible types: java.lang.String cannot be converted to int",
                    "      int broken = \"x\";",
                    "                   ^^^");
            assertThat(cells.takeStartupProblems()).isEmpty();
        }
    }
}
