package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VirtualMemoryTextTest {

    private static VirtualMemory space() {
        return new VirtualMemory(Layout.WINDOWS_X64, new PhysicalMemory(4096, PhysicalMemory.UNLIMITED, 0, 64, null), 0);
    }

    @Test
    void toString_countsInTheSingularForOne() {
        // given one allocation of one committed page, touched once
        VirtualMemory vm = space();
        assertThat(vm.allocate(0, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isZero();
        assertThat(vm.touch(vm.result(), ACCESS_READ)).isZero();

        // then
        assertThat(vm).hasToString("address space: 1 allocation, 4 KiB committed, 1 page resident");
    }

    @Test
    void toString_countsInThePluralForNoneOrTwo() {
        VirtualMemory vm = space();
        assertThat(vm).hasToString("address space: 0 allocations, 0 bytes committed, 0 pages resident");
        vm.allocate(0, 0x1000, MEM_RESERVE, PAGE_READWRITE);
        vm.allocate(0, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertThat(vm).hasToString("address space: 2 allocations, 8 KiB committed, 0 pages resident");
    }
}
