package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** VirtualFree: reference 1.4 #24–#32, the VirtualFree rows of §2 and §3. */
class VirtualFreeTest extends Win32Rules {

    @ParameterizedTest
    @ValueSource(ints = {0, 0x10000 /* MEM_FREE */, 0x4000 | 0x8000 /* DECOMMIT|RELEASE */, 0x2000 /* MEM_RESERVE */,
            0x1000 /* MEM_COMMIT */, 0x8000 | 0x1, 0x4000 | 0x80000})
    void badFreeType_fails87(int freeType) {
        // ref 1.4 #24, §2 "VirtualFree type 0, DECOMMIT|RELEASE, MEM_FREE, RESERVE, COMMIT"
        long r = reserveR();
        assertFreeFails(ERROR_INVALID_PARAMETER, r, 0, freeType);
        assertFreeFails(ERROR_INVALID_PARAMETER, r, 0x1000, freeType);
        assertThat(query(r).State).isEqualTo(MEM_RESERVE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 0x1000, 0x10000 /* the exact size */, 0x20000})
    void releaseWithANonZeroSize_fails87(long size) {
        // ref 1.4 #25, §2 "MEM_RELEASE with any non-zero size, even the exact size"
        long r = reserveR();
        assertFreeFails(ERROR_INVALID_PARAMETER, r, size, MEM_RELEASE);
        assertThat(query(r).State).isEqualTo(MEM_RESERVE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0x1000, 0x1FFF, 0x8000, 0xFFFF})
    void releasePastTheFirstPage_fails487(long offset) {
        // ref 1.4 #26, §2 "MEM_RELEASE at A+0x1000 / A+0xFFFF (not in the first page)"
        long r = reserveR();
        assertFreeFails(ERROR_INVALID_ADDRESS, r + offset, 0, MEM_RELEASE);
        assertThat(query(r).State).isEqualTo(MEM_RESERVE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0x1, 0x10, 0xFFF})
    void releaseInsideFirstPage_roundsDownAndFreesWholeAllocation(long offset) {
        // ref 1.4 #26, §2 "MEM_RELEASE at A+0x10 (inside the first page) succeeds"
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
        // ref 1.4 #27: committed, reserved, guard and read-only pages all go; the space reports free memory
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
        // ref 1.4 #28, §2 "MEM_DECOMMIT size 0 at the base: whole allocation becomes RESERVE"
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
        // ref 1.4 #28, §2 "MEM_DECOMMIT size 0 at A+0x1000 / at A+0x10: fail, 487 / succeeds (whole allocation)"
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
        // ref 1.4 #29: (base+0x1FFF, 2) decommits pages 1-2
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
        // ref 1.4 #30, §2 "MEM_DECOMMIT over committed + never-committed pages, or twice"
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
        // §3 "After decommit, every uncommitted page ... reports RESERVE / Protect 0 ... one region"
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
        // ref 1.4 #31, §2 "MEM_DECOMMIT across two reservations / past the end of the reservation: 87
        // (commit in the same places gives 487)"
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
        // ref 1.4 #32, §3: a second MEM_RELEASE and DECOMMIT of free memory give 487 on Windows (87 under Wine);
        // Windows is followed.
        long r = reserveR();
        assertThat(VirtualFree(r, 0, MEM_RELEASE)).isTrue();
        assertFreeFails(ERROR_INVALID_ADDRESS, r, 0, MEM_RELEASE);
        assertFreeFails(ERROR_INVALID_ADDRESS, r, 0x1000, MEM_DECOMMIT);
        assertFreeFails(ERROR_INVALID_ADDRESS, r, 0, MEM_DECOMMIT);
        assertFreeFails(ERROR_INVALID_ADDRESS, 0x1000, 0, MEM_RELEASE);
    }

    @Test
    void freeingNull_fails487() {
        // ref 1.4 #32 gives 87 for NULL from Wine's implementation [W-I]; §2 lists VirtualFree(NULL) with the
        // "87 under Wine (see below)" row and §3 says freeing memory that is not allocated gives 487 on Windows.
        // NT finds no allocation at NULL (STATUS_MEMORY_NOT_ALLOCATED): Windows, 487, is followed.
        assertFreeFails(ERROR_INVALID_ADDRESS, NULL, 0, MEM_RELEASE);
        assertFreeFails(ERROR_INVALID_ADDRESS, NULL, 0x1000, MEM_DECOMMIT);
        // the free-type check still comes first
        assertFreeFails(ERROR_INVALID_PARAMETER, NULL, 0, 0);
        assertFreeFails(ERROR_INVALID_PARAMETER, NULL, 1, MEM_RELEASE);
    }

    @Test
    void freeAboveUserSpace_fails87() {
        // §1.3 STATUS_INVALID_PARAMETER for addresses outside user space
        assertFreeFails(ERROR_INVALID_PARAMETER, 0x8000_0000_0000L, 0, MEM_RELEASE);
        assertFreeFails(ERROR_INVALID_PARAMETER, 0xFFFF_F800_0000_0000L, 0x1000, MEM_DECOMMIT);
    }

    @Test
    void decommitWhoseSizeWraps_fails87() {
        // Wine note (end of §1.4): under Wine a size that wraps to 0 after rounding decommits the whole view.
        // Windows refuses a size reaching past user space (STATUS_INVALID_PARAMETER_3, 87): Windows is followed.
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertFreeFails(ERROR_INVALID_PARAMETER, a, -a, MEM_DECOMMIT);
        assertFreeFails(ERROR_INVALID_PARAMETER, a + 0x10, -1L, MEM_DECOMMIT);
        assertThat(query(a).State).isEqualTo(MEM_COMMIT);
        assertThat(query(a).RegionSize).isEqualTo(0x10000);
    }

    @Test
    void decommit_givesTheCommitChargeBackAndDropsTheData() {
        // ref 1.1 (commit charge), #12
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
