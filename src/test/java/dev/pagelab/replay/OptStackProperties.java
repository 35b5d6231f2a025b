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

/** The critical-stack OPT curve against Mattson's priority stack (the former implementation) and OPT replays. */
class OptStackProperties {

    @Provide
    Arbitrary<long[]> traces() {
        return Combinators.combine(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(0, 400))
                .flatAs((pages, length) -> Arbitraries.longs().between(0, pages - 1).array(long[].class).ofSize(length));
    }

    /** Few pages, long runs: repeats of the last page and loops come up often. */
    @Provide
    Arbitrary<long[]> repetitive() {
        return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(0, 200))
                .flatAs((pages, length) -> Arbitraries.longs().between(0, pages - 1).array(long[].class).ofSize(length));
    }

    @Property(tries = 400)
    void criticalStackCurve_equalsMattsonsPriorityStack(@ForAll("traces") long[] trace) throws IOException {
        assertSameCurve(trace);
    }

    @Property(tries = 300)
    void criticalStackCurve_equalsMattsonsPriorityStack_onFewPages(@ForAll("repetitive") long[] trace)
            throws IOException {
        assertSameCurve(trace);
    }

    @Property(tries = 150)
    void criticalStackCurve_equalsAnOptReplayAtEverySize(@ForAll("traces") long[] trace) throws IOException {
        PageTrace t = PageTrace.of(trace);
        MissRatioCurve curve = Replay.of(t).curve(Policy.OPT);
        for (int frames = 1; frames <= t.distinctPages() + 1; frames++) {
            assertThat(curve.faultsAt(frames)).as("OPT with %d frames", frames)
                    .isEqualTo(Replay.run(t, frames, Policy.OPT).faults());
        }
    }

    @Test
    void criticalStackCurve_equalsMattsonsPriorityStack_acrossCompactions() throws IOException {
        // Thousands of pages and tens of thousands of references: the time line is packed and grown many times.
        Random random = new Random(1970);
        for (int round = 0; round < 5; round++) {
            int pages = 100 + random.nextInt(5000);
            long[] trace = new long[40_000];
            for (int i = 0; i < trace.length; i++) {
                trace[i] = switch (round % 3) {
                    case 0 -> (long) (pages * Math.pow(random.nextDouble(), 3));
                    case 1 -> i % pages;
                    default -> random.nextInt(8) == 0 ? random.nextInt(pages) : i / 3 % 97;
                };
            }
            assertSameCurve(trace);
        }
    }

    private static void assertSameCurve(long[] trace) throws IOException {
        Replay replay = Replay.of(PageTrace.of(trace));
        MissRatioCurve expected = MattsonOptStack.curve(replay, replay.nextUses());
        MissRatioCurve actual = replay.curve(Policy.OPT);
        assertThat(actual.pages()).isEqualTo(expected.pages());
        assertThat(actual.references()).isEqualTo(expected.references());
        for (int frames = 1; frames <= expected.pages() + 1; frames++) {
            assertThat(actual.faultsAt(frames)).as("OPT with %d frames", frames).isEqualTo(expected.faultsAt(frames));
        }
    }
}
