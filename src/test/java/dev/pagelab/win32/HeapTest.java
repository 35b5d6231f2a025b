package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.PageLab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Heaps through the facade: {@code docs/windows-rules.md} H-1 to H-17, one test per rule and per failure. */
class HeapTest extends Win32Rules {
    static final int MARK = 0xDEADBEEF;

    // ---- H-1 to H-4: HeapCreate and GetProcessHeap ----

    @Test
    void constants_haveTheirWin32Values() {
        // docs/windows-rules.md H-1
        assertThat(HEAP_NO_SERIALIZE).isEqualTo(1);
        assertThat(HEAP_GENERATE_EXCEPTIONS).isEqualTo(4);
        assertThat(HEAP_ZERO_MEMORY).isEqualTo(8);
        assertThat(HEAP_REALLOC_IN_PLACE_ONLY).isEqualTo(0x10);
        assertThat(HEAP_CREATE_ENABLE_EXECUTE).isEqualTo(0x40000);
        assertThat(STATUS_NO_MEMORY).isEqualTo(0xC0000017);
        assertThat(ERROR_INVALID_HANDLE).isEqualTo(6);
    }

    @Test
    void processHeap_isMadeOnFirstUse_growable_oneCommittedPageIn1MiBReserved_andStaysTheSame() {
        // docs/windows-rules.md H-3
        assertThat(process().view().reservations()).isEmpty();
        long h = GetProcessHeap();
        assertThat(h).isNotZero().isEqualTo(GetProcessHeap());
        MEMORY_BASIC_INFORMATION committed = query(h);
        assertThat(committed.AllocationBase).isEqualTo(h);
        assertThat(committed.State).isEqualTo(MEM_COMMIT);
        assertThat(committed.Protect).isEqualTo(PAGE_READWRITE);
        assertThat(committed.RegionSize).isEqualTo(PAGE);
        MEMORY_BASIC_INFORMATION reserved = query(h + PAGE);
        assertThat(reserved.State).isEqualTo(MEM_RESERVE);
        assertThat(reserved.BaseAddress + reserved.RegionSize).isEqualTo(h + 0x100000);
        assertThat(HeapDestroy(h)).isFalse();
    }

    @Test
    void processHeap_isPerProcess() {
        // docs/windows-rules.md H-3: each address space has its own default heap
        long p = malloc(40);
        var first = process();
        attach(PageLab.space());
        long h2 = GetProcessHeap();
        assertThat(HeapSize(h2, 0, p)).as("a block of the other process").isEqualTo(-1L);
        long q = malloc(40);
        assertThat(HeapSize(h2, 0, q)).isEqualTo(40);
        attach(first);
        assertThat(HeapSize(GetProcessHeap(), 0, p)).isEqualTo(40);
    }

    @Test
    void heapCreate_fixed_reservesTheMaximumAndCommitsTheInitial_bothRoundedToPages() {
        // docs/windows-rules.md H-2
        long h = HeapCreate(0, 0x1800, 0x5001);
        assertThat(h % GRANULE).isZero();
        assertThat(query(h).RegionSize).as("committed: 0x1800 rounded up").isEqualTo(0x2000);
        MEMORY_BASIC_INFORMATION tail = query(h + 0x2000);
        assertThat(tail.State).isEqualTo(MEM_RESERVE);
        assertThat(tail.RegionSize).as("reserved: 0x5001 rounded up to 0x6000").isEqualTo(0x4000);
    }

    @Test
    void heapCreate_initialZero_commitsOnePage() {
        // docs/windows-rules.md H-2 [MS]: "If this parameter is 0, the function commits one page."
        long h = HeapCreate(0, 0, 0x10000);
        assertThat(query(h).RegionSize).isEqualTo(PAGE);
        assertThat(query(h).State).isEqualTo(MEM_COMMIT);
    }

    @Test
    void heapCreate_growable_reservesAtLeast1MiB_andCommitsTheInitial() {
        // docs/windows-rules.md H-3
        long h = HeapCreate(0, 0x3000, 0);
        assertThat(query(h).RegionSize).isEqualTo(0x3000);
        MEMORY_BASIC_INFORMATION tail = query(h + 0x3000);
        assertThat(tail.BaseAddress + tail.RegionSize).isEqualTo(h + 0x100000);
        long big = HeapCreate(0, 0x180000, 0);
        assertThat(query(big).RegionSize).isEqualTo(0x180000);
    }

