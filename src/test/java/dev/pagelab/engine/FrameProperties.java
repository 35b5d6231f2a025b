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

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Random accesses, decommits and resets by three spaces sharing a memory of a few frames, with global replacement
 * (one pool) or frames of each space's own (three pools): after every step the frames agree with the page tables
 * and the page file, and every value written reads back, wherever its page went in between.
 */
class FrameProperties {

    /** One step: which space, what to do, on which of its eight pages, with which value. */
    record Step(int space, int op, int page, long value) {}

    private static final int PAGE = 4096;
    private static final int PAGES = 8;
    private static final Layout SMALL = Layout.WINDOWS_X64.userRange(0x10000, 1L << 24);

    @Property(tries = 1_000)
    void sharedOrOwnFrames_agreeWithPageTablesAndKeepContents(@ForAll("steps") @Size(min = 1, max = 60) List<Step> steps,
                                                              @ForAll @IntRange(min = 0, max = 3) int policyIndex,
                                                              @ForAll boolean framesOfTheirOwn) {
        Policy policy = List.of(Policy.FIFO, Policy.LRU, Policy.CLOCK, Policy.NRU).get(policyIndex);
        PhysicalMemory memory = framesOfTheirOwn
                ? new PhysicalMemory(PAGE, 6, 3 * PAGES, 3 * PAGES, 2, policy::create)
                : new PhysicalMemory(PAGE, 5, 3 * PAGES, 3 * PAGES, policy.create());
        VirtualMemory[] spaces = new VirtualMemory[3];
        long[] bases = new long[3];
        for (int i = 0; i < spaces.length; i++) {
            spaces[i] = new VirtualMemory(SMALL, memory, i == 1 ? 0 : 4);
            assertThat(spaces[i].allocate(0, PAGES * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isZero();
            bases[i] = spaces[i].result();
        }
        Map<Long, Long> written = new HashMap<>();
        Set<Long> reset = new HashSet<>();
        for (Step step : steps) {
            VirtualMemory vm = spaces[step.space()];
            long address = bases[step.space()] + (long) step.page() * PAGE;
            long key = (long) step.space() * PAGES + step.page();
            switch (step.op()) {
                case 0, 1 -> assertThat(vm.touch(address, step.op() == 0 ? ACCESS_READ : ACCESS_WRITE)).isZero();
                case 2, 3 -> {
                    assertThat(vm.write(address, 8, step.value())).isZero();
                    written.put(key, step.value());
                    reset.remove(key);
                }
                case 4 -> {
                    assertThat(vm.read(address, 8)).isZero();
                    if (written.containsKey(key) || !reset.contains(key)) {
                        assertThat(vm.value()).as("page %d of space %d", step.page(), step.space())
                                .isEqualTo(written.getOrDefault(key, 0L));
                    }
                }
                case 5 -> {
                    assertThat(vm.free(address, PAGE, MEM_DECOMMIT)).isZero();
                    assertThat(vm.allocate(address, PAGE, MEM_COMMIT, PAGE_READWRITE)).isZero();
                    written.remove(key);
                    reset.remove(key);
                }
                default -> {
                    // MEM_RESET: the contents may go (when the page is evicted); until the next write, a read may
                    // give the old value or zeros.
                    assertThat(vm.allocate(address, PAGE, MEM_RESET, PAGE_READWRITE)).isZero();
                    written.remove(key);
                    reset.add(key);
                }
            }
            Invariants.checkFrames(spaces);
        }
        for (VirtualMemory vm : spaces) {
            Invariants.check(vm);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, PAGES - 1), Arbitraries.longs()).as(Step::new).list();
    }
}
