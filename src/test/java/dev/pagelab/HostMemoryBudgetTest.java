package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.HeapBudget;
import dev.pagelab.engine.HostMemoryException;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.win32.Win32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HostMemoryBudgetTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    @Test
    void writeBeyondTheHeapBudget_failsNamingHostMemory_andChangesNothing() {
        // given: 16 committed pages, and a budget for the contents of three pages
        var s = space();
        var r = s.reserve(kb(64));
        r.commit(0, kb(64));
        SpaceAccess.engine(s).memory().budget(HeapBudget.of(3 * 4096));
        for (int page = 0; page < 3; page++) {
            assertThat(r.write(page * 4096L, page + 1).ok()).isTrue();
        }
        long clock = SpaceAccess.engine(s).memory().clock();
        int events = s.journal().size();
        long writes = SpaceAccess.engine(s).writes();

        // when: a fourth page is written
        // then: refused before anything moved
        assertThatThrownBy(() -> r.write(3 * 4096L, 4))
                .isInstanceOf(MemoryException.class)
                .hasMessage("host memory: this machine's budget of 12 KiB cannot hold the contents of another page "
                        + "(a write to page 0x1_3000); 12 KiB of page contents and tables held")
                .extracting(e -> ((MemoryException) e).error()).isEqualTo(Flags.ERROR_NOT_ENOUGH_MEMORY);
        assertThat(SpaceAccess.engine(s).memory().clock()).isEqualTo(clock);
        assertThat(s.journal().size()).isEqualTo(events);
        assertThat(SpaceAccess.engine(s).writes()).isEqualTo(writes);
        assertThat(SpaceAccess.engine(s).residentPages()).isEqualTo(3);

        // and the space stays usable: pages with contents take more writes, others read as zeros
        assertThat(r.write(0, 9).ok()).isTrue();
        assertThat(r.read(0).value()).isEqualTo(9);
        assertThat(r.read(3 * 4096L).value()).isZero();
        r.pages(0, kb(4)).protect(READONLY);
        assertThat(r.write(0, 1).outcome()).isEqualTo(Access.Outcome.ACCESS_VIOLATION);
    }

    @Test
    void commitWhoseTablesExceedTheHeapBudget_failsWithErrorNotEnoughMemory_andChangesNothing() {
        var s = space();
        var r = s.reserve(mb(4));
        SpaceAccess.engine(s).memory().budget(HeapBudget.of(0));

        assertThatThrownBy(() -> r.commit(0, mb(4)))
                .isInstanceOf(MemoryException.class)
                .hasMessageStartingWith("host memory: this machine's budget of 0 bytes cannot hold the page tables of "
                        + "[0x1_0000, 0x41_0000)")
                .extracting(e -> ((MemoryException) e).error()).isEqualTo(Flags.ERROR_NOT_ENOUGH_MEMORY);
        assertThat(SpaceAccess.engine(s).committedPages()).isZero();
        assertThat(SpaceAccess.engine(s).memory().commitCharge()).isZero();
        assertThat(SpaceAccess.engine(s).pageTablePages()).isZero();

        // A commit past the commit limit is refused for that first, as Windows does.
        var big = s.reserve(gb(64));
        assertThatThrownBy(() -> big.commit(0, gb(64)))
                .isInstanceOf(MemoryException.class)
                .extracting(e -> ((MemoryException) e).error()).isEqualTo(Flags.ERROR_COMMITMENT_LIMIT);

        SpaceAccess.engine(s).memory().budget(HeapBudget.of(mb(1).bytes()));
        assertThat(r.commit(0, mb(4)).region().committedPages()).isEqualTo(1024);
        assertThat(SpaceAccess.engine(s).memory().budget().taken()).isEqualTo(SpaceAccess.engine(s).pageTablePages() * 4096);
    }

    @Test
    void win32Calls_underAFullBudget_failLikeWindows_orNameHostMemory() {
        var s = space();
        Win32.attach(s);
        SpaceAccess.engine(s).memory().budget(HeapBudget.of(0));
        assertThat(Win32.VirtualAlloc(0, 4096, Flags.MEM_COMMIT | Flags.MEM_RESERVE, Flags.PAGE_READWRITE)).isZero();
        assertThat(Win32.GetLastError()).isEqualTo(Flags.ERROR_NOT_ENOUGH_MEMORY);
        SpaceAccess.engine(s).memory().budget(HeapBudget.of(64 * 1024));
        long p = Win32.VirtualAlloc(0, 4096, Flags.MEM_COMMIT | Flags.MEM_RESERVE, Flags.PAGE_READWRITE);
        SpaceAccess.engine(s).memory().budget(HeapBudget.of(0));
        assertThatThrownBy(() -> Win32.write(p, 4, 42))
                .isInstanceOf(HostMemoryException.class)
                .hasMessageStartingWith("host memory: ");
        assertThat(Win32.read(p, 4)).isZero();
        Win32.attach(space());
    }

    @Test
    void jvmBudget_givesAllowancesWhileTheHeapKeepsItsReserve() {
        var s = space();
        var r = s.allocate(mb(1));
        for (int page = 0; page < 256; page++) {
            r.write(page * 4096L, 1);
        }
        assertThat(SpaceAccess.engine(s).memory().budget().taken()).isGreaterThanOrEqualTo(256 * 4096L);
    }

    @Test
    void faultThatWouldGrowTheFrameTableBeyondTheBudget_isRefused_andChangesNothing() {
        // given: 64 resident pages fill the frame columns a memory starts with
        var s = space();
        var r = s.allocate(kb(4 * 65));
        for (int page = 0; page < 64; page++) {
            r.read(page * 4096L);
        }
        SpaceAccess.engine(s).memory().budget(HeapBudget.of(0));
        long clock = SpaceAccess.engine(s).memory().clock();
        long misses = SpaceAccess.engine(s).tlb().misses();

        // when: a 65th page faults in, the columns would grow to 128 frames
        assertThatThrownBy(() -> r.read(64 * 4096L))
                .isInstanceOf(MemoryException.class)
                .hasMessageStartingWith("host memory: this machine's budget of 0 bytes cannot hold the frame table of "
                        + "128 frames (3.5 KiB)");

        // then
        assertThat(SpaceAccess.engine(s).memory().clock()).isEqualTo(clock);
        assertThat(SpaceAccess.engine(s).tlb().misses()).isEqualTo(misses);
        assertThat(SpaceAccess.engine(s).residentPages()).isEqualTo(64);
        assertThat(r.read(0).ok()).isTrue();
    }
}
