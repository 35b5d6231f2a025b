package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The model of {@code docs/windows-rules.md} W1.1: geometry from GetSystemInfo, the Win32 values of states, types and
 * protections.
 */
class SystemModelTest extends Win32Rules {

    @Test
    void systemInfo_pageIs0x1000_granularityIs0x10000_userRangeOfWindowsX64() {
        // docs/windows-rules.md W1.1-1: page 0x1000, granularity 0x10000, as GetSystemInfo reports them
        SYSTEM_INFO si = new SYSTEM_INFO();
        GetSystemInfo(si);
        assertThat(si.dwPageSize).isEqualTo(0x1000);
        assertThat(si.dwAllocationGranularity).isEqualTo(0x10000);
        assertThat(si.lpMinimumApplicationAddress).isEqualTo(0x10000);
        assertThat(si.lpMaximumApplicationAddress).isEqualTo(0x7FFF_FFFE_FFFFL);
    }

    @Test
    void statesTypesAndAllocationFlags_haveTheirWin32Values() {
        // docs/windows-rules.md W1.1-1, W1.1-5: flag values
        assertThat(MEM_FREE).isEqualTo(0x10000);
        assertThat(MEM_RESERVE).isEqualTo(0x2000);
        assertThat(MEM_COMMIT).isEqualTo(0x1000);
        assertThat(MEM_PRIVATE).isEqualTo(0x20000);
        assertThat(MEM_MAPPED).isEqualTo(0x40000);
        assertThat(MEM_IMAGE).isEqualTo(0x1000000);
        assertThat(MEM_DECOMMIT).isEqualTo(0x4000);
        assertThat(MEM_RELEASE).isEqualTo(0x8000);
        assertThat(MEM_RESET).isEqualTo(0x80000);
        assertThat(MEM_TOP_DOWN).isEqualTo(0x100000);
        assertThat(MEM_WRITE_WATCH).isEqualTo(0x200000);
        assertThat(MEM_PHYSICAL).isEqualTo(0x400000);
        assertThat(MEM_RESET_UNDO).isEqualTo(0x1000000);
        assertThat(MEM_LARGE_PAGES).isEqualTo(0x20000000);
        assertThat(AT_ROUND_TO_PAGE).isEqualTo(0x40000000);
    }

    @Test
    void protections_haveTheirWin32Values() {
        // docs/windows-rules.md W1.1-6: protections and modifiers
        assertThat(new int[] {PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE,
                PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY, PAGE_GUARD, PAGE_NOCACHE,
                PAGE_WRITECOMBINE})
                .containsExactly(0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400);
    }

    @Test
    void errorCodesAndStatuses_haveTheirWin32Values() {
        // docs/windows-rules.md W1.3, W1.4-42, W1.4-45
        assertThat(new int[] {ERROR_ACCESS_DENIED, ERROR_NOT_ENOUGH_MEMORY, ERROR_BAD_LENGTH, ERROR_INVALID_PARAMETER,
                ERROR_INVALID_ADDRESS, ERROR_NOACCESS, ERROR_PRIVILEGE_NOT_HELD, ERROR_COMMITMENT_LIMIT})
                .containsExactly(5, 8, 24, 87, 487, 998, 1314, 1455);
        assertThat(STATUS_ACCESS_VIOLATION).isEqualTo(0xC0000005);
        assertThat(STATUS_GUARD_PAGE_VIOLATION).isEqualTo(0x80000001);
        assertThat(new int[] {EXCEPTION_READ_FAULT, EXCEPTION_WRITE_FAULT, EXCEPTION_EXECUTE_FAULT}).containsExactly(0, 1, 8);
    }

    @Test
    void commitTakesNoFrameUntilFirstTouch_whichIsZeroFilled() {
        // docs/windows-rules.md W1.1-4: a frame comes with the first touch, filled with zeros
        long p = VirtualAlloc(NULL, 0x3000, MEM_COMMIT, PAGE_READWRITE);
        assertThat(engine().memory().commitCharge()).isEqualTo(3);
        assertThat(engine().residentPages()).isZero();
        assertThat(read(p + 0x1000, 8)).isZero();
        assertThat(engine().residentPages()).isEqualTo(1);
        assertThat(engine().demandZeroFaults()).isEqualTo(1);
    }
}
