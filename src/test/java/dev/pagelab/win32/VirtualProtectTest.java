package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** VirtualProtect: {@code docs/windows-rules.md} W1.4-33 to W1.4-38, W2-18 to W2-25, W3-1 and W3-3. */
class VirtualProtectTest extends Win32Rules {

    @Test
    void rangeWithAReservedPage_fails487AndModifiesNoPage() {
        // docs/windows-rules.md W1.4-33: VirtualProtect(R, 0xFFFC, ...) with only page 0 committed; W2-20
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertProtectFails(ERROR_INVALID_ADDRESS, r, 0xFFFC, PAGE_READONLY);
        assertProtectFails(ERROR_INVALID_ADDRESS, r + 0x1000, 0x1000, PAGE_READONLY);
        assertThat(query(r).Protect).isEqualTo(PAGE_READWRITE);
        assertThat(query(r).RegionSize).isEqualTo(0x1000);
        // a reserved page in the middle of committed ones
        assertThat(VirtualAlloc(r + 0x2000, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isNotZero();
        assertProtectFails(ERROR_INVALID_ADDRESS, r, 0x3000, PAGE_READONLY);
        assertThat(query(r).Protect).isEqualTo(PAGE_READWRITE);
        assertThat(query(r + 0x2000).Protect).isEqualTo(PAGE_READWRITE);
    }

    @Test
    void returnsTheOldProtectionOfTheFirstPage() {
        // docs/windows-rules.md W1.4-34: NOACCESS -> READONLY returns PAGE_NOACCESS; READONLY -> READWRITE returns
        // PAGE_READONLY
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_NOACCESS)).isEqualTo(r);
        assertThat(protect(r, 0x1000, PAGE_READONLY)).isEqualTo(PAGE_NOACCESS);
        assertThat(protect(r, 0x1000, PAGE_READWRITE)).isEqualTo(PAGE_READONLY);
        assertThat(query(r).Protect).isEqualTo(PAGE_READWRITE);
    }

