package dev.pagelab.win32;

import static dev.pagelab.PageLab.*;
import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.engine.Invariants;
import dev.pagelab.engine.SpaceAccess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sections and views through the facade: {@code docs/windows-rules.md} S-1 to S-19. */
class SectionTest extends Win32Rules {
    static final int SIZE = 0x20000;

    static long section(int protect, long size) {
        SetLastError(0xDEADBEEF);
        long h = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, protect, (int) (size >>> 32), (int) size, null);
        assertThat(h).as("CreateFileMapping (last error %d)", GetLastError()).isNotZero();
        assertThat(GetLastError()).as("GetLastError after creating a new section").isZero();
        return h;
    }

    static long view(long handle, int access) {
        long p = MapViewOfFile(handle, access, 0, 0, 0);
        assertThat(p).as("MapViewOfFile (last error %d)", GetLastError()).isNotZero();
        return p;
    }

    static void assertMapFails(int error, long handle, int access, long offset, long size, long base) {
        SetLastError(0xDEADBEEF);
        assertThat(MapViewOfFileEx(handle, access, (int) (offset >>> 32), (int) offset, size, base))
                .as("MapViewOfFileEx(%d, %#x, %#x, %#x, %#x)", handle, access, offset, size, base).isZero();
        assertThat(GetLastError()).as("GetLastError after MapViewOfFileEx").isEqualTo(error);
    }

    // ---- S-1, S-2, S-3: creating ----

    @Test
    void fileHandleOtherThanInvalidHandleValue_fails6_filesAreNotSimulated() {
        // docs/windows-rules.md S-1
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(CreateFileMapping(4, NULL, PAGE_READWRITE, 0, SIZE, null)).isZero());
        assertThat(engine().memory().commitCharge()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, PAGE_NOACCESS, PAGE_EXECUTE, PAGE_READWRITE | PAGE_GUARD, PAGE_READWRITE | SEC_IMAGE,
            PAGE_READWRITE | SEC_COMMIT | SEC_RESERVE, 0x03})
    void badSectionProtection_fails87(int protect) {
        // docs/windows-rules.md S-1
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(CreateFileMapping(INVALID_HANDLE_VALUE, NULL, protect, 0,
                SIZE, null)).isZero());
    }

    @ParameterizedTest
    @ValueSource(ints = {SEC_RESERVE, SEC_NOCACHE, SEC_LARGE_PAGES, SEC_WRITECOMBINE})
    void sectionAttributesNotSimulated_fail50(int attribute) {
        // docs/windows-rules.md S-1
        assertFails(ERROR_NOT_SUPPORTED, () -> assertThat(CreateFileMapping(INVALID_HANDLE_VALUE, NULL,
                PAGE_READWRITE | attribute, 0, SIZE, null)).isZero());
    }

    @Test
    void secCommitIsTheDefault_andAccepted() {
        // docs/windows-rules.md S-1
        long h = section(PAGE_READWRITE | SEC_COMMIT, SIZE);
        assertThat(CloseHandle(h)).isTrue();
    }

    @Test
    void commitIsChargedAtCreation_andGivenBackWhenTheSectionDies() {
        // docs/windows-rules.md S-2
        long h = section(PAGE_READWRITE, SIZE);
        assertThat(engine().memory().commitCharge()).isEqualTo(SIZE / PAGE);
        long p = view(h, FILE_MAP_WRITE);
        assertThat(CloseHandle(h)).isTrue();
        assertThat(engine().memory().commitCharge()).as("the view keeps it alive").isEqualTo(SIZE / PAGE);
        assertThat(UnmapViewOfFile(p)).isTrue();
        assertThat(engine().memory().commitCharge()).isZero();
    }

    @Test
    void sectionBeyondTheCommitLimit_fails1455() {
        // docs/windows-rules.md S-2
        Win32.attach(machine().memory(mb(1)).pageFile(mb(1)).boot().space());
        assertFails(ERROR_COMMITMENT_LIMIT, () -> assertThat(CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
                0, 0x300000, null)).isZero());
        assertThat(engine().memory().commitCharge()).isZero();
        assertThat(engine().openHandles()).isZero();
    }

    @Test
    void sizeZero_fails87_andASizeRoundsUpToPages() {
        // docs/windows-rules.md S-3
        assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(CreateFileMapping(INVALID_HANDLE_VALUE, NULL,
                PAGE_READWRITE, 0, 0, null)).isZero());
        long h = section(PAGE_READWRITE, 4090);
        long p = view(h, FILE_MAP_READ);
        MEMORY_BASIC_INFORMATION info = query(p);
        assertThat(info.RegionSize).isEqualTo(0x1000);
        assertThat(UnmapViewOfFile(p)).isTrue();
        assertThat(CloseHandle(h)).isTrue();
    }

    @Test
    void sizeHighWordCounts() {
        // docs/windows-rules.md S-3: dwMaximumSizeHigh:dwMaximumSizeLow
        Win32.attach(machine().memory(gb(8)).boot().space());
        long h = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 1, 0x10000, null);
        assertThat(h).isNotZero();
        assertThat(engine().sectionOf(h).size()).isEqualTo(0x1_0001_0000L);
        assertThat(CloseHandle(h)).isTrue();
    }

    // ---- S-4, S-5, S-6: names and handles ----

    @Test
    void existingName_givesAHandleToTheSameSection_with183() {
        // docs/windows-rules.md S-4
        long a = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SIZE, "shared");
        assertThat(GetLastError()).isZero();
        SetLastError(0);
        long b = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READONLY, 0, 0x1000, "shared");
        assertThat(b).isNotZero().isNotEqualTo(a);
        assertThat(GetLastError()).isEqualTo(ERROR_ALREADY_EXISTS);
        assertThat(engine().sectionOf(b)).isSameAs(engine().sectionOf(a));
        assertThat(engine().sectionOf(b).size()).as("the existing size, not the one asked for").isEqualTo(SIZE);
        assertThat(engine().memory().commitCharge()).isEqualTo(SIZE / PAGE);
        long pa = view(a, FILE_MAP_WRITE);
        long pb = view(b, FILE_MAP_WRITE);
        write(pa + 8, 8, 0x1122334455667788L);
        assertThat(read(pb + 8, 8)).isEqualTo(0x1122334455667788L);
        UnmapViewOfFile(pa);
        UnmapViewOfFile(pb);
        CloseHandle(a);
        CloseHandle(b);
    }

    @Test
    void openFileMapping_ofAnUnknownName_fails2() {
        // docs/windows-rules.md S-5
        SetLastError(0);
        assertThat(OpenFileMapping(FILE_MAP_READ, false, "nobody")).isZero();
        assertThat(GetLastError()).isEqualTo(ERROR_FILE_NOT_FOUND);
    }

    @Test
    void namedSection_isOpenedFromASecondProcess_andItsBytesAreShared() {
        // docs/windows-rules.md S-5, S-18
        Computer computer = machine().boot();
        AddressSpace first = computer.space();
        AddressSpace second = computer.space();
        Win32.attach(first);
        long h1 = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SIZE, "Local\\lab");
        long p1 = view(h1, FILE_MAP_ALL_ACCESS);
        write(p1 + 0x10008, 4, 0xCAFE);
        Win32.attach(second);
        long h2 = OpenFileMapping(FILE_MAP_WRITE | FILE_MAP_READ, false, "lab");
        assertThat(h2).as("the same first handle value: handles are per process").isEqualTo(h1);
        assertThat(SpaceAccess.engine(second).sectionOf(h2)).as("Local\\lab and lab name one section")
                .isSameAs(SpaceAccess.engine(first).sectionOf(h1));
        long p2 = view(h2, FILE_MAP_WRITE);
        assertThat(read(p2 + 0x10008, 4)).isEqualTo(0xCAFE);
        write(p2, 1, 0x7F);
        Win32.attach(first);
        assertThat(read(p1, 1)).isEqualTo(0x7F);
        Invariants.checkFrames(SpaceAccess.engine(first), SpaceAccess.engine(second));
        assertThat(UnmapViewOfFile(p1)).isTrue();
        assertThat(CloseHandle(h1)).isTrue();
        Win32.attach(second);
        assertThat(read(p2 + 0x10008, 4)).as("the second process keeps the section alive").isEqualTo(0xCAFE);
        Invariants.check(SpaceAccess.engine(first));
    }

    @Test
    void handlesArePerProcess_fourEightTwelve_andTheLowestFreeIsReused() {
        // docs/windows-rules.md S-6
        long a = section(PAGE_READWRITE, SIZE);
        long b = section(PAGE_READWRITE, SIZE);
        long c = section(PAGE_READWRITE, SIZE);
        assertThat(new long[] {a, b, c}).containsExactly(4, 8, 12);
        assertThat(CloseHandle(b)).isTrue();
        assertThat(section(PAGE_READWRITE, SIZE)).isEqualTo(8);
        CloseHandle(a);
        CloseHandle(8);
        CloseHandle(c);
        assertThat(engine().memory().commitCharge()).isZero();
    }

    @Test
    void closeHandle_ofAnUnknownHandle_fails6_andTwiceToo() {
        // docs/windows-rules.md S-6
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(CloseHandle(4)).isFalse());
        long h = section(PAGE_READWRITE, SIZE);
        assertThat(CloseHandle(h)).isTrue();
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(CloseHandle(h)).isFalse());
        assertMapFails(ERROR_INVALID_HANDLE, h, FILE_MAP_READ, 0, 0, NULL);
    }

    @Test
    void closeHandle_ofThePseudoHandles_succeedsAndDoesNothing() {
        // docs/windows-rules.md S-6: GetCurrentProcess() is -1, GetCurrentThread() -2
        long h = section(PAGE_READWRITE, SIZE);
        SetLastError(0);
        assertThat(CloseHandle(-1)).isTrue();
        assertThat(CloseHandle(-2)).isTrue();
        assertThat(GetLastError()).isZero();
        assertThat(engine().sectionOf(h)).isNotNull();
        assertThat(CloseHandle(h)).isTrue();
    }

    @Test
    void closingTheLastHandleUnderALiveView_keepsTheView_butTheNameIsGone() {
        // docs/windows-rules.md S-5, S-6
        long h = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SIZE, "Foo");
        long p = view(h, FILE_MAP_WRITE);
        write(p, 4, 77);
        assertThat(CloseHandle(h)).isTrue();
        assertThat(read(p, 4)).isEqualTo(77);
        MEMORY_BASIC_INFORMATION info = query(p);
        assertThat(info.Type).isEqualTo(MEM_MAPPED);
        assertThat(info.State).isEqualTo(MEM_COMMIT);
        SetLastError(0);
        assertThat(OpenFileMapping(FILE_MAP_READ, false, "Foo")).isZero();
        assertThat(GetLastError()).isEqualTo(ERROR_FILE_NOT_FOUND);
        long again = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SIZE, "Foo");
        assertThat(GetLastError()).as("a new section of that name").isZero();
        long q = view(again, FILE_MAP_READ);
        assertThat(read(q, 4)).as("a new section reads zero").isZero();
        UnmapViewOfFile(q);
        CloseHandle(again);
        assertThat(UnmapViewOfFile(p)).isTrue();
        assertThat(query(p).State).isEqualTo(MEM_FREE);
    }

    // ---- S-7: access ----

    @Test
    void writeViewOfAReadOnlyOrWriteCopySection_fails5() {
        // docs/windows-rules.md S-7
        for (int protect : new int[] {PAGE_READONLY, PAGE_WRITECOPY, PAGE_EXECUTE_READ}) {
            long h = section(protect, SIZE);
            assertMapFails(ERROR_ACCESS_DENIED, h, FILE_MAP_WRITE, 0, 0, NULL);
            long r = view(h, FILE_MAP_READ);
            long c = view(h, FILE_MAP_COPY);
            UnmapViewOfFile(r);
            UnmapViewOfFile(c);
            CloseHandle(h);
        }
        long h = section(PAGE_READWRITE, SIZE);
        assertMapFails(ERROR_ACCESS_DENIED, h, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, NULL);
        CloseHandle(h);
    }

    @Test
    void handleOpenedForReading_cannotMapForWriting_fails5() {
        // docs/windows-rules.md S-7
        long h = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SIZE, "ro");
        long ro = OpenFileMapping(FILE_MAP_READ, false, "ro");
        assertMapFails(ERROR_ACCESS_DENIED, ro, FILE_MAP_WRITE, 0, 0, NULL);
        long wo = OpenFileMapping(FILE_MAP_WRITE, false, "ro");
        assertMapFails(ERROR_ACCESS_DENIED, wo, FILE_MAP_READ, 0, 0, NULL);
        long w = view(wo, FILE_MAP_WRITE);
        assertThat(query(w).AllocationProtect).as("FILE_MAP_WRITE is the right a write view needs").isEqualTo(PAGE_READWRITE);
        UnmapViewOfFile(w);
        long p = view(ro, FILE_MAP_READ);
        UnmapViewOfFile(p);
        CloseHandle(ro);
        CloseHandle(wo);
        CloseHandle(h);
    }

    @Test
    void writeThroughAReadOnlyView_isAnAccessViolation() {
        // docs/windows-rules.md S-7, S-17
        long h = section(PAGE_READWRITE, SIZE);
        long p = view(h, FILE_MAP_READ);
        MemoryFault f = faultOf(() -> write(p + 0x20, 4, 1));
        assertThat(f.status()).isEqualTo(STATUS_ACCESS_VIOLATION);
        assertThat(f.accessType()).isEqualTo(EXCEPTION_WRITE_FAULT);
        assertThat(f.address()).isEqualTo(p + 0x20);
        assertThat(read(p + 0x20, 4)).isZero();
        UnmapViewOfFile(p);
        CloseHandle(h);
    }

    // ---- S-8, S-9, S-10: where and how much ----

    @ParameterizedTest
    @ValueSource(longs = {0x1000, 0x1234, 0x8000, 0x10001})
    void offsetNotOnTheGranularity_fails1132(long offset) {
        // docs/windows-rules.md S-8
        long h = section(PAGE_READWRITE, 0x40000);
        assertMapFails(ERROR_MAPPED_ALIGNMENT, h, FILE_MAP_READ, offset, 0x1000, NULL);
        CloseHandle(h);
    }

    @Test
    void offsetOnTheGranularity_mapsThatPartOfTheSection() {
        // docs/windows-rules.md S-8, S-9
        long h = section(PAGE_READWRITE, 0x40000);
        long whole = view(h, FILE_MAP_WRITE);
        write(whole + 0x10000, 8, 42);
        long part = MapViewOfFile(h, FILE_MAP_READ, 0, 0x10000, 0);
        assertThat(read(part, 8)).isEqualTo(42);
        assertThat(query(part).RegionSize).as("size 0 maps to the end of the section").isEqualTo(0x30000);
        UnmapViewOfFile(whole);
        UnmapViewOfFile(part);
        CloseHandle(h);
    }

    @Test
    void viewBeyondTheSection_fails5() {
        // docs/windows-rules.md S-9
        long h = section(PAGE_READWRITE, SIZE);
        assertMapFails(ERROR_ACCESS_DENIED, h, FILE_MAP_READ, 0, SIZE + 1, NULL);
        assertMapFails(ERROR_ACCESS_DENIED, h, FILE_MAP_READ, 0x10000, SIZE, NULL);
        assertMapFails(ERROR_ACCESS_DENIED, h, FILE_MAP_READ, SIZE, 0, NULL);
        assertMapFails(ERROR_ACCESS_DENIED, h, FILE_MAP_READ, 0x100000, 0x1000, NULL);
        long p = MapViewOfFile(h, FILE_MAP_READ, 0, 0, SIZE);
        assertThat(p).isNotZero();
        UnmapViewOfFile(p);
        CloseHandle(h);
    }

    @Test
    void mapViewOfFileEx_atAFreeAlignedBase_isThere_elseFails() {
        // docs/windows-rules.md S-8, S-10
        long h = section(PAGE_READWRITE, SIZE);
        long base = 0x5000_0000L;
        assertThat(MapViewOfFileEx(h, FILE_MAP_WRITE, 0, 0, 0, base)).isEqualTo(base);
        assertMapFails(ERROR_INVALID_ADDRESS, h, FILE_MAP_WRITE, 0, 0, base);
        assertMapFails(ERROR_INVALID_ADDRESS, h, FILE_MAP_WRITE, 0, 0, base + 0x10000);
        assertMapFails(ERROR_MAPPED_ALIGNMENT, h, FILE_MAP_WRITE, 0, 0, 0x6000_1000L);
        long r = VirtualAlloc(0x7000_0000L, 0x1000, MEM_RESERVE, PAGE_READWRITE);
        assertMapFails(ERROR_INVALID_ADDRESS, h, FILE_MAP_WRITE, 0, 0, r);
        UnmapViewOfFile(base);
        VirtualFree(r, 0, MEM_RELEASE);
        CloseHandle(h);
    }

    @Test
    void viewsAreGranuleAligned() {
        // docs/windows-rules.md S-8
        long h = section(PAGE_READWRITE, 0x3000);
        long a = view(h, FILE_MAP_READ);
        long b = view(h, FILE_MAP_READ);
        assertThat(a % GRANULE).isZero();
        assertThat(b % GRANULE).isZero();
        assertThat(b).isEqualTo(a + GRANULE);
        UnmapViewOfFile(a);
        UnmapViewOfFile(b);
        CloseHandle(h);
    }

    // ---- S-11: unmapping and VirtualFree ----

    @Test
    void unmapViewOfFile_ofAnAddressThatIsNotAViewsBase_fails487() {
        // docs/windows-rules.md S-11
        long h = section(PAGE_READWRITE, SIZE);
        long p = view(h, FILE_MAP_WRITE);
        long v = VirtualAlloc(NULL, 0x10000, MEM_COMMIT, PAGE_READONLY);
        for (long address : new long[] {p + 0x1000, p + 100, v, v + 0x3000, 0xDEADBEEFL, 0}) {
            SetLastError(0);
            assertThat(UnmapViewOfFile(address)).as("UnmapViewOfFile(%#x)", address).isFalse();
            assertThat(GetLastError()).isEqualTo(ERROR_INVALID_ADDRESS);
        }
        assertThat(UnmapViewOfFile(p)).isTrue();
        MEMORY_BASIC_INFORMATION info = query(p);
        assertThat(info.State).isEqualTo(MEM_FREE);
        assertThat(info.Type).isZero();
        assertFails(ERROR_INVALID_ADDRESS, () -> assertThat(UnmapViewOfFile(p)).isFalse());
        VirtualFree(v, 0, MEM_RELEASE);
        CloseHandle(h);
    }

    @Test
    void virtualFree_onAView_fails87() {
        // docs/windows-rules.md S-11
        long h = section(PAGE_READWRITE, SIZE);
        long p = view(h, FILE_MAP_WRITE);
        assertFreeFails(ERROR_INVALID_PARAMETER, p, 0x10000, MEM_DECOMMIT);
        assertFreeFails(ERROR_INVALID_PARAMETER, p, 0, MEM_RELEASE);
        assertThat(query(p).Type).isEqualTo(MEM_MAPPED);
        UnmapViewOfFile(p);
        CloseHandle(h);
    }

    // ---- S-12, S-16: copy-on-write ----

    @Test
    void copyView_isWriteCopy_andItsFirstWriteMakesAPrivateReadWriteCopy() {
        // docs/windows-rules.md S-16, S-17
        long h = section(PAGE_READWRITE, SIZE);
        long shared = view(h, FILE_MAP_WRITE);
        long copy = view(h, FILE_MAP_COPY);
        write(shared + 0x1000, 4, 111);
        MEMORY_BASIC_INFORMATION info = query(copy);
        assertThat(info.Protect).isEqualTo(PAGE_WRITECOPY);
        assertThat(info.AllocationProtect).isEqualTo(PAGE_WRITECOPY);
        assertThat(info.Type).isEqualTo(MEM_MAPPED);
        assertThat(read(copy + 0x1000, 4)).as("a copy view reads the shared bytes").isEqualTo(111);
        long before = engine().copyOnWrites();
        write(copy + 0x1004, 4, 222);
        assertThat(engine().copyOnWrites()).isEqualTo(before + 1);
        assertThat(read(copy + 0x1000, 4)).as("the private copy starts with the shared bytes").isEqualTo(111);
        assertThat(read(copy + 0x1004, 4)).isEqualTo(222);
        assertThat(read(shared + 0x1004, 4)).as("other views keep the shared bytes").isZero();
        write(shared + 0x1000, 4, 333);
        assertThat(read(copy + 0x1000, 4)).as("the copy no longer follows the section").isEqualTo(111);
        assertThat(read(copy + 0x2000 - 4, 4)).isZero();
        MEMORY_BASIC_INFORMATION page = query(copy + 0x1000);
        assertThat(page.Protect).isEqualTo(PAGE_READWRITE);
        assertThat(page.RegionSize).isEqualTo(0x1000);
        assertThat(page.AllocationProtect).isEqualTo(PAGE_WRITECOPY);
        assertThat(query(copy).RegionSize).isEqualTo(0x1000);
        assertThat(query(copy + 0x2000).Protect).isEqualTo(PAGE_WRITECOPY);
        assertThat(engine().journal().count(dev.pagelab.engine.JournalKind.COPY_ON_WRITE)).isEqualTo(1);
        UnmapViewOfFile(shared);
        UnmapViewOfFile(copy);
        CloseHandle(h);
    }

    @Test
    void copyView_chargesItsWholeSize_andUnmappingGivesItBack() {
        // docs/windows-rules.md S-12
        long h = section(PAGE_READONLY, SIZE);
        long copy = view(h, FILE_MAP_COPY);
        assertThat(engine().memory().commitCharge()).isEqualTo(2 * SIZE / PAGE);
        write(copy, 1, 1);
        assertThat(engine().memory().commitCharge()).isEqualTo(2 * SIZE / PAGE);
        UnmapViewOfFile(copy);
        assertThat(engine().memory().commitCharge()).isEqualTo(SIZE / PAGE);
        CloseHandle(h);
    }

    @Test
    void copyOnWrite_ofAPageInThePageFile_copiesItsBytes() {
        // docs/windows-rules.md S-16, with eviction
        Win32.attach(machine().frames(2).boot().space());
        long h = section(PAGE_READWRITE, SIZE);
        long shared = view(h, FILE_MAP_WRITE);
        long copy = view(h, FILE_MAP_COPY);
        for (int i = 0; i < 8; i++) {
            write(shared + i * PAGE, 4, 1000 + i);
        }
        assertThat(engine().evictions()).isPositive();
        write(copy, 2, 0xABCD);
        assertThat(read(copy, 4)).isEqualTo((1000 & 0xFFFF0000L) | 0xABCD);
        for (int i = 1; i < 8; i++) {
            assertThat(read(copy + i * PAGE, 4)).isEqualTo(1000 + i);
            assertThat(read(shared + i * PAGE, 4)).isEqualTo(1000 + i);
        }
        assertThat(read(shared, 4)).isEqualTo(1000);
        UnmapViewOfFile(copy);
        UnmapViewOfFile(shared);
        CloseHandle(h);
        assertThat(engine().memory().pageFileInUse()).isZero();
        assertThat(engine().memory().framesInUse()).isZero();
    }

    @Test
    void virtualAlloc_stillRefusesWriteCopy() {
        // docs/windows-rules.md W1.4-17, S-15
        assertAllocFails(ERROR_INVALID_PARAMETER, NULL, 0x1000, MEM_COMMIT, PAGE_WRITECOPY);
        long p = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        assertProtectFails(ERROR_INVALID_PARAMETER, p, 0x1000, PAGE_WRITECOPY);
        assertProtectFails(ERROR_INVALID_PARAMETER, p, 0x1000, PAGE_EXECUTE_WRITECOPY);
    }

    // ---- S-13, S-14, S-15: flush, VirtualAlloc and VirtualProtect on views ----

    @Test
    void flushViewOfFile_insideAView_succeeds_elsewhereFails487() {
        // docs/windows-rules.md S-13
        long h = section(PAGE_READWRITE, SIZE);
        long p = view(h, FILE_MAP_WRITE);
        assertThat(FlushViewOfFile(p, 0)).isTrue();
        assertThat(FlushViewOfFile(p + 0x1000, 0x100)).isTrue();
        long v = VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        assertFails(ERROR_INVALID_ADDRESS, () -> assertThat(FlushViewOfFile(v, 0)).isFalse());
        UnmapViewOfFile(p);
        CloseHandle(h);
    }

    @Test
    void virtualAllocCommitOnAView_setsTheProtection_andMemResetSucceeds() {
        // docs/windows-rules.md S-14
        long h = section(PAGE_READWRITE, SIZE);
        long p = view(h, FILE_MAP_WRITE);
        write(p, 4, 5);
        assertThat(VirtualAlloc(p, 0x10000, MEM_COMMIT, PAGE_READONLY)).isEqualTo(p);
        MEMORY_BASIC_INFORMATION info = query(p);
        assertThat(info.Protect).isEqualTo(PAGE_READONLY);
        assertThat(info.RegionSize).isEqualTo(0x10000);
        assertThat(info.AllocationProtect).isEqualTo(PAGE_READWRITE);
        assertThat(VirtualAlloc(p, SIZE, MEM_RESET, PAGE_READONLY)).isEqualTo(p);
        assertThat(read(p, 4)).isEqualTo(5);
        UnmapViewOfFile(p);
        CloseHandle(h);
    }

    @Test
    void virtualProtectOnAView_withinItsAccess() {
        // docs/windows-rules.md S-15
        long h = section(PAGE_READWRITE, SIZE);
        long rw = view(h, FILE_MAP_WRITE);
        long ro = view(h, FILE_MAP_READ);
        assertThat(protect(rw, 0x1000, PAGE_READONLY)).isEqualTo(PAGE_READWRITE);
        assertThat(protect(rw, 0x1000, PAGE_WRITECOPY)).isEqualTo(PAGE_READONLY);
        assertThat(query(rw).Protect).isEqualTo(PAGE_WRITECOPY);
        assertProtectFails(ERROR_INVALID_PARAMETER, ro, 0x1000, PAGE_READWRITE);
        assertProtectFails(ERROR_INVALID_PARAMETER, ro, 0x1000, PAGE_WRITECOPY);
        assertProtectFails(ERROR_INVALID_PARAMETER, rw, 0x1000, PAGE_EXECUTE_READ);
        assertThat(protect(ro, 0x1000, PAGE_NOACCESS)).isEqualTo(PAGE_READONLY);
        assertThat(faultOf(() -> read(ro, 1)).status()).isEqualTo(STATUS_ACCESS_VIOLATION);
        // the page made copy-on-write by VirtualProtect copies on its first write, the other view keeps the bytes
        write(rw + 8, 4, 9);
        assertThat(query(rw).Protect).isEqualTo(PAGE_READWRITE);
        assertThat(protect(ro, 0x1000, PAGE_READONLY)).isEqualTo(PAGE_NOACCESS);
        assertThat(read(ro + 8, 4)).isZero();
        UnmapViewOfFile(rw);
        UnmapViewOfFile(ro);
        CloseHandle(h);
    }

    @Test
    void guardPageOnAView_firesOnce() {
        // docs/windows-rules.md S-15 with W1.4-42
        long h = section(PAGE_READWRITE, SIZE);
        long p = view(h, FILE_MAP_WRITE);
        protect(p, 0x1000, PAGE_READWRITE | PAGE_GUARD);
        assertThat(faultOf(() -> read(p, 4)).status()).isEqualTo(STATUS_GUARD_PAGE_VIOLATION);
        assertThat(read(p, 4)).isZero();
        UnmapViewOfFile(p);
        CloseHandle(h);
    }

    // ---- S-17, S-18: what VirtualQuery shows, sharing ----

    @Test
    void virtualQuery_reportsMemMapped_theViewsProtection_andAllocationProtect() {
        // docs/windows-rules.md S-17
        long h = section(PAGE_EXECUTE_READWRITE, SIZE);
        int[] accesses = {FILE_MAP_READ, FILE_MAP_WRITE, FILE_MAP_ALL_ACCESS, FILE_MAP_COPY, FILE_MAP_READ | FILE_MAP_EXECUTE,
            FILE_MAP_WRITE | FILE_MAP_EXECUTE, FILE_MAP_COPY | FILE_MAP_EXECUTE};
        int[] protections = {PAGE_READONLY, PAGE_READWRITE, PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE_READ,
            PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY};
        for (int i = 0; i < accesses.length; i++) {
            long p = view(h, accesses[i]);
            MEMORY_BASIC_INFORMATION info = query(p + 0x1000);
            assertThat(info.BaseAddress).isEqualTo(p + 0x1000);
            assertThat(info.AllocationBase).isEqualTo(p);
            assertThat(info.RegionSize).isEqualTo(SIZE - 0x1000);
            assertThat(info.State).isEqualTo(MEM_COMMIT);
            assertThat(info.Type).isEqualTo(MEM_MAPPED);
            assertThat(info.Protect).as("access %#x", accesses[i]).isEqualTo(protections[i]);
            assertThat(info.AllocationProtect).isEqualTo(protections[i]);
            UnmapViewOfFile(p);
        }
        CloseHandle(h);
    }

    @Test
    void twoViewsInOneProcess_shareTheirBytes_andOneFrame() {
        // docs/windows-rules.md S-18
        long h = section(PAGE_READWRITE, SIZE);
        long a = view(h, FILE_MAP_WRITE);
        long b = view(h, FILE_MAP_WRITE);
        write(a + 0x3000, 8, -1L);
        assertThat(read(b + 0x3000, 8)).isEqualTo(-1L);
        assertThat(engine().page(a + 0x3000).frame()).isEqualTo(engine().page(b + 0x3000).frame());
        assertThat(engine().memory().framesInUse()).isEqualTo(1);
        assertThat(engine().sectionOf(h).mappingsOf(3)).isEqualTo(2);
        UnmapViewOfFile(a);
        UnmapViewOfFile(b);
        CloseHandle(h);
        assertThat(engine().memory().framesInUse()).isZero();
    }

    @Test
    void evictingASharedPage_makesEveryMappingNonPresent_andItsBytesComeBack() {
        // docs/windows-rules.md S-18
        Win32.attach(machine().frames(2).boot().space());
        long h = section(PAGE_READWRITE, SIZE);
        long a = view(h, FILE_MAP_WRITE);
        long b = view(h, FILE_MAP_READ);
        write(a, 4, 17);
        assertThat(read(b, 4)).isEqualTo(17);
        write(a + 0x1000, 4, 1);
        write(a + 0x2000, 4, 2);
        assertThat(engine().page(a).resident()).isFalse();
        assertThat(engine().page(b).resident()).isFalse();
        assertThat(read(b, 4)).isEqualTo(17);
        assertThat(engine().hardFaults()).isPositive();
        UnmapViewOfFile(a);
        UnmapViewOfFile(b);
        CloseHandle(h);
    }

    @Test
    void sectionsNeedGlobalReplacement_fail50OnAMachineWithFramesPerSpace() {
        // docs/windows-rules.md S-19
        Win32.attach(machine().frames(8).framesPerSpace(4).boot().space());
        assertFails(ERROR_NOT_SUPPORTED, () -> assertThat(CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
                SIZE, null)).isZero());
    }
}
