package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.PageLab;

import org.junit.jupiter.api.Test;

/** PAGE_GUARD: {@code docs/windows-rules.md} W1.4-18, W1.4-42 to W1.4-44, W2-26 to W2-31 and W2-36. */
class GuardPageTest extends Win32Rules {

    @Test
    void firstReadRaisesGuardViolationAndClearsTheGuard_theRetrySucceeds() {
        // docs/windows-rules.md W1.4-42, W2-26, W2-27
        long p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
        assertThat(query(p).Protect).isEqualTo(0x104);
        assertThat(query(p).AllocationProtect).isEqualTo(0x104);
        MemoryFault f = faultOf(() -> read(p + 0x10, 4));
        assertThat(f.status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(f.accessType()).isEqualTo(EXCEPTION_READ_FAULT);
        assertThat(f.address()).isEqualTo(p + 0x10);
        assertThat(query(p).Protect).isEqualTo(PAGE_READWRITE);
        assertThat(query(p).AllocationProtect).as("AllocationProtect keeps |GUARD").isEqualTo(0x104);
        assertThat(read(p + 0x10, 4)).isZero();
        assertThat(read(p + 0x10, 4)).as("the second access raises nothing").isZero();
    }

    @Test
    void firstWriteRaisesGuardViolation_andIsNotPerformed() {
        // docs/windows-rules.md W1.4-42, W2-26
        long p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
        MemoryFault f = faultOf(() -> write(p, 8, 0x1111_2222_3333_4444L));
        assertThat(f.status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(f.accessType()).isEqualTo(EXCEPTION_WRITE_FAULT);
        assertThat(f.address()).isEqualTo(p);
        assertThat(read(p, 8)).as("nothing was written").isZero();
        write(p, 8, 0x1111_2222_3333_4444L);
        assertThat(read(p, 8)).isEqualTo(0x1111_2222_3333_4444L);
    }

    @Test
    void guardIsClearedForTheTouchedPageOnly() {
        // docs/windows-rules.md W1.4-42, W2-27
        long p = VirtualAlloc(NULL, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
        assertThat(faultOf(() -> read(p + 0x1000, 1)).status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(query(p).Protect).isEqualTo(PAGE_READWRITE | PAGE_GUARD);
        assertThat(query(p).RegionSize).isEqualTo(0x1000);
        assertThat(query(p + 0x1000).Protect).isEqualTo(PAGE_READWRITE);
        assertThat(query(p + 0x1000).RegionSize).isEqualTo(0x1000);
        assertThat(query(p + 0x2000).Protect).isEqualTo(PAGE_READWRITE | PAGE_GUARD);
        assertThat(faultOf(() -> write(p + 0x2FF8, 8, 1)).status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(faultOf(() -> read(p, 1)).status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(query(p).RegionSize).as("all three disarmed: one run again").isEqualTo(0x3000);
    }

    @Test
    void virtualProtectOnAnArmedGuardPage_returnsTheGuardBit_rearmingReturnsThePlainProtection() {
        // docs/windows-rules.md W1.4-43
        long p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
        assertThat(protect(p, 0x1000, PAGE_READWRITE)).isEqualTo(PAGE_READWRITE | PAGE_GUARD);
        assertThat(read(p, 4)).as("disarmed by VirtualProtect").isZero();
        assertThat(protect(p, 0x1000, PAGE_READWRITE | PAGE_GUARD)).isEqualTo(PAGE_READWRITE);
        assertThat(faultOf(() -> read(p, 4)).status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(protect(p, 0x1000, PAGE_READONLY)).as("after it fired").isEqualTo(PAGE_READWRITE);
    }

    @Test
    void readOnlyGuardPage_firstWriteIsAGuardViolation_theNextWriteAnAccessViolation() {
        // docs/windows-rules.md W2-28
        long p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READONLY | PAGE_GUARD);
        MemoryFault first = faultOf(() -> write(p, 4, 1));
        assertThat(first.status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(first.accessType()).isEqualTo(EXCEPTION_WRITE_FAULT);
        MemoryFault second = faultOf(() -> write(p, 4, 1));
        assertThat(second.status()).isEqualTo(STATUS_ACCESS_VIOLATION);
        assertThat(second.accessType()).isEqualTo(EXCEPTION_WRITE_FAULT);
        assertThat(read(p, 4)).isZero();
    }

    @Test
    void readStraddlingANormalPageAndAGuardPage_faultsAtTheGuardPage_theRetrySucceeds() {
        // docs/windows-rules.md W2-29
        long p = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        write(p + 0xFFC, 4, 0xAABBCCDDL);
        protect(p + 0x1000, 0x1000, PAGE_READWRITE | PAGE_GUARD);
        MemoryFault f = faultOf(() -> read(p + 0xFFC, 8));
        assertThat(f.status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(f.address()).isEqualTo(p + 0x1000);
        assertThat(f.accessType()).isEqualTo(EXCEPTION_READ_FAULT);
        assertThat(read(p + 0xFFC, 8)).isEqualTo(0xAABBCCDDL);
    }

    @Test
    void guardGivenAtReserveTimeOnly_isTheAllocationProtect_laterCommitsAreNotGuarded() {
        // docs/windows-rules.md W2-30
        long a = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE | PAGE_GUARD);
        assertThat(query(a).AllocationProtect).isEqualTo(PAGE_READWRITE | PAGE_GUARD);
        assertThat(VirtualAlloc(a, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a);
        assertThat(query(a).Protect).isEqualTo(PAGE_READWRITE);
        assertThat(read(a, 4)).isZero();
    }

    @Test
    void commitWithGuardOverCommittedPages_armsItAndKeepsData_recommitWithoutGuardDisarms() {
        // docs/windows-rules.md W2-31
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        write(a, 4, 99);
        assertThat(VirtualAlloc(a, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD)).isEqualTo(a);
        assertThat(query(a).Protect).isEqualTo(PAGE_READWRITE | PAGE_GUARD);
        assertThat(VirtualAlloc(a, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(a);
        assertThat(query(a).Protect).isEqualTo(PAGE_READWRITE);
        assertThat(read(a, 4)).isEqualTo(99);
        assertThat(VirtualAlloc(a, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD)).isEqualTo(a);
        assertThat(faultOf(() -> read(a, 4)).status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(read(a, 4)).as("data kept").isEqualTo(99);
    }

    @Test
    void executingAnExecuteGuardPage_raisesAGuardViolationOfTypeExecute_thenRuns() {
        // docs/windows-rules.md W2-36
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE | PAGE_GUARD);
        MemoryFault f = faultOf(() -> execute(a + 0x40));
        assertThat(f.status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(f.accessType()).isEqualTo(EXCEPTION_EXECUTE_FAULT);
        assertThat(f.address()).isEqualTo(a + 0x40);
        execute(a + 0x40);
        assertThat(query(a).Protect).isEqualTo(PAGE_EXECUTE);
    }

    @Test
    void guardWithNoAccess_isRefusedAsOnWindows_wineRuleIsAPolicySwitch() {
        // docs/windows-rules.md W1.4-18 [MS vs W-I], W3-3: Windows refuses PAGE_GUARD|PAGE_NOACCESS (87); Wine accepts
        // it. PageLab follows Windows and offers Wine's rule behind machine().wineGuardRule(true).
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS | PAGE_GUARD);
        long ok = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
        assertProtectFails(ERROR_INVALID_PARAMETER, ok, 0x1000, PAGE_NOACCESS | PAGE_GUARD);
        checkInvariants();

        Win32.attach(PageLab.machine().wineGuardRule(true).space());
        long p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS | PAGE_GUARD);
        assertThat(p).isNotZero();
        assertThat(query(p).Protect).isEqualTo(PAGE_NOACCESS | PAGE_GUARD);
        assertThat(faultOf(() -> read(p, 1)).status()).as("the guard fires first").isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(faultOf(() -> read(p, 1)).status()).isEqualTo(STATUS_ACCESS_VIOLATION);
        // NOCACHE|GUARD stays refused under either rule
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_NOCACHE | PAGE_GUARD);
    }

    @Test
    void guardOnAWriteWatchAllocation_firesFirst_thenTheWriteGoesThrough() {
        // docs/windows-rules.md W1.4-44 (second half): on a write-watch allocation the guard fires first and the
        // retried write still counts. The facade has no GetWriteWatch, so only the order is checked here; the
        // system-service half of W1.4-44 (VirtualLock, ReadFile) has no counterpart in the facade.
        long p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE | PAGE_GUARD);
        assertThat(p).isNotZero();
        assertThat(faultOf(() -> write(p, 4, 6)).status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        write(p, 4, 6);
        assertThat(read(p, 4)).isEqualTo(6);
    }

    @Test
    void guardFault_changesNothingElse() {
        // docs/windows-rules.md W1.4-42: the only effect of a guard fault is the cleared guard bit of that page
        long p = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
        long charge = engine().memory().commitCharge();
        faultOf(() -> write(p, 4, 5));
        assertThat(engine().memory().commitCharge()).isEqualTo(charge);
        assertThat(engine().residentPages()).as("the access was not performed, no frame taken").isZero();
        assertThat(engine().guardPageFaults()).isEqualTo(1);
    }
}
