package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** VirtualFree: {@code docs/windows-rules.md} W1.4-24 to W1.4-32, W1.4-46, W2-46 to W2-54, W3-1 and W3-4. */
class VirtualFreeTest extends Win32Rules {

    @ParameterizedTest
    @ValueSource(ints = {0, 0x10000 /* MEM_FREE */, 0x4000 | 0x8000 /* DECOMMIT|RELEASE */, 0x2000 /* MEM_RESERVE */,
            0x1000 /* MEM_COMMIT */, 0x8000 | 0x1, 0x4000 | 0x80000})
    void badFreeType_fails87(int freeType) {
        // docs/windows-rules.md W1.4-24, W2-54
        long r = reserveR();
        assertFreeFails(ERROR_INVALID_PARAMETER, r, 0, freeType);
        assertFreeFails(ERROR_INVALID_PARAMETER, r, 0x1000, freeType);
        assertThat(query(r).State).isEqualTo(MEM_RESERVE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 0x1000, 0x10000 /* the exact size */, 0x20000})
    void releaseWithANonZeroSize_fails87(long size) {
        // docs/windows-rules.md W1.4-25, W2-46
        long r = reserveR();
        assertFreeFails(ERROR_INVALID_PARAMETER, r, size, MEM_RELEASE);
        assertThat(query(r).State).isEqualTo(MEM_RESERVE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0x1000, 0x1FFF, 0x8000, 0xFFFF})
    void releasePastTheFirstPage_fails487(long offset) {
        // docs/windows-rules.md W1.4-26, W2-47
        long r = reserveR();
        assertFreeFails(ERROR_INVALID_ADDRESS, r + offset, 0, MEM_RELEASE);
        assertThat(query(r).State).isEqualTo(MEM_RESERVE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0x1, 0x10, 0xFFF})
    void releaseInsideFirstPage_roundsDownAndFreesWholeAllocation(long offset) {
        // docs/windows-rules.md W1.4-26, W2-48
        long r = reserveR();
        assertThat(VirtualAlloc(r + 0x3000, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isNotZero();
        assertThat(VirtualFree(r + offset, 0, MEM_RELEASE)).isTrue();
        MEMORY_BASIC_INFORMATION info = query(r);
        assertThat(info.State).isEqualTo(MEM_FREE);
        assertThat(info.RegionSize).isGreaterThanOrEqualTo(0x10000);
        assertThat(engine().allocations()).isEmpty();
    }

    @Test
    void release_freesTheWholeAllocationWhateverItsPages() {
        // docs/windows-rules.md W1.4-27: committed, reserved, guard and read-only pages all go; the space reports free
        // memory
        long a = VirtualAlloc(NULL, 0x40000, MEM_RESERVE, PAGE_READWRITE);
        assertThat(VirtualAlloc(a, 0x2000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a);
        assertThat(VirtualAlloc(a + 0x5000, 0x1000, MEM_COMMIT, PAGE_READONLY)).isNotZero();
        assertThat(VirtualAlloc(a + 0x9000, 0x3000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD)).isNotZero();
        write(a, 8, 7);
        assertThat(engine().memory().commitCharge()).isEqualTo(6);
        assertThat(VirtualFree(a, 0, MEM_RELEASE)).isTrue();
        for (long p = a; p < a + 0x40000; p += 0x3000) {
            MEMORY_BASIC_INFORMATION info = query(p);
            assertThat(info.State).isEqualTo(MEM_FREE);
            assertThat(info.Protect).isEqualTo(PAGE_NOACCESS);
            assertThat(info.AllocationBase).isZero();
            assertThat(info.AllocationProtect).isZero();
            assertThat(info.Type).isZero();
        }
        assertThat(engine().memory().commitCharge()).isZero();
        assertThat(engine().residentPages()).isZero();
    }

    @Test
    void decommitOfSizeZeroAtTheBase_decommitsTheWholeAllocation() {
        // docs/windows-rules.md W1.4-28, W2-49
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertThat(VirtualFree(a, 0, MEM_DECOMMIT)).isTrue();
        MEMORY_BASIC_INFORMATION info = query(a);
        assertThat(info.State).isEqualTo(MEM_RESERVE);
        assertThat(info.RegionSize).isEqualTo(0x10000);
        assertThat(info.AllocationBase).isEqualTo(a);
        assertThat(engine().memory().commitCharge()).isZero();
    }

    @Test
    void decommitOfSizeZeroPastTheFirstPage_fails487_insideTheFirstPageSucceeds() {
        // docs/windows-rules.md W1.4-28, W2-50
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertFreeFails(ERROR_INVALID_ADDRESS, a + 0x1000, 0, MEM_DECOMMIT);
        assertThat(query(a).State).isEqualTo(MEM_COMMIT);
        assertThat(query(a).RegionSize).isEqualTo(0x10000);
        assertThat(VirtualFree(a + 0x10, 0, MEM_DECOMMIT)).isTrue();
        assertThat(query(a).State).isEqualTo(MEM_RESERVE);
        assertThat(query(a).RegionSize).isEqualTo(0x10000);
    }

    @Test
    void decommitOfTwoBytesStraddlingPages_decommitsBothPages() {
        // docs/windows-rules.md W1.4-29: (base+0x1FFF, 2) decommits pages 1-2
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertThat(VirtualFree(a + 0x1FFF, 2, MEM_DECOMMIT)).isTrue();
        assertThat(query(a).State).isEqualTo(MEM_COMMIT);
        assertThat(query(a).RegionSize).isEqualTo(0x1000);
        MEMORY_BASIC_INFORMATION hole = query(a + 0x1000);
        assertThat(hole.State).isEqualTo(MEM_RESERVE);
        assertThat(hole.RegionSize).isEqualTo(0x2000);
        assertThat(query(a + 0x3000).State).isEqualTo(MEM_COMMIT);
        assertThat(query(a + 0x3000).RegionSize).isEqualTo(0xD000);
        assertThat(engine().memory().commitCharge()).isEqualTo(14);
    }

    @Test
    void decommitOfReservedPages_succeeds_asDoesDecommittingTwiceOrAMix() {
        // docs/windows-rules.md W1.4-30, W2-51
        long r = reserveR();
        assertThat(VirtualFree(r, 0x4000, MEM_DECOMMIT)).isTrue();
        assertThat(VirtualAlloc(r + 0x2000, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isNotZero();
        assertThat(VirtualFree(r, 0x8000, MEM_DECOMMIT)).isTrue();
        assertThat(VirtualFree(r, 0x8000, MEM_DECOMMIT)).isTrue();
        assertThat(query(r).State).isEqualTo(MEM_RESERVE);
        assertThat(query(r).RegionSize).isEqualTo(0x10000);
    }

    @Test
    void decommittedPages_mergeIntoOneReservedRegionWhateverTheirFormerProtection() {
        // docs/windows-rules.md W3-4
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READONLY)).isNotZero();
        assertThat(VirtualAlloc(r + 0x1000, 0x1000, MEM_COMMIT, PAGE_EXECUTE_READWRITE)).isNotZero();
        assertThat(VirtualAlloc(r + 0x2000, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD)).isNotZero();
        assertThat(VirtualFree(r, 0x3000, MEM_DECOMMIT)).isTrue();
        MEMORY_BASIC_INFORMATION info = query(r);
        assertThat(info.State).isEqualTo(MEM_RESERVE);
        assertThat(info.Protect).isZero();
        assertThat(info.RegionSize).isEqualTo(0x10000);
    }

    @Test
    void decommitPastTheEndOfTheReservation_fails87_whereCommitGives487() {
        // docs/windows-rules.md W1.4-31, W2-52: 87 (a commit in the same places gives 487)
        long a = 0x50000000L;
        assertThat(VirtualAlloc(a, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a);
        assertThat(VirtualAlloc(a + 0x10000, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a + 0x10000);
        assertFreeFails(ERROR_INVALID_PARAMETER, a + 0xF000, 0x2000, MEM_DECOMMIT);
        assertFreeFails(ERROR_INVALID_PARAMETER, a, 0x10001, MEM_DECOMMIT);
        assertAllocFails(ERROR_INVALID_ADDRESS, a + 0xF000, 0x2000, MEM_COMMIT, PAGE_READWRITE);
        long b = VirtualAlloc(NULL, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertFreeFails(ERROR_INVALID_PARAMETER, b + 0x2000, 0x2000, MEM_DECOMMIT);
        assertThat(query(a).RegionSize).isEqualTo(0x10000);
        assertThat(query(a).State).isEqualTo(MEM_COMMIT);
        assertThat(query(b).RegionSize).isEqualTo(0x3000);
    }

    @Test
    void freeingAFreeAddress_fails487() {
        // docs/windows-rules.md W1.4-32, W3-1: a second MEM_RELEASE and DECOMMIT of free memory give 487 on Windows (87
        // under Wine); Windows is followed.
        long r = reserveR();
        assertThat(VirtualFree(r, 0, MEM_RELEASE)).isTrue();
        assertFreeFails(ERROR_INVALID_ADDRESS, r, 0, MEM_RELEASE);
        assertFreeFails(ERROR_INVALID_ADDRESS, r, 0x1000, MEM_DECOMMIT);
        assertFreeFails(ERROR_INVALID_ADDRESS, r, 0, MEM_DECOMMIT);
        assertFreeFails(ERROR_INVALID_ADDRESS, 0x1000, 0, MEM_RELEASE);
    }

    @Test
    void freeingNull_fails487() {
        // docs/windows-rules.md W1.4-32 gives 87 for NULL from Wine's implementation [W-I]; W2-53 groups
        // VirtualFree(NULL) with the frees that fail with 87 under Wine, and W3-1 says freeing memory that is not
        // allocated gives 487 on Windows (choice 3). NT finds no allocation at NULL (STATUS_MEMORY_NOT_ALLOCATED):
        // Windows, 487, is followed.
        assertFreeFails(ERROR_INVALID_ADDRESS, NULL, 0, MEM_RELEASE);
        assertFreeFails(ERROR_INVALID_ADDRESS, NULL, 0x1000, MEM_DECOMMIT);
        // the free-type check still comes first
        assertFreeFails(ERROR_INVALID_PARAMETER, NULL, 0, 0);
        assertFreeFails(ERROR_INVALID_PARAMETER, NULL, 1, MEM_RELEASE);
    }

    @Test
    void freeAboveUserSpace_fails87() {
        // docs/windows-rules.md W1.3-1: STATUS_INVALID_PARAMETER for addresses outside user space
        assertFreeFails(ERROR_INVALID_PARAMETER, 0x8000_0000_0000L, 0, MEM_RELEASE);
        assertFreeFails(ERROR_INVALID_PARAMETER, 0xFFFF_F800_0000_0000L, 0x1000, MEM_DECOMMIT);
    }

    @Test
    void decommitWhoseSizeWraps_fails87() {
        // docs/windows-rules.md W1.4-46: under Wine a size that wraps to 0 after rounding decommits the whole view.
        // Windows refuses a size reaching past user space (STATUS_INVALID_PARAMETER_3, 87): Windows is followed.
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertFreeFails(ERROR_INVALID_PARAMETER, a, -a, MEM_DECOMMIT);
        assertFreeFails(ERROR_INVALID_PARAMETER, a + 0x10, -1L, MEM_DECOMMIT);
        assertThat(query(a).State).isEqualTo(MEM_COMMIT);
        assertThat(query(a).RegionSize).isEqualTo(0x10000);
    }

    @Test
    void decommit_givesTheCommitChargeBackAndDropsTheData() {
        // docs/windows-rules.md W1.1-4 (commit charge), W1.4-12
        long a = VirtualAlloc(NULL, 0x4000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        write(a + 0x1000, 4, 0xCAFE);
        assertThat(engine().memory().commitCharge()).isEqualTo(4);
        assertThat(VirtualFree(a + 0x1000, 0x1000, MEM_DECOMMIT)).isTrue();
        assertThat(engine().memory().commitCharge()).isEqualTo(3);
        assertThat(engine().residentPages()).isZero();
        assertThat(VirtualAlloc(a + 0x1000, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a + 0x1000);
        assertThat(read(a + 0x1000, 4)).isZero();
    }
}
