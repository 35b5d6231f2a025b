package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** VirtualQuery and MEMORY_BASIC_INFORMATION: {@code docs/windows-rules.md} W1.4-39 to W1.4-41, W2-38 to W2-45. */
class VirtualQueryTest extends Win32Rules {

    @Test
    void baseAddressIsTheQueriedPage_notTheStartOfTheRun() {
        // docs/windows-rules.md W1.4-39, W2-38
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
        assertThat(VirtualAlloc(a, 0x4000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a);
        MEMORY_BASIC_INFORMATION info = query(a + 0x2345);
        assertThat(info.BaseAddress).isEqualTo(a + 0x2000);
        assertThat(info.RegionSize).isEqualTo(0x2000);
        assertThat(info.AllocationBase).isEqualTo(a);
        MEMORY_BASIC_INFORMATION reserved = query(a + 0x9ABC);
        assertThat(reserved.BaseAddress).isEqualTo(a + 0x9000);
        assertThat(reserved.RegionSize).isEqualTo(0x7000);
        assertThat(reserved.State).isEqualTo(MEM_RESERVE);
    }

    @Test
    void freeRegion_runsToTheNextAllocationWithFreeAttributes() {
        // docs/windows-rules.md W1.4-39, W2-40
        long a = 0x20000000L;
        long b = 0x20100000L;
        assertThat(VirtualAlloc(a, 0x3000, MEM_RESERVE, PAGE_READWRITE)).isEqualTo(a);
        assertThat(VirtualAlloc(b, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(b);
        MEMORY_BASIC_INFORMATION free = query(a + 0x3456);
        assertThat(free.BaseAddress).isEqualTo(a + 0x3000);
        assertThat(free.RegionSize).isEqualTo(b - (a + 0x3000));
        assertThat(free.State).isEqualTo(MEM_FREE);
        assertThat(free.Protect).isEqualTo(PAGE_NOACCESS);
        assertThat(free.AllocationBase).isZero();
        assertThat(free.AllocationProtect).isZero();
        assertThat(free.Type).isZero();
    }

    @Test
    void queryOfNull_isAFreeRegionAtNull() {
        // docs/windows-rules.md W2-43
        long a = VirtualAlloc(0x10000000L, 0x1000, MEM_RESERVE, PAGE_READWRITE);
        MEMORY_BASIC_INFORMATION info = query(NULL);
        assertThat(info.BaseAddress).isZero();
        assertThat(info.State).isEqualTo(MEM_FREE);
        assertThat(info.RegionSize).isEqualTo(a);
        assertThat(info.Protect).isEqualTo(PAGE_NOACCESS);
    }

    @Test
    void reservedPagesReportProtectZero_committedTheirProtection_allocationProtectTheReserveTimeValue() {
        // docs/windows-rules.md W1.4-40, W2-39, W2-45
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_EXECUTE_READWRITE);
        assertThat(VirtualAlloc(a + 0x1000, 0x1000, MEM_COMMIT, PAGE_READONLY)).isNotZero();
        assertThat(VirtualAlloc(a + 0x2000, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD)).isNotZero();
        MEMORY_BASIC_INFORMATION reserved = query(a);
        assertThat(reserved.State).isEqualTo(MEM_RESERVE);
        assertThat(reserved.Protect).isZero();
        assertThat(reserved.AllocationProtect).isEqualTo(PAGE_EXECUTE_READWRITE);
        MEMORY_BASIC_INFORMATION ro = query(a + 0x1000);
        assertThat(ro.Protect).isEqualTo(PAGE_READONLY);
        assertThat(ro.AllocationProtect).isEqualTo(PAGE_EXECUTE_READWRITE);
        MEMORY_BASIC_INFORMATION guard = query(a + 0x2000);
        assertThat(guard.Protect).isEqualTo(PAGE_READWRITE | PAGE_GUARD);
        assertThat(guard.RegionSize).isEqualTo(0x1000);
        assertThat(guard.Type).isEqualTo(MEM_PRIVATE);
    }

    @Test
    void adjacentPagesWithEqualAttributes_areOneRegionWhateverTheCommitOrder() {
        // docs/windows-rules.md W1.4-39, W2-41
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
        for (long page : new long[] {3, 0, 2, 1}) {
            assertThat(VirtualAlloc(a + page * 0x1000, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isNotZero();
        }
        assertThat(query(a).RegionSize).isEqualTo(0x4000);
        assertThat(query(a + 0x4000).RegionSize).isEqualTo(0xC000);
    }

    @Test
    void adjacentAllocationsWithEqualAttributes_areNeverMerged() {
        // docs/windows-rules.md W1.4-39 (AllocationBase is part of the run), W2-42
        long a = 0x30000000L;
        assertThat(VirtualAlloc(a, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a);
        assertThat(VirtualAlloc(a + 0x10000, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a + 0x10000);
        assertThat(query(a).RegionSize).isEqualTo(0x10000);
        assertThat(query(a + 0x10000).AllocationBase).isEqualTo(a + 0x10000);
        assertThat(VirtualAlloc(a + 0x20000, 0x10000, MEM_RESERVE, PAGE_READWRITE)).isEqualTo(a + 0x20000);
        assertThat(VirtualAlloc(a + 0x30000, 0x10000, MEM_RESERVE, PAGE_READWRITE)).isEqualTo(a + 0x30000);
        assertThat(query(a + 0x20000).RegionSize).isEqualTo(0x10000);
    }

    @ParameterizedTest
    @ValueSource(longs = {0x7FFF_FFFF_0000L, 0x8000_0000_0000L, 0xFFFF_8000_0000_0000L, 0xFFFF_FFFF_FFFF_FFFFL})
    void aboveUserSpace_fails87(long address) {
        // docs/windows-rules.md W1.4-41, W2-44; this space's user
        // limit is 0x7FFFFFFF0000 (lpMaximumApplicationAddress 0x7FFFFFFEFFFF)
        MEMORY_BASIC_INFORMATION info = new MEMORY_BASIC_INFORMATION();
        SetLastError(0xDEADBEEF);
        assertThat(VirtualQuery(address, info, MEMORY_BASIC_INFORMATION.SIZE)).isZero();
        assertThat(GetLastError()).isEqualTo(ERROR_INVALID_PARAMETER);
    }

    @Test
    void lastUserPage_isTheEndOfTheLastFreeRegion() {
        // docs/windows-rules.md W1.4-39: a free region runs to the end of user space when no allocation follows
        MEMORY_BASIC_INFORMATION info = query(0x7FFF_FFFE_FFFFL);
        assertThat(info.BaseAddress).isEqualTo(0x7FFF_FFFE_F000L);
        assertThat(info.RegionSize).isEqualTo(0x1000);
        assertThat(info.State).isEqualTo(MEM_FREE);
    }

    @Test
    void bufferShorterThanTheStructure_fails24() {
        // docs/windows-rules.md W1.4-41, W1.3-13: STATUS_INFO_LENGTH_MISMATCH -> 24 ERROR_BAD_LENGTH
        MEMORY_BASIC_INFORMATION info = new MEMORY_BASIC_INFORMATION();
        SetLastError(0xDEADBEEF);
        assertThat(VirtualQuery(0x10000, info, MEMORY_BASIC_INFORMATION.SIZE - 1)).isZero();
        assertThat(GetLastError()).isEqualTo(ERROR_BAD_LENGTH);
        assertThat(VirtualQuery(0x10000, info, 0)).isZero();
        assertThat(GetLastError()).isEqualTo(ERROR_BAD_LENGTH);
        assertThat(info.RegionSize).as("the buffer is not filled").isZero();
    }

    @Test
    void nullBuffer_fails998() {
        // docs/windows-rules.md W1.3-12: STATUS_ACCESS_VIOLATION for a NULL out-pointer -> 998
        SetLastError(0xDEADBEEF);
        assertThat(VirtualQuery(0x10000, null, MEMORY_BASIC_INFORMATION.SIZE)).isZero();
        assertThat(GetLastError()).isEqualTo(ERROR_NOACCESS);
    }

    @Test
    void returnsTheBytesWritten_andALargerBufferIsFine() {
        // MSDN: the return value is the number of bytes written to the buffer
        MEMORY_BASIC_INFORMATION info = new MEMORY_BASIC_INFORMATION();
        assertThat(VirtualQuery(0x10000, info, 4096)).isEqualTo(MEMORY_BASIC_INFORMATION.SIZE);
        assertThat(MEMORY_BASIC_INFORMATION.SIZE).isEqualTo(48);
    }
}