    @Test
    void heapCreate_enableExecute_givesExecuteReadWritePages_unknownOptionBitsAreIgnored() {
        // docs/windows-rules.md H-1
        long x = HeapCreate(HEAP_CREATE_ENABLE_EXECUTE, 0, 0);
        assertThat(query(x).Protect).isEqualTo(PAGE_EXECUTE_READWRITE);
        assertThat(query(x).AllocationProtect).isEqualTo(PAGE_EXECUTE_READWRITE);
        long p = HeapAlloc(x, 0, 16);
        execute(p);
        long h = HeapCreate(0x8000_0000 | 0x200 | HEAP_NO_SERIALIZE, 0, 0);
        assertThat(h).isNotZero();
        assertThat(query(h).Protect).isEqualTo(PAGE_READWRITE);
        long q = HeapAlloc(h, HEAP_NO_SERIALIZE, 16);
        assertThat(faultOf(() -> execute(q)).status()).isEqualTo(STATUS_ACCESS_VIOLATION);
    }

    @Test
    void heapCreate_initialAboveTheMaximum_raisesTheMaximumToIt() {
        // docs/windows-rules.md H-2 (H choice 1)
        long h = HeapCreate(0, 0x3000, 0x1000);
        assertThat(query(h).RegionSize).isEqualTo(0x3000);
        assertThat(query(h + 0x3000).State).isEqualTo(MEM_FREE);
        assertThat(HeapAlloc(h, 0, 0x2000)).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0x7FFF_FFFF_0000L, 0x8000_0000_0000L, -1L})
    void heapCreate_largerThanTheAddressSpace_failsNull8_andChangesNothing(long maximum) {
        // docs/windows-rules.md H-4
        malloc(100);
        Snapshot before = snapshot();
        assertFails(ERROR_NOT_ENOUGH_MEMORY, () -> assertThat(HeapCreate(0, 0, maximum)).isZero());
        assertFails(ERROR_NOT_ENOUGH_MEMORY, () -> assertThat(HeapCreate(0, maximum, 0)).isZero());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void heapCreate_beyondTheCommitLimit_failsNull8_andKeepsNoReservation() {
        // docs/windows-rules.md H-4: the commit fails (1455 inside), HeapCreate reports 8 and releases its reservation
        attach(PageLab.machine().commitLimit(PageLab.kb(64)).space());
        Snapshot before = snapshot();
        assertFails(ERROR_NOT_ENOUGH_MEMORY, () -> assertThat(HeapCreate(0, 0x20000, 0)).isZero());
        assertThat(snapshot()).isEqualTo(before);
        assertThat(process().view().reservations()).isEmpty();
    }

    // ---- H-5 to H-8: HeapAlloc ----

    @Test
    void heapAlloc_gives16ByteAlignedDistinctPointers_andHeapSizeTheBytesAsked() {
        // docs/windows-rules.md H-5, H-14
        long h = HeapCreate(0, 0, 0);
        long previous = 0;
        for (long n : new long[] {0, 1, 15, 16, 17, 100, 0, 4096}) {
            long p = HeapAlloc(h, 0, n);
            assertThat(p % 16).as("HeapAlloc(%d) alignment", n).isZero();
            assertThat(p).as("a fresh block lies past the one before").isGreaterThan(previous);
            assertThat(HeapSize(h, 0, p)).isEqualTo(n);
            previous = p;
        }
    }

    @Test
    void heapAlloc_writesABlockHeaderIntoMemory_justBeforeThePointer() {
        // docs/windows-rules.md H-5, H-16: size | busy bit, then the bytes asked
        long h = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 20);
        assertThat(p).isEqualTo(h + 64 + 16);
        assertThat(read(p - 16, 8)).as("block size 16 + 32, busy").isEqualTo(48 | 1);
        assertThat(read(p - 8, 8)).isEqualTo(20);
        assertThat(read(p + 32, 8) & 1).as("the free block after it").isZero();
    }

    @Test
    void heapAlloc_commitsPagesAsTheHeapFills_pageByPage() {
        // docs/windows-rules.md H-7
        long h = HeapCreate(0, 0, 0x100000);
        for (int i = 1; i <= 10; i++) {
            assertThat(HeapAlloc(h, 0, 0x1000)).isNotZero();
            long used = 64 + i * (16 + 0x1000L);
            assertThat(query(h).RegionSize).as("after %d blocks", i).isEqualTo((used + PAGE - 1) / PAGE * PAGE);
        }
    }

    @Test
    void heapAlloc_touchesThePagesItWrites_demandZeroFaults() {
        // docs/windows-rules.md H-16: writing a header faults its page in
        long h = HeapCreate(0, 0, 0x100000);
        long before = engine().demandZeroFaults();
        HeapAlloc(h, 0, 0x3000);
        assertThat(engine().demandZeroFaults() - before).as("the pages holding the new free block's header").isEqualTo(1);
    }

    @Test
    void heapAlloc_fixedHeapFull_returnsNull_withoutSettingTheLastError_andChangesNothing() {
        // docs/windows-rules.md H-12 [MS]: HeapAlloc "does not call SetLastError"
        long h = HeapCreate(0, 0, 0x2000);
        assertThat(HeapAlloc(h, 0, 0x1000)).isNotZero();
        Snapshot before = snapshot();
        assertFails(MARK, () -> assertThat(HeapAlloc(h, 0, 0x1000)).isZero());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void heapAlloc_fixedHeap_refusesBlocksOf0x7FFF8BytesOrMore_evenWithRoomLeft() {
        // docs/windows-rules.md H-6 [MS]: "dwBytes must be less than 0x7FFF8" in a non-growable heap
        long h = HeapCreate(0, 0, 0x200000);
        Snapshot before = snapshot();
        assertFails(MARK, () -> assertThat(HeapAlloc(h, 0, 0x7FFF8)).isZero());
        assertThat(snapshot()).isEqualTo(before);
        assertThat(HeapAlloc(h, 0, 0x7FFF0)).isNotZero();
    }

    @Test
    void heapAlloc_bigRequestInAGrowableHeap_getsAReservationOfItsOwn_releasedByHeapFree() {
        // docs/windows-rules.md H-6
        long h = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 0x80000);
        MEMORY_BASIC_INFORMATION info = query(p);
        assertThat(info.AllocationBase).isNotEqualTo(h).isEqualTo(p - 32);
        assertThat(info.RegionSize).isEqualTo(0x81000);
        assertThat(HeapSize(h, 0, p)).isEqualTo(0x80000);
        assertThat(HeapFree(h, 0, p)).isTrue();
        assertThat(query(p - 32).State).isEqualTo(MEM_FREE);
    }

    @Test
    void heapAlloc_growableHeap_addsASegmentWhenTheFirstIsFull_andReleasesItOnceAllOfItIsFree() {
        // docs/windows-rules.md H-4, H-9
        long h = HeapCreate(0, 0, 0);
        long a = HeapAlloc(h, 0, 0x7FFF0);
        long b = HeapAlloc(h, 0, 0x7FFF0);
        assertThat(query(a).AllocationBase).isEqualTo(h);
        MEMORY_BASIC_INFORMATION second = query(b);
        assertThat(second.AllocationBase).as("the second block does not fit in 1 MiB").isNotEqualTo(h);
        long segment = second.AllocationBase;
        MEMORY_BASIC_INFORMATION tail = query(segment + second.RegionSize);
        assertThat(tail.BaseAddress + tail.RegionSize - segment).as("twice the first segment").isEqualTo(0x200000);
        assertThat(HeapFree(h, 0, b)).isTrue();
        assertThat(query(segment).State).isEqualTo(MEM_FREE);
    }

    @Test
    void heapAlloc_inASmallAddressSpace_aNewReservationTakesOnlyWhatTheBlockNeeds() {
        // docs/windows-rules.md H-4: 4 MiB of addresses hold the 1 MiB and 2 MiB reservations, not a 4 MiB third one
        attach(PageLab.machine().addressBits(22).space());
        long h = HeapCreate(0, 0, 0);
        long last = 0;
        // one block in the 1 MiB reservation, three in the 2 MiB one, the fifth in a reservation of 0x90000
        for (int i = 0; i < 5; i++) {
            last = HeapAlloc(h, 0, 0x7FFF0);
            assertThat(last).as("block %d", i).isNotZero();
        }
        MEMORY_BASIC_INFORMATION info = query(last);
        MEMORY_BASIC_INFORMATION tail = query(info.BaseAddress + info.RegionSize);
        assertThat(tail.BaseAddress + tail.RegionSize - info.AllocationBase).isEqualTo(0x90000);
    }

    @Test
    void heapAlloc_zeroMemory_clearsAReusedBlock_withoutItTheOldBytesStay() {
        // docs/windows-rules.md H-8
        long h = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 64);
        for (int i = 0; i < 64; i += 8) {
            write(p + i, 8, -1L);
        }
        HeapFree(h, 0, p);
        long q = HeapAlloc(h, 0, 64);
        assertThat(q).isEqualTo(p);
        assertThat(read(q + 32, 8)).as("uninitialised: the old bytes").isEqualTo(-1L);
        HeapFree(h, 0, q);
        long z = HeapAlloc(h, HEAP_ZERO_MEMORY, 64);
        assertThat(z).isEqualTo(p);
        for (int i = 0; i < 64; i += 8) {
            assertThat(read(z + i, 8)).isZero();
        }
    }

    @Test
    void heapAlloc_badHandle_returnsNull() {
        // docs/windows-rules.md H-12
        Snapshot before = snapshot();
        assertFails(MARK, () -> assertThat(HeapAlloc(0x1234_0000L, 0, 16)).isZero());
        assertFails(MARK, () -> assertThat(HeapAlloc(NULL, HEAP_GENERATE_EXCEPTIONS, 16)).isZero());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void generateExceptions_raiseStatusNoMemory_fromTheCallOrFromHeapCreate() {
        // docs/windows-rules.md H-12
        long h = HeapCreate(0, 0, 0x2000);
        Snapshot before = snapshot();
        assertThatThrownBy(() -> HeapAlloc(h, HEAP_GENERATE_EXCEPTIONS, 0x4000)).isInstanceOf(HeapException.class)
                .hasMessageContaining("STATUS_NO_MEMORY").extracting(e -> ((MemoryFault) e).status())
                .isEqualTo(STATUS_NO_MEMORY);
        long g = HeapCreate(HEAP_GENERATE_EXCEPTIONS, 0, 0x2000);
        long p = HeapAlloc(g, 0, 16);
        assertThatThrownBy(() -> HeapAlloc(g, 0, 0x4000)).isInstanceOf(HeapException.class);
        assertThatThrownBy(() -> HeapReAlloc(g, 0, p, 0x4000)).isInstanceOf(HeapException.class);
        assertThat(HeapSize(g, 0, p)).isEqualTo(16);
        assertThat(HeapAlloc(h, 0, 0x4000)).as("without the flag: NULL").isZero();
        HeapDestroy(g);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void heapPagesReprotectedBehindTheHeapsBack_theHeapCallFaults() {
        // docs/windows-rules.md H-16
        long h = HeapCreate(0, 0, 0x10000);
        long p = HeapAlloc(h, 0, 16);
        protect(h, PAGE, PAGE_READONLY);
        MemoryFault f = faultOf(() -> HeapFree(h, 0, p));
        assertThat(f.status()).isEqualTo(STATUS_ACCESS_VIOLATION);
        assertThat(f.accessType()).isEqualTo(EXCEPTION_WRITE_FAULT);
        assertThat(f.address()).isEqualTo(p - 16);
    }

    // ---- H-9, H-10: HeapFree ----

    @Test
    void heapFree_joinsFreeNeighbours_soAFreedRunServesABiggerBlock() {
        // docs/windows-rules.md H-9: three blocks of 48 bytes, freed out of order, become one block of 144 and more
        long h = HeapCreate(0, 0, 0);
        long a = HeapAlloc(h, 0, 32);
        long b = HeapAlloc(h, 0, 32);
        long c = HeapAlloc(h, 0, 32);
        long d = HeapAlloc(h, 0, 32);
        assertThat(HeapFree(h, 0, a)).isTrue();
        assertThat(HeapFree(h, 0, c)).isTrue();
        assertThat(HeapAlloc(h, 0, 100)).as("a and c alone are too small: after d").isGreaterThan(d);
        assertThat(HeapFree(h, 0, b)).isTrue();
        assertThat(HeapAlloc(h, 0, 128)).as("a, b and c joined").isEqualTo(a);
    }

    @Test
    void heapFree_decommitsAFreeTailOf64KiBOrMore_butNeverBelowTheInitialCommit() {
        // docs/windows-rules.md H-9
        long h = HeapCreate(0, 0x2000, 0x100000);
        long p = HeapAlloc(h, 0, 0x40000);
        assertThat(query(h).RegionSize).isEqualTo(0x41000);
        long small = HeapAlloc(h, 0, 0x100);
        assertThat(HeapFree(h, 0, small)).isTrue();
        assertThat(query(h).RegionSize).as("a small tail stays committed").isEqualTo(0x41000);
        assertThat(HeapFree(h, 0, p)).isTrue();
        assertThat(query(h).RegionSize).as("back to the initial commit").isEqualTo(0x2000);
        assertThat(query(h + 0x2000).State).isEqualTo(MEM_RESERVE);
    }

    @Test
    void decommit_keepsAWholeFreeBlockBelowTheCut() {
        // docs/windows-rules.md H-5, H-9: shrinking a 0x30000-byte block to end at 0x1FF0 frees a tail from there; the cut
        // at the initial commit (0x2000) would leave a 16-byte free block, too small for a header and 16 bytes, so
        // the heap decommits from 0x3000 instead
        long h = HeapCreate(0, 0x2000, 0x100000);
        long g = HeapAlloc(h, 0, 0x30000);
        assertThat(query(h).RegionSize).isEqualTo(0x31000);
        assertThat(HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, g, 0x1FA0)).isEqualTo(g);
        assertThat(query(h).RegionSize).isEqualTo(0x3000);
        assertThat(read(h + 0x1FF0, 8)).as("the free block's header: 0x1010 bytes, not busy").isEqualTo(0x1010);
    }

    @Test
    void heapFree_ofNull_succeeds() {
        // docs/windows-rules.md H-10 [MS]: lpMem is optional
        long h = HeapCreate(0, 0, 0);
        Snapshot before = snapshot();
        assertThat(HeapFree(h, 0, NULL)).isTrue();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void heapFree_ofAPointerThatIsNoLiveBlock_failsFalse87_andChangesNothing() {
        // docs/windows-rules.md H-10 (H choice 2: Windows leaves this undefined)
        long h = HeapCreate(0, 0, 0);
        long other = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 32);
        long freed = HeapAlloc(h, 0, 32);
        long elsewhere = HeapAlloc(other, 0, 32);
        HeapFree(h, 0, freed);
        Snapshot before = snapshot();
        for (long bad : new long[] {freed, p + 8, p - 16, elsewhere, h, 0x7000_0000L}) {
            assertFails(ERROR_INVALID_PARAMETER, () -> assertThat(HeapFree(h, 0, bad)).as("HeapFree(%#x)", bad).isFalse());
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void heapFree_badHandle_failsFalse6() {
        // docs/windows-rules.md H-10
        long p = malloc(16);
        Snapshot before = snapshot();
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(HeapFree(NULL, 0, p)).isFalse());
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(HeapFree(p, 0, p)).isFalse());
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- H-11: HeapReAlloc ----

    @Test
    void heapReAlloc_shrinksInPlace_andKeepsTheBytes() {
        // docs/windows-rules.md H-11
        long h = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 256);
        write(p, 8, 0x1122_3344_5566_7788L);
        assertThat(HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, p, 16)).isEqualTo(p);
        assertThat(HeapSize(h, 0, p)).isEqualTo(16);
        assertThat(read(p, 8)).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(HeapAlloc(h, 0, 100)).as("the space given back is free: the next block starts 32 bytes on").isEqualTo(p + 32);
    }

    @Test
    void heapReAlloc_growsInPlaceIntoAFreeNeighbour_orByCommittingAtTheEnd() {
        // docs/windows-rules.md H-11
        long h = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 32);
        long q = HeapAlloc(h, 0, 32);
        long r = HeapAlloc(h, 0, 32);
        HeapFree(h, 0, q);
        assertThat(HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, p, 80)).isEqualTo(p);
        assertThat(HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, r, 0x5000)).as("the last block grows over new pages")
                .isEqualTo(r);
        assertThat(query(h).RegionSize).isEqualTo(0x6000);
    }

    @Test
    void heapReAlloc_movesWhenBlocked_keepingTheBytes_andFreesTheOldBlock() {
        // docs/windows-rules.md H-11
        long h = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 40);
        long q = HeapAlloc(h, 0, 16);
        for (int i = 0; i < 40; i++) {
            write(p + i, 1, i + 1);
        }
        long moved = HeapReAlloc(h, 0, p, 200);
        assertThat(moved).isNotEqualTo(p).isGreaterThan(q);
        for (int i = 0; i < 40; i++) {
            assertThat(read(moved + i, 1)).isEqualTo(i + 1);
        }
        assertThat(HeapSize(h, 0, p)).as("the old block is free").isEqualTo(-1L);
        assertThat(HeapAlloc(h, 0, 40)).isEqualTo(p);
    }

    @Test
    void heapReAlloc_inPlaceOnlyWhenBlocked_failsNull_andTheBlockIsUnchanged() {
        // docs/windows-rules.md H-11, H-12 [MS]
        long h = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 40);
        HeapAlloc(h, 0, 16);
        write(p, 8, 42);
        Snapshot before = snapshot();
        assertFails(MARK, () -> assertThat(HeapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, p, 200)).isZero());
        assertThat(snapshot()).isEqualTo(before);
        assertThat(HeapSize(h, 0, p)).isEqualTo(40);
        assertThat(read(p, 8)).isEqualTo(42);
    }

    @Test
    void heapReAlloc_zeroMemory_clearsOnlyTheBytesAdded() {
        // docs/windows-rules.md H-11 [MS]
        long h = HeapCreate(0, 0, 0);
        long junk = HeapAlloc(h, 0, 256);
        for (int i = 0; i < 256; i += 8) {
            write(junk + i, 8, -1L);
        }
        HeapFree(h, 0, junk);
        long p = HeapAlloc(h, 0, 16);
        write(p, 8, 7);
        write(p + 8, 8, 9);
        long grown = HeapReAlloc(h, HEAP_ZERO_MEMORY, p, 200);
        assertThat(grown).isEqualTo(p);
        assertThat(read(p, 8)).isEqualTo(7);
        assertThat(read(p + 8, 8)).isEqualTo(9);
        for (int i = 16; i < 200; i += 8) {
            assertThat(read(p + i, 8)).as("byte %d", i).isZero();
        }
    }

    @Test
    void heapReAlloc_ofNullOrAFreedBlock_failsNull_andChangesNothing() {
        // docs/windows-rules.md H-11, H-12
        long h = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 16);
        HeapFree(h, 0, p);
        Snapshot before = snapshot();
        assertFails(MARK, () -> assertThat(HeapReAlloc(h, 0, NULL, 16)).isZero());
        assertFails(MARK, () -> assertThat(HeapReAlloc(h, HEAP_GENERATE_EXCEPTIONS, p, 16)).isZero());
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- H-13, H-14: HeapDestroy, HeapSize ----

    @Test
    void heapDestroy_releasesEveryReservation_andTheHandleIsDeadAfterwards() {
        // docs/windows-rules.md H-13
        long h = HeapCreate(0, 0, 0);
        long big = HeapAlloc(h, 0, 0x100000);
        HeapAlloc(h, 0, 0x7FFF0);
        HeapAlloc(h, 0, 0x7FFF0);
        assertThat(process().view().reservations()).hasSize(3);
        assertThat(HeapDestroy(h)).isTrue();
        assertThat(process().view().reservations()).isEmpty();
        assertThat(query(big).State).isEqualTo(MEM_FREE);
        assertFails(MARK, () -> assertThat(HeapAlloc(h, 0, 16)).isZero());
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(HeapDestroy(h)).isFalse());
    }

    @Test
    void heapDestroy_ofTheProcessHeapOrNoHeap_failsFalse6_andChangesNothing() {
        // docs/windows-rules.md H-13
        long ph = GetProcessHeap();
        Snapshot before = snapshot();
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(HeapDestroy(ph)).isFalse());
        assertFails(ERROR_INVALID_HANDLE, () -> assertThat(HeapDestroy(NULL)).isFalse());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void heapSize_ofNoBlock_isMinusOne_withoutSettingTheLastError() {
        // docs/windows-rules.md H-14 [MS]
        long h = HeapCreate(0, 0, 0);
        long p = HeapAlloc(h, 0, 16);
        assertFails(MARK, () -> assertThat(HeapSize(h, 0, NULL)).isEqualTo(-1L));
        assertFails(MARK, () -> assertThat(HeapSize(h, 0, p + 16)).isEqualTo(-1L));
        assertFails(MARK, () -> assertThat(HeapSize(NULL, 0, p)).isEqualTo(-1L));
    }

    // ---- H-15: the C runtime ----

    @Test
    void malloc_usesTheProcessHeap_andMallocOfZeroGivesAUniquePointerOfOneByte() {
        // docs/windows-rules.md H-15
        long a = malloc(0);
        long b = malloc(0);
        assertThat(a).isNotZero().isNotEqualTo(b);
        assertThat(HeapSize(GetProcessHeap(), 0, a)).isEqualTo(1);
        assertThat(query(a).AllocationBase).isEqualTo(GetProcessHeap());
        assertThat(malloc(-1L)).as("beyond _HEAP_MAXREQ").isZero();
        assertThat(malloc(0x7FFF_FFFF_0000L)).as("more than the address space").isZero();
    }

    @Test
    void calloc_zeroes_andAnOverflowingProductGivesNull() {
        // docs/windows-rules.md H-15
        long junk = malloc(96);
        for (int i = 0; i < 96; i += 8) {
            write(junk + i, 8, -1L);
        }
        free(junk);
        long p = calloc(12, 8);
        assertThat(p).isEqualTo(junk);
        for (int i = 0; i < 96; i += 8) {
            assertThat(read(p + i, 8)).isZero();
        }
        Snapshot before = snapshot();
        assertThat(calloc(1L << 33, 1L << 31)).isZero();
        assertThat(calloc(3, Long.MAX_VALUE)).isZero();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(HeapSize(GetProcessHeap(), 0, calloc(0, 8))).isEqualTo(1);
    }

    @Test
    void realloc_followsTheUniversalCrt() {
        // docs/windows-rules.md H-15: realloc(NULL, n) = malloc(n); realloc(p, 0) frees p and returns NULL
        long p = realloc(NULL, 24);
        assertThat(HeapSize(GetProcessHeap(), 0, p)).isEqualTo(24);
        write(p, 8, 99);
        long q = realloc(p, 4000);
        assertThat(read(q, 8)).isEqualTo(99);
        assertThat(realloc(q, 0)).isZero();
        assertThat(HeapSize(GetProcessHeap(), 0, q)).isEqualTo(-1L);
        long r = malloc(8);
        assertThat(realloc(r, -1L)).as("too large: NULL, r kept").isZero();
        assertThat(HeapSize(GetProcessHeap(), 0, r)).isEqualTo(8);
    }

    @Test
    void free_ofNullDoesNothing_freeOfNoBlockLeaves87() {
        // docs/windows-rules.md H-15
        long p = malloc(8);
        Snapshot before = snapshot();
        assertFails(MARK, () -> free(NULL));
        assertFails(ERROR_INVALID_PARAMETER, () -> free(p + 16));
        assertThat(snapshot()).isEqualTo(before);
        free(p);
        assertThat(HeapSize(GetProcessHeap(), 0, p)).isEqualTo(-1L);
    }
}
