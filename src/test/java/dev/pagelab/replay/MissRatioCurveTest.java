package dev.pagelab.replay;

import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MissRatioCurveTest {
    static final PageTrace TEXTBOOK = ReplayTest.TEXTBOOK;

    @Provide
    Arbitrary<long[]> traces() {
        return Combinators.combine(Arbitraries.integers().between(1, 30), Arbitraries.integers().between(0, 300))
                .flatAs((pages, length) -> Arbitraries.longs().between(0, pages - 1).array(long[].class).ofSize(length));
    }

    @Property(tries = 200)
    void onePassLruCurve_equalsAReplayAtEverySize(@ForAll("traces") long[] trace) throws IOException {
        assertCurveMatchesReplays(PageTrace.of(trace), Policy.LRU);
    }

    @Property(tries = 200)
    void onePassOptCurve_equalsAReplayAtEverySize(@ForAll("traces") long[] trace) throws IOException {
        assertCurveMatchesReplays(PageTrace.of(trace), Policy.OPT);
    }

    @Test
    void onePassCurves_equalReplaysOnLongerTraces_withStackCompaction() throws IOException {
        Random random = new Random(77);
        for (int round = 0; round < 4; round++) {
            int pages = 50 + random.nextInt(900);
            long[] trace = new long[6000];
            for (int i = 0; i < trace.length; i++) {
                trace[i] = round == 3 ? (i * 7L) % pages : (long) (pages * Math.pow(random.nextDouble(), 3)) * 4096;
            }
            PageTrace t = PageTrace.of(trace);
            MissRatioCurve lru = Replay.of(t).curve(Policy.LRU);
            MissRatioCurve opt = Replay.of(t).curve(Policy.OPT);
            for (int frames : new int[] {1, 2, 3, 10, 31, 100, 257, lru.sizes().length}) {
                assertThat(lru.faultsAt(frames)).as("LRU at %d", frames)
                        .isEqualTo(NaiveSimulator.lru(trace, frames));
                assertThat(opt.faultsAt(frames)).as("OPT at %d", frames)
                        .isEqualTo(Replay.run(t, frames, Policy.OPT).faults());
            }
        }
    }

    private static void assertCurveMatchesReplays(PageTrace trace, Policy policy) throws IOException {
        MissRatioCurve curve = Replay.of(trace).curve(policy);
        assertThat(curve.everySize()).isTrue();
        assertThat(curve.pages()).isEqualTo(trace.distinctPages());
        assertThat(curve.references()).isEqualTo(trace.size());
        for (int frames = 1; frames <= trace.distinctPages() + 1; frames++) {
            assertThat(curve.faultsAt(frames)).as("%s with %d frames", policy, frames)
                    .isEqualTo(Replay.run(trace, frames, policy).faults());
        }
    }

    @Test
    void textbookCurves() throws IOException {
        // LRU: 12, 12, 10, 8, 5 faults at 1..5 frames; OPT: 12, 9, 7, 6, 5 (see the replay tests for 3 and 4).
        MissRatioCurve lru = Replay.of(TEXTBOOK).curve(Policy.LRU);
        assertThat(lru.sizes()).containsExactly(1, 2, 3, 4, 5);
        assertThat(lru.faults()).containsExactly(12, 12, 10, 8, 5);
        assertThat(lru.faultsAt(50)).isEqualTo(5);
        assertThat(lru.missRatioAt(4)).isEqualTo(8 / 12.0);
        assertThat(lru).hasToString("LRU miss-ratio curve, 1..5 frames: 12 references, 12 faults at 1 frame, 5 at 5");
        MissRatioCurve opt = Replay.of(TEXTBOOK).curve(Policy.OPT);
        assertThat(opt.faults()).containsExactly(12, 9, 7, 6, 5);
    }

    @Test
    void fifoCurve_showsBeladysAnomaly() throws IOException {
        // One replay per size: 12, 12, 9, 10, 5 faults at 1..5 frames; 4 frames fault more than 3.
        MissRatioCurve fifo = Replay.of(TEXTBOOK).curve(Policy.FIFO);
        assertThat(fifo.everySize()).isFalse();
        assertThat(fifo.sizes()).containsExactly(1, 2, 3, 4, 5);
        assertThat(fifo.faults()).containsExactly(12, 12, 9, 10, 5);
        assertThat(fifo.faultsAt(4)).isGreaterThan(fifo.faultsAt(3));
        MissRatioCurve some = Replay.of(TEXTBOOK).curve(Policy.CLOCK, 4, 2, 2);
        assertThat(some.sizes()).containsExactly(2, 4);
        assertThat(some.faultsAt(9)).isEqualTo(5);
        assertThatThrownBy(() -> some.faultsAt(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replayed at 2 and 4 frames, not at 3");
        assertThatThrownBy(() -> some.faultsAt(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(some).hasToString("CLOCK miss-ratio curve, 2 and 4 frames: 12 references, 12 faults at 2 frames, 10 at 4");
    }

    @Property(tries = 40)
    void simulatedCurves_equalReplaysAtTheirSizes(@ForAll("traces") long[] trace) throws IOException {
        PageTrace t = PageTrace.of(trace);
        for (Policy policy : new Policy[] {Policy.FIFO, Policy.CLOCK, Policy.random(3), Policy.ARC}) {
            MissRatioCurve curve = Replay.of(t).curve(policy);
            int[] sizes = curve.sizes();
            long[] faults = curve.faults();
            for (int i = 0; i < sizes.length; i++) {
                assertThat(faults[i]).isEqualTo(Replay.run(t, sizes[i], policy).faults());
            }
        }
    }

    @Test
    void defaultSizes_everySizeForSmallTraces_logSpacedForLargeOnes() {
        assertThat(MissRatioCurve.defaultSizes(5)).containsExactly(1, 2, 3, 4, 5);
        assertThat(MissRatioCurve.defaultSizes(0)).containsExactly(1);
        int[] sizes = MissRatioCurve.defaultSizes(100_000);
        assertThat(sizes).startsWith(1, 2, 3).endsWith(100_000).isSorted().doesNotHaveDuplicates();
        assertThat(sizes.length).isBetween(100, 130);
    }

    @Test
    void emptyTrace_hasAnEmptyCurve() throws IOException {
        MissRatioCurve lru = Replay.of(PageTrace.of()).curve(Policy.LRU);
        assertThat(lru.sizes()).isEmpty();
        assertThat(lru.faultsAt(3)).isZero();
        assertThat(lru).hasToString("LRU miss-ratio curve: 0 references");
    }
}
