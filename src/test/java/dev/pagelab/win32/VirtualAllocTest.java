package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.PageLab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** VirtualAlloc: {@code docs/windows-rules.md} W1.2, W1.4-1 to W1.4-23, the VirtualAlloc rows of W2, and W3. */
class VirtualAllocTest extends Win32Rules {

    // ---- sizes and addresses ----

    @Test
    void reserveOfSizeZero_fails87() {
        // docs/windows-rules.md W1.4-1, W2-1
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0, MEM_COMMIT, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    }

    @Test
    void commitOfSizeZeroInsideReservation_fails87() {
        // docs/windows-rules.md W2-1
        long r = reserveR();
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0, MEM_COMMIT, PAGE_READWRITE);
        assertThat(query(r).State).isEqualTo(MEM_RESERVE);
    }

    @Test
    void reserveOf0xFFFC_isOneGranuleReservedWithProtectZero() {
        // docs/windows-rules.md W1.4-2
        long b = VirtualAlloc(NULL, 0xFFFC, MEM_RESERVE, PAGE_NOACCESS);
        assertThat(b).isNotZero();
        assertThat(b % GRANULE).isZero();
        MEMORY_BASIC_INFORMATION info = query(b);
        assertThat(info.BaseAddress).isEqualTo(b);
        assertThat(info.AllocationBase).isEqualTo(b);
        assertThat(info.RegionSize).isEqualTo(0x10000);
        assertThat(info.State).isEqualTo(MEM_RESERVE);
        assertThat(info.Protect).as("reserved pages report 0, not PAGE_NOACCESS").isZero();
        assertThat(info.AllocationProtect).isEqualTo(PAGE_NOACCESS);
        assertThat(info.Type).isEqualTo(MEM_PRIVATE);
    }

    @Test
    void releasedAddress_canBeReservedAndCommittedAgainExplicitly() {
        // docs/windows-rules.md W1.4-3
        long b = VirtualAlloc(NULL, 0xFFFC, MEM_RESERVE, PAGE_NOACCESS);
        assertThat(VirtualFree(b, 0, MEM_RELEASE)).isTrue();
        assertThat(VirtualAlloc(b, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(b);
        assertThat(query(b).State).isEqualTo(MEM_COMMIT);
    }

    @Test
    void reserveAtUnalignedAddress_roundsBaseDownToGranuleAndEndUpToPage() {
        // docs/windows-rules.md W1.4-4, W1.2-2: base = floor64K(addr), size = ceilPage(addr + size) - base
        assertThat(VirtualAlloc(0x10001234L, 0x100, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(0x10000000L);
        MEMORY_BASIC_INFORMATION info = query(0x10000000L);
        assertThat(info.RegionSize).isEqualTo(0x2000);
        assertThat(info.State).isEqualTo(MEM_RESERVE);
        // the rest of the granule is not part of the reservation: it stays free (W2-11)
        MEMORY_BASIC_INFORMATION tail = query(0x10002000L);
        assertThat(tail.State).isEqualTo(MEM_FREE);
        assertThat(tail.AllocationBase).isZero();
    }

    @Test
    void reserveAtRPlus0x1234_returnsRWithRegion0x3000() {
        // docs/windows-rules.md W2-5
        long r = 0x20000000L;
        assertThat(VirtualAlloc(r + 0x1234, 0x1000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(r);
        assertThat(query(r).RegionSize).isEqualTo(0x3000);
    }

    @Test
    void reserveAtRPlus0x1FFFF_roundsDownToItsOwnGranuleWithRegion0x13000() {
        // docs/windows-rules.md W2-6 and choice 12: W1.2-2 (base = floor64K(addr)) puts it at R+0x10000, the only base
        // for which the region is 0x13000.
        long r = 0x20000000L;
        assertThat(VirtualAlloc(r + 0x1FFFF, 0x3000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(r + 0x10000);
        MEMORY_BASIC_INFORMATION info = query(r + 0x10000);
        assertThat(info.AllocationBase).isEqualTo(r + 0x10000);
        assertThat(info.RegionSize).isEqualTo(0x13000);
        assertThat(query(r).State).isEqualTo(MEM_FREE);
    }

    @Test
    void reserveCommitAtUnalignedAddress_returnsGranuleBaseAndCommitsEveryPageUpToTheEnd() {
        // docs/windows-rules.md W2-7
        long r = 0x20000000L;
        assertThat(VirtualAlloc(r + 0x4080, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        MEMORY_BASIC_INFORMATION info = query(r);
        assertThat(info.State).isEqualTo(MEM_COMMIT);
        assertThat(info.RegionSize).isEqualTo(0x6000);
        assertThat(query(r + 0x6000).State).isEqualTo(MEM_FREE);
    }

    @Test
    void systemChosenAddresses_areGranuleAligned_andSizesPageRounded() {
        // docs/windows-rules.md W2-10, W2-11: 1 -> 0x1000, 0xFFFC -> 0x10000
        long a = VirtualAlloc(NULL, 1, MEM_RESERVE, PAGE_READWRITE);
        long b = VirtualAlloc(NULL, 0xFFFC, MEM_RESERVE, PAGE_READWRITE);
        long c = VirtualAlloc(NULL, 0x1001, MEM_COMMIT, PAGE_READWRITE);
        assertThat(a % GRANULE).isZero();
        assertThat(b % GRANULE).isZero();
        assertThat(c % GRANULE).isZero();
        assertThat(query(a).RegionSize).isEqualTo(0x1000);
        assertThat(query(a + 0x1000).State).as("rest of the granule").isEqualTo(MEM_FREE);
        assertThat(query(b).RegionSize).isEqualTo(0x10000);
        assertThat(query(c).RegionSize).isEqualTo(0x2000);
        assertThat(query(c).State).isEqualTo(MEM_COMMIT);
    }

    @Test
    void reserveInsideGranuleOfAnotherReservation_fails487() {
        // docs/windows-rules.md W1.4-5, W2-8
        long r = 0x30000000L;
        assertThat(VirtualAlloc(r, 0x3000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(r);
        assertAllocFails(ERROR_INVALID_ADDRESS, r + 0x8000, 0x1000, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_ADDRESS, r + 0x1000, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    }

    @Test
    void reserveOverlappingAnExistingReservation_fails487() {
        // docs/windows-rules.md W2-9
        long r = 0x30000000L;
        assertThat(VirtualAlloc(r + 0x20000, 0x20000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(r + 0x20000);
        assertAllocFails(ERROR_INVALID_ADDRESS, r + 0x20000, 0x20000, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_ADDRESS, r, 0x30000, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_ADDRESS, r + 0x30000, 0x30000, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_ADDRESS, r, 0x100000, MEM_RESERVE, PAGE_NOACCESS);
        // next to it is fine
        assertThat(VirtualAlloc(r, 0x20000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(r);
        assertThat(VirtualAlloc(r + 0x40000, 0x10000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(r + 0x40000);
    }

    @ParameterizedTest
    @ValueSource(longs = {0x1, 0x1000, 0xFFFF, 0x7FFF_FFFF_0000L, 0x7FFF_FFFF_FFFFL, 0x8000_0000_0000L, 0xFFFF_FFFF_FFFF_F000L})
    void explicitAddressBelow64KOrAtOrAboveUserLimit_fails87(long address) {
        // docs/windows-rules.md W2-4, W2-3 (0x800000000000 and 0xFFFFFFFFFFFFF000 give 87); the user limit of this
        // space is 0x7FFFFFFF0000 (GetSystemInfo), so addresses from there on count as above user space too.
        assertAllocFails(ERROR_INVALID_PARAMETER, address, 0x1000, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_PARAMETER, address, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, address, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    }

    @Test
    void reserveAtTheLastGranuleOfUserSpace_fails8() {
        // docs/windows-rules.md W2-2: the top granule is never handed out.
        assertAllocFails(ERROR_NOT_ENOUGH_MEMORY, 0x7FFF_FFFE_0000L, 0x1000, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_NOT_ENOUGH_MEMORY, 0x7FFF_FFFD_0000L, 0x10001, MEM_RESERVE, PAGE_NOACCESS);
        // the granule below it is the highest one that can be reserved
        assertThat(VirtualAlloc(0x7FFF_FFFD_0000L, 0x10000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(0x7FFF_FFFD_0000L);
    }

    @Test
    void rangeWrappingOrRunningPastUserSpace_fails87() {
        // docs/windows-rules.md W2-3; a range past the user limit is refused the same way (W1.3-1, a bad size).
        long r = reserveR();
        assertAllocFails(ERROR_INVALID_PARAMETER, r, -r, MEM_COMMIT, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0xFFFF_FFFF_FFFF_F000L, MEM_COMMIT, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x7FFF_FFFF_FFFF_FFFFL, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_PARAMETER, 0x10000, 0x8000_0000_0000L, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x8000_0000_0000L, MEM_COMMIT, PAGE_READWRITE);
    }

    // ---- commit ----

    @Test
    void commitWithoutReserveAtNull_reservesAndCommitsInOneStep() {
        // docs/windows-rules.md W1.4-6, W2-12
        long p = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        assertThat(p).isNotZero();
        MEMORY_BASIC_INFORMATION info = query(p);
        assertThat(info.State).isEqualTo(MEM_COMMIT);
        assertThat(info.AllocationBase).isEqualTo(p);
        assertThat(info.RegionSize).isEqualTo(0x1000);
        assertThat(info.Protect).isEqualTo(PAGE_READWRITE);
        assertThat(info.AllocationProtect).isEqualTo(PAGE_READWRITE);
    }

    @Test
    void commitAtFreeAddress_fails487() {
        // docs/windows-rules.md W1.4-7, W2-13
        assertAllocFails(ERROR_INVALID_ADDRESS, 0x40000000L, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE, PAGE_READWRITE);
        // the unusable tail of a granule is free too
        assertAllocFails(ERROR_INVALID_ADDRESS, a + 0x1000, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    }

    @Test
    void commitPastTheEndOfTheReservation_fails487AndCommitsNothing() {
        // docs/windows-rules.md W1.4-8, W2-14
        long r = reserveR();
        assertAllocFails(ERROR_INVALID_ADDRESS, r + 0xF000, 0x2000, MEM_COMMIT, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_ADDRESS, r, 0x10001, MEM_COMMIT, PAGE_READWRITE);
        MEMORY_BASIC_INFORMATION info = query(r);
        assertThat(info.State).isEqualTo(MEM_RESERVE);
        assertThat(info.RegionSize).as("none of the pages are allocated").isEqualTo(0x10000);
    }

    @Test
    void commitAcrossTwoAdjacentReservations_fails487AndCommitsNothing() {
        // docs/windows-rules.md W1.4-8, W2-14
        long a = 0x50000000L;
        assertThat(VirtualAlloc(a, 0x10000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(a);
        assertThat(VirtualAlloc(a + 0x10000, 0x10000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(a + 0x10000);
        assertAllocFails(ERROR_INVALID_ADDRESS, a + 0xF000, 0x2000, MEM_COMMIT, PAGE_READWRITE);
        assertThat(query(a).RegionSize).isEqualTo(0x10000);
        assertThat(query(a).State).isEqualTo(MEM_RESERVE);
        assertThat(query(a + 0x10000).State).isEqualTo(MEM_RESERVE);
    }

    @Test
    void commitFirstPageOfR_splitsItIntoACommittedAndAReservedRegion() {
        // docs/windows-rules.md W1.4-9
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_NOACCESS)).isEqualTo(r);
        MEMORY_BASIC_INFORMATION first = query(r);
        assertThat(first.RegionSize).isEqualTo(0x1000);
        assertThat(first.State).isEqualTo(MEM_COMMIT);
        assertThat(first.Protect).isEqualTo(PAGE_NOACCESS);
        MEMORY_BASIC_INFORMATION rest = query(r + 0x1000);
        assertThat(rest.RegionSize).isEqualTo(0xF000);
        assertThat(rest.State).isEqualTo(MEM_RESERVE);
        assertThat(rest.Protect).isZero();
    }

    @Test
    void commitTwoBytesStraddlingAPageBoundary_commitsBothPagesAndReturnsTheFirst() {
        // docs/windows-rules.md W1.4-10, W1.2-3, W2-16
        long r = reserveR();
        assertThat(VirtualAlloc(r + 0xFFF, 2, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        MEMORY_BASIC_INFORMATION info = query(r);
        assertThat(info.State).isEqualTo(MEM_COMMIT);
        assertThat(info.RegionSize).isEqualTo(0x2000);
        assertThat(VirtualAlloc(r + 0x5010, 0x10, MEM_COMMIT, PAGE_READONLY)).isEqualTo(r + 0x5000);
        assertThat(query(r + 0x5000).RegionSize).isEqualTo(0x1000);
    }

    @Test
    void recommittingCommittedPages_keepsDataAndAppliesTheNewProtection() {
        // docs/windows-rules.md W1.4-11, W2-15
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x2000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        write(r + 8, 8, 0x1122_3344_5566_7788L);
        assertThat(VirtualAlloc(r + 0x10, 0x1000, MEM_COMMIT, PAGE_READONLY)).as("same rounded address").isEqualTo(r);
        assertThat(read(r + 8, 8)).as("not re-zeroed").isEqualTo(0x1122_3344_5566_7788L);
        assertThat(query(r).Protect).isEqualTo(PAGE_READONLY);
        assertThat(query(r).RegionSize).isEqualTo(0x2000);
        assertThat(engine().committedPages()).as("recommit charges nothing more").isEqualTo(2);
        // a commit over committed and reserved pages takes the new protection for all of them
        assertThat(VirtualAlloc(r, 0x3000, MEM_COMMIT, PAGE_EXECUTE_READ)).isEqualTo(r);
        assertThat(query(r).RegionSize).isEqualTo(0x3000);
        assertThat(query(r).Protect).isEqualTo(PAGE_EXECUTE_READ);
        assertThat(read(r + 8, 8)).isEqualTo(0x1122_3344_5566_7788L);
    }

    @Test
    void freshCommitReadsZero_andARecommitAfterDecommitIsZeroAgain() {
        // docs/windows-rules.md W1.4-12, W2-17
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x2000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertThat(read(r, 8)).isZero();
        assertThat(read(r + 0x1FF8, 8)).isZero();
        write(r, 8, -1L);
        write(r + 0x1FF8, 8, -1L);
        assertThat(VirtualFree(r, 0x2000, MEM_DECOMMIT)).isTrue();
        assertThat(VirtualAlloc(r, 0x2000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertThat(read(r, 8)).isZero();
        assertThat(read(r + 0x1FF8, 8)).isZero();
    }

    // ---- allocation type and protection ----

    @ParameterizedTest
    @ValueSource(ints = {0, 0x200000 /* MEM_WRITE_WATCH alone */, 0x100000 /* MEM_TOP_DOWN alone */, 0x800, 0x10000 /* MEM_FREE */,
            0x4000 /* MEM_DECOMMIT */, 0x8000 /* MEM_RELEASE */, 0x2000 | 0x8000, 0x1000 | 0x40, 0x2000 | 0x80000000})
    void badAllocationType_fails87(int type) {
        // docs/windows-rules.md W1.4-13, W2-59
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, type, PAGE_READWRITE);
    }

    @Test
    void atRoundToPage_fails87() {
        // docs/windows-rules.md W1.4-14, W2-59
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_RESERVE | AT_ROUND_TO_PAGE, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, 0x10001000L, 0x1000, MEM_RESERVE | MEM_COMMIT | AT_ROUND_TO_PAGE, PAGE_READWRITE);
    }

    @Test
    void writeWatch_goesWithAReservation() {
        // docs/windows-rules.md W1.4-13: MEM_WRITE_WATCH alone is 87; with MEM_RESERVE it is a normal reservation
        long p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE);
        assertThat(p).isNotZero();
        assertThat(query(p).State).isEqualTo(MEM_COMMIT);
        assertAllocFails(ERROR_INVALID_PARAMETER, p, 0x1000, MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE);
    }

    @Test
    void protectionZero_fails87() {
        // docs/windows-rules.md W1.4-15, W2-19
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_RESERVE, 0);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_COMMIT, 0);
        long r = reserveR();
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x1000, MEM_COMMIT, 0);
    }

    @Test
    void everyProtectionByte_onlyTheSixSingleBaseProtectionsAreAccepted() {
        // docs/windows-rules.md W1.4-16 (the 0x00-0xF0 table), W1.4-17: exactly one of 0x01/0x02/0x04/0x10/0x20/0x40;
        // WRITECOPY and EXECUTE_WRITECOPY (0x08, 0x80) are for mapped views only.
        for (int prot = 0; prot <= 0xFF; prot++) {
            boolean valid = prot == 0x01 || prot == 0x02 || prot == 0x04 || prot == 0x10 || prot == 0x20 || prot == 0x40;
            for (int type : new int[] {MEM_RESERVE, MEM_RESERVE | MEM_COMMIT}) {
                SetLastError(0xDEADBEEF);
                long p = VirtualAlloc(NULL, 0x1000, type, prot);
                if (valid) {
                    assertThat(p).as("protection %#x type %#x", prot, type).isNotZero();
                    assertThat(query(p).AllocationProtect).isEqualTo(prot);
                    if ((type & MEM_COMMIT) != 0) {
                        assertThat(query(p).Protect).isEqualTo(prot);
                    }
                    assertThat(VirtualFree(p, 0, MEM_RELEASE)).isTrue();
                } else {
                    assertThat(p).as("protection %#x type %#x", prot, type).isZero();
                    assertThat(GetLastError()).as("protection %#x type %#x", prot, type).isEqualTo(ERROR_INVALID_PARAMETER);
                }
            }
        }
        assertThat(engine().allocations()).isEmpty();
    }

    @Test
    void writeCopyOnPrivateMemory_fails87() {
        // docs/windows-rules.md W1.4-17, W2-18
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_RESERVE, PAGE_WRITECOPY);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_COMMIT, PAGE_EXECUTE_WRITECOPY);
        long r = reserveR();
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x1000, MEM_COMMIT, PAGE_WRITECOPY);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x1000, MEM_COMMIT, PAGE_EXECUTE_WRITECOPY);
    }

    @ParameterizedTest
    @ValueSource(ints = {
            0x100 /* GUARD alone */, 0x200 /* NOCACHE alone */, 0x400 /* WRITECOMBINE alone */,
            0x101 /* GUARD|NOACCESS */, 0x201 /* NOCACHE|NOACCESS */, 0x401 /* WRITECOMBINE|NOACCESS */,
            0x304 /* NOCACHE|GUARD */, 0x604 /* NOCACHE|WRITECOMBINE */, 0x504 /* WRITECOMBINE|GUARD */,
            0x702, 0x800 | 0x04 /* unknown modifier bit */, 0x1004})
    void badModifierCombination_fails87(int prot) {
        // docs/windows-rules.md W1.4-18 and W3-3: GUARD not with NOACCESS; NOCACHE not with GUARD, NOACCESS or
        // WRITECOMBINE; WRITECOMBINE not with NOACCESS, GUARD or NOCACHE; W2-19. Windows rejects GUARD|NOACCESS, Wine
        // accepts it: Windows is followed (see the policy switch test in GuardPageTest).
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_RESERVE, prot);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, prot);
        long r = reserveR();
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x1000, MEM_COMMIT, prot);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x104 /* RW|GUARD */, 0x204 /* RW|NOCACHE */, 0x404 /* RW|WRITECOMBINE */, 0x120, 0x240, 0x402, 0x210})
    void validModifierCombination_isKeptInAllocationProtectAndProtect(int prot) {
        // docs/windows-rules.md W1.1-2 (AllocationProtect includes the modifiers), W1.4-40
        long p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, prot);
        assertThat(p).isNotZero();
        assertThat(query(p).AllocationProtect).isEqualTo(prot);
        assertThat(query(p).Protect).isEqualTo(prot);
    }

    @Test
    void cacheModifiersFollowTheAllocation_onCommit() {
        // docs/windows-rules.md W2-24, W2-25 (observed under Wine): NOCACHE/WRITECOMBINE belong to the allocation. A
        // commit on normal memory drops them; a commit in a NOCACHE reservation keeps NOCACHE.
        long normal = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
        assertThat(VirtualAlloc(normal, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_NOCACHE)).isEqualTo(normal);
        assertThat(query(normal).Protect).isEqualTo(PAGE_READWRITE);
        long nocache = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE | PAGE_NOCACHE);
        assertThat(VirtualAlloc(nocache, 0x1000, MEM_COMMIT, PAGE_READONLY)).isEqualTo(nocache);
        assertThat(query(nocache).Protect).isEqualTo(PAGE_READONLY | PAGE_NOCACHE);
        assertThat(query(nocache).AllocationProtect).isEqualTo(PAGE_READWRITE | PAGE_NOCACHE);
    }

    // ---- MEM_RESET ----

    @Test
    void resetOnACommittedPage_keepsStateAndProtection_contentIsKeptOrZero() {
        // docs/windows-rules.md W1.4-19, W2-55: the content afterwards is unspecified, both are accepted
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x2000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        write(r + 0x10, 8, 0x0102_0304_0506_0708L);
        // flProtect is ignored (PAGE_NOACCESS does not change the page), but it has to be a valid value
        assertThat(VirtualAlloc(r + 0x10, 0x1000, MEM_RESET, PAGE_NOACCESS)).as("returns the page address").isEqualTo(r);
        MEMORY_BASIC_INFORMATION info = query(r);
        assertThat(info.State).isEqualTo(MEM_COMMIT);
        assertThat(info.Protect).isEqualTo(PAGE_READWRITE);
        assertThat(info.RegionSize).isEqualTo(0x2000);
        assertThat(read(r + 0x10, 8)).isIn(0L, 0x0102_0304_0506_0708L);
        // still a normal read-write page
        write(r + 0x10, 8, 42);
        assertThat(read(r + 0x10, 8)).isEqualTo(42);
    }

    @Test
    void resetWithAnInvalidProtection_fails87() {
        // docs/windows-rules.md W1.4-19, W3-2
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x1000, MEM_RESET, 0);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x1000, MEM_RESET, PAGE_WRITECOPY);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x1000, MEM_RESET, 0x06);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x80000 | 0x1000, 0x80000 | 0x2000, 0x80000 | 0x100000, 0x80000 | 0x1000000, 0x1000000 | 0x1000})
    void resetCombinedWithAnotherType_fails87(int type) {
        // docs/windows-rules.md W3-2 (MEM_RESET_UNDO neither)
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x1000, type, PAGE_READWRITE);
    }

    @Test
    void resetOnReservedPages_succeedsAndTheyStayReserved() {
        // docs/windows-rules.md W1.4-20, W2-56
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x2000, MEM_RESET, PAGE_NOACCESS)).isEqualTo(r);
        assertThat(query(r).State).isEqualTo(MEM_RESERVE);
        assertThat(query(r).RegionSize).isEqualTo(0x10000);
    }

    @Test
    void resetPastTheEndOfTheReservation_fails487_onFreeMemory487_ofSizeZero87() {
        // docs/windows-rules.md W1.4-20, W2-57
        long r = reserveR();
        assertAllocFails(ERROR_INVALID_ADDRESS, r + 0xF000, 0x2000, MEM_RESET, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_ADDRESS, 0x60000000L, 0x1000, MEM_RESET, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0, MEM_RESET, PAGE_NOACCESS);
    }

    @Test
    void resetOutsideTheUserRange_fails87() {
        // docs/windows-rules.md W2-4, applied to MEM_RESET as to
        // every other allocation type (Wine rounds and checks the address before it looks at the type).
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_RESET, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_PARAMETER, 0x1000, 0x1000, MEM_RESET, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_PARAMETER, 0x8000_0000_0000L, 0x1000, MEM_RESET, PAGE_NOACCESS);
        long r = reserveR();
        assertAllocFails(ERROR_INVALID_PARAMETER, r, 0x7FFF_FFFF_FFFF_FFFFL, MEM_RESET, PAGE_NOACCESS);
        assertAllocFails(ERROR_INVALID_PARAMETER, r, -r, MEM_RESET, PAGE_NOACCESS);
    }

    @Test
    void resetUndo_onResetPages_succeeds() {
        // docs/windows-rules.md W1.1-5: MEM_RESET_UNDO 0x1000000, alone like MEM_RESET
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertThat(VirtualAlloc(r, 0x1000, MEM_RESET, PAGE_READWRITE)).isEqualTo(r);
        assertThat(VirtualAlloc(r, 0x1000, MEM_RESET_UNDO, PAGE_READWRITE)).isEqualTo(r);
        assertThat(query(r).State).isEqualTo(MEM_COMMIT);
    }

    // ---- large pages, physical, top-down ----

    @Test
    void largePagesWithoutThePrivilege_fails1314() {
        // docs/windows-rules.md W1.4-21: Windows without SeLockMemoryPrivilege says 1314 (Wine rejects the flag with
        // 87; Windows followed)
        long large = GetLargePageMinimum();
        assertThat(large).isEqualTo(2L << 20);
        assertAllocFails(ERROR_PRIVILEGE_NOT_HELD, NULL, large, MEM_RESERVE | MEM_COMMIT | MEM_LARGE_PAGES, PAGE_READWRITE);
    }

    @Test
    void largePagesWithBadParameters_fails87BeforeThePrivilegeCheck() {
        // docs/windows-rules.md W1.4-21: MEM_LARGE_PAGES must come with MEM_RESERVE|MEM_COMMIT; parameters (size,
        // address) are checked before the privilege, as in NtAllocateVirtualMemory.
        long large = GetLargePageMinimum();
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, large, MEM_RESERVE | MEM_LARGE_PAGES, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, large, MEM_COMMIT | MEM_LARGE_PAGES, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0, MEM_RESERVE | MEM_COMMIT | MEM_LARGE_PAGES, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, 0x1000, large, MEM_RESERVE | MEM_COMMIT | MEM_LARGE_PAGES, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, large, MEM_RESERVE | MEM_COMMIT | MEM_LARGE_PAGES, 0);
    }

    @Test
    void physical_onlyWithReserveAndReadWrite() {
        // MEM_PHYSICAL (AWE): MEM_RESERVE alone (MEM_TOP_DOWN allowed) and PAGE_READWRITE, else 87
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x10000, MEM_RESERVE | MEM_PHYSICAL, PAGE_READONLY);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x10000, MEM_RESERVE | MEM_COMMIT | MEM_PHYSICAL, PAGE_READWRITE);
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x10000, MEM_COMMIT | MEM_PHYSICAL, PAGE_READWRITE);
        long p = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_PHYSICAL, PAGE_READWRITE);
        assertThat(p).isNotZero();
        assertThat(query(p).State).isEqualTo(MEM_RESERVE);
    }

    @Test
    void topDown_placesTheReservationAboveANormalOne_deterministically() {
        // docs/windows-rules.md W1.4-22, W2-58
        long low = VirtualAlloc(NULL, 0x1000, MEM_RESERVE, PAGE_READWRITE);
        long high = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_TOP_DOWN, PAGE_READWRITE);
        long high2 = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_TOP_DOWN, PAGE_READWRITE);
        assertThat(high).isGreaterThan(low);
        assertThat(high % GRANULE).isZero();
        assertThat(high2).isNotZero().isLessThan(high);
        assertThat(high).isLessThan(USER_LIMIT - GRANULE);
        // the same calls in a fresh process give the same addresses
        Win32.reset();
        assertThat(VirtualAlloc(NULL, 0x1000, MEM_RESERVE, PAGE_READWRITE)).isEqualTo(low);
        assertThat(VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_TOP_DOWN, PAGE_READWRITE)).isEqualTo(high);
    }

    @Test
    void bottomUpPlacement_takesTheLowestFreeGranuleThatFits() {
        // docs/windows-rules.md W1.4-22: the deterministic rule for system-chosen addresses is bottom-up first fit
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
        long b = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
        long c = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
        assertThat(b).isEqualTo(a + GRANULE);
        assertThat(c).isEqualTo(b + GRANULE);
        assertThat(VirtualFree(b, 0, MEM_RELEASE)).isTrue();
        assertThat(VirtualAlloc(NULL, 0x20000, MEM_RESERVE, PAGE_READWRITE)).as("the hole is too small").isGreaterThan(c);
        assertThat(VirtualAlloc(NULL, 0x8000, MEM_RESERVE, PAGE_READWRITE)).as("the hole fits").isEqualTo(b);
    }

    // ---- commit limit and address space ----

    @Test
    void reservingNeverChargesCommit() {
        // docs/windows-rules.md W1.1-4, W1.4-23: a reservation never charges commit
        long big = VirtualAlloc(NULL, 1L << 40, MEM_RESERVE, PAGE_READWRITE);
        assertThat(big).isNotZero();
        assertThat(engine().memory().commitCharge()).isZero();
        assertThat(VirtualAlloc(big, 0x3000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(big);
        assertThat(engine().memory().commitCharge()).isEqualTo(3);
    }

    @Test
    void commitBeyondTheCommitLimit_fails1455AndChangesNothing() {
        // docs/windows-rules.md W1.4-23, W1.3-10: STATUS_COMMITMENT_LIMIT -> 1455
        Win32.attach(PageLab.machine().commitLimit(PageLab.kb(64)).space()); // 16 pages
        long r = VirtualAlloc(NULL, 0x100000, MEM_RESERVE, PAGE_READWRITE);
        assertThat(VirtualAlloc(r, 0xC000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertAllocFails(ERROR_COMMITMENT_LIMIT, r, 0x20000, MEM_COMMIT, PAGE_READWRITE);
        assertAllocFails(ERROR_COMMITMENT_LIMIT, NULL, 0x10000, MEM_COMMIT, PAGE_READWRITE);
        assertAllocFails(ERROR_COMMITMENT_LIMIT, 0x70000000L, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertThat(engine().allocations()).hasSize(1);
        assertThat(query(r).RegionSize).isEqualTo(0xC000);
        // recommitting the committed pages plus what is left fits exactly
        assertThat(VirtualAlloc(r, 0x10000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertThat(engine().memory().commitCharge()).isEqualTo(16);
        // freeing gives the charge back
        assertThat(VirtualFree(r, 0x8000, MEM_DECOMMIT)).isTrue();
        assertThat(VirtualAlloc(NULL, 0x8000, MEM_COMMIT, PAGE_READWRITE)).isNotZero();
    }

    @Test
    void reserveWithNoFreeHoleLeft_fails8() {
        // docs/windows-rules.md W1.4-23, W1.3-9: no free 64K-aligned hole gives NULL / 8
        long half = 0x4000_0000_0000L;
        long a = VirtualAlloc(NULL, half, MEM_RESERVE, PAGE_NOACCESS);
        assertThat(a).isNotZero();
        assertAllocFails(ERROR_NOT_ENOUGH_MEMORY, NULL, half, MEM_RESERVE, PAGE_NOACCESS);
        assertAllocFails(ERROR_NOT_ENOUGH_MEMORY, NULL, half, MEM_RESERVE | MEM_TOP_DOWN, PAGE_NOACCESS);
        assertThat(engine().allocations()).hasSize(1);
    }
}
