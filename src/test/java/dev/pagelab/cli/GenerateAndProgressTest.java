package dev.pagelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.TraceFile;
import dev.pagelab.trace.TraceGenerator;
import dev.pagelab.trace.Traces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateAndProgressTest {
    @TempDir
    Path dir;

    @Test
    void generate_writesTheGeneratorsReferences() throws IOException {
        Path file = dir.resolve("z.trace");
        Cli c = Cli.generate(file.toString(), "--references", "10k", "--pages", "500", "--exponent", "0.7", "--seed", "9");
        assertThat(c.err()).isEmpty();
        assertThat(c.out()).isEqualTo(file + ": 10000 references, zipf(0.7) over 500 pages, seed 9, as a binary trace\n");
        TraceFile trace = Traces.open(file);
        assertThat(trace.references()).hasValue(10_000);
        long[] expected = TraceGenerator.zipf(500, 0.7, 9).pages(10_000);
        long[] values = new long[10_001];
        byte[] kinds = new byte[10_001];
        int n = 0;
        try (ReferenceReader r = trace.open()) {
            int got;
            while ((got = r.read(values, kinds, 1000)) >= 0) {
                for (int i = 0; i < got; i++) {
                    assertThat(values[i]).as("reference %d", n + i).isEqualTo(expected[n + i]);
                }
                n += got;
            }
        }
        assertThat(n).isEqualTo(10_000);
        Path pages = dir.resolve("l.pages");
        assertThat(Cli.generate(pages.toString(), "--references", "5", "--shape", "loop", "--pages", "2").code()).isZero();
        assertThat(Files.readString(pages)).isEqualTo("0\n1\n0\n1\n0\n");
    }

    @Test
    void generate_badArguments() {
        assertThat(Cli.generate("x.trace").err()).startsWith("pagelab generate: no --references given\n");
        assertThat(Cli.generate("x.trace", "--references", "1.5").err())
                .startsWith("pagelab generate: --references 1.5: not a whole number, or too large\n");
        assertThat(Cli.generate("x.rwx", "--references", "1").err())
                .startsWith("pagelab generate: --to rwx: a generated trace holds page numbers; write it as binary or pages\n");
        assertThat(Cli.generate("x.trace", "--references", "1", "--shape", "zipf", "--exponent", "-1").err())
                .startsWith("pagelab generate: zipf exponent -1.0 must be a finite number >= 0\n");
    }

    @Test
    void theProgressLine_showsBarRateAndTimeLeft() {
        assertThat(ProgressBar.line("LRU curve", 50, 200, 30_000_000, 2.0))
                .isEqualTo("LRU curve [######..................]  25%  15.0 M refs/s  ETA 0:06");
        assertThat(ProgressBar.line("convert", 0, -1, 1_234_567, 4.0))
                .isEqualTo("convert  1,234,567 refs  309 k refs/s  0:04");
        assertThat(ProgressBar.line("x", 0, 100, 0, 0.1)).endsWith("ETA -:--");
        assertThat(ProgressBar.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void withoutATerminal_nothingIsDrawn() throws IOException {
        Path file = dir.resolve("t.pages");
        Files.writeString(file, "1\n2\n");
        Cli c = Cli.convert(file.toString(), dir.resolve("t.trace").toString());
        assertThat(c.err()).isEmpty();
    }
}
