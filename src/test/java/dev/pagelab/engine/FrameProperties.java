package dev.pagelab.engine;


import dev.pagelab.policy.Policy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

/**
 * Random accesses, decommits and resets by three spaces sharing a memory of a few frames, with global replacement
 * (one pool) or frames of each space's own (three pools): after every step the frames agree with the page tables
 * and the page file, and every value written reads back, wherever its page went in between.
 */
class FrameProperties {

    /** One step: which space, what to do, on which of its eight pages, with which value. */
    record Step(int space, int op, int page, long value) {}

    private static final int PAGE = ContentSteps.PAGE;
    private static final int PAGES = ContentSteps.PAGES;

    @Property(tries = 1_000)
    void sharedOrOwnFrames_agreeWithPageTablesAndKeepContents(@ForAll("steps") @Size(min = 1, max = 60) List<Step> steps,
                                                              @ForAll @IntRange(min = 0, max = 3) int policyIndex,
                                                              @ForAll boolean framesOfTheirOwn) {
        Policy policy = List.of(Policy.FIFO, Policy.LRU, Policy.CLOCK, Policy.NRU).get(policyIndex);
        PhysicalMemory memory = framesOfTheirOwn
                ? new PhysicalMemory(PAGE, 6, 3 * PAGES, 3 * PAGES, 2, policy::create)
                : new PhysicalMemory(PAGE, 5, 3 * PAGES, 3 * PAGES, policy.create());
        ContentSteps run = new ContentSteps(memory);
        for (Step step : steps) {
            run.apply(step.space(), step.op(), step.page(), step.value());
            Invariants.checkFrames(run.spaces);
        }
        run.checkAll();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, PAGES - 1), Arbitraries.longs()).as(Step::new).list();
    }
}
