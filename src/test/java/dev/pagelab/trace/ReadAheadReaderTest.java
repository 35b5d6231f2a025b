package dev.pagelab.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.replay.Replay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class ReadAheadReaderTest {

    private static ArrayTrace sample(int n) {
        long[] values = new long[n];
        byte[] kinds = new byte[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i * 7919L) % 100_003;
            kinds[i] = i % 5 == 0 ? ReferenceReader.WRITE : ReferenceReader.READ;
        }
        return new ArrayTrace(values, kinds, true);
    }

    @Test
    void yieldsTheSourcesReferencesInOrder_whateverTheCallersBatch() throws IOException {
        ArrayTrace trace = sample(3 * ReadAheadReader.BATCH * ReadAheadReader.BATCHES + 17);
        for (int batch : new int[] {1000, 4096, ReadAheadReader.BATCH + 3}) {
            try (ReferenceReader r = new ReadAheadReader(trace.open(), "sample")) {
                assertThat(r.pageNumbers()).isTrue();
                ArrayTrace read = ArrayTrace.readAll(r, batch);
                assertThat(read.values).isEqualTo(trace.values);
                assertThat(read.kinds).isEqualTo(trace.kinds);
                assertThat(r.read(new long[4], new byte[4], 4)).isEqualTo(-1);
            }
        }
    }

    @Test
    void aMalformedLine_comesAfterTheReferencesBeforeIt_asFromTheFileItself(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        int good = 300_000;
        for (int i = 0; i < good; i++) {
            text.append(i % 977).append('\n');
        }
        text.append("12x\n7\n");
        Path file = dir.resolve("bad.pages");
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(TraceFile.READ_AHEAD_BYTES);
        TraceFile trace = Traces.open(file, TraceFormat.PAGES);
        long[] v = new long[1000];
        byte[] k = new byte[1000];
        try (ReferenceReader r = trace.open()) {
            assertThat(r).isInstanceOf(ReadAheadReader.class);
            long count = 0;
            IOException error = null;
            try {
                for (int n; (n = r.read(v, k, v.length)) >= 0; ) {
                    count += n;
                }
            } catch (IOException e) {
                error = e;
            }
            assertThat(count).isEqualTo(good);
            assertThat(error).isInstanceOf(TraceFormatException.class).hasMessageStartingWith(file + ":" + (good + 1) + ":");
            // And again on every later call, as the direct reader does.
            assertThatThrownBy(() -> r.read(v, k, v.length)).isSameAs(error);
        }
    }

    @Test
    void closingEarly_stopsTheReadingThread() throws IOException, InterruptedException {
        ArrayTrace trace = sample(20 * ReadAheadReader.BATCH);
        ReadAheadReader r = new ReadAheadReader(trace.open(), "early");
        assertThat(r.read(new long[10], new byte[10], 10)).isEqualTo(10);
        r.close();
        Thread reading = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pagelab-read-ahead early")).findFirst().orElse(null);
        assertThat(reading == null || !reading.isAlive()).isTrue();
        assertThatThrownBy(() -> r.read(new long[1], new byte[1], 1)).hasMessageContaining("closed");
    }

    @Test
    void anInterruptedCaller_stillGetsItsBatch_andKeepsItsInterruptStatus() throws IOException {
        ArrayTrace trace = sample(5 * ReadAheadReader.BATCH);
        try (ReadAheadReader r = new ReadAheadReader(trace.open(), "interrupted")) {
            Thread.currentThread().interrupt();
            try {
                assertThat(r.read(new long[100], new byte[100], 100)).isEqualTo(100);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void aReplayFromALargeFile_countsAsFromMemory(@TempDir Path dir) throws IOException {
        ArrayTrace trace = sample(400_000);
        Path file = dir.resolve("big.trace");
        Traces.write(trace, file, TraceFormat.BINARY);
        TraceFile fromFile = Traces.open(file);
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(TraceFile.READ_AHEAD_BYTES);
        for (var policy : dev.pagelab.policy.Policy.values()) {
            assertThat(Replay.run(fromFile, 300, policy).faults()).as(policy.name())
                    .isEqualTo(Replay.run(trace, 300, policy).faults());
        }
    }
}