    @Test
    void overSeveralProtections_succeedsAndReturnsOnlyTheFirstPagesOld() {
        // docs/windows-rules.md W2-21
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_EXECUTE_READ)).isNotZero();
        assertThat(VirtualAlloc(r + 0x1000, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isNotZero();
        assertThat(VirtualAlloc(r + 0x2000, 0x1000, MEM_COMMIT, PAGE_NOACCESS)).isNotZero();
        assertThat(protect(r, 0x3000, PAGE_READONLY)).isEqualTo(PAGE_EXECUTE_READ);
        assertThat(query(r).RegionSize).isEqualTo(0x3000);
        assertThat(query(r).Protect).isEqualTo(PAGE_READONLY);
        assertThat(protect(r + 0x1000, 0x2000, PAGE_READWRITE)).isEqualTo(PAGE_READONLY);
    }

    @Test
    void nullOldProtectPointer_fails998AndChangesNothing() {
        // docs/windows-rules.md W1.4-35, W2-22
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x2000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        Snapshot before = snapshot();
        assertFails(ERROR_NOACCESS, () -> assertThat(VirtualProtect(r, 0x1000, PAGE_READONLY, null)).isFalse());
        assertThat(snapshot()).isEqualTo(before);
        assertThat(query(r).Protect).isEqualTo(PAGE_READWRITE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 0x03, 0x06, 0x12, 0x30, 0x60, 0x44, PAGE_WRITECOPY, PAGE_EXECUTE_WRITECOPY,
            PAGE_GUARD, PAGE_NOCACHE, PAGE_WRITECOMBINE, PAGE_GUARD | PAGE_NOACCESS, PAGE_NOCACHE | PAGE_NOACCESS,
            PAGE_NOCACHE | PAGE_GUARD | PAGE_READWRITE, PAGE_WRITECOMBINE | PAGE_GUARD | PAGE_READWRITE,
            PAGE_NOCACHE | PAGE_WRITECOMBINE | PAGE_READWRITE, 0x800 | PAGE_READWRITE})
    void invalidNewProtection_fails87(int newProtect) {
        // docs/windows-rules.md W1.4-36, W2-18, W2-19, W3-3 modifier combinations (GUARD|NOACCESS refused as Windows
        // does)
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertProtectFails(ERROR_INVALID_PARAMETER, r, 0x1000, newProtect);
        assertThat(query(r).Protect).isEqualTo(PAGE_READWRITE);
    }

    @Test
    void sizeZero_fails87() {
        // PageLab keeps VirtualProtect size 0 as 87 (NtProtectVirtualMemory: STATUS_INVALID_PARAMETER_3)
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertProtectFails(ERROR_INVALID_PARAMETER, r, 0, PAGE_READONLY);
    }

    @Test
    void protectingPartOfACommittedRun_splitsTheRegion_allocationProtectNeverChanges() {
        // docs/windows-rules.md W1.4-37, W2-45
        long a = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertThat(protect(a, 0x1000, PAGE_READONLY)).isEqualTo(PAGE_READWRITE);
        MEMORY_BASIC_INFORMATION first = query(a);
        assertThat(first.RegionSize).isEqualTo(0x1000);
        assertThat(first.Protect).isEqualTo(PAGE_READONLY);
        assertThat(first.AllocationProtect).isEqualTo(PAGE_READWRITE);
        MEMORY_BASIC_INFORMATION second = query(a + 0x1000);
        assertThat(second.RegionSize).isEqualTo(0x1000);
        assertThat(second.Protect).isEqualTo(PAGE_READWRITE);
        assertThat(second.AllocationProtect).isEqualTo(PAGE_READWRITE);
        // protecting it back merges the run again
        assertThat(protect(a, 0x1000, PAGE_READWRITE)).isEqualTo(PAGE_READONLY);
        assertThat(query(a).RegionSize).isEqualTo(0x2000);
    }

    @Test
    void twoBytesStraddlingAPageBoundary_changeBothPages() {
        // docs/windows-rules.md W2-23; W1.2-4 rounding
        long a = VirtualAlloc(NULL, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertThat(protect(a + 0xFFF, 2, PAGE_READONLY)).isEqualTo(PAGE_READWRITE);
        assertThat(query(a).Protect).isEqualTo(PAGE_READONLY);
        assertThat(query(a).RegionSize).isEqualTo(0x2000);
        assertThat(query(a + 0x2000).Protect).isEqualTo(PAGE_READWRITE);
    }

    @Test
    void rangeSpanningTwoAllocations_fails487() {
        // docs/windows-rules.md W1.4-38 [verify]: Wine says 87 (its view lookup fails); Windows returns
        // STATUS_CONFLICTING_ADDRESSES for a range that leaves its allocation, i.e. 487. Windows is followed.
        long a = 0x50000000L;
        assertThat(VirtualAlloc(a, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a);
        assertThat(VirtualAlloc(a + 0x10000, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a + 0x10000);
        assertProtectFails(ERROR_INVALID_ADDRESS, a + 0xF000, 0x2000, PAGE_READONLY);
        assertThat(query(a + 0xF000).Protect).isEqualTo(PAGE_READWRITE);
        assertThat(query(a + 0x10000).Protect).isEqualTo(PAGE_READWRITE);
        // and a range that runs off the end of its allocation into free memory
        long b = VirtualAlloc(NULL, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertProtectFails(ERROR_INVALID_ADDRESS, b + 0x2000, 0x2000, PAGE_READONLY);
        assertThat(query(b + 0x2000).Protect).isEqualTo(PAGE_READWRITE);
    }

    @Test
    void onFreeMemory_fails487() {
        // docs/windows-rules.md W3-1 (Wine: 87); Windows is followed
        assertProtectFails(ERROR_INVALID_ADDRESS, 0x40000000L, 0x1000, PAGE_READONLY);
        assertProtectFails(ERROR_INVALID_ADDRESS, NULL, 0x1000, PAGE_READONLY);
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertThat(VirtualFree(a, 0, MEM_RELEASE)).isTrue();
        assertProtectFails(ERROR_INVALID_ADDRESS, a, 0x1000, PAGE_READONLY);
    }

    @Test
    void rangeAboveOrRunningPastUserSpace_fails87() {
        // docs/windows-rules.md W1.3-1: STATUS_INVALID_PARAMETER: the address or the size reaches outside user space
        assertProtectFails(ERROR_INVALID_PARAMETER, 0x8000_0000_0000L, 0x1000, PAGE_READONLY);
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertProtectFails(ERROR_INVALID_PARAMETER, a, 0x7FFF_FFFF_FFFF_FFFFL, PAGE_READONLY);
        assertProtectFails(ERROR_INVALID_PARAMETER, a, -a, PAGE_READONLY);
        assertThat(query(a).Protect).isEqualTo(PAGE_READWRITE);
    }

    @Test
    void nocacheAddedByVirtualProtectOnNormalMemory_isSilentlyDropped() {
        // docs/windows-rules.md W2-24; PageLab keeps the
        // cache modifiers per allocation (from AllocationProtect), as observed.
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertThat(protect(a, 0x1000, PAGE_READONLY | PAGE_NOCACHE)).isEqualTo(PAGE_READWRITE);
        assertThat(query(a).Protect).isEqualTo(PAGE_READONLY);
        assertThat(protect(a, 0x1000, PAGE_READWRITE | PAGE_WRITECOMBINE)).isEqualTo(PAGE_READONLY);
        assertThat(query(a).Protect).isEqualTo(PAGE_READWRITE);
    }

    @Test
    void protectOnANocacheAllocation_keepsNocache() {
        // docs/windows-rules.md W2-25
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_NOCACHE);
        assertThat(query(a).Protect).isEqualTo(PAGE_READWRITE | PAGE_NOCACHE);
        assertThat(protect(a, 0x1000, PAGE_READWRITE)).isEqualTo(PAGE_READWRITE | PAGE_NOCACHE);
        assertThat(query(a).Protect).isEqualTo(PAGE_READWRITE | PAGE_NOCACHE);
        assertThat(protect(a, 0x1000, PAGE_READONLY)).isEqualTo(PAGE_READWRITE | PAGE_NOCACHE);
        assertThat(query(a).Protect).isEqualTo(PAGE_READONLY | PAGE_NOCACHE);
        assertThat(query(a).AllocationProtect).isEqualTo(PAGE_READWRITE | PAGE_NOCACHE);
    }

    @Test
    void newProtectionGovernsAccess() {
        // docs/windows-rules.md W1.4-34/W1.4-45: the protection set is the one the next access meets
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        write(a, 4, 0x1234);
        protect(a, 0x1000, PAGE_READONLY);
        assertThat(faultOf(() -> write(a, 4, 1)).status()).isEqualTo(STATUS_ACCESS_VIOLATION);
        assertThat(read(a, 4)).isEqualTo(0x1234);
        protect(a, 0x1000, PAGE_NOACCESS);
        assertThat(faultOf(() -> read(a, 4)).accessType()).isEqualTo(EXCEPTION_READ_FAULT);
        protect(a, 0x1000, PAGE_READWRITE);
        assertThat(read(a, 4)).as("contents survive protection changes").isEqualTo(0x1234);
    }
}
