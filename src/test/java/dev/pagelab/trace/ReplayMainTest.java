package dev.pagelab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class ReplayMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReplayMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void replaysEachPolicyAtEachSize_oneLineEach(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("belady.pages");
        Files.writeString(file, "1\n2\n3\n4\n1\n2\n5\n1\n2\n3\n4\n5\n");
        assertThat(run(file.toString(), "--frames", "3,4", "--policy", "FIFO,opt")).isZero();
        assertThat(out()).isEqualTo(String.join(System.lineSeparator(),
                "FIFO, 3 frames: 12 references, 9 faults (75.0%)",
                "FIFO, 4 frames: 12 references, 10 faults (83.3%)",
                "OPT, 3 frames: 12 references, 7 faults (58.3%)",
                "OPT, 4 frames: 12 references, 6 faults (50.0%)", ""));
        assertThat(err()).isEmpty();
    }

    @Test
    void addressTraces_useThePageSize_andTimeGoesToStandardError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prog.rwx");
        Files.writeString(file, "R 0x1000\nW 0x1fff\nR 0x2000\nX 0x1004\n");
        assertThat(run(file.toString(), "--frames", "1", "--policy", "LRU", "--page-size", "8192", "--time")).isZero();
        // With 8 KiB pages 0x1000..0x1fff are page 0 and 0x2000 is page 1: faults at the first, third and fourth.
        assertThat(out()).startsWith("LRU, 1 frame: 4 references, 3 faults");
        assertThat(err()).contains("million references per second");
    }

    @Test
    void badArgumentsAndFiles_exitWith2_andSayWhy(@TempDir Path dir) throws IOException {
        assertThat(run("--frames", "3")).isEqualTo(2);
        assertThat(err()).contains("no trace file given").contains("usage: pagelab replay");
        err.reset();
        Path bad = dir.resolve("bad.pages");
        Files.writeString(bad, "1\n2\nx7\n");
        assertThat(run(bad.toString(), "--frames", "2", "--format", "pages")).isEqualTo(2);
        assertThat(err()).contains("bad.pages:3:");
        err.reset();
        assertThat(run(bad.toString(), "--frames", "0")).isEqualTo(2);
        assertThat(err()).contains("--frames 0: a replay needs at least 1 frame");
        err.reset();
        assertThat(run(bad.toString(), "--frames", "2", "--page-size", "3000")).isEqualTo(2);
        assertThat(err()).contains("--page-size 3000: a power of two");
        err.reset();
        assertThat(run(dir.resolve("missing.trace").toString(), "--frames", "2")).isEqualTo(2);
        assertThat(err()).contains("missing.trace: no such file");
        err.reset();
        assertThat(run(bad.toString(), "--frames", "2", "--policy", "MRU")).isEqualTo(2);
        assertThat(err()).contains("no replacement policy named \"MRU\"");
    }

    @Test
    void largestFrameCount_onTheCommandLine_answers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.pages");
        Files.writeString(file, "1\n2\n3\n4\n1\n2\n5\n");
        assertThat(run(file.toString(), "--frames", "2147483647,999999999", "--policy", "FIFO,LRU")).isZero();
        assertThat(out()).isEqualTo(String.join(System.lineSeparator(),
                "FIFO, 2147483647 frames: 7 references, 5 faults (71.4%)",
                "FIFO, 999999999 frames: 7 references, 5 faults (71.4%)",
                "LRU, 2147483647 frames: 7 references, 5 faults (71.4%)",
                "LRU, 999999999 frames: 7 references, 5 faults (71.4%)", ""));
    }

    @Test
    void frameCountBeyondAnInt_isTooLarge_namingTheFlagAndTheMaximum(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.pages");
        Files.writeString(file, "1\n");
        assertThat(run(file.toString(), "--frames", "999999999999")).isEqualTo(2);
        assertThat(err())
                .startsWith("pagelab replay: --frames 999999999999: too large (at most 2147483647)");
        err.reset();
        assertThat(run(file.toString(), "--frames", "-99999999999999999999")).isEqualTo(2);
        assertThat(err()).contains("a replay needs at least 1 frame");
        err.reset();
        assertThat(run(file.toString(), "--frames", "12x")).isEqualTo(2);
        assertThat(err()).contains("--frames 12x: not a whole number");
    }
}
