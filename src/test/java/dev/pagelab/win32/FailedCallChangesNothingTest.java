package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.PageLab;

import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failed call changes nothing ({@code docs/windows-rules.md} P-1, W1.4-8 and W1.4-33), for every failure kind
 * of the W1.3 error table: on a populated space, a full snapshot (all VirtualQuery regions, every allocation, the raw
 * page-table entries and contents of its pages, the commit charge) is taken before the failing call and
 * compared after it.
 */
class FailedCallChangesNothingTest extends Win32Rules {
    /** 0x40000 reserved NOACCESS: RW pages 0-1 (written), READONLY 4, RW|GUARD 6-7, EXECUTE_READ 9. */
    static final long A = 0x1000_0000L;
    /** Right after A: 0x3000 committed RW, page 1 reset. */
    static final long B = A + 0x40000;
    /** 0x2000 committed RW|NOCACHE. */
    static final long C = 0x2000_0000L;
    /** A 0x3000 reservation: the rest of its granule is free. */
    static final long D = 0x3000_0000L;
    /** Commit limit of the machine, in pages. */
    static final long LIMIT_PAGES = 64;

    @BeforeEach
    void populate() {
        Win32.attach(PageLab.machine().commitLimit(PageLab.kb(4 * LIMIT_PAGES)).space());
        assertThat(VirtualAlloc(A, 0x40000, MEM_RESERVE, PAGE_NOACCESS)).isEqualTo(A);
        assertThat(VirtualAlloc(A, 0x2000, MEM_COMMIT, PAGE_READWRITE)).isEqualTo(A);
        write(A + 0x10, 8, 0x0123_4567_89AB_CDEFL);
        write(A + 0x1FF0, 4, 0xFEED);
        assertThat(VirtualAlloc(A + 0x4000, 0x1000, MEM_COMMIT, PAGE_READONLY)).isEqualTo(A + 0x4000);
        assertThat(VirtualAlloc(A + 0x6000, 0x2000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD)).isEqualTo(A + 0x6000);
        assertThat(VirtualAlloc(A + 0x9000, 0x1000, MEM_COMMIT, PAGE_EXECUTE_READ)).isEqualTo(A + 0x9000);
        assertThat(VirtualAlloc(B, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)).isEqualTo(B);
        write(B + 0x1000, 8, 77);
        assertThat(VirtualAlloc(B + 0x1000, 0x1000, MEM_RESET, PAGE_READWRITE)).isEqualTo(B + 0x1000);
        assertThat(VirtualAlloc(C, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | PAGE_NOCACHE)).isEqualTo(C);
        read(C, 4);
        assertThat(VirtualAlloc(D, 0x3000, MEM_RESERVE, PAGE_READWRITE)).isEqualTo(D);
        assertThat(engine().memory().commitCharge()).isEqualTo(2 + 1 + 2 + 1 + 3 + 2); // 53 pages left: A + 0xA000 .. A + 0x40000 is 54
    }

    private static Arguments alloc(String what, int error, long address, long size, int type, int protect) {
        return Arguments.of(what, error, (BooleanSupplier) () -> VirtualAlloc(address, size, type, protect) == NULL);
    }

    private static Arguments free(String what, int error, long address, long size, int freeType) {
        return Arguments.of(what, error, (BooleanSupplier) () -> !VirtualFree(address, size, freeType));
    }

    private static Arguments protect(String what, int error, long address, long size, int newProtect) {
        return Arguments.of(what, error, (BooleanSupplier) () -> !VirtualProtect(address, size, newProtect, new int[1]));
    }

