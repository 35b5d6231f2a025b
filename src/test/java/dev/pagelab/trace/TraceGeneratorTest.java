package dev.pagelab.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.internal.SplitMix64;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void itsReaderChecksEachBatchAndRefusesToReadWhenClosed() throws IOException {
        Trace trace = TraceGenerator.uniform(10, 1).trace(4);
        ReferenceReader reader = trace.open();
        assertThat(reader.pageNumbers()).isTrue();
        assertThatThrownBy(() -> reader.read(new long[4], new byte[1], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch of 4 references does not fit arrays of 4 values and 1 kinds");
        assertThat(reader.read(new long[4], new byte[4], 4)).isEqualTo(4);
        assertThat(reader.read(new long[4], new byte[4], 4)).isEqualTo(-1);
        reader.close();
        assertThatThrownBy(() -> reader.read(new long[4], new byte[4], 4)).isInstanceOf(IOException.class)
                .hasMessage(trace.describe() + ": the reader is closed");
    }

    @Test
    void theSameSeedGivesTheSameTrace() {
        assertThat(TraceGenerator.zipf(1000, 0.99, 42).pages(10_000))
                .containsExactly(TraceGenerator.zipf(1000, 0.99, 42).pages(10_000));
        assertThat(TraceGenerator.zipf(1000, 0.99, 42).pages(100))
                .isNotEqualTo(TraceGenerator.zipf(1000, 0.99, 43).pages(100));
        assertThat(TraceGenerator.uniform(1000, 7).pages(1000)).containsExactly(TraceGenerator.uniform(1000, 7).pages(1000));
    }

    /** Pinned values: the generator promises the same pages on every JVM, so a change here breaks saved notebooks. */
    @Test
    void pinnedValues() {
        assertThat(TraceGenerator.zipf(100_000, 0.99, 42).pages(12))
                .containsExactly(TraceGeneratorTest.PINNED_ZIPF);
        assertThat(TraceGenerator.uniform(100, 42).pages(12)).containsExactly(TraceGeneratorTest.PINNED_UNIFORM);
    }

    static final long[] PINNED_ZIPF = {14, 15874, 3960, 1823, 64749, 2, 8027, 6, 1917, 66, 9399, 306};
    static final long[] PINNED_UNIFORM = {6, 45, 29, 82, 25, 31, 62, 54, 2, 87, 3, 23};

    /** The reference outputs of SplitMix64 (Vigna's splitmix64.c) for seed 1234567. */
    @Test
    void splitMix64MatchesItsReference() {
        SplitMix64 r = new SplitMix64(1234567);
        assertThat(r.nextLong()).isEqualTo(Long.parseUnsignedLong("6457827717110365317"));
        assertThat(r.nextLong()).isEqualTo(Long.parseUnsignedLong("3203168211198807973"));
        assertThat(r.nextLong()).isEqualTo(Long.parseUnsignedLong("9817491932198370423"));
    }

    /** Frequencies match Zipf's law: page k with probability (k+1)^-s / H(n, s), within 5 standard deviations. */
    @ParameterizedTest
    @CsvSource({"10, 0.99", "10, 1.0", "50, 0.5", "20, 2.0", "7, 0.0001", "1, 1.0", "30, 0"})
    void zipfFollowsTheLaw(int n, double s) {
        int samples = 200_000;
        long[] pages = TraceGenerator.zipf(n, s, 1234).pages(samples);
        long[] counts = new long[n];
        for (long p : pages) {
            counts[(int) p]++;
        }
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += Math.pow(k, -s);
        }
        for (int k = 1; k <= n; k++) {
            double p = Math.pow(k, -s) / h;
            double expected = p * samples;
            double sigma = Math.sqrt(samples * p * (1 - p));
            assertThat((double) counts[k - 1]).as("page %d of %d, s=%s", k - 1, n, s)
                    .isBetween(expected - 5 * sigma - 1, expected + 5 * sigma + 1);
        }
    }

    @Test
    void zipfOverHugeRangesStaysInRange() {
        long n = 1L << 40;
        long[] pages = TraceGenerator.zipf(n, 0.8, 5).pages(100_000);
        assertThat(Arrays.stream(pages).min().getAsLong()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(pages).max().getAsLong()).isLessThan(n).isGreaterThan(1L << 20);
    }

    @Test
    void uniformCoversItsPagesEvenly() {
        long[] pages = TraceGenerator.uniform(10, 3).pages(100_000);
        long[] counts = new long[10];
        for (long p : pages) {
            counts[(int) p]++;
        }
        assertThat(Arrays.stream(counts).boxed()).allSatisfy(c -> assertThat(c).isBetween(9_500L, 10_500L));
        long[] big = TraceGenerator.uniform(3_000_000_000L, 3).pages(1000);
        assertThat(Arrays.stream(big).max().getAsLong()).isLessThan(3_000_000_000L).isGreaterThan(2_000_000_000L);
    }

    @Test
    void loopsAndScans() throws IOException {
        assertThat(TraceGenerator.loop(3).pages(8)).containsExactly(0, 1, 2, 0, 1, 2, 0, 1);
        assertThat(TraceGenerator.loop(3).from(10).pages(4)).containsExactly(10, 11, 12, 10);
        assertThat(TraceGenerator.scan().pages(4)).containsExactly(0, 1, 2, 3);
        assertThat(TraceGenerator.scan().from(100).pages(3)).containsExactly(100, 101, 102);
        // across batches of a streamed trace
        assertThat(ArrayTrace.readAll(TraceGenerator.loop(5).trace(23), 3).values)
                .containsExactly(TraceGenerator.loop(5).pages(23));
        assertThat(ArrayTrace.readAll(TraceGenerator.scan().trace(10), 4).values)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void writesAreDrawnApartFromPages() throws IOException {
        TraceGenerator g = TraceGenerator.zipf(500, 0.9, 11);
        ArrayTrace plain = ArrayTrace.readAll(g.trace(50_000), 1000);
        ArrayTrace mixed = ArrayTrace.readAll(g.writes(0.3).trace(50_000), 999);
        assertThat(mixed.values).containsExactly(plain.values);
        assertThat(plain.kinds).containsOnly(ReferenceReader.READ);
        long writes = 0;
        for (byte k : mixed.kinds) {
            writes += k == ReferenceReader.WRITE ? 1 : 0;
        }
        assertThat(writes).isBetween(14_000L, 16_000L);
        assertThat(ArrayTrace.readAll(TraceGenerator.loop(4).writes(1).trace(8), 8).kinds)
                .containsOnly(ReferenceReader.WRITE);
    }

    @Test
    void aGeneratedTraceIsReReadableAndDescribed() throws IOException {
        Trace t = TraceGenerator.zipf(100_000, 0.99, 42).writes(0.25).trace(1_000);
        assertThat(t.pageNumbers()).isTrue();
        assertThat(t.describe()).isEqualTo("zipf(0.99) over 100000 pages, seed 42, 25% writes, 1000 references");
        ArrayTrace a = ArrayTrace.readAll(t, 64);
        ArrayTrace b = ArrayTrace.readAll(t, 100);
        assertThat(a.values).containsExactly(b.values).containsExactly(TraceGenerator.zipf(100_000, 0.99, 42).pages(1000));
        assertThat(a.kinds).containsExactly(b.kinds);
        assertThat(TraceGenerator.loop(1200).describe()).isEqualTo("loop over 1200 pages");
        assertThat(TraceGenerator.uniform(10, 1).from(7).describe()).isEqualTo("uniform over 10 pages, seed 1, from page 7");
        assertThat(TraceGenerator.scan().writes(0.5).seed(3).describe()).isEqualTo("sequential scan, 50% writes (seed 3)");
    }

    @Test
    void filesInEveryPageFormat() throws IOException {
        TraceGenerator g = TraceGenerator.uniform(1 << 20, 9).writes(0.5);
        Path bin = dir.resolve("u.trace");
        assertThat(g.write(bin, TraceFormat.BINARY, 10_000)).isEqualTo(10_000);
        TraceFile t = Traces.open(bin);
        assertThat(t.references()).hasValue(10_000);
        ArrayTrace read = ArrayTrace.readAll(t, 512);
        ArrayTrace made = ArrayTrace.readAll(g.trace(10_000), 512);
        assertThat(read.values).containsExactly(made.values);
        assertThat(read.kinds).containsExactly(made.kinds);
        Path text = dir.resolve("u.pages.gz");
        g.write(text, TraceFormat.PAGES, 10_000);
        assertThat(ArrayTrace.readAll(Traces.open(text), 333).values).containsExactly(made.values);
        assertThatThrownBy(() -> g.write(dir.resolve("x"), TraceFormat.RWX, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> TraceGenerator.zipf(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a trace needs at least one page, not 0");
        assertThatThrownBy(() -> TraceGenerator.zipf(10, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceGenerator.zipf(10, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceGenerator.loop(10).writes(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceGenerator.loop(10).from(Long.MAX_VALUE - 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceGenerator.loop(10).pages(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
