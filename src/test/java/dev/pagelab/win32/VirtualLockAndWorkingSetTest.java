package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.PageLab;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.VirtualMemory;

import org.junit.jupiter.api.Test;

/**
 * Working sets and VirtualLock through the facade: {@code docs/windows-rules.md} W4. The process runs on a machine of
 * 64 frames with Windows working sets unless a test says otherwise.
 */
class VirtualLockAndWorkingSetTest extends Win32Rules {

    private static void windowsMachine(int frames) {
        Win32.attach(PageLab.machine().frames(frames).windowsWorkingSets().space());
    }

    private static long committed(int pages) {
        return VirtualAlloc(NULL, pages * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    }

    private static long[] sizes() {
        long[] min = new long[1];
        long[] max = new long[1];
        assertThat(GetProcessWorkingSetSize(GetCurrentProcess(), min, max)).isTrue();
        return new long[] {min[0], max[0]};
    }

    @Test
    void getCurrentProcess_isThePseudoHandleMinusOne() {
        // docs/windows-rules.md W4-10
        assertThat(GetCurrentProcess()).isEqualTo(-1L);
    }

    @Test
    void defaultSizes_areWindows50And345Pages_cappedByTheFrames() {
        // docs/windows-rules.md W4-1
        assertThat(sizes()).containsExactly(50 * PAGE, 345 * PAGE);
        windowsMachine(64);
        assertThat(sizes()).as("max capped to the 64 frames, min to half of it").containsExactly(32 * PAGE, 64 * PAGE);
    }

    @Test
    void anyHandleButTheCurrentProcess_fails6() {
        // docs/windows-rules.md W4-10
        windowsMachine(64);
        long[] min = new long[1];
        long[] max = new long[1];
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(GetProcessWorkingSetSize(0x1234, min, max)).isFalse());
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(SetProcessWorkingSetSize(0, 80 * PAGE, 80 * PAGE)).isFalse());
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(EmptyWorkingSet(4)).isFalse());
        assertThat(sizes()).containsExactly(32 * PAGE, 64 * PAGE);
    }

    @Test
    void getProcessWorkingSetSize_nullOutPointer_fails998() {
        // docs/windows-rules.md W4-10, W1.3-12
        assertFails(ERROR_NOACCESS, () -> assertThat(GetProcessWorkingSetSize(-1, null, new long[1])).isFalse());
        assertFails(ERROR_NOACCESS, () -> assertThat(GetProcessWorkingSetSize(-1, new long[1], new long[0])).isFalse());
    }

    @Test
    void setProcessWorkingSetSize_badSizes_fail87AndChangeNothing() {
        // docs/windows-rules.md W4-6
        windowsMachine(64);
        long h = GetCurrentProcess();
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(SetProcessWorkingSetSize(h, 40 * PAGE, 30 * PAGE)).isFalse());
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(SetProcessWorkingSetSize(h, 0, 30 * PAGE)).isFalse());
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(SetProcessWorkingSetSize(h, PAGE, 12 * PAGE)).isFalse());
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(SetProcessWorkingSetSize(h, 20 * PAGE, 65 * PAGE)).isFalse());
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(SetProcessWorkingSetSize(h, -1, 30 * PAGE)).isFalse());
        assertThat(sizes()).containsExactly(32 * PAGE, 64 * PAGE);
    }

    @Test
    void setProcessWorkingSetSize_raisesASmallMinimumTo20Pages_andTheMaximumWithIt() {
        // docs/windows-rules.md W4-6
        windowsMachine(64);
        assertThat(SetProcessWorkingSetSize(-1, 1, 13 * PAGE)).isTrue();
        assertThat(sizes()).containsExactly(20 * PAGE, 20 * PAGE);
        assertThat(SetProcessWorkingSetSize(-1, 24 * PAGE + 1, 40 * PAGE)).isTrue();
        assertThat(sizes()).as("bytes round up to pages").containsExactly(25 * PAGE, 40 * PAGE);
    }

    @Test
    void aProcessAtItsMaximum_trimsItsOwnPage_andTouchingItIsASoftFault() {
        // docs/windows-rules.md W4-3, W4-4
        windowsMachine(64);
        assertThat(SetProcessWorkingSetSize(-1, 20 * PAGE, 20 * PAGE)).isTrue();
        long p = committed(21);
        for (int i = 0; i < 21; i++) {
            write(p + i * PAGE, 1, i + 1);
        }
        VirtualMemory vm = engine();
        assertThat(vm.residentPages()).isEqualTo(20);
        assertThat(vm.trims()).isEqualTo(1);
        long hard = vm.hardFaults();
        long writes = vm.memory().pageFileWrites();
        assertThat(read(p, 1)).as("the trimmed page's bytes are still in its frame").isEqualTo(1);
        assertThat(vm.softFaults()).isEqualTo(1);
        assertThat(vm.hardFaults()).as("no page-file read").isEqualTo(hard);
        assertThat(vm.memory().pageFileWrites()).isEqualTo(writes);
        assertThat(vm.residentPages()).isEqualTo(20);
    }

    @Test
    void emptyWorkingSet_movesEveryUnlockedPageToTheLists_andTheyComeBackSoft() {
        // docs/windows-rules.md W4-9, W4-4
        windowsMachine(64);
        long p = committed(4);
        for (int i = 0; i < 4; i++) {
            write(p + i * PAGE, 8, 0x1111L * (i + 1));
        }
        assertThat(VirtualLock(p, PAGE)).isTrue();
        assertThat(EmptyWorkingSet(GetCurrentProcess())).isTrue();
        VirtualMemory vm = engine();
        assertThat(vm.residentPages()).as("only the locked page stays").isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            assertThat(read(p + i * PAGE, 8)).isEqualTo(0x1111L * (i + 1));
        }
        assertThat(vm.softFaults()).isEqualTo(3);
        assertThat(vm.hardFaults()).isZero();
    }

    @Test
    void setProcessWorkingSetSizeMinusOneTwice_emptiesTheWorkingSet_andKeepsTheSizes() {
        // docs/windows-rules.md W4-9
        windowsMachine(64);
        long p = committed(3);
        read(p, 1);
        read(p + PAGE, 1);
        assertThat(SetProcessWorkingSetSize(-1, -1, -1)).isTrue();
        assertThat(engine().residentPages()).isZero();
        assertThat(sizes()).containsExactly(32 * PAGE, 64 * PAGE);
    }

    @Test
    void virtualLock_bringsPagesIn_andTheyAreNeverTrimmed() {
        // docs/windows-rules.md W4-12, W4-13
        windowsMachine(64);
        assertThat(SetProcessWorkingSetSize(-1, 20 * PAGE, 30 * PAGE)).isTrue();
        long p = committed(60);
        assertThat(VirtualLock(p + 0xFFF, 2)).as("two bytes across a boundary lock both pages").isTrue();
        VirtualMemory vm = engine();
        assertThat(vm.residentPages()).isEqualTo(2);
        assertThat(vm.lockedPages()).isEqualTo(2);
        for (int round = 0; round < 3; round++) {
            for (int i = 2; i < 60; i++) {
                write(p + i * PAGE, 1, i);
            }
        }
        assertThat(vm.trims()).isPositive();
        assertThat(vm.page(p).resident()).isTrue();
        assertThat(vm.page(p + PAGE).resident()).isTrue();
        long before = vm.journal().size();
        read(p, 1);
        read(p + PAGE, 1);
        for (int i = (int) before; i < vm.journal().size(); i++) {
            assertThat(vm.journal().kind(i).isFault()).as("a locked page takes no fault").isFalse();
        }
    }

    @Test
    void virtualLock_ofUncommittedOrNoAccessPages_fails998AndLocksNothing() {
        // docs/windows-rules.md W4-11
        windowsMachine(64);
        long r = VirtualAlloc(NULL, 4 * PAGE, MEM_RESERVE, PAGE_READWRITE);
        VirtualAlloc(r, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
        assertFails(ERROR_NOACCESS, () -> assertThat(VirtualLock(r, 3 * PAGE)).isFalse());
        VirtualAlloc(r + 2 * PAGE, PAGE, MEM_COMMIT, PAGE_NOACCESS);
        assertFails(ERROR_NOACCESS, () -> assertThat(VirtualLock(r, 3 * PAGE)).isFalse());
        assertFails(ERROR_NOACCESS, () -> assertThat(VirtualLock(0x7000_0000_0000L, PAGE)).isFalse());
        assertThat(engine().lockedPages()).isZero();
        assertThat(engine().residentPages()).as("nothing was brought in").isZero();
    }

    @Test
    void virtualLock_sizeZeroOrOutsideUserSpace_fails87() {
        // docs/windows-rules.md W4-11
        long p = committed(1);
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(VirtualLock(p, 0)).isFalse());
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(VirtualLock(USER_LIMIT, PAGE)).isFalse());
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(VirtualUnlock(p, 0)).isFalse());
    }

    @Test
    void virtualLock_onAGuardPage_failsOnceWithTheGuardStatus_andDisarmsIt() {
        // docs/windows-rules.md W4-15 (W1.4-44)
        windowsMachine(64);
        long p = VirtualAlloc(NULL, 2 * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
        assertFails(STATUS_GUARD_PAGE_VIOLATION, () -> assertThat(VirtualLock(p, 2 * PAGE)).isFalse());
        assertThat(query(p).Protect).as("the first guard page is disarmed").isEqualTo(PAGE_READWRITE);
        assertThat(query(p + PAGE).Protect).isEqualTo(PAGE_READWRITE | PAGE_GUARD);
        assertFails(STATUS_GUARD_PAGE_VIOLATION, () -> assertThat(VirtualLock(p, 2 * PAGE)).isFalse());
        assertThat(VirtualLock(p, 2 * PAGE)).isTrue();
        assertThat(engine().lockedPages()).isEqualTo(2);
    }

    @Test
    void virtualLock_pastTheWorkingSetMinimum_fails1453() {
        // docs/windows-rules.md W4-14
        windowsMachine(64);
        assertThat(SetProcessWorkingSetSize(-1, 20 * PAGE, 40 * PAGE)).isTrue();
        long p = committed(30);
        assertThat(VirtualLock(p, 15 * PAGE)).isTrue();
        assertFails(ERROR_WORKING_SET_QUOTA, () -> assertThat(VirtualLock(p + 10 * PAGE, 11 * PAGE)).isFalse());
        assertThat(engine().lockedPages()).isEqualTo(15);
        assertThat(VirtualLock(p + 10 * PAGE, 10 * PAGE)).as("pages locked already count once").isTrue();
        assertThat(engine().lockedPages()).isEqualTo(20);
    }

    @Test
    void virtualLock_whenTheMinimumIsTheMaximum_keepsOnePageFree() {
        // docs/windows-rules.md W4-14
        windowsMachine(64);
        assertThat(SetProcessWorkingSetSize(-1, 20 * PAGE, 20 * PAGE)).isTrue();
        long p = committed(30);
        assertFails(ERROR_WORKING_SET_QUOTA, () -> assertThat(VirtualLock(p, 20 * PAGE)).isFalse());
        assertThat(VirtualLock(p, 19 * PAGE)).isTrue();
        for (int i = 19; i < 30; i++) {
            write(p + i * PAGE, 1, 1);
        }
        assertThat(engine().residentPages()).as("the one unlocked slot turns over").isEqualTo(20);
    }

    @Test
    void aMaximumThatCannotHoldTheLockedPagesAndOneMore_fails1453() {
        // docs/windows-rules.md W4-14
        windowsMachine(64);
        assertThat(SetProcessWorkingSetSize(-1, 30 * PAGE, 40 * PAGE)).isTrue();
        long p = committed(30);
        assertThat(VirtualLock(p, 30 * PAGE)).isTrue();
        assertFails(ERROR_WORKING_SET_QUOTA,
                () -> assertThat(SetProcessWorkingSetSize(-1, 20 * PAGE, 30 * PAGE)).isFalse());
        assertThat(sizes()).containsExactly(30 * PAGE, 40 * PAGE);
        assertThat(SetProcessWorkingSetSize(-1, 20 * PAGE, 31 * PAGE)).isTrue();
    }

    @Test
    void virtualUnlock_ofPagesNotLocked_fails158_andRemovesThemFromTheWorkingSet() {
        // docs/windows-rules.md W4-17
        windowsMachine(64);
        long p = committed(3);
        assertThat(VirtualLock(p, PAGE)).isTrue();
        read(p + PAGE, 1);
        assertFails(ERROR_NOT_LOCKED, () -> assertThat(VirtualUnlock(p, 2 * PAGE)).isFalse());
        VirtualMemory vm = engine();
        assertThat(vm.lockedPages()).as("nothing was unlocked").isEqualTo(1);
        assertThat(vm.page(p + PAGE).resident()).as("the unlocked page left the working set").isFalse();
        assertThat(vm.page(p).resident()).isTrue();
        assertThat(VirtualUnlock(p, PAGE)).isTrue();
        assertThat(vm.lockedPages()).isZero();
        assertFails(ERROR_NOT_LOCKED, () -> assertThat(VirtualUnlock(p, PAGE)).isFalse());
    }

    @Test
    void decommittingOrReleasingLockedPages_unlocksThem() {
        // docs/windows-rules.md W4-16
        windowsMachine(64);
        long p = committed(4);
        assertThat(VirtualLock(p, 4 * PAGE)).isTrue();
        assertThat(VirtualFree(p + PAGE, PAGE, MEM_DECOMMIT)).isTrue();
        assertThat(engine().lockedPages()).isEqualTo(3);
        assertThat(VirtualFree(p, 0, MEM_RELEASE)).isTrue();
        assertThat(engine().lockedPages()).isZero();
        assertThat(engine().memory().lockedPages()).isZero();
    }

    @Test
    void textbookReplacement_neverEvictsALockedPage() {
        // docs/windows-rules.md W4-13
        Win32.attach(PageLab.machine().frames(4).space());
        long p = committed(12);
        assertThat(VirtualLock(p, PAGE)).isTrue();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 12; i++) {
                write(p + i * PAGE, 1, i);
            }
        }
        VirtualMemory vm = engine();
        assertThat(vm.evictions()).isPositive();
        assertThat(vm.page(p).resident()).isTrue();
        assertThat(vm.softFaults()).as("no lists without working sets").isZero();
    }

    @Test
    void textbookReplacement_emptyWorkingSetEvictsToThePageFile() {
        // docs/windows-rules.md W4-9
        Win32.attach(PageLab.machine().frames(8).space());
        long p = committed(3);
        write(p, 1, 7);
        read(p + PAGE, 1);
        assertThat(EmptyWorkingSet(-1)).isTrue();
        VirtualMemory vm = engine();
        assertThat(vm.residentPages()).isZero();
        assertThat(read(p, 1)).isEqualTo(7);
        assertThat(vm.hardFaults()).isEqualTo(1);
    }

    @Test
    void theJournalRecordsLocksAndSizes() {
        windowsMachine(64);
        long p = committed(1);
        VirtualLock(p, PAGE);
        VirtualUnlock(p, PAGE);
        SetProcessWorkingSetSize(-1, 20 * PAGE, 30 * PAGE);
        EmptyWorkingSet(-1);
        var journal = engine().journal();
        java.util.List<String> calls = new java.util.ArrayList<>();
        for (int i = 0; i < journal.size(); i++) {
            if (journal.kind(i).isOperation() || journal.kind(i) == JournalKind.TRIM) {
                String e = journal.event(i).toString();
                calls.add(e.substring(e.indexOf(' ') + 1));
            }
        }
        assertThat(calls).containsExactly(
                "VirtualAlloc(0x0, 4 KiB, MEM_COMMIT|MEM_RESERVE, PAGE_READWRITE) -> 0x1_0000",
                "VirtualLock(0x1_0000, 4 KiB) -> ok",
                "VirtualUnlock(0x1_0000, 4 KiB) -> ok",
                "SetProcessWorkingSetSize(80 KiB, 120 KiB) -> ok",
                "trimmed 0x1_0000 to the modified list (frame 0)",
                "EmptyWorkingSet() -> ok");
    }
}
