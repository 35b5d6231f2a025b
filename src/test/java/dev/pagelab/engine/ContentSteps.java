package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Three spaces of eight committed pages on one memory, and the steps the frame properties share: touches, writes,
 * reads that must give the last value written, decommits and MEM_RESET, the values written kept to check reads.
 */
final class ContentSteps {
    static final int PAGE = 4096;
    static final int PAGES = 8;
    /** Ops {@code 0..LAST_OP} are this class's; a property may add its own above. */
    static final int LAST_OP = 6;
    private static final Layout SMALL = Layout.WINDOWS_X64.userRange(0x10000, 1L << 24);

    final VirtualMemory[] spaces = new VirtualMemory[3];
    final long[] bases = new long[3];
    private final Map<Long, Long> written = new HashMap<>();
    private final Set<Long> reset = new HashSet<>();

    ContentSteps(PhysicalMemory memory) {
        for (int i = 0; i < spaces.length; i++) {
            spaces[i] = new VirtualMemory(SMALL, memory, i == 1 ? 0 : 4);
            assertThat(spaces[i].allocate(0, PAGES * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isZero();
            bases[i] = spaces[i].result();
        }
    }

    /** The address of page {@code page} of space {@code space}. */
    long address(int space, int page) {
        return bases[space] + (long) page * PAGE;
    }

    /** Makes step {@code op} (0 to {@link #LAST_OP}) on page {@code page} of space {@code space}. */
    void apply(int space, int op, int page, long value) {
        VirtualMemory vm = spaces[space];
        long address = address(space, page);
        long key = (long) space * PAGES + page;
        switch (op) {
            case 0, 1 -> assertThat(vm.touch(address, op == 0 ? ACCESS_READ : ACCESS_WRITE)).isZero();
            case 2, 3 -> {
                assertThat(vm.write(address, 8, value)).isZero();
                written.put(key, value);
                reset.remove(key);
            }
            case 4 -> {
                assertThat(vm.read(address, 8)).isZero();
                if (written.containsKey(key) || !reset.contains(key)) {
                    assertThat(vm.value()).as("page %d of space %d", page, space).isEqualTo(written.getOrDefault(key, 0L));
                }
            }
            case 5 -> {
                assertThat(vm.free(address, PAGE, MEM_DECOMMIT)).isZero();
                assertThat(vm.allocate(address, PAGE, MEM_COMMIT, PAGE_READWRITE)).isZero();
                written.remove(key);
                reset.remove(key);
            }
            case 6 -> {
                // MEM_RESET: the contents may go (when the page is evicted); until the next write, a read may
                // give the old value or zeros.
                assertThat(vm.allocate(address, PAGE, MEM_RESET, PAGE_READWRITE)).isZero();
                written.remove(key);
                reset.add(key);
            }
            default -> throw new IllegalArgumentException("op " + op);
        }
    }

    /** The invariants of every space. */
    void checkAll() {
        for (VirtualMemory vm : spaces) {
            Invariants.check(vm);
        }
    }
}
