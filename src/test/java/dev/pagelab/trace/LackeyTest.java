package dev.pagelab.trace;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Valgrind lackey output: real samples (see {@code src/test/resources/traces/README.md}) and the record rules. */
class LackeyTest {
    private static final byte R = ReferenceReader.READ;
    private static final byte W = ReferenceReader.WRITE;
    private static final byte X = ReferenceReader.EXECUTE;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(LackeyTest.class.getResource("/traces/" + name)).toURI());
    }

    @Test
    void theStrideProgramsTrace() throws Exception {
        TraceFile trace = Traces.open(resource("stride.lackey"));
        assertThat(trace.format()).isEqualTo(TraceFormat.LACKEY);
        assertThat(trace.pageNumbers()).isFalse();
        assertThat(trace.describe()).isEqualTo("valgrind lackey trace stride.lackey");
        ArrayTrace t = ArrayTrace.readAll(trace, 64);
        assertThat(t.values).hasSize(350);
        // the first loop: five instructions, one store every 256 bytes of the array at 0x403000
        assertThat(t.values).startsWith(0x401000, 0x401005, 0x403000, 0x40100c, 0x401010, 0x401016, 0x401005, 0x403100);
        assertThat(t.kinds).startsWith(X, X, W, X, X, X, X, W);
        long stores = 0;
        long rmw = 0;
        for (int i = 0; i < t.values.length; i++) {
            if (t.kinds[i] == W && i > 0 && t.kinds[i - 1] == R && t.values[i - 1] == t.values[i]) {
                rmw++;
            } else if (t.kinds[i] == W) {
                assertThat(t.values[i]).isEqualTo(0x403000 + 256 * stores);
                stores++;
            }
        }
        assertThat(stores).isEqualTo(64);
        assertThat(rmw).as("M records: a read then a write of the same address").isEqualTo(4);
    }

    @Test
    void theHeadOfTrueWithLoadsStoresAndModifies() throws Exception {
        ArrayTrace t = ArrayTrace.readAll(Traces.open(resource("true-head.lackey")), 7);
        assertThat(t.values).hasSize(299);
        assertThat(t.values).startsWith(0x401ab70L, 0x401ab73L, 0x1fff000768L);
        assertThat(t.kinds).startsWith(X, X, W);
        assertThat(t.values).endsWith(0x401b8bfL, 0x4032e78L, 0x4032e78L);
        assertThat(t.kinds).endsWith(X, R, W);
    }

    /** The samples read as a plain, slow reading of the same rules (String.split) says they should. */
    @ParameterizedTest
    @CsvSource({"stride.lackey, 0", "stride.lackey, 256", "stride.lackey, 16", "true-head.lackey, 0",
            "true-head.lackey, 4096", "true-head.lackey, 64", "true-head.lackey, 8"})
    void samplesAgreeWithAPlainReading(String name, int pageSize) throws Exception {
        List<Long> values = new ArrayList<>();
        List<Byte> kinds = new ArrayList<>();
        for (String line : Files.readAllLines(resource(name))) {
            if (line.startsWith("==")) {
                continue;
            }
            String[] f = line.trim().split("[ ,]+");
            long start = Long.parseUnsignedLong(f[1], 16);
            long last = pageSize == 0 ? start : start + Integer.parseInt(f[2]) - 1;
            String kind = f[0];
            for (String k : kind.equals("M") ? new String[] {"L", "S"} : new String[] {kind}) {
                for (long page = start / Math.max(pageSize, 1); page <= last / Math.max(pageSize, 1); page++) {
                    values.add(page == start / Math.max(pageSize, 1) ? start : page * pageSize);
                    kinds.add(k.equals("I") ? X : k.equals("L") ? R : W);
                }
            }
        }
        TraceFile file = Traces.open(resource(name));
        ArrayTrace t = ArrayTrace.readAll(pageSize == 0 ? file : file.splitAccessesAt(pageSize), 13);
        assertThat(t.values).containsExactly(values.stream().mapToLong(Long::longValue).toArray());
        byte[] k = new byte[kinds.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = kinds.get(i);
        }
        assertThat(t.kinds).containsExactly(k);
    }

    private static ArrayTrace read(String text, int pageSize, int batch) throws IOException {
        InputStream in = new ByteArrayInputStream(text.getBytes(US_ASCII));
        try (ReferenceReader r = Traces.reader(in, "t", TraceFormat.LACKEY, pageSize)) {
            return ArrayTrace.readAll(r, batch);
        }
    }

    @Test
    void modifyIsAReadThenAWriteEvenAcrossBatches() throws IOException {
        String text = " M 1000,4\n M 2000,8\n--12-- a valgrind warning\n**12** another\n\nI  3000,2\n";
        for (int batch = 1; batch <= 5; batch++) {
            ArrayTrace t = read(text, 0, batch);
            assertThat(t.values).containsExactly(0x1000, 0x1000, 0x2000, 0x2000, 0x3000);
            assertThat(t.kinds).containsExactly(R, W, R, W, X);
        }
    }

    @Test
    void withoutAPageSizeAnAccessYieldsItsStartOnly() throws IOException {
        assertThat(read(" L 0ffc,8\n", 0, 10).values).containsExactly(0xffc);
    }

    @Test
    void withAPageSizeAnAccessYieldsEveryPageItTouches() throws IOException {
        String text = " L 0ffc,8\n L 0ff8,8\n M 1ffe,4\nI  2fff,1\n S ffffffffffffffff,8\n L 3000,9000\n";
        for (int batch = 1; batch <= 4; batch++) {
            ArrayTrace t = read(text, 4096, batch);
            assertThat(t.values).containsExactly(
                    0xffc, 0x1000,           // crosses into the next page
                    0xff8,                   // ends on the last byte of its page
                    0x1ffe, 0x2000, 0x1ffe, 0x2000, // M: reads both pages, then writes both
                    0x2fff,
                    -1L,                     // the last byte of the address space: nothing after it
                    0x3000, 0x4000, 0x5000);
            assertThat(t.kinds).containsExactly(R, R, R, R, R, W, W, X, W, R, R, R);
        }
    }

    @Test
    void aFileCanBeSplitAtPages() throws Exception {
        TraceFile split = Traces.open(resource("stride.lackey")).splitAccessesAt(4096);
        assertThat(split.describe()).isEqualTo("valgrind lackey trace stride.lackey, accesses split at 4096-byte pages");
        assertThat(ArrayTrace.readAll(split, 100).values).hasSize(350); // no access in it crosses a 4 KiB page
        assertThat(ArrayTrace.readAll(Traces.open(resource("stride.lackey")).splitAccessesAt(16), 100).values)
                .hasSizeGreaterThan(350);
    }
}
