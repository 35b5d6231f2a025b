package dev.pagelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fuzz target for {@code pagelab replay}'s arguments: any mix of its options with any values, on a small trace
 * file, ends with exit code 0, or 2 and a one-line reason on standard error; never an exception. Trace files are
 * only ever the test's own (a random argument is never a path, so the fuzzer cannot make it read {@code /dev/zero}).
 *
 * <p>{@code JAZZER_FUZZ=1 mvn test -Dtest='ReplayCommandFuzzTest' -Djazzer.hooks=true -Djazzer.max_duration=10m}
 */
class ReplayCommandFuzzTest {
    private static final String[] FLAGS = {"--frames", "--policy", "--format", "--page-size"};
    private static final String[] FILES = files();

    private static String[] files() {
        try {
            Path dir = Files.createTempDirectory("pagelab-replay-fuzz");
            dir.toFile().deleteOnExit();
            Path pages = Files.writeString(dir.resolve("belady.pages"), "1\n2\n3\n4\n1\n2\n5\n1\n2\n3\n4\n5\n");
            Path rwx = Files.writeString(dir.resolve("prog.rwx"), "R 0x1000\nW 0x1fff\nR 0x2000\nX 0x1004\n");
            pages.toFile().deleteOnExit();
            rwx.toFile().deleteOnExit();
            return new String[] {pages.toString(), rwx.toString(), dir.resolve("missing.pages").toString()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void arguments(FuzzedDataProvider data) {
        List<String> args = new ArrayList<>();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> {
                    args.add(data.pickValue(FLAGS));
                    args.add(value(data));
                }
                case 1 -> args.add("--time");
                case 2 -> args.add(data.pickValue(FILES));
                default -> args.add("--" + data.consumeString(12));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReplayCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isIn(0, 2);
        if (code == 2) {
            assertThat(errors).startsWith("pagelab replay: ").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /** A value for an option: often a number or a list of numbers near the limits, otherwise any string. */
    private static String value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> Long.toString(data.consumeLong());
            case 1 -> data.consumeInt(1, Integer.MAX_VALUE) + "," + data.consumeInt();
            case 2 -> data.pickValue(new String[] {"FIFO", "lru", "CLOCK,OPT", "NRU,RANDOM,ARC", "PAGES", "rwx", "4096"});
            default -> data.consumeString(24);
        };
    }
}
