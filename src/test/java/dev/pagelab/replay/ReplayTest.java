package dev.pagelab.replay;

import dev.pagelab.engine.ReplacementPolicy;
import dev.pagelab.policy.Fifo;
import dev.pagelab.policy.Opt;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.Trace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayTest {
    static final PageTrace TEXTBOOK = PageTrace.of(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5);

    @Test
    void textbookTrace_faultCountsOfEveryTextbookPolicy() throws IOException {
        // See PolicyContractTest for the derivations by hand.
        assertThat(Replay.run(TEXTBOOK, 3, Policy.FIFO).faults()).isEqualTo(9);
        assertThat(Replay.run(TEXTBOOK, 4, Policy.FIFO).faults()).isEqualTo(10);
        assertThat(Replay.run(TEXTBOOK, 3, Policy.LRU).faults()).isEqualTo(10);
        assertThat(Replay.run(TEXTBOOK, 4, Policy.LRU).faults()).isEqualTo(8);
        assertThat(Replay.run(TEXTBOOK, 3, Policy.OPT).faults()).isEqualTo(7);
        assertThat(Replay.run(TEXTBOOK, 4, Policy.OPT).faults()).isEqualTo(6);
        assertThat(Replay.run(TEXTBOOK, 3, Policy.CLOCK).faults()).isEqualTo(9);
    }

    @Test
    void result_countsAndReadsShortly() throws IOException {
        ReplayResult r = Replay.run(TEXTBOOK, 3, Policy.LRU);
        assertThat(r).hasToString("LRU, 3 frames: 12 references, 10 faults (83.3%)");
        assertThat(r.references()).isEqualTo(12);
        assertThat(r.hits()).isEqualTo(2);
        assertThat(r.evictions()).isEqualTo(7);
        assertThat(r.frames()).isEqualTo(3);
        assertThat(r.policy()).isEqualTo("LRU");
        assertThat(r.missRatio()).isEqualTo(10 / 12.0);
        assertThat(r.complete()).isTrue();
        assertThat(r.trace()).isEqualTo("trace of 12 references over 5 pages");
        assertThat(Replay.run(PageTrace.of(7), 1, Policy.FIFO)).hasToString("FIFO, 1 frame: 1 reference, 1 fault (100.0%)");
    }

    @Test
    void timeline_oneBucketPerReferenceForShortTraces() throws IOException {
        // FIFO, 3 frames: faults at references 0 1 2 3 4 5 6, 9 10 (see the textbook derivation).
        ReplayResult r = Replay.run(TEXTBOOK, 3, Policy.FIFO);
        assertThat(r.bucketWidth()).isEqualTo(1);
        assertThat(r.faultsPerBucket()).containsExactly(1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0);
        assertThat(r.bucketStarts()).startsWith(0, 1, 2);
    }

    @Test
    void timeline_widensByDoublingAndKeepsEveryFault() throws IOException {
        long[] pages = new Random(1).longs(5000, 0, 300).toArray();
        ReplayResult r = Replay.run(PageTrace.of(pages), 50, Policy.LRU);
        assertThat(r.bucketWidth()).isEqualTo(8); // 5000 references need width 8 for at most 1024 buckets
        assertThat(r.buckets()).isEqualTo(625);
        assertThat(Arrays.stream(r.faultsPerBucket()).sum()).isEqualTo(r.faults());
    }

    @Test
    void emptyTrace_countsNothing() throws IOException {
        ReplayResult r = Replay.run(PageTrace.of(), 4, Policy.OPT);
        assertThat(r.references()).isZero();
        assertThat(r.faults()).isZero();
        assertThat(r.missRatio()).isZero();
        assertThat(r.buckets()).isZero();
    }

    @Test
    void addressTrace_isMappedToPagesByThePageShift() throws IOException {
        // 4 KiB pages: 0x1000, 0x1ff8 and 0x1004 lie in page 1, 0x2000 and 0x2010 in page 2: 1 1 2 1 2.
        // 8 KiB pages: 0 0 1 0 1. 16 KiB pages: all in page 0.
        long[] addresses = {0x1000, 0x1ff8, 0x2000, 0x1004, 0x2010};
        byte[] kinds = {ReferenceReader.READ, ReferenceReader.WRITE, ReferenceReader.READ, ReferenceReader.EXECUTE,
                ReferenceReader.READ};
        Trace trace = new AddressTrace(addresses, kinds);
        assertThat(Replay.run(trace, 1, Policy.LRU).faults()).isEqualTo(4);     // 1, 1, 2, 1, 2
        assertThat(Replay.of(trace).pageShift(14).run(1, Policy.LRU).faults()).isEqualTo(1);
        assertThat(Replay.of(trace).pageShift(13).run(1, Policy.LRU).faults()).isEqualTo(4); // 0 0 1 0 1
        assertThat(Replay.of(trace).pageShift(13).run(2, Policy.OPT).faults()).isEqualTo(2);
        assertThat(Replay.of(trace).pageShift(13).run(2, Policy.NRU).faults()).isEqualTo(2);
    }

    @Test
    void policyInstance_runsThroughTheGenericLoop() throws IOException {
        ReplacementPolicy fifo = new Fifo();
        assertThat(Replay.of(TEXTBOOK).run(4, fifo).faults()).isEqualTo(10);
        assertThat(Replay.of(TEXTBOOK).run(3, Opt.forPages(TEXTBOOK.pages())).faults()).isEqualTo(7);
    }

    @Test
    void aPolicyThatChoosesAFrameOutOfRange_isReported() {
        ReplacementPolicy liar = new ReplacementPolicy() {
            @Override public void reset(int frames) { }
            @Override public void loaded(int frame, boolean write, long now) { }
            @Override public void referenced(int frame, boolean write, long now) { }
            @Override public void freed(int frame) { }
            @Override public int victim(long now) { return 7; }
            @Override public String name() { return "LIAR"; }
        };
        assertThatThrownBy(() -> Replay.of(TEXTBOOK).run(3, liar)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LIAR chose frame 7").hasMessageContaining("0..2");
    }

    @Test
    void theOnePageThatScramblesToZero_isResidentLikeAnyOther() throws IOException {
        // The replay's table marks empty slots with a scrambled key of zero; the page 0x5DEECE66D scrambles
        // to zero and lives in a slot of its own. It must hit, be evicted and come back like any page.
        long odd = 0x5DEECE66DL;
        long[] pages = {odd, 1, odd, 2, 3, odd, 1, 2, odd, odd, 4, 5, 6, odd};
        for (String policy : new String[] {"FIFO", "LRU", "CLOCK", "OPT", "ARC"}) {
            for (int frames = 1; frames <= 4; frames++) {
                assertThat(Replay.run(PageTrace.of(pages), frames, Policy.named(policy)).faults())
                        .as("%s with %d frames", policy, frames)
                        .isEqualTo(NaiveSimulator.faults(policy, pages, frames));
            }
        }
    }

    @Test
    void lessThanOneFrame_isRefused() {
        assertThatThrownBy(() -> Replay.run(TEXTBOOK, 0, Policy.LRU)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 frame");
    }

    @Test
    void interrupt_stopsTheReplayWithThePartialResultAndKeepsTheInterruptStatus() {
        long[] pages = new Random(2).longs(3 * Replay.BATCH, 0, 100).toArray();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Replay.run(PageTrace.of(pages), 10, Policy.CLOCK))
                    .isInstanceOfSatisfying(ReplayInterruptedException.class, e -> {
                        assertThat(e.partial().complete()).isFalse();
                        assertThat(e.partial().references()).isZero();
                        assertThat(e.partial()).hasToString("CLOCK, 10 frames: 0 references, 0 faults (0.0%), interrupted");
                        assertThat(e).hasMessageContaining("interrupted after 0 references");
                    });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void interrupt_midwayKeepsWhatWasCounted() {
        long[] pages = new Random(2).longs(3 * Replay.BATCH, 0, 100).toArray();
        Replay replay = Replay.of(PageTrace.of(pages)).progress((references, faults) -> {
        });
        // Interrupt from a policy once the second batch is under way.
        ReplacementPolicy interrupting = new InterruptingLru(Replay.BATCH + 5);
        try {
            assertThatThrownBy(() -> replay.run(10, interrupting))
                    .isInstanceOfSatisfying(ReplayInterruptedException.class,
                            e -> assertThat(e.partial().references()).isEqualTo(2L * Replay.BATCH));
        } finally {
            Thread.interrupted();
        }
    }

    /** Hides a policy's class, so that the replay takes its generic loop. */
    static final class Wrapped implements dev.pagelab.engine.PageAwarePolicy {
        private final ReplacementPolicy inner;

        Wrapped(ReplacementPolicy inner) {
            this.inner = inner;
        }

        @Override public void reset(int frames) { inner.reset(frames); }
        @Override public void loaded(int frame, boolean write, long now) { inner.loaded(frame, write, now); }
        @Override public void referenced(int frame, boolean write, long now) { inner.referenced(frame, write, now); }
        @Override public void freed(int frame) { inner.freed(frame); }
        @Override public int victim(long now) { return inner.victim(now); }
        @Override public boolean needsReferences() { return inner.needsReferences(); }
        @Override public String name() { return inner.name(); }

        @Override
        public void faulting(long page, long now) {
            if (inner instanceof dev.pagelab.engine.PageAwarePolicy aware) {
                aware.faulting(page, now);
            }
        }
    }

    /** An LRU stand-in (through the generic loop) that interrupts its thread at a given time. */
    static final class InterruptingLru implements ReplacementPolicy {
        private final ReplacementPolicy lru = Policy.LRU.create();
        private final long at;

        InterruptingLru(long at) {
            this.at = at;
        }

        @Override public void reset(int frames) { lru.reset(frames); }
        @Override public void loaded(int frame, boolean write, long now) { tick(now); lru.loaded(frame, write, now); }
        @Override public void referenced(int frame, boolean write, long now) { tick(now); lru.referenced(frame, write, now); }
        @Override public void freed(int frame) { lru.freed(frame); }
        @Override public int victim(long now) { return lru.victim(now); }
        @Override public String name() { return "LRU"; }

        private void tick(long now) {
            if (now == at) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void progress_isReportedEveryMillionReferencesAndAtTheEnd() throws IOException {
        long[] pages = new long[(int) (2.5 * Replay.PROGRESS_EVERY)];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = i % 1000;
        }
        List<long[]> reports = new ArrayList<>();
        ReplayResult r = Replay.of(PageTrace.of(pages)).progress((refs, faults) -> reports.add(new long[] {refs, faults}))
                .run(2000, Policy.FIFO);
        assertThat(reports).extracting(x -> x[0])
                .containsExactly(Replay.PROGRESS_EVERY, 2 * Replay.PROGRESS_EVERY, (long) pages.length);
        assertThat(reports.get(2)[1]).isEqualTo(1000).isEqualTo(r.faults());
    }
}
