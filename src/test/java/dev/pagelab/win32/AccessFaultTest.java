package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Accesses and STATUS_ACCESS_VIOLATION: {@code docs/windows-rules.md} W1.4-45, W2-32 to W2-37 and P-2. */
class AccessFaultTest extends Win32Rules {

    private static void assertViolation(MemoryFault f, int accessType, long address) {
        assertThat(f.status()).isEqualTo(STATUS_ACCESS_VIOLATION);
        assertThat(f.accessType()).isEqualTo(accessType);
        assertThat(f.address()).isEqualTo(address);
    }

    @Test
    void touchingFreeOrReservedMemory_isAReadOrWriteViolationAtTheAddress() {
        // docs/windows-rules.md W1.4-45, W2-32
        long r = reserveR();
        assertViolation(faultOf(() -> read(r + 0x123, 4)), EXCEPTION_READ_FAULT, r + 0x123);
        assertViolation(faultOf(() -> write(r + 0x456, 1, 1)), EXCEPTION_WRITE_FAULT, r + 0x456);
        assertViolation(faultOf(() -> read(0x40000000L, 8)), EXCEPTION_READ_FAULT, 0x40000000L);
        assertViolation(faultOf(() -> read(NULL, 1)), EXCEPTION_READ_FAULT, 0);
        assertViolation(faultOf(() -> execute(r)), EXCEPTION_EXECUTE_FAULT, r);
    }

    @Test
    void readingNoAccessDecommittedOrReleasedPages_isAReadViolation() {
        // docs/windows-rules.md W2-32
        long a = VirtualAlloc(NULL, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        write(a + 0x1000, 4, 1);
        protect(a, 0x1000, PAGE_NOACCESS);
        assertViolation(faultOf(() -> read(a + 8, 4)), EXCEPTION_READ_FAULT, a + 8);
        assertThat(VirtualFree(a + 0x1000, 0x1000, MEM_DECOMMIT)).isTrue();
        assertViolation(faultOf(() -> read(a + 0x1000, 4)), EXCEPTION_READ_FAULT, a + 0x1000);
        assertThat(read(a + 0x2000, 4)).isZero();
        assertThat(VirtualFree(a, 0, MEM_RELEASE)).isTrue();
        assertViolation(faultOf(() -> read(a + 0x2000, 4)), EXCEPTION_READ_FAULT, a + 0x2000);
    }

    @ParameterizedTest
    @ValueSource(ints = {PAGE_READONLY, PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_NOACCESS})
    void writingANonWritablePage_isAWriteViolation(int protection) {
        // docs/windows-rules.md W1.4-45, W2-33
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, protection);
        assertViolation(faultOf(() -> write(a + 0x20, 4, 7)), EXCEPTION_WRITE_FAULT, a + 0x20);
    }

    @ParameterizedTest
    @ValueSource(ints = {PAGE_READONLY, PAGE_READWRITE, PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE})
    void readingAReadablePage_succeeds_executeOnlyIncluded(int protection) {
        // docs/windows-rules.md W2-34
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, protection);
        assertThat(read(a + 0x30, 8)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {PAGE_READWRITE, PAGE_READONLY, PAGE_NOACCESS})
    void executingANonExecutablePage_isAnExecuteViolation(int protection) {
        // docs/windows-rules.md W1.4-45 (DEP), W2-35
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, protection);
        assertViolation(faultOf(() -> execute(a + 0x10)), EXCEPTION_EXECUTE_FAULT, a + 0x10);
    }

    @ParameterizedTest
    @ValueSource(ints = {PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE})
    void executingAnExecutablePage_succeeds_faultingThePageInOnce_andChangingNothing(int protection) {
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, protection);
        execute(a + 0x10);
        execute(a + 0x800);
        assertThat(engine().accessViolations()).as("no access violation").isZero();
        assertThat(engine().demandZeroFaults()).as("the first fetch brings the zero page in, the second finds it")
                .isEqualTo(1);
        assertThat(engine().residentPages()).isEqualTo(1);
        assertThat(query(a).State).isEqualTo(MEM_COMMIT);
        assertThat(query(a).Protect).as("a fetch leaves the protection as it was").isEqualTo(protection);
        assertThat(read(a + 0x10, 8)).as("and the page's bytes zero").isZero();
    }

    @Test
    void executeReadWrite_allowsEverything() {
        long a = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE_READWRITE);
        write(a, 4, 0x90909090L);
        assertThat(read(a, 4)).isEqualTo(0x90909090L);
        execute(a);
    }

    @ParameterizedTest
    @ValueSource(ints = {PAGE_READONLY, 0 /* reserved */})
    void writeStraddlingIntoABadPage_faultsAtItsFirstByteAndWritesNoByte(int secondPage) {
        // docs/windows-rules.md W2-37, P-2: an access violation at the first byte of the second page, no byte written
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        if (secondPage != 0) {
            assertThat(VirtualAlloc(r + 0x1000, 0x1000, MEM_COMMIT, secondPage)).isNotZero();
        }
        write(r + 0xFF8, 8, 0x1111_1111_1111_1111L);
        assertViolation(faultOf(() -> write(r + 0xFFE, 4, 0xFFFF_FFFFL)), EXCEPTION_WRITE_FAULT, r + 0x1000);
        assertThat(read(r + 0xFF8, 8)).as("no byte of the first page written").isEqualTo(0x1111_1111_1111_1111L);
        if (secondPage != 0) {
            assertThat(read(r + 0x1000, 4)).isZero();
        }
    }

    @Test
    void readStraddlingIntoAReservedPage_faultsAtThatPage() {
        // docs/windows-rules.md W1.4-45, P-2
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        assertViolation(faultOf(() -> read(r + 0xFFC, 8)), EXCEPTION_READ_FAULT, r + 0x1000);
    }

    @Test
    void accessAboveUserSpace_isAnAccessViolation() {
        assertViolation(faultOf(() -> read(0x8000_0000_0000L, 8)), EXCEPTION_READ_FAULT, 0x8000_0000_0000L);
        assertViolation(faultOf(() -> write(0xFFFF_F800_0000_0000L, 4, 0)), EXCEPTION_WRITE_FAULT, 0xFFFF_F800_0000_0000L);
    }

    @Test
    void accessesAreLittleEndianInEveryWidth() {
        long a = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        write(a, 8, 0x0807_0605_0403_0201L);
        assertThat(read(a, 1)).isEqualTo(0x01);
        assertThat(read(a + 1, 2)).isEqualTo(0x0302);
        assertThat(read(a + 4, 4)).isEqualTo(0x0807_0605L);
        // across a page boundary
        write(a + 0xFFD, 8, 0x1122_3344_5566_7788L);
        assertThat(read(a + 0xFFD, 8)).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(read(a + 0x1000, 1)).isEqualTo(0x55);
    }

    @Test
    void anAccessViolation_changesNoPage() {
        // docs/windows-rules.md P-2: a faulting access performs nothing
        long r = reserveR();
        assertThat(VirtualAlloc(r, 0x2000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(r);
        protect(r + 0x1000, 0x1000, PAGE_READONLY);
        write(r + 0x10, 4, 3);
        Snapshot before = snapshot();
        faultOf(() -> write(r + 0x1000, 4, 1));
        faultOf(() -> write(r + 0xFFE, 4, 1));
        faultOf(() -> read(r + 0x2000, 4));
        faultOf(() -> execute(r));
        assertThat(snapshot()).isEqualTo(before);
    }
}
