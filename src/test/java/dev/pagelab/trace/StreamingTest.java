package dev.pagelab.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files far larger than a reader's buffer stream through in bounded memory: reading allocates a fixed
 * amount (the buffer), however many references the file holds. Nothing here is timed.
 */
class StreamingTest {
    private static final int BATCH = 1024;

    @TempDir
    Path dir;

    /** Bytes allocated so far by this thread, or -1 if the JVM cannot tell. */
    private static long allocated() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean b = (com.sun.management.ThreadMXBean) bean;
            if (b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled()) {
                return b.getThreadAllocatedBytes(Thread.currentThread().getId());
            }
        }
        return -1;
    }

    private static final class Totals {
        long count;
        long sum;
        long writes;
    }

    private static Totals readThrough(Trace trace, long[] values, byte[] kinds) throws IOException {
        Totals t = new Totals();
        try (ReferenceReader r = trace.open()) {
            int n;
            while ((n = r.read(values, kinds, BATCH)) >= 0) {
                for (int i = 0; i < n; i++) {
                    t.sum += values[i];
                    t.writes += kinds[i] == ReferenceReader.WRITE ? 1 : 0;
                }
                t.count += n;
            }
        }
        return t;
    }

    @Test
    void twentyMillionBinaryReferencesInBoundedMemory() throws IOException {
        long count = 20_000_000;
        TraceGenerator loop = TraceGenerator.loop(1_200).writes(0.25);
        Path file = dir.resolve("loop.trace");
        loop.write(file, TraceFormat.BINARY, count);
        assertThat(Files.size(file)).isLessThan(count + count / 1_000 + 100); // a byte a reference, two to wrap round

        TraceFile trace = Traces.open(file);
        long[] values = new long[BATCH];
        byte[] kinds = new byte[BATCH];
        readThrough(trace, values, kinds); // warm up, so class loading is not counted below
        long before = allocated();
        Totals t = readThrough(trace, values, kinds);
        long used = allocated() - before;

        assertThat(t.count).isEqualTo(count);
        long loops = count / 1_200;
        long rest = count % 1_200;
        assertThat(t.sum).isEqualTo(loops * (1_199L * 1_200 / 2) + rest * (rest - 1) / 2);
        assertThat(t.writes).isBetween(4_900_000L, 5_100_000L);
        assumeTrue(before >= 0, "this JVM does not count allocated bytes");
        assertThat(used).as("bytes allocated reading %d references", count).isLessThan(1 << 20);
    }

    @Test
    void aMillionTextLinesInBoundedMemory() throws IOException {
        long count = 1_000_000;
        Path file = dir.resolve("zipf.pages");
        TraceGenerator.uniform(1 << 30, 5).write(file, TraceFormat.PAGES, count);
        TraceFile trace = Traces.open(file);
        long[] values = new long[BATCH];
        byte[] kinds = new byte[BATCH];
        readThrough(trace, values, kinds);
        long before = allocated();
        Totals t = readThrough(trace, values, kinds);
        long used = allocated() - before;

        assertThat(t.count).isEqualTo(count);
        long sum = 0;
        for (long p : TraceGenerator.uniform(1 << 30, 5).pages((int) count)) {
            sum += p;
        }
        assertThat(t.sum).isEqualTo(sum);
        assumeTrue(before >= 0, "this JVM does not count allocated bytes");
        assertThat(used).as("bytes allocated reading %d lines", count).isLessThan(1 << 20);
    }
}
