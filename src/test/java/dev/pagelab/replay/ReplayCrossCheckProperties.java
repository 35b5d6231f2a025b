package dev.pagelab.replay;

import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Replay fault counts against the naive list-based simulators, and the fast loops against the generic one. */
class ReplayCrossCheckProperties {

    @Provide
    Arbitrary<long[]> traces() {
        return Combinators.combine(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(0, 400))
                .flatAs((pages, length) -> Arbitraries.longs().between(0, pages - 1).array(long[].class).ofSize(length));
    }

    @Property(tries = 200)
    void replay_agreesWithTheNaiveSimulator(@ForAll("traces") long[] trace, @ForAll @IntRange(min = 1, max = 24) int frames,
                                            @ForAll("checked") Policy policy) throws IOException {
        long expected = NaiveSimulator.faults(policy.name(), trace, frames);
        assertThat(Replay.run(PageTrace.of(trace), frames, policy).faults()).isEqualTo(expected);
    }

    @Property(tries = 200)
    void specialisedLoops_agreeWithTheGenericLoop(@ForAll("traces") long[] trace,
                                                  @ForAll @IntRange(min = 1, max = 24) int frames,
                                                  @ForAll("checked") Policy policy) throws IOException {
        PageTrace t = PageTrace.of(trace);
        ReplayResult fast = Replay.run(t, frames, policy);
        ReplayResult generic = Replay.of(t).run(frames, new ReplayTest.Wrapped(policy.create(trace)));
        assertThat(generic.faults()).isEqualTo(fast.faults());
        assertThat(generic.evictions()).isEqualTo(fast.evictions());
        assertThat(generic.faultsPerBucket()).isEqualTo(fast.faultsPerBucket());
    }

    @Property(tries = 30)
    void replay_agreesWithTheNaiveSimulatorAcrossManyFrames(@ForAll("longTraces") long[] trace,
                                                           @ForAll @IntRange(min = 60, max = 200) int frames,
                                                           @ForAll("checked") Policy policy) throws IOException {
        // Past 64 frames CLOCK sweeps more than one word of reference bits.
        assertThat(Replay.run(PageTrace.of(trace), frames, policy).faults())
                .isEqualTo(NaiveSimulator.faults(policy.name(), trace, frames));
    }

    @Provide
    Arbitrary<long[]> longTraces() {
        return Combinators.combine(Arbitraries.integers().between(60, 300), Arbitraries.integers().between(500, 2000))
                .flatAs((pages, length) -> Arbitraries.longs().between(0, pages - 1).array(long[].class).ofSize(length));
    }

    @Provide
    Arbitrary<Policy> checked() {
        return Arbitraries.of(Policy.FIFO, Policy.LRU, Policy.CLOCK, Policy.OPT, Policy.ARC);
    }

    @Test
    void replay_agreesWithTheNaiveSimulatorOnLongerSkewedTraces() throws IOException {
        Random random = new Random(20240601);
        for (int round = 0; round < 6; round++) {
            int pages = 20 + random.nextInt(200);
            long[] trace = new long[3000];
            for (int i = 0; i < trace.length; i++) {
                // Skewed: squares of uniforms favour small page numbers; every fourth run is a loop.
                trace[i] = round % 4 == 3 ? i % pages : (long) (pages * Math.pow(random.nextDouble(), 2));
            }
            PageTrace t = PageTrace.of(trace);
            for (int frames : new int[] {1, 2, 7, 16, pages / 2, pages - 1}) {
                for (String policy : new String[] {"FIFO", "LRU", "CLOCK", "OPT", "ARC"}) {
                    assertThat(Replay.run(t, frames, Policy.named(policy)).faults())
                            .as("%s with %d frames, round %d", policy, frames, round)
                            .isEqualTo(NaiveSimulator.faults(policy, trace, frames));
                }
            }
        }
    }

    @Property(tries = 100)
    void lruAndOpt_neverFaultMoreWithMoreFrames(@ForAll("traces") long[] trace,
                                                @ForAll @IntRange(min = 1, max = 30) int frames) throws IOException {
        PageTrace t = PageTrace.of(trace);
        for (Policy policy : new Policy[] {Policy.LRU, Policy.OPT}) {
            assertThat(Replay.run(t, frames + 1, policy).faults())
                    .isLessThanOrEqualTo(Replay.run(t, frames, policy).faults());
        }
    }

    @Property(tries = 100)
    void opt_neverFaultsMoreThanAnyPolicy(@ForAll("traces") long[] trace, @ForAll @IntRange(min = 1, max = 30) int frames,
                                          @ForAll long seed) throws IOException {
        PageTrace t = PageTrace.of(trace);
        long opt = Replay.run(t, frames, Policy.OPT).faults();
        for (Policy policy : new Policy[] {Policy.FIFO, Policy.LRU, Policy.CLOCK, Policy.nru(seed), Policy.random(seed),
                Policy.ARC}) {
            assertThat(opt).as("OPT against %s", policy).isLessThanOrEqualTo(Replay.run(t, frames, policy).faults());
        }
    }

    @Property(tries = 50)
    void seededPolicies_replayIdentically(@ForAll("traces") long[] trace, @ForAll @IntRange(min = 1, max = 10) int frames,
                                          @ForAll long seed) throws IOException {
        PageTrace t = PageTrace.of(trace);
        for (Policy policy : new Policy[] {Policy.random(seed), Policy.nru(seed), Policy.ARC}) {
            ReplayResult first = Replay.run(t, frames, policy);
            ReplayResult second = Replay.run(t, frames, policy);
            assertThat(second.faultsPerBucket()).isEqualTo(first.faultsPerBucket());
        }
    }
}
