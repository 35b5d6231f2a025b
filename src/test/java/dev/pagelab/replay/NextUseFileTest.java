package dev.pagelab.replay;

import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import dev.pagelab.trace.TraceFile;
import dev.pagelab.trace.TraceFormat;
import dev.pagelab.trace.TraceGenerator;
import dev.pagelab.trace.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OPT on a file trace with its next uses in a memory-mapped scratch file, against the next uses on the heap. */
class NextUseFileTest {

    @Test
    void optOnAFileTrace_throughTheScratchFile_faultsAsWithNextUsesOnTheHeap(@TempDir Path dir) throws IOException {
        // given: generated traces, written in the binary format and read back as files
        TraceGenerator[] generators = {TraceGenerator.zipf(3_000, 0.99, 5), TraceGenerator.loop(700),
                TraceGenerator.uniform(400, 9)};
        for (TraceGenerator generator : generators) {
            Path path = dir.resolve("g.trace");
            generator.write(path, TraceFormat.BINARY, 60_000);
            Replay replay = Replay.of(Traces.open(path));
            for (int frames : new int[] {1, 2, 17, 256, 699, 5_000}) {
                // when
                ReplayResult scratch = replay.runOpt(frames, frames, true);
                ReplayResult heap = replay.runOpt(frames, frames, false);
                // then
                assertThat(scratch.faults()).as("%s, %d frames", generator, frames).isEqualTo(heap.faults());
                assertThat(scratch.evictions()).isEqualTo(heap.evictions());
                assertThat(scratch.faultsPerBucket()).isEqualTo(heap.faultsPerBucket());
                assertThat(scratch.references()).isEqualTo(60_000);
            }
        }
    }

    @Test
    void fileTraces_takeTheScratchFile_andAgreeWithTheSameTraceInMemory(@TempDir Path dir) throws IOException {
        long[] pages = TraceGenerator.zipf(500, 0.8, 3).pages(20_000);
        Path path = dir.resolve("z.trace");
        Traces.write(PageTrace.of(pages), path, TraceFormat.BINARY);
        TraceFile file = Traces.open(path);
        for (int frames : new int[] {1, 10, 100, 499}) {
            assertThat(Replay.run(file, frames, Policy.OPT).faults())
                    .isEqualTo(Replay.run(PageTrace.of(pages), frames, Policy.OPT).faults());
        }
    }

    @Test
    void nextUses_inTheScratchFile_equalTheHeapArray(@TempDir Path dir) throws IOException {
        long[] pages = {4, 1, 4, 4, 2, 1, 9, 4};
        Path path = dir.resolve("s.trace");
        Traces.write(PageTrace.of(pages), path, TraceFormat.BINARY);
        Replay replay = Replay.of(Traces.open(path));
        int[] expected = replay.nextUses();
        try (NextUseFile future = NextUseFile.write(replay)) {
            assertThat(future.length()).isEqualTo(pages.length);
            assertThat(future.nextUse(0)).isEqualTo(2);
            for (int i = 0; i < pages.length; i++) {
                assertThat(future.nextUse(i)).as("reference %d", i).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void anEmptyFileTrace_replaysWithNoFaults(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("e.trace");
        Traces.write(PageTrace.of(new long[0]), path, TraceFormat.BINARY);
        assertThat(Replay.run(Traces.open(path), 4, Policy.OPT).faults()).isZero();
    }

    @Test
    void anInterruptedNextUsePass_throws_andLeavesTheInterruptSet(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("i.trace");
        TraceGenerator.uniform(100, 1).write(path, TraceFormat.BINARY, 50_000);
        Replay replay = Replay.of(Traces.open(path));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> NextUseFile.write(replay)).isInstanceOf(ReplayInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
