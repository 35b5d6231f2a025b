package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static org.assertj.core.api.Assertions.assertThat;

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
 * Random accesses, decommits, resets, locks, unlocks and emptied working sets by three spaces sharing a memory of six
 * frames, with Windows working sets or textbook replacement ({@code docs/windows-rules.md} W4). After every step:
 * frames are conserved (working sets + standby + modified + free = frames), a page is in at most one place, locked
 * pages are resident ({@link Invariants#checkFrames}); soft faults never read the page file; every value written reads
 * back; a lock refused changes nothing.
 */
class WorkingSetProperties {

    /** One step: which space, what to do, on which of its eight pages (and how many), with which value. */
    record Step(int space, int op, int page, long value) {}

    private static final int PAGE = ContentSteps.PAGE;
    private static final int PAGES = ContentSteps.PAGES;
    private static final int FRAMES = 6;

    @Property(tries = 1_000)
    void listsLocksAndSoftFaults_keepFramesAndContents(@ForAll("steps") @Size(min = 1, max = 80) List<Step> steps,
                                                       @ForAll @IntRange(min = 0, max = 3) int policyIndex,
                                                       @ForAll boolean windows) {
        Policy policy = List.of(Policy.FIFO, Policy.LRU, Policy.CLOCK, Policy.NRU).get(policyIndex);
        PhysicalMemory memory = windows
                ? new PhysicalMemory(PAGE, FRAMES, 3 * PAGES, 3 * PAGES, policy::create, true)
                : new PhysicalMemory(PAGE, FRAMES, 3 * PAGES, 3 * PAGES, policy.create());
        ContentSteps run = new ContentSteps(memory);
        VirtualMemory[] spaces = run.spaces;
        for (Step step : steps) {
            VirtualMemory vm = spaces[step.space()];
            long address = run.address(step.space(), step.page());
            switch (step.op()) {
                case 0, 1, 2, 3, 4, 5, 6 -> run.apply(step.space(), step.op(), step.page(), step.value());
                case 7 -> {
                    long pages = 1 + (step.value() & 1);
                    long before = vm.lockedPages();
                    long resident = vm.residentPages();
                    int error = vm.lock(address, Math.min(pages, PAGES - step.page()) * PAGE);
                    assertThat(error).isIn(0, ERROR_WORKING_SET_QUOTA);
                    if (error != 0) {
                        assertThat(vm.lockedPages()).as("a refused lock locks nothing").isEqualTo(before);
                        assertThat(vm.residentPages()).as("a refused lock brings nothing in").isEqualTo(resident);
                    } else {
                        assertThat(vm.locked(address)).isTrue();
                    }
                }
                case 8 -> {
                    boolean wasLocked = vm.locked(address);
                    assertThat(vm.unlock(address, PAGE)).isEqualTo(wasLocked ? 0 : ERROR_NOT_LOCKED);
                    assertThat(vm.locked(address)).isFalse();
                }
                default -> {
                    long locked = vm.lockedPages();
                    assertThat(vm.workingSetSize(-1, -1)).isZero();
                    assertThat(vm.residentPages()).as("EmptyWorkingSet keeps the locked pages").isEqualTo(locked);
                }
            }
            long hard = 0;
            for (VirtualMemory space : spaces) {
                hard += space.hardFaults();
            }
            assertThat(memory.hardFaults()).as("page-file reads are the hard faults: soft faults read nothing")
                    .isEqualTo(hard);
            Invariants.checkFrames(spaces);
        }
        run.checkAll();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, PAGES - 1), Arbitraries.longs()).as(Step::new).list();
    }
}
