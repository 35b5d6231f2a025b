package dev.pagelab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeteredTraceTest {
    @TempDir
    Path dir;

    @Test
    void aMeteredTrace_countsTheFileBytesOfEveryPass_andReadsTheSameReferences() throws IOException {
        for (String name : new String[] {"z.trace", "z.pages.gz"}) {
            Path file = dir.resolve(name);
            TraceGenerator.zipf(1000, 0.9, 1).write(file, name.endsWith(".gz") ? TraceFormat.PAGES : TraceFormat.BINARY,
                    300_000);
            TraceFile trace = Traces.open(file);
            LongAdder bytes = new LongAdder();
            Trace metered = trace.metered(bytes);
            assertThat(metered.describe()).isEqualTo(trace.describe());
            assertThat(metered.pageNumbers()).isTrue();
            assertThat(ArrayTrace.readAll(metered, 4096).values).containsExactly(ArrayTrace.readAll(trace, 4096).values);
            assertThat(bytes.sum()).as(name).isEqualTo(trace.size());
            ArrayTrace.readAll(metered, 100);
            assertThat(bytes.sum()).isEqualTo(2 * trace.size());
        }
    }
}
