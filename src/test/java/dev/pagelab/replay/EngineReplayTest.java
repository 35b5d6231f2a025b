package dev.pagelab.replay;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.trace.PageTrace;
import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.Trace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

class EngineReplayTest {
    /** Three batches of the engine replay: pages 0..99 at random. */
    private static final long[] REFERENCES = new Random(2).longs(3 * 4096, 0, 100).toArray();
    private static final PageTrace PAGES = PageTrace.of(REFERENCES);

    @AfterEach
    void clearTheInterrupt() {
        Thread.interrupted();
    }

    @Test
    void interruptBeforeTheRun_stopsItInTheFirstPassWithAnEmptyPartialResultAndKeepsTheStatus() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> machine().frames(10).policy(CLOCK).run(PAGES))
                .isInstanceOfSatisfying(ReplayInterruptedException.class, e -> {
                    assertThat(e.partial().complete()).isFalse();
                    assertThat(e.partial().references()).isZero();
                    assertThat(e.partial()).hasToString("CLOCK, 10 frames: 0 references, 0 faults (0.0%), interrupted");
                    assertThat(e).hasMessageEndingWith("interrupted after 0 references (while finding its pages, 0 read)");
                });
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void interruptWhileFindingThePages_stopsTheFirstPass() {
        // given: the first pass (the first open) is interrupted while reading its second batch
        Trace trace = new InterruptingTrace(PAGES, 1, 2);
        // when, then
        assertThatThrownBy(() -> machine().frames(10).policy(LRU).run(trace))
                .isInstanceOfSatisfying(ReplayInterruptedException.class, e -> {
                    assertThat(e.partial().references()).isZero();
                    assertThat(e).hasMessage("run of " + PAGES.describe()
                            + " with LRU interrupted after 0 references (while finding its pages, 4,096 read)");
                });
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void interruptMidway_keepsWhatTheSecondPassCounted() {
        // given: the second pass (the second open) is interrupted while reading its second batch
        Trace trace = new InterruptingTrace(PAGES, 2, 2);
        long firstBatchFaults = machine().frames(10).policy(LRU).replay(PageTrace.of(Arrays.copyOf(REFERENCES, 4096)))
                .faults();
        // when, then
        assertThatThrownBy(() -> machine().frames(10).policy(LRU).run(trace))
                .isInstanceOfSatisfying(ReplayInterruptedException.class, e -> {
                    ReplayResult partial = e.partial();
                    assertThat(partial.complete()).isFalse();
                    assertThat(partial.references()).isEqualTo(4096);
                    assertThat(partial.faults()).isEqualTo(firstBatchFaults);
                    assertThat(Arrays.stream(partial.faultsPerBucket()).sum()).isEqualTo(firstBatchFaults);
                    assertThat(e).hasMessage("run of " + PAGES.describe()
                            + " with LRU interrupted after 4,096 references");
                });
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    /** A trace whose {@code open}-th reader interrupts the thread during its {@code read}-th read. */
    private static final class InterruptingTrace implements Trace {
        private final Trace trace;
        private final int open;
        private final int read;
        private int opened;

        InterruptingTrace(Trace trace, int open, int read) {
            this.trace = trace;
            this.open = open;
            this.read = read;
        }

        @Override
        public ReferenceReader open() throws IOException {
            ReferenceReader reader = trace.open();
            boolean interrupting = ++opened == open;
            return new ReferenceReader() {
                private int reads;

                @Override
                public int read(long[] values, byte[] kinds, int max) throws IOException {
                    if (interrupting && ++reads == read) {
                        Thread.currentThread().interrupt();
                    }
                    return reader.read(values, kinds, max);
                }

                @Override
                public boolean pageNumbers() {
                    return reader.pageNumbers();
                }

                @Override
                public void close() throws IOException {
                    reader.close();
                }
            };
        }

        @Override
        public boolean pageNumbers() {
            return trace.pageNumbers();
        }

        @Override
        public String describe() {
            return trace.describe();
        }
    }
}
