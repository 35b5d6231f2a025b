package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.engine.Allocation;
import dev.pagelab.engine.Invariants;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up for the Windows-rules tests: every test starts on a fresh current process and ends with the
 * invariant check; helpers read the state the way a C program would, through the facade.
 */
abstract class Win32Rules {
    static final long PAGE = 0x1000;
    static final long GRANULE = 0x10000;
    /** The first address past the user range of the default (Windows x64) space. */
    static final long USER_LIMIT = 0x7FFF_FFFF_0000L;

    @BeforeEach
    void freshProcess() {
        Win32.reset();
    }

    @AfterEach
    void invariantsHold() {
        checkInvariants();
    }

    // ---- calls ----

    /**
     * {@code R} of {@code docs/windows-rules.md}: a fresh {@code VirtualAlloc(NULL, 0x10000, MEM_RESERVE,
     * PAGE_NOACCESS)}.
     */
    static long reserveR() {
        long r = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
        assertThat(r).as("VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_NOACCESS)").isNotZero();
        return r;
    }

    static MEMORY_BASIC_INFORMATION query(long address) {
        MEMORY_BASIC_INFORMATION info = new MEMORY_BASIC_INFORMATION();
        assertThat(VirtualQuery(address, info, MEMORY_BASIC_INFORMATION.SIZE))
                .as("VirtualQuery(%#x) (last error %d)", address, GetLastError()).isEqualTo(MEMORY_BASIC_INFORMATION.SIZE);
        return info;
    }

    /** VirtualProtect that must succeed; returns the old protection. */
    static int protect(long address, long size, int newProtect) {
        int[] old = {0xDEAD};
        assertThat(VirtualProtect(address, size, newProtect, old))
                .as("VirtualProtect(%#x, %#x, %#x) (last error %d)", address, size, newProtect, GetLastError()).isTrue();
        return old[0];
    }

    /** Calls {@code call} with the last error set to a marker, and checks it failed with {@code error}. */
    static void assertFails(int error, Runnable call) {
        SetLastError(0xDEADBEEF);
        call.run();
        assertThat(GetLastError()).as("GetLastError()").isEqualTo(error);
    }

    static void assertAllocFails(int error, long address, long size, int type, int protect) {
        SetLastError(0xDEADBEEF);
        assertThat(VirtualAlloc(address, size, type, protect))
                .as("VirtualAlloc(%#x, %#x, %#x, %#x)", address, size, type, protect).isZero();
        assertThat(GetLastError()).as("GetLastError() after VirtualAlloc(%#x, %#x, %#x, %#x)", address, size, type, protect)
                .isEqualTo(error);
    }

    static void assertFreeFails(int error, long address, long size, int freeType) {
        SetLastError(0xDEADBEEF);
        assertThat(VirtualFree(address, size, freeType)).as("VirtualFree(%#x, %#x, %#x)", address, size, freeType).isFalse();
        assertThat(GetLastError()).as("GetLastError() after VirtualFree(%#x, %#x, %#x)", address, size, freeType)
                .isEqualTo(error);
    }

    static void assertProtectFails(int error, long address, long size, int newProtect) {
        int[] old = {0x5A5A};
        SetLastError(0xDEADBEEF);
        assertThat(VirtualProtect(address, size, newProtect, old))
                .as("VirtualProtect(%#x, %#x, %#x)", address, size, newProtect).isFalse();
        assertThat(GetLastError()).as("GetLastError() after VirtualProtect(%#x, %#x, %#x)", address, size, newProtect)
                .isEqualTo(error);
        assertThat(old[0]).as("lpflOldProtect is left alone by a failed call").isEqualTo(0x5A5A);
    }

    /** The fault a read, write or execute raises; fails the test when it raises none. */
    static MemoryFault faultOf(Runnable access) {
        try {
            access.run();
        } catch (MemoryFault f) {
            return f;
        }
        throw new AssertionError("the access raised no fault");
    }

    static VirtualMemory engine() {
        return SpaceAccess.engine(process());
    }

    // ---- the invariant ----