    static Stream<Arguments> failures() {
        long big = 0x7FFF_FFF0_0000L;
        return Stream.of(
                // VirtualAlloc, 87
                alloc("size 0", 87, NULL, 0, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE),
                alloc("commit of size 0 in a reservation", 87, A + 0x2000, 0, MEM_COMMIT, PAGE_READWRITE),
                alloc("type 0", 87, A, 0x1000, 0, PAGE_READWRITE),
                alloc("unknown type bit", 87, A, 0x1000, MEM_COMMIT | 0x800, PAGE_READWRITE),
                alloc("AT_ROUND_TO_PAGE", 87, A, 0x1000, MEM_COMMIT | AT_ROUND_TO_PAGE, PAGE_READWRITE),
                alloc("MEM_TOP_DOWN alone", 87, NULL, 0x1000, MEM_TOP_DOWN, PAGE_READWRITE),
                alloc("MEM_WRITE_WATCH without MEM_RESERVE", 87, A + 0x2000, 0x1000, MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE),
                alloc("protection 0", 87, A + 0x2000, 0x1000, MEM_COMMIT, 0),
                alloc("two base protections", 87, A, 0x2000, MEM_COMMIT, 0x06),
                alloc("PAGE_WRITECOPY", 87, A, 0x2000, MEM_COMMIT, PAGE_WRITECOPY),
                alloc("PAGE_GUARD|PAGE_NOACCESS", 87, A, 0x2000, MEM_COMMIT, PAGE_GUARD | PAGE_NOACCESS),
                alloc("PAGE_NOCACHE|PAGE_GUARD", 87, C, 0x1000, MEM_COMMIT, PAGE_NOCACHE | PAGE_GUARD | PAGE_READWRITE),
                alloc("address below 64 KiB", 87, 0x1000, 0x1000, MEM_RESERVE, PAGE_READWRITE),
                alloc("address above user space", 87, 0x8000_0000_0000L, 0x1000, MEM_RESERVE, PAGE_READWRITE),
                alloc("commit whose end wraps", 87, A, -A, MEM_COMMIT, PAGE_READWRITE),
                alloc("reserve running past user space", 87, D + 0x10000, 0x7FFF_FFFF_FFFF_0000L, MEM_RESERVE, PAGE_READWRITE),
                alloc("MEM_RESET with MEM_COMMIT", 87, A, 0x1000, MEM_RESET | MEM_COMMIT, PAGE_READWRITE),
                alloc("MEM_RESET with protection 0", 87, A, 0x1000, MEM_RESET, 0),
                alloc("MEM_RESET of size 0", 87, A, 0, MEM_RESET, PAGE_READWRITE),
                alloc("MEM_RESET running past user space", 87, A, 0x7FFF_FFFF_FFFF_0000L, MEM_RESET, PAGE_READWRITE),
                alloc("MEM_LARGE_PAGES without MEM_COMMIT", 87, NULL, 2L << 20, MEM_RESERVE | MEM_LARGE_PAGES, PAGE_READWRITE),
                alloc("MEM_PHYSICAL with PAGE_READONLY", 87, NULL, 0x10000, MEM_RESERVE | MEM_PHYSICAL, PAGE_READONLY),
                // VirtualAlloc, 487
                alloc("reserve over an allocation", 487, A, 0x10000, MEM_RESERVE, PAGE_READWRITE),
                alloc("reserve overlapping the end of one", 487, B + 0x3000, 0x10000, MEM_RESERVE, PAGE_READWRITE),
                alloc("reserve in the granule of a small reservation", 487, D + 0x8000, 0x1000, MEM_RESERVE, PAGE_READWRITE),
                alloc("RESERVE|COMMIT inside a reservation", 487, A + 0x2000, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE),
                alloc("commit in free memory", 487, 0x4000_0000L, 0x1000, MEM_COMMIT, PAGE_READWRITE),
                alloc("commit in the free tail of a granule", 487, D + 0x3000, 0x1000, MEM_COMMIT, PAGE_READWRITE),
                alloc("commit past the end of a reservation", 487, A + 0x3F000, 0x2000, MEM_COMMIT, PAGE_READWRITE),
                alloc("commit across two reservations", 487, B - 0x1000, 0x3000, MEM_COMMIT, PAGE_READWRITE),
                alloc("MEM_RESET past the end of a reservation", 487, B + 0x2000, 0x2000, MEM_RESET, PAGE_READWRITE),
                alloc("MEM_RESET in free memory", 487, 0x4000_0000L, 0x1000, MEM_RESET, PAGE_READWRITE),
                // VirtualAlloc, 8, 1455, 1314
                alloc("reserve in the top granule", 8, 0x7FFF_FFFE_0000L, 0x1000, MEM_RESERVE, PAGE_READWRITE),
                alloc("no free hole that large", 8, NULL, big, MEM_RESERVE, PAGE_READWRITE),
                alloc("commit over the commit limit", 1455, A + 0xA000, 0x36000, MEM_COMMIT, PAGE_READWRITE),
                alloc("reserve+commit over the commit limit", 1455, NULL, LIMIT_PAGES * 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE),
                alloc("commit at NULL over the commit limit", 1455, NULL, LIMIT_PAGES * 0x1000, MEM_COMMIT | MEM_TOP_DOWN, PAGE_READWRITE),
                alloc("MEM_LARGE_PAGES without the privilege", 1314, NULL, 2L << 20, MEM_RESERVE | MEM_COMMIT | MEM_LARGE_PAGES, PAGE_READWRITE),
                // VirtualFree
                free("free type 0", 87, A, 0, 0),
                free("MEM_DECOMMIT|MEM_RELEASE", 87, A, 0, MEM_DECOMMIT | MEM_RELEASE),
                free("MEM_FREE", 87, A, 0, MEM_FREE),
                free("MEM_RELEASE with a size", 87, A, 0x40000, MEM_RELEASE),
                free("decommit past the end of a reservation", 87, A + 0x3F000, 0x2000, MEM_DECOMMIT),
                free("decommit across two reservations", 87, A, 0x50000, MEM_DECOMMIT),
                free("decommit whose size wraps", 87, A, -A, MEM_DECOMMIT),
                free("free above user space", 87, 0x8000_0000_0000L, 0, MEM_RELEASE),
                free("release past the first page", 487, A + 0x1000, 0, MEM_RELEASE),
                free("decommit of size 0 past the first page", 487, B + 0x2000, 0, MEM_DECOMMIT),
                free("release of free memory", 487, 0x4000_0000L, 0, MEM_RELEASE),
                free("decommit of free memory", 487, D + 0x3000, 0x1000, MEM_DECOMMIT),
                free("release of NULL", 487, NULL, 0, MEM_RELEASE),
                // VirtualProtect
                protect("new protection 0", 87, A, 0x1000, 0),
                protect("two base protections", 87, A, 0x1000, 0x03),
                protect("PAGE_EXECUTE_WRITECOPY", 87, A, 0x1000, PAGE_EXECUTE_WRITECOPY),
                protect("PAGE_GUARD alone", 87, A, 0x1000, PAGE_GUARD),
                protect("size 0", 87, A, 0, PAGE_READONLY),
                protect("range past user space", 87, A, 0x7FFF_FFFF_FFFF_0000L, PAGE_READONLY),
                protect("range with a reserved page", 487, A, 0x5000, PAGE_READONLY),
                protect("reserved pages only", 487, A + 0x2000, 0x1000, PAGE_READONLY),
                protect("range spanning two allocations", 487, B - 0x1000, 0x2000, PAGE_READONLY),
                protect("free memory", 487, 0x4000_0000L, 0x1000, PAGE_READONLY),
                Arguments.of("protect with lpflOldProtect NULL", 998,
                        (BooleanSupplier) () -> !VirtualProtect(A, 0x1000, PAGE_READONLY, null)),
                // VirtualQuery
                Arguments.of("query above user space", 87, (BooleanSupplier) () ->
                        VirtualQuery(0x8000_0000_0000L, new MEMORY_BASIC_INFORMATION(), MEMORY_BASIC_INFORMATION.SIZE) == 0),
                Arguments.of("query with a short buffer", 24, (BooleanSupplier) () ->
                        VirtualQuery(A, new MEMORY_BASIC_INFORMATION(), 8) == 0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void failedCall_changesNothing(String what, int error, BooleanSupplier failingCall) {
        Snapshot before = snapshot();
        SetLastError(0xDEADBEEF);
        assertThat(failingCall.getAsBoolean()).as("%s fails", what).isTrue();
        assertThat(GetLastError()).as("GetLastError() after %s", what).isEqualTo(error);
        assertThat(snapshot()).as("state after %s", what).isEqualTo(before);
    }

    // ---- Working sets and VirtualLock (docs/windows-rules.md W4): the sizes are compared too ----

    private static Arguments call(String what, int error, BooleanSupplier failing) {
        return Arguments.of(what, error, failing);
    }

    static Stream<Arguments> workingSetFailures() {
        return Stream.of(
                call("VirtualLock of a reserved page", 998, () -> !VirtualLock(A, 0x3000)),
                call("VirtualLock of free memory", 998, () -> !VirtualLock(0x4000_0000L, 0x1000)),
                call("VirtualLock of size 0", 87, () -> !VirtualLock(A, 0)),
                call("VirtualLock above user space", 87, () -> !VirtualLock(USER_LIMIT, 0x1000)),
                call("VirtualUnlock of reserved pages", 158, () -> !VirtualUnlock(A + 0x2000, 0x2000)),
                call("SetProcessWorkingSetSize min > max", 87, () -> !SetProcessWorkingSetSize(-1, 40 * PAGE, 30 * PAGE)),
                call("SetProcessWorkingSetSize min 0", 87, () -> !SetProcessWorkingSetSize(-1, 0, 30 * PAGE)),
                call("SetProcessWorkingSetSize max below 13 pages", 87, () -> !SetProcessWorkingSetSize(-1, 1, 12 * PAGE)),
                call("SetProcessWorkingSetSize of another process", 6, () -> !SetProcessWorkingSetSize(4, 40 * PAGE, 60 * PAGE)),
                call("EmptyWorkingSet of another process", 6, () -> !EmptyWorkingSet(0)),
                call("GetProcessWorkingSetSize into NULL", 998, () -> !GetProcessWorkingSetSize(-1, null, null)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("workingSetFailures")
    void failedWorkingSetCall_changesNothing(String what, int error, BooleanSupplier failingCall) {
        long[] min = new long[1];
        long[] max = new long[1];
        GetProcessWorkingSetSize(-1, min, max);
        long locked = engine().lockedPages();
        failedCall_changesNothing(what, error, failingCall);
        long[] min2 = new long[1];
        long[] max2 = new long[1];
        GetProcessWorkingSetSize(-1, min2, max2);
        assertThat(new long[] {min2[0], max2[0], engine().lockedPages()}).as("sizes and locks after %s", what)
                .containsExactly(min[0], max[0], locked);
    }
}
