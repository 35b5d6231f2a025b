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
 * frames, with Windows working sets or textbook replacement ({@code docs/windows-rules.md} W4), and the same through
 * views of one section the three map (two shared, one copy-on-write; W5). After every step: frames are conserved
 * (working sets + standby + modified + free = frames), a page is in at most one place, locked pages are resident
 * ({@link Invariants#checkFrames}); soft faults never read the page file; every value written reads back, through
 * every view; a lock refused changes nothing; EmptyWorkingSet keeps only locked pages.
 */
class WorkingSetProperties {

    /** One step: which space, what to do, on which of its eight pages (and how many), with which value. */
    record Step(int space, int op, int page, long value) {}

    private static final int PAGE = ContentSteps.PAGE;
    private static final int PAGES = ContentSteps.PAGES;
    private static final int FRAMES = 6;
    /** The section's pages; each space maps all of them. */
    private static final int SECTION_PAGES = 4;
    private static final int[] VIEW_ACCESS = {FILE_MAP_WRITE, FILE_MAP_WRITE, FILE_MAP_COPY};

    @Property(tries = 1_000)
    void listsLocksAndSoftFaults_keepFramesAndContents(@ForAll("steps") @Size(min = 1, max = 80) List<Step> steps,
                                                       @ForAll @IntRange(min = 0, max = 3) int policyIndex,
                                                       @ForAll boolean windows) {
        Policy policy = List.of(Policy.FIFO, Policy.LRU, Policy.CLOCK, Policy.NRU).get(policyIndex);
        // Room in the page file and the commit charge for the section and the copy-on-write view's private copies.
        long room = 3 * PAGES + 2 * SECTION_PAGES;
        PhysicalMemory memory = windows
                ? new PhysicalMemory(PAGE, FRAMES, room, room, policy::create, true)
                : new PhysicalMemory(PAGE, FRAMES, room, room, policy.create());
        ContentSteps run = new ContentSteps(memory);
        VirtualMemory[] spaces = run.spaces;
        long[] views = new long[spaces.length];
        Section section = memory.newSection(SECTION_PAGES * PAGE, PAGE_READWRITE, null, new String[1]);
        for (int i = 0; i < spaces.length; i++) {
            assertThat(spaces[i].mapSection(section, VIEW_ACCESS[i], 0, 0, 0)).isZero();
            views[i] = spaces[i].result();
        }
        long[] shared = new long[SECTION_PAGES];
        Long[] copies = new Long[SECTION_PAGES];
        for (Step step : steps) {
            VirtualMemory vm = spaces[step.space()];
            long address = run.address(step.space(), step.page());
            int sectionPage = step.page() % SECTION_PAGES;
            long viewAddress = views[step.space()] + (long) sectionPage * PAGE;
            boolean copyView = VIEW_ACCESS[step.space()] == FILE_MAP_COPY;
            switch (step.op()) {
                case 0, 1, 2, 3, 4, 5, 6 -> run.apply(step.space(), step.op(), step.page(), step.value());
                case 10 -> { // a write through a view: shared, or a private copy in the copy-on-write view
                    assertThat(vm.write(viewAddress, 8, step.value())).isZero();
                    if (copyView) {
                        copies[sectionPage] = step.value();
                    } else {
                        shared[sectionPage] = step.value();
                    }
                }
                case 11 -> { // a read through a view
                    assertThat(vm.read(viewAddress, 8)).isZero();
                    long expected = copyView && copies[sectionPage] != null ? copies[sectionPage] : shared[sectionPage];
                    assertThat(vm.value()).as("page %d through the view of space %d", sectionPage, step.space())
                            .isEqualTo(expected);
                }
                case 12 -> { // VirtualLock of a view page
                    long before = vm.lockedPages();
                    boolean wasLocked = vm.locked(viewAddress);
                    int error = vm.lock(viewAddress, PAGE);
                    assertThat(error).isIn(0, ERROR_WORKING_SET_QUOTA);
                    if (error == 0) {
                        assertThat(vm.locked(viewAddress)).isTrue();
                        assertThat(vm.page(viewAddress).resident()).isTrue();
                        assertThat(vm.lockedPages()).isEqualTo(before + (wasLocked ? 0 : 1));
                    } else {
                        assertThat(vm.lockedPages()).as("a refused lock locks nothing").isEqualTo(before);
                    }
                }
                case 13 -> { // VirtualUnlock of a view page
                    boolean wasLocked = vm.locked(viewAddress);
                    assertThat(vm.unlock(viewAddress, PAGE)).isEqualTo(wasLocked ? 0 : ERROR_NOT_LOCKED);
                    assertThat(vm.locked(viewAddress)).isFalse();
                }
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
                    assertThat(vm.workingSetSize(-1, -1)).isZero();
                    assertOnlyLockedPagesLeft(memory, vm);
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

    /**
     * After EmptyWorkingSet: every page of the space's own still in a frame and not on a list is locked; with working
     * sets, so is every frame of its working set, section pages among them (W4-9, W5-6). A view page of another
     * space's working set may stay mapped.
     */
    private static void assertOnlyLockedPagesLeft(PhysicalMemory memory, VirtualMemory vm) {
        WorkingSets sets = memory.workingSets();
        for (int f = 0; f < memory.framesTouched(); f++) {
            boolean listed = memory.frameList(f) != 0;
            if (memory.owner(f) == vm && !listed) {
                assertThat(memory.locked(f)).as("frame %d of the emptied space is locked", f).isTrue();
            }
            if (sets != null && sets.where(f) == WorkingSets.IN_SET && sets.setOf(f) == vm.number()) {
                assertThat(memory.locked(f)).as("frame %d of the emptied working set is locked", f).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, PAGES - 1), Arbitraries.longs()).as(Step::new).list();
    }
}
