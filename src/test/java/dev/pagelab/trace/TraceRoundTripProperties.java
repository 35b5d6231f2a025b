package dev.pagelab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Writing a trace in any format and reading it back gives the same references, whatever the batch size. */
class TraceRoundTripProperties {

    @Property(tries = 300)
    void binaryKeepsAddressesAndKinds(@ForAll("addressTraces") ArrayTrace trace, @ForAll @IntRange(min = 1, max = 64) int batch)
            throws IOException {
        assertRoundTrip(trace, TraceFormat.BINARY, trace, batch);
    }

    @Property(tries = 300)
    void binaryKeepsPageNumbersAndKinds(@ForAll("pageTraces") ArrayTrace trace, @ForAll @IntRange(min = 1, max = 64) int batch)
            throws IOException {
        assertRoundTrip(trace, TraceFormat.BINARY, trace, batch);
    }

    @Property(tries = 300)
    void pagesKeepPageNumbersAndReadThemAsReads(@ForAll("pageTraces") ArrayTrace trace,
                                                @ForAll @IntRange(min = 1, max = 64) int batch) throws IOException {
        ArrayTrace expected = new ArrayTrace(trace.values, new byte[trace.values.length], true);
        assertRoundTrip(trace, TraceFormat.PAGES, expected, batch);
    }

    @Property(tries = 300)
    void rwxKeepsAddressesAndKinds(@ForAll("addressTraces") ArrayTrace trace, @ForAll @IntRange(min = 1, max = 64) int batch)
            throws IOException {
        assertRoundTrip(trace, TraceFormat.RWX, trace, batch);
    }

    @Property(tries = 300)
    void lackeyKeepsAddressesAndKinds(@ForAll("addressTraces") ArrayTrace trace, @ForAll @IntRange(min = 1, max = 64) int batch)
            throws IOException {
        assertRoundTrip(trace, TraceFormat.LACKEY, trace, batch);
    }

    @Property(tries = 100)
    void gzipIsReadTransparently(@ForAll("addressTraces") ArrayTrace trace, @ForAll("addressFormats") TraceFormat format)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Traces.write(trace, new GZIPOutputStream(bytes), format);
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(bytes.toByteArray()), "mem.gz")) {
            assertSame(ArrayTrace.readAll(r, 100), trace);
        }
    }

    @Provide
    Arbitrary<TraceFormat> addressFormats() {
        return Arbitraries.of(TraceFormat.RWX, TraceFormat.LACKEY, TraceFormat.BINARY);
    }

    private static void assertRoundTrip(ArrayTrace trace, TraceFormat format, ArrayTrace expected, int batch)
            throws IOException {
        byte[] file = bytes(trace, format);
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(file), "mem", format)) {
            assertThat(r.pageNumbers()).isEqualTo(trace.pageNumbers());
            assertSame(ArrayTrace.readAll(r, batch), expected);
        }
        if (trace.values.length > 0) {
            try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(file), "mem")) {
                assertSame(ArrayTrace.readAll(r, batch), expected);
            }
        }
    }

    static byte[] bytes(Trace trace, TraceFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Traces.write(trace, out, format);
        return out.toByteArray();
    }

    static void assertSame(ArrayTrace actual, ArrayTrace expected) {
        assertThat(actual.values).containsExactly(expected.values);
        assertThat(actual.kinds).containsExactly(expected.kinds);
    }

    @Provide
    Arbitrary<ArrayTrace> addressTraces() {
        Arbitrary<Long> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs()),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 1L << 48)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0x400000, 0x400100)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 63 | 1)));
        return traces(values, false);
    }

    @Provide
    Arbitrary<ArrayTrace> pageTraces() {
        // Every count of decimal digits, 1 to 19, as often as any other: the readers' quick paths stop at 15.
        Arbitrary<Long> anyLength = Arbitraries.integers().between(0, 18).flatMap(digits -> Arbitraries.longs()
                .between(digits == 0 ? 0 : pow10(digits), digits == 18 ? Long.MAX_VALUE : pow10(digits + 1) - 1));
        Arbitrary<Long> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, Long.MAX_VALUE)),
                net.jqwik.api.Tuple.of(3, anyLength),
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(0, 100)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, Long.MAX_VALUE, 1L << 52)));
        return traces(values, true);
    }

    private static Arbitrary<ArrayTrace> traces(Arbitrary<Long> values, boolean pageNumbers) {
        Arbitrary<Byte> kinds = Arbitraries.of(ReferenceReader.READ, ReferenceReader.WRITE, ReferenceReader.EXECUTE);
        Arbitrary<List<Long>> valueLists = values.list().ofMaxSize(300);
        return valueLists.flatMap(vs -> kinds.list().ofSize(vs.size()).map(ks -> {
            long[] v = vs.stream().mapToLong(Long::longValue).toArray();
            byte[] k = new byte[ks.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = ks.get(i);
            }
            return new ArrayTrace(v, k, pageNumbers);
        }));
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }
}
