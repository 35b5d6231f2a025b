package dev.pagelab.policy;

import dev.pagelab.engine.ReplacementPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract every policy keeps, driven through the SPI as an engine drives it, with textbook traces. */
class PolicyContractTest {
    /** The textbook trace of Belady, Nelson and Shedler (1969). */
    static final long[] TEXTBOOK = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5};

    static ReplacementPolicy fresh(Policy policy, long[] pages) {
        return policy.create(pages);
    }

    static Stream<Policy> policies() {
        return Stream.concat(Policy.values().stream(), Stream.of(Policy.random(7), Policy.nru(7, 5)));
    }

    static int faults(Policy policy, int frames, long... pages) {
        return PolicyDriver.run(fresh(policy, pages), frames, pages).faults;
    }

    @Test
    void textbookTrace_fifoFaultsNineWithThreeFrames() {
        // 1 2 3 fill memory (3); 4 evicts 1, 1 evicts 2, 2 evicts 3, 5 evicts 4 (7); 1 2 hit;
        // 3 evicts 1, 4 evicts 2 (9); 5 hits.
        assertThat(faults(Policy.FIFO, 3, TEXTBOOK)).isEqualTo(9);
    }

    @Test
    void beladyAnomaly_fifoFaultsMoreWithFourFrames() {
        // 1 2 3 4 fill memory (4); 1 2 hit; 5 evicts 1, 1 evicts 2, 2 evicts 3, 3 evicts 4,
        // 4 evicts 5, 5 evicts 1 (10): one more fault than with three frames.
        assertThat(faults(Policy.FIFO, 4, TEXTBOOK)).isEqualTo(10);
        assertThat(faults(Policy.FIFO, 4, TEXTBOOK)).isGreaterThan(faults(Policy.FIFO, 3, TEXTBOOK));
    }

    @Test
    void textbookTrace_lruFaultsTenWithThreeFramesAndEightWithFour() {
        // 3 frames: 1 2 3 (3); 4 evicts 1, 1 evicts 2, 2 evicts 3, 5 evicts 4 (7); 1 2 hit;
        // 3 evicts 5, 4 evicts 1, 5 evicts 2 (10).
        // 4 frames: 1 2 3 4 (4); 1 2 hit; 5 evicts 3 (5); 1 2 hit; 3 evicts 4, 4 evicts 5, 5 evicts 1 (8).
        assertThat(faults(Policy.LRU, 3, TEXTBOOK)).isEqualTo(10);
        assertThat(faults(Policy.LRU, 4, TEXTBOOK)).isEqualTo(8);
    }

    @Test
    void textbookTrace_optFaultsSevenWithThreeFramesAndSixWithFour() {
        // 3 frames: 1 2 3 (3); 4 evicts 3 (used last, at 9) (4); 1 2 hit; 5 evicts 4 (next at 10) (5); 1 2 hit;
        // 3 and 4 each evict a page never used again (7); 5 hits.
        // 4 frames: 1 2 3 4 (4); 1 2 hit; 5 evicts 4 (next at 10) (5); 1 2 3 hit; 4 evicts 1 or 2 (6); 5 hits.
        assertThat(faults(Policy.OPT, 3, TEXTBOOK)).isEqualTo(7);
        assertThat(faults(Policy.OPT, 4, TEXTBOOK)).isEqualTo(6);
    }

    @Test
    void clock_workedExample_secondChanceSparesTheReferencedPage() {
        // Three frames, the hand at frame 0; "p(b)" is page p with its reference bit b.
        // 1 2 3      fill frames 0 1 2, all bits set by the loads             [1(1) 2(1) 3(1)] hand 0, 3 faults
        // 4          sweep clears 0 1 2, comes round to frame 0 clear: evict 1  [4(1) 2(0) 3(0)] hand 1, 4 faults
        // 2          hit, sets frame 1                                         [4(1) 2(1) 3(0)]
        // 5          frame 1 set: clear it; frame 2 clear: evict 3             [4(1) 2(0) 5(1)] hand 0, 5 faults
        // 2          hit, sets frame 1                                         [4(1) 2(1) 5(1)]
        // 3          clear 0 1 2, frame 0 now clear: evict 4                   [3(1) 2(0) 5(0)] hand 1, 6 faults
        // 6          frame 1 clear: evict 2                                    [3(1) 6(1) 5(0)] hand 2, 7 faults
        // FIFO would have evicted 1, 2, 3, 4 instead, and faulted on the second 2 as well.
        long[] trace = {1, 2, 3, 4, 2, 5, 2, 3, 6};
        Clock clock = new Clock();
        PolicyDriver driver = PolicyDriver.run(clock, 3, trace);
        assertThat(driver.faults).isEqualTo(7);
        assertThat(driver.evicted).containsExactly(1L, 3L, 4L, 2L);
        assertThat(clock.hand()).isEqualTo(2);
        assertThat(driver.frameOf).containsEntry(3L, 0).containsEntry(6L, 1).containsEntry(5L, 2);
        assertThat(faults(Policy.FIFO, 3, trace)).isEqualTo(8);
    }

    @Test
    void clock_handRestsOnePastTheFrameItChose() {
        // 1 2 3 4: the sweep clears all three bits and evicts frame 0; the hand must rest on frame 1 even
        // though the engine calls loaded(0) after victim().
        Clock clock = new Clock();
        PolicyDriver.run(clock, 3, 1, 2, 3, 4);
        assertThat(clock.hand()).isEqualTo(1);
    }

    @Test
    void nru_evictsTheOnlyPageNeitherReferencedNorModified() {
        // Three frames, R bits cleared every 3 references. 1 (read), 2 (write), 3 (read) load frames 0 1 2;
        // the tick after the third clears R: classes 0 (page 1), 1 (page 2, modified), 0 (page 3).
        // 1 is referenced again: class 2. The fault on 4 takes the lowest class, 0, which holds page 3 alone.
        PolicyDriver driver = new PolicyDriver(new Nru(1, 3), 3);
        driver.access(1, false);
        driver.access(2, true);
        driver.access(3, false);
        driver.access(1, false);
        driver.access(4, false);
        assertThat(driver.evicted).containsExactly(3L);
    }

    @Test
    void nru_prefersAnUnreferencedDirtyPageToAReferencedCleanOne() {
        // Two frames, a tick every 2 references. 1 (write) and 2 (read) load frames 0 and 1; the tick clears R:
        // page 1 in class 1 (modified), page 2 in class 0. 2 is read again: class 2. The fault on 3 takes class 1.
        PolicyDriver driver = new PolicyDriver(new Nru(1, 2), 2);
        driver.access(1, true);
        driver.access(2, false);
        driver.access(2, false);
        driver.access(3, false);
        assertThat(driver.evicted).containsExactly(1L);
    }

    @Test
    void random_sameSeedSameVictims_otherSeedOtherVictims() {
        long[] trace = new Random(3).longs(400, 0, 20).toArray();
        List<Long> first = PolicyDriver.run(new RandomPolicy(11), 5, trace).evicted;
        List<Long> again = PolicyDriver.run(new RandomPolicy(11), 5, trace).evicted;
        List<Long> other = PolicyDriver.run(new RandomPolicy(12), 5, trace).evicted;
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void arc_keepsAFrequentlyUsedPageThroughAScan() {
        // Two hot pages referenced twice land in T2; a one-time scan of new pages cycles through T1 and the
        // hot pages survive it, where LRU loses them.
        long[] trace = {1, 2, 1, 2, 10, 11, 12, 13, 14, 15, 1, 2};
        assertThat(faults(Policy.ARC, 4, trace)).isEqualTo(8);
        assertThat(faults(Policy.LRU, 4, trace)).isEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("policies")
    void everyPolicy_faultsOncePerPageWhenMemoryHoldsThemAll(Policy policy) {
        assertThat(faults(policy, 5, TEXTBOOK)).isEqualTo(5);
        assertThat(faults(policy, 1, TEXTBOOK)).isEqualTo(12);
    }

    @ParameterizedTest
    @MethodSource("policies")
    void everyPolicy_neverChoosesAFreedFrame(Policy policy) {
        long[] trace = new Random(5).longs(300, 0, 12).toArray();
        PolicyDriver driver = new PolicyDriver(fresh(policy, trace), 4);
        Random random = new Random(9);
        for (long page : trace) {
            driver.access(page, random.nextBoolean());
            if (random.nextInt(10) == 0 && !driver.frameOf.isEmpty()) {
                driver.free(driver.frameOf.keySet().iterator().next());
            }
        }
        assertThat(driver.faults).isGreaterThan(12);
    }

    @Property(tries = 150)
    void everyPolicy_victimIsAlwaysAFrameInUse(@ForAll("traces") long[] trace, @ForAll @IntRange(min = 1, max = 9) int frames,
                                              @ForAll("policyValues") Policy policy) {
        PolicyDriver driver = PolicyDriver.run(fresh(policy, trace), frames, trace);
        assertThat(driver.faults).isBetween(Math.min(trace.length, 1), trace.length);
    }

    @Property(tries = 150)
    void optIsNeverWorseThanAnyPolicy(@ForAll("traces") long[] trace, @ForAll @IntRange(min = 1, max = 9) int frames,
                                      @ForAll("policyValues") Policy policy) {
        assertThat(faults(Policy.OPT, frames, trace)).isLessThanOrEqualTo(faults(policy, frames, trace));
    }

    @Provide
    Arbitrary<long[]> traces() {
        return Combinators.combine(Arbitraries.integers().between(1, 15), Arbitraries.integers().between(0, 120))
                .flatAs((pages, length) -> Arbitraries.longs().between(0, pages - 1).array(long[].class).ofSize(length));
    }

    @Provide
    Arbitrary<Policy> policyValues() {
        return Arbitraries.of(policies().toList());
    }

    @Test
    void policyValues_areShortNamesAndFreshInstances() {
        assertThat(Policy.values()).extracting(Policy::name)
                .containsExactly("FIFO", "LRU", "CLOCK", "NRU", "RANDOM", "OPT", "ARC");
        assertThat(Policy.LRU).hasToString("LRU");
        assertThat(Policy.random(7)).hasToString("RANDOM(7)").isEqualTo(Policy.random(7)).isNotEqualTo(Policy.RANDOM);
        assertThat(Policy.RANDOM).hasToString("RANDOM");
        assertThat(Policy.nru(3, 100)).hasToString("NRU(3, every 100)");
        assertThat(Policy.named(" lru ")).isSameAs(Policy.LRU);
        assertThat(Policy.LRU.create()).isNotSameAs(Policy.LRU.create()).isInstanceOf(Lru.class);
        assertThat(Policy.LRU.isStackAlgorithm()).isTrue();
        assertThat(Policy.FIFO.isStackAlgorithm()).isFalse();
        assertThat(Policy.OPT.needsFuture()).isTrue();
        assertThat(new Fifo().needsReferences()).isFalse();
        assertThat(new RandomPolicy(1).needsReferences()).isFalse();
        assertThat(new Lru().needsReferences()).isTrue();
    }

    @Test
    void optWithoutAFuture_isRefusedWithAnExplanation() {
        assertThatThrownBy(Policy.OPT::create).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("future");
        assertThatThrownBy(() -> Policy.named("MRU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FIFO, LRU, CLOCK");
        assertThatThrownBy(() -> new Lru().reset(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opt_nextUses_pointAtTheNextReferenceToTheSamePage() {
        assertThat(Opt.nextUses(1, 2, 1, 3, 2, 1))
                .containsExactly(2, 4, 5, Opt.NEVER, Opt.NEVER, Opt.NEVER);
    }
}
