package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LastErrorTest extends Win32Rules {

    @Test
    void successfulCalls_leaveTheLastErrorAsItWas() {
        // Windows sets the last error only when a call fails.
        SetLastError(0xDEAD);
        long p = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        int[] old = new int[1];
        assertThat(VirtualProtect(p, 0x1000, PAGE_READONLY, old)).isTrue();
        assertThat(VirtualQuery(p, new MEMORY_BASIC_INFORMATION(), MEMORY_BASIC_INFORMATION.SIZE)).isEqualTo(48);
        assertThat(VirtualFree(p, 0, MEM_RELEASE)).isTrue();
        assertThat(GetLastError()).isEqualTo(0xDEAD);
    }

    @Test
    void failedCall_setsTheLastError() {
        SetLastError(0);
        assertThat(VirtualAlloc(NULL, 0, MEM_RESERVE, PAGE_READWRITE)).isZero();
        assertThat(GetLastError()).isEqualTo(ERROR_INVALID_PARAMETER);
    }

    @Test
    void protectWithBadProtectionAndNullOldPointer_reportsTheProtectionFirst() {
        // NtProtectVirtualMemory validates the new protection before it probes lpflOldProtect.
        long p = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        assertThat(VirtualProtect(p, 0x1000, 0x06, null)).isFalse();
        assertThat(GetLastError()).isEqualTo(ERROR_INVALID_PARAMETER);
        assertThat(VirtualProtect(p, 0x1000, PAGE_READONLY, null)).isFalse();
        assertThat(GetLastError()).isEqualTo(ERROR_NOACCESS);
    }
}
