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

    /**
     * Traces in phases (a loop, a scan of new pages, a hot set, references spread over all pages), so that the depth
     * is read now from the oldest end of the line, now from the newest, now from its tree, and the ways that keep
     * failing are set aside and tried again; long stretches between the old mark and the critical one come up too.
     */
    @Provide
    Arbitrary<long[]> phases() {
        Arbitrary<Integer> seeds = Arbitraries.integers();
        return Combinators.combine(Arbitraries.integers().between(20, 3000), Arbitraries.integers().between(1, 8),
                seeds).as((pages, count, seed) -> {
                    Random random = new Random(seed);
                    long[] trace = new long[count * (500 + random.nextInt(3000))];
                    int per = trace.length / count;
                    long fresh = pages;
                    for (int phase = 0; phase < count; phase++) {
                        int shape = random.nextInt(4);
                        int span = 1 + random.nextInt(pages);
                        for (int i = phase * per; i < (phase + 1) * per; i++) {
                            trace[i] = switch (shape) {
                                case 0 -> i % span;
                                case 1 -> fresh++;
                                case 2 -> (long) (span * Math.pow(random.nextDouble(), 4));
                                default -> random.nextInt(pages);
                            };
                        }
                    }
                    return trace;
                });
    }

    @Property(tries = 60)
    void criticalStackCurve_equalsMattsonsPriorityStack_onTracesInPhases(@ForAll("phases") long[] trace)
            throws IOException {
        assertSameCurve(trace);
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
