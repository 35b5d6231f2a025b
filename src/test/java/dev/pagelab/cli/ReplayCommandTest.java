package dev.pagelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.trace.TraceFormat;
import dev.pagelab.trace.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class ReplayCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReplayCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
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

    /** The same trace in every format, gzip too: a file, and its bytes as they come down a pipe. */
    private static java.util.Map<String, byte[]> everyFormat(Path dir) throws IOException {
        long[] pages = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5, 6, 1, 7, 2};
        StringBuilder numbers = new StringBuilder();
        StringBuilder rwx = new StringBuilder();
        StringBuilder lackey = new StringBuilder();
        for (long p : pages) {
            numbers.append(p).append('\n');
            rwx.append("R 0x").append(Long.toHexString(p << 12)).append('\n');
            lackey.append(" L ").append(Long.toHexString((p << 12) + 8)).append(",4\n");
        }
        var formats = new java.util.LinkedHashMap<String, byte[]>();
        formats.put("pages", numbers.toString().getBytes(StandardCharsets.UTF_8));
        formats.put("rwx", rwx.toString().getBytes(StandardCharsets.UTF_8));
        formats.put("lackey", lackey.toString().getBytes(StandardCharsets.UTF_8));
        Path binary = dir.resolve("t.bin");
        try (TraceWriter w = TraceWriter.create(binary, TraceFormat.BINARY, true)) {
            for (long p : pages) {
                w.write(p);
            }
        }
        formats.put("binary", Files.readAllBytes(binary));
        var gz = new ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(formats.get("rwx"));
        }
        formats.put("rwx.gz", gz.toByteArray());
        return formats;
    }

    @Test
    void standardInput_replaysEveryFormat_withEveryPolicyAndSeveralSizes_asTheFileDoes(@TempDir Path dir) throws IOException {
        for (var e : everyFormat(dir).entrySet()) {
            Path file = Files.write(dir.resolve("trace." + e.getKey()), e.getValue());
            String[] sizes = {"--frames", "2,3,4", "--policy", "FIFO,LRU,CLOCK,OPT,NRU,ARC,RANDOM"};
            assertThat(run(concat(file.toString(), sizes))).as(e.getKey()).isZero();
            String fromFile = out();
            out.reset();

            int code = ReplayCommand.run(concat("-", sizes), new java.io.ByteArrayInputStream(e.getValue()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).as(e.getKey() + ": " + err()).isZero();
            assertThat(out()).as(e.getKey()).isEqualTo(fromFile).contains("16 references");
            assertThat(out().lines()).as(e.getKey()).hasSize(21);
            out.reset();
        }
    }

    @Test
    void aNamedPipe_isReadOnce_andReplayedAtEverySize(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo on this system");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        byte[] gz = everyFormat(dir).get("rwx.gz");
        Thread writer = new Thread(() -> {
            try (var o = Files.newOutputStream(fifo)) {
                o.write(gz);
            } catch (IOException ignored) {
                // the test below fails on what it reads
            }
        });
        writer.start();
        long copiesBefore = temporaryCopies();

        assertThat(run(fifo.toString(), "--frames", "3,4", "--policy", "LRU,OPT")).as(err()).isZero();

        writer.join();
        assertThat(out().lines()).hasSize(4).allMatch(l -> l.contains("16 references"));
        assertThat(temporaryCopies()).as("the copy of the pipe is deleted").isEqualTo(copiesBefore);
    }

    private static long temporaryCopies() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("pagelab-trace")).count();
        }
    }

    @Test
    void anErrorInStandardInput_namesStandardInputAndTheLine() {
        int code = ReplayCommand.run(new String[] {"-", "--frames", "2", "--format", "pages"},
                new java.io.ByteArrayInputStream("1\n2\nx7\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("<standard input>:3:").doesNotContain("pagelab-trace");
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
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

    @Test
    void aFolderGiven_asTheTrace_isNamed() {
        String folder = System.getProperty("java.io.tmpdir");
        assertThat(run(folder, "--frames", "3")).isEqualTo(2);
        assertThat(err()).startsWith("pagelab replay: " + folder + ": a folder, not a trace file");
    }
}