    /**
     * VirtualQuery regions tile {@code [0, user limit)} without gaps or overlaps, each region is a maximal run
     * (neighbours in one allocation differ in State or Protect; free space is one region up to the next
     * allocation), the commit charge equals the committed pages, counted three ways, and the frames agree with
     * the page table ({@link Invariants#checkFrames}).
     */
    static void checkInvariants() {
        VirtualMemory vm = engine();
        long limit = vm.layout().maxAddress();
        long address = 0;
        long committedBytes = 0;
        MEMORY_BASIC_INFORMATION previous = null;
        while (address != limit) {
            MEMORY_BASIC_INFORMATION r = query(address);
            assertThat(r.BaseAddress).as("region at %#x starts where the last one ended", address).isEqualTo(address);
            assertThat(r.RegionSize).as("region at %#x is not empty", address).isPositive();
            assertThat(Long.compareUnsigned(r.BaseAddress + r.RegionSize, limit)).as("region at %#x ends inside user space", address)
                    .isLessThanOrEqualTo(0);
            if (r.State == MEM_FREE) {
                assertThat(r.AllocationBase).isZero();
                assertThat(r.AllocationProtect).isZero();
                assertThat(r.Protect).isEqualTo(PAGE_NOACCESS);
                assertThat(r.Type).isZero();
                assertThat(previous == null || previous.State != MEM_FREE).as("two free regions in a row at %#x", address).isTrue();
            } else {
                Allocation a = vm.allocationAt(r.BaseAddress);
                assertThat(a).as("a %s region at %#x lies in an allocation", r.State, address).isNotNull();
                assertThat(r.AllocationBase).isEqualTo(a.base());
                assertThat(r.AllocationProtect).isEqualTo(a.protect());
                assertThat(r.Type).isEqualTo(a.type());
                assertThat(r.BaseAddress + r.RegionSize).isLessThanOrEqualTo(a.end());
                if (r.State == MEM_RESERVE) {
                    assertThat(r.Protect).as("reserved pages report Protect 0").isZero();
                } else {
                    assertThat(r.State).isEqualTo(MEM_COMMIT);
                    committedBytes += r.Type == MEM_PRIVATE ? r.RegionSize : 0;
                }
                if (previous != null && previous.AllocationBase == r.AllocationBase) {
                    assertThat(previous.State != r.State || previous.Protect != r.Protect)
                            .as("regions at %#x and %#x should be one", previous.BaseAddress, address).isTrue();
                }
            }
            previous = r;
            address = r.BaseAddress + r.RegionSize;
        }
        long committedPages = committedBytes / vm.layout().pageSize();
        assertThat(vm.committedPages()).as("committed pages of the space").isEqualTo(committedPages);
        assertThat(vm.memory().commitCharge()).as("commit charge").isEqualTo(committedPages
                + Invariants.sectionCharge(vm.memory()));
        assertThat(vm.allocations().stream().filter(a -> !a.isView()).mapToLong(Allocation::committedPages).sum())
                .as("committed pages counted per allocation").isEqualTo(committedPages);
        Invariants.checkFrames(vm);
    }

    // ---- snapshots: "a failed call changes nothing" ----

    /** Everything a call could change: regions, allocations, raw page entries, page contents, commit charge. */
    record Snapshot(List<String> regions, List<String> allocations, Map<Long, Long> entries, Map<Long, String> contents,
                    long commitCharge, long committedPages, long residentPages) {}

    static Snapshot snapshot() {
        VirtualMemory vm = engine();
        long limit = vm.layout().maxAddress();
        List<String> regions = new ArrayList<>();
        for (long address = 0; address != limit; ) {
            var r = vm.query(address);
            regions.add(r.toString() + " alloc-protect " + r.allocationProtect() + " protect " + r.protect() + " type " + r.type());
            address = r.end();
        }
        List<String> allocations = new ArrayList<>();
        Map<Long, Long> entries = new LinkedHashMap<>();
        Map<Long, String> contents = new LinkedHashMap<>();
        byte[] page = new byte[vm.layout().pageSize()];
        for (Allocation a : vm.allocations()) {
            allocations.add(a + " type " + a.type() + " allocation-type " + a.allocationType() + " committed " + a.committedPages());
            long pages = a.size() / page.length;
            if (pages <= 4096) {
                for (long p = a.base(); p < a.end(); p += page.length) {
                    entries.put(p, vm.entry(p));
                }
            }
        }
        // Every non-zero entry anywhere, so a stray one outside an allocation shows too.
        for (long p = vm.nextCommitted(0, limit); p < limit; p = vm.nextCommitted(p + page.length, limit)) {
            entries.put(p, vm.entry(p));
            vm.peek(p, page);
            contents.put(p, Base64.getEncoder().encodeToString(page));
        }
        return new Snapshot(regions, allocations, entries, contents, vm.memory().commitCharge(), vm.committedPages(),
                vm.residentPages());
    }
}
