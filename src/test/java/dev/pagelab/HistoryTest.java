package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.engine.JournalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A space's history: each step leaves the pages as the space itself was at that point of its program. */
class HistoryTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    /** The tutorial's kind of program, a call a line, refused calls and faults included. */
    private static List<Consumer<AddressSpace>> program() {
        List<Consumer<AddressSpace>> lines = new ArrayList<>();
        lines.add(s -> s.reserve(0x10000, kb(16)));                                         // 1 reserve 4 pages
        lines.add(s -> s.region(0x10000).commit(0, kb(8)));                                 // 2 commit 2
        lines.add(s -> s.write(0x10000, 42));                                               // 3 demand-zero, dirty
        lines.add(s -> s.read(0x11000));                                                    // 4 demand-zero
        lines.add(s -> s.region(0x10000).pages(kb(4), kb(4)).protect(READONLY));            // 5
        lines.add(s -> s.write(0x11000, 7));                                                // 6 access violation
        lines.add(s -> { try { s.reserve(0x10000, kb(64)); } catch (MemoryException e) { } }); // 7 refused: 487
        lines.add(s -> s.region(0x10000).commit(kb(8), kb(4), READWRITE.guard()));          // 8 a guard page
        lines.add(s -> s.touch(0x12000));                                                   // 9 guard page fault
        lines.add(s -> s.touch(0x12000));                                                   // 10 demand-zero
        lines.add(s -> s.region(0x10000).decommit(0, kb(4)));                               // 11
        lines.add(s -> s.reserve(kb(8)));                                                   // 12 a second reservation
        lines.add(s -> s.region(0x10000).release());                                        // 13
        return lines;
    }

    /** Every page of every reservation of {@code s} now, by address. */
    private static Map<Long, History.Page> pagesNow(AddressSpace s) {
        Map<Long, History.Page> pages = new TreeMap<>();
        for (SpaceView.Reservation r : s.view().reservations()) {
            for (long p = r.base(); p < r.end(); p += s.pageSize()) {
                pages.put(p, History.Page.of(s.page(p)));
            }
        }
        return pages;
    }

    private static Map<Long, History.Page> notFree(List<History.Page> pages) {
        Map<Long, History.Page> map = new TreeMap<>();
        for (History.Page p : pages) {
            if (p.state() != dev.pagelab.engine.Flags.MEM_FREE) {
                map.put(p.address(), p);
            }
        }
        return map;
    }

    @Test
    void eachStep_leavesThePages_asTheSpaceDrivenToTheSamePointWas() {
        // given: the program run a line at a time, the pages seen after each line
        AddressSpace s = space();
        List<Map<Long, History.Page>> seen = new ArrayList<>();
        seen.add(pagesNow(s));
        for (Consumer<AddressSpace> line : program()) {
            line.accept(s);
            seen.add(pagesNow(s));
        }
        // when
        History h = s.history();
        // then: one step a line, each leaving the pages as they were
        assertThat(h.size()).isEqualTo(program().size());
        for (int k = 0; k <= h.size(); k++) {
            assertThat(notFree(h.pagesAfter(k))).as("after step %d", k).isEqualTo(seen.get(k));
        }
        assertThat(h.pages()).hasSize(4 + 2); // the first reservation's 4 pages and the second's 2
    }

    @Test
    void aRefusedCall_isAStep_thatChangesNothing() {
        AddressSpace s = space();
        program().forEach(line -> line.accept(s));
        History.Step refused = s.history().step(6);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.text()).isEqualTo("VirtualAlloc(0x1_0000, 64 KiB, MEM_RESERVE, PAGE_READWRITE)");
        assertThat(refused.result()).isEqualTo("ERROR_INVALID_ADDRESS");
        assertThat(s.history().changedBy(6)).isEmpty();
        // and a faulted write changes nothing either
        History.Step violation = s.history().step(5);
        assertThat(violation.call().kind()).isEqualTo(JournalKind.ACCESS_VIOLATION);
        assertThat(violation.text()).isEqualTo("write 1 byte at 0x1_1000");
        assertThat(s.history().changedBy(5)).isEmpty();
    }

    @Test
    void aGuardPageFault_isAStep_thatClearsTheGuard_andTheNextTouchFaultsThePageIn() {
        AddressSpace s = space();
        program().forEach(line -> line.accept(s));
        History h = s.history();
        // step 9 (index 8): the guard page violation; the access is not made, the guard bit goes
        assertThat(h.step(8).call().kind()).isEqualTo(JournalKind.GUARD_PAGE);
        assertThat(h.step(8).result()).startsWith("guard page violation at 0x1_2000");
        assertThat(h.pagesAfter(8).get(2).guard()).isTrue();
        assertThat(h.pagesAfter(9).get(2)).extracting(History.Page::guard, History.Page::resident).containsExactly(false, false);
        // step 10: the second touch faults a zero-filled frame in
        assertThat(h.step(9).caused()).extracting(e -> e.kind()).containsExactly(JournalKind.DEMAND_ZERO_FAULT);
        assertThat(h.pagesAfter(10).get(2).resident()).isTrue();
        assertThat(h.faults()).isEqualTo(5); // 3 demand-zero (lines 3, 4, 10), 1 access violation, 1 guard page
    }

    @Test
    void theTextForm_isTheNumberedCallsWithTheirResults() {
        AddressSpace s = space();
        program().stream().limit(3).forEach(line -> line.accept(s));
        assertThat(s.history().toString()).isEqualTo("""
                History of a space: 3 calls, 1 fault; 4 pages shown
                  1. VirtualAlloc(0x1_0000, 16 KiB, MEM_RESERVE, PAGE_READWRITE) -> 0x1_0000
                  2. VirtualAlloc(0x1_0000, 8 KiB, MEM_COMMIT, PAGE_READWRITE) -> 0x1_0000
                  3. write 1 byte at 0x1_0000 = 0x2a -> ok; demand-zero fault at 0x1_0000 -> frame 0""");
    }

    @Test
    void aLongHistorysText_showsItsFirstAndLastCalls_withinJShellsThousandCharacters() {
        AddressSpace s = space();
        Region r = s.allocate(kb(4));
        for (int i = 0; i < 40; i++) {
            r.write(0, i);
        }
        String text = s.history().toString();
        assertThat(text.lines()).hasSize(1 + 6 + 1 + 4);
        assertThat(text).contains("  6. write 1 byte at 0x1_0000 = 0x4 -> ok", "... 31 more", " 41. write 1 byte at 0x1_0000 = 0x27 -> ok");
        assertThat(text.length()).isLessThan(1000);
    }

    @Test
    void aHistory_isTakenWhenAsked_andDoesNotFollowTheSpace() {
        AddressSpace s = space();
        s.reserve(kb(4));
        History h = s.history();
        s.reserve(kb(4));
        assertThat(h.size()).isEqualTo(1);
        assertThat(s.history().size()).isEqualTo(2);
    }

    @Test
    void finiteMemory_evictionsAreReplayedToo() {
        AddressSpace s = checked.add(machine().frames(2).policy(FIFO).boot().space());
        Region r = s.reserve(kb(16));
        r.commit();
        for (int i = 0; i < 4; i++) {
            r.write(i * 4096L, i + 1);
        }
        History h = s.history();
        assertThat(h.step(5).caused()).extracting(e -> e.kind())
                .containsExactly(JournalKind.EVICTION, JournalKind.DEMAND_ZERO_FAULT);
        assertThat(notFree(h.pagesAfter(h.size()))).isEqualTo(pagesNow(s));
    }

    @Test
    void aJournalThatDroppedEvents_isRefused_sayingWhy() {
        AddressSpace s = checked.add(machine().journalLimit(4).boot().space());
        Region r = s.reserve(kb(16));
        r.commit();
        for (int i = 0; i < 4; i++) {
            r.write(i * 4096L, 1);
        }
        assertThatThrownBy(s::history).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dropped its").hasMessageContaining("cannot be replayed from the start")
                .hasMessageContaining("unboundedJournal()");
    }

    @Test
    void moreCallsThanAHistoryShows_areRefused_pointingToTheJournalAndFaults() {
        AddressSpace s = space();
        Region r = s.allocate(kb(4));
        for (int i = 0; i < History.MAX_STEPS; i++) {
            r.write(0, 1);
        }
        assertThatThrownBy(s::history).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining((History.MAX_STEPS + 1) + " calls").hasMessageContaining("at most " + History.MAX_STEPS)
                .hasMessageContaining("journal()").hasMessageContaining("faults()");
    }

    @Test
    void aJournalWithoutItsReads_isRefused() {
        AddressSpace s = space().recordReads(false);
        s.allocate(kb(4)).read(0);
        assertThatThrownBy(s::history).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not hold every access");
    }

    @Test
    void aBigReservation_showsItsFirstPages() {
        AddressSpace s = space();
        s.reserve(mb(4)).commit(0, kb(8));
        History h = s.history();
        assertThat(h.cut()).isTrue();
        assertThat(h.pages()).hasSize(History.PAGES_PER_RESERVATION);
        assertThat(h.summary()).contains("the first " + History.PAGES_PER_RESERVATION);
    }
}
