package dev.pagelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.TraceFormat;
import dev.pagelab.trace.TraceWriter;
import dev.pagelab.trace.Traces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/** {@code ./pagelab convert} from any format to any other that holds the same values, and back, gives the same file. */
class ConvertProperties {
    private final Path dir;

    ConvertProperties() throws IOException {
        dir = Files.createTempDirectory("pagelab-convert");
    }

    @AfterProperty
    void removeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** References as arrays: values and kinds. */
    record Refs(long[] values, byte[] kinds) {}

    @Property(tries = 60)
    void addressTraces_convertToAnyAddressFormatAndBack_unchanged(@ForAll("addresses") Refs refs,
            @ForAll("addressFormats") TraceFormat a, @ForAll("addressFormats") TraceFormat b,
            @ForAll boolean gzipA, @ForAll boolean gzipB) throws IOException {
        assertRoundTrip(refs, false, a, b, gzipA, gzipB);
    }

    @Property(tries = 60)
    void pageTraces_convertToPagesOrBinaryAndBack_unchanged(@ForAll("pages") Refs refs,
            @ForAll("pageFormats") TraceFormat a, @ForAll("pageFormats") TraceFormat b,
            @ForAll boolean gzipA, @ForAll boolean gzipB) throws IOException {
        assertRoundTrip(refs, true, a, b, gzipA, gzipB);
    }

    @Property(tries = 40)
    void pageNumbers_toFirstAddressesAndBack_withAPageSize(@ForAll("pages") Refs refs,
            @ForAll("addressFormats") TraceFormat b) throws IOException {
        Path original = write(refs, true, TraceFormat.PAGES, "a.pages");
        Path middle = dir.resolve("b." + b.name().toLowerCase());
        Path back = dir.resolve("c.pages");
        assertThat(Cli.convert(original.toString(), middle.toString(), "--to", b.name(), "--page-size", "4096").code())
                .isZero();
        assertThat(Cli.convert(middle.toString(), back.toString(), "--to", "pages", "--page-size", "4096").code())
                .isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(original));
    }

    private void assertRoundTrip(Refs refs, boolean pageNumbers, TraceFormat a, TraceFormat b, boolean gzipA,
                                 boolean gzipB) throws IOException {
        Path original = write(refs, pageNumbers, a, "a" + (gzipA ? ".gz" : ""));
        Path middle = dir.resolve("b" + (gzipB ? ".gz" : ""));
        Path back = dir.resolve("c" + (gzipA ? ".gz" : ""));
        Cli there = Cli.convert(original.toString(), middle.toString(), "--to", b.name());
        assertThat(there.err()).isEmpty();
        assertThat(there.code()).isZero();
        Cli home = Cli.convert(middle.toString(), back.toString(), "--to", a.name());
        assertThat(home.err()).isEmpty();
        assertThat(home.code()).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(original));
        if (refs.values().length > 0) {
            Refs got = read(back);
            assertThat(got.values()).containsExactly(refs.values());
            assertThat(got.kinds()).containsExactly(refs.kinds());
        }
    }

    private Path write(Refs refs, boolean pageNumbers, TraceFormat format, String name) throws IOException {
        Path file = dir.resolve(name);
        try (TraceWriter w = TraceWriter.create(file, format, pageNumbers)) {
            w.write(refs.values(), refs.kinds(), refs.values().length);
        }
        return file;
    }

    private static Refs read(Path file) throws IOException {
        long[] values = new long[0];
        byte[] kinds = new byte[0];
        long[] v = new long[64];
        byte[] k = new byte[64];
        try (ReferenceReader r = Traces.open(file).open()) {
            int got;
            while ((got = r.read(v, k, 64)) >= 0) {
                int n = values.length;
                values = java.util.Arrays.copyOf(values, n + got);
                kinds = java.util.Arrays.copyOf(kinds, n + got);
                System.arraycopy(v, 0, values, n, got);
                System.arraycopy(k, 0, kinds, n, got);
            }
        }
        return new Refs(values, kinds);
    }

    @Provide
    Arbitrary<TraceFormat> addressFormats() {
        return Arbitraries.of(TraceFormat.RWX, TraceFormat.LACKEY, TraceFormat.BINARY);
    }

    @Provide
    Arbitrary<TraceFormat> pageFormats() {
        return Arbitraries.of(TraceFormat.PAGES, TraceFormat.BINARY);
    }

    @Provide
    Arbitrary<Refs> addresses() {
        Arbitrary<Long> values = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 1L << 48),
                Arbitraries.longs().between(0x400000, 0x400100));
        Arbitrary<Byte> kinds = Arbitraries.of(ReferenceReader.READ, ReferenceReader.WRITE, ReferenceReader.EXECUTE);
        // at least one: an empty text file holds no sign of whether a binary trace had addresses or page numbers
        return refs(values, kinds, 1);
    }

    @Provide
    Arbitrary<Refs> pages() {
        // page-number text keeps no kinds: every reference is a read
        Arbitrary<Long> values = Arbitraries.oneOf(Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.longs().between(0, 100));
        return refs(values, Arbitraries.just(ReferenceReader.READ), 0);
    }

    private static Arbitrary<Refs> refs(Arbitrary<Long> values, Arbitrary<Byte> kinds, int min) {
        return Arbitraries.integers().between(min, 300).flatMap(n -> Combinators.combine(
                values.list().ofSize(n), kinds.list().ofSize(n)).as((vs, ks) -> {
                    long[] v = vs.stream().mapToLong(Long::longValue).toArray();
                    byte[] k = new byte[n];
                    for (int i = 0; i < n; i++) {
                        k[i] = ks.get(i);
                    }
                    return new Refs(v, k);
                }));
    }
}
