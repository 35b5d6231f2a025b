package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static dev.pagelab.json.PageLabJson.*;
import static dev.pagelab.scenario.Replayer.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.engine.Journal;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.JournalView;
import dev.pagelab.engine.SpaceAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JournalLimitTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    /** A space whose journal keeps 5 events, after 1 allocation and 9 writes: 11 events with the first write's fault, the oldest 6 dropped. */
    private AddressSpace tenEventsInAFiveEventJournal() {
        var s = checked.add(machine().journalLimit(5).space());
        var r = s.allocate(kb(4));
        for (int i = 1; i <= 9; i++) {
            r.write(i, i);
        }
        return s;
    }

    @Test
    void defaultMachine_keepsTheLast100000Events() {
        assertThat(machine().journalLimit()).isEqualTo(100_000).isEqualTo(Journal.DEFAULT_LIMIT);
        assertThat(space().journal().limit()).isEqualTo(100_000);
    }

    @Test
    void fullJournal_keepsTheLastEventsInOrder_andCountsTheDroppedOnes() {
        var s = tenEventsInAFiveEventJournal();
        JournalView j = s.journal();
        assertThat(j.size()).isEqualTo(5);
        assertThat(j.dropped()).isEqualTo(6);
        // The first write faulted (a demand-zero fault, then the write): 11 events; the last 5 are writes 5..9.
        for (int i = 0; i < 5; i++) {
            assertThat(j.kind(i)).isEqualTo(JournalKind.WRITE);
            assertThat(j.address(i)).isEqualTo(0x10000 + 5 + i);
            assertThat(j.event(i).index()).isEqualTo(i);
        }
        assertThat(j).hasToString("journal of the last 5 events (6 older dropped; limit 5)");
        assertThat(j.count(JournalKind.WRITE)).isEqualTo(5);
    }

    @Test
    void unboundedJournal_keepsEveryEvent() {
        var s = checked.add(machine().unboundedJournal().space());
        var r = s.allocate(kb(4));
        for (int i = 0; i < 200; i++) {
            r.write(i, i);
        }
        assertThat(s.journal().size()).isEqualTo(202);
        assertThat(s.journal().dropped()).isZero();
        assertThat(machine().unboundedJournal()).hasToString(machine() + ", unbounded journal");
    }

    @Test
    void lowerLimit_dropsTheOldestAtOnce_andAHigherOneKeepsWhatIsLeft() {
        var s = checked.add(machine().unboundedJournal().space());
        var r = s.allocate(kb(4));
        for (int i = 0; i < 100; i++) {
            r.write(i, i);
        }
        Journal j = SpaceAccess.engine(s).journal();   // the engine's journal: its limit changes
        j.limit(10);
        assertThat(j.size()).isEqualTo(10);
        assertThat(j.dropped()).isEqualTo(92);
        assertThat(j.address(0)).isEqualTo(0x10000 + 90);
        j.limit(Journal.UNBOUNDED);
        r.write(100, 1);
        assertThat(j.size()).isEqualTo(11);
        assertThat(j.address(10)).isEqualTo(0x10000 + 100);
        assertThatThrownBy(() -> j.limit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a journal keeps at least 1 event, not 0");
    }

    @Test
    void journalJson_withDroppedEvents_saysHowMany_andItsReplayIsRefused() {
        var s = tenEventsInAFiveEventJournal();
        String json = toJson(journal(s));
        assertThat(json).contains("\"complete\": true,\n  \"dropped\": 6,");
        var doc = readJournal(json);
        assertThat(doc.dropped()).isEqualTo(6);
        assertThat(toJson(doc)).isEqualTo(json);
        assertThatThrownBy(() -> replay(doc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("this journal dropped its 6 oldest events to stay within its limit, so it "
                        + "cannot be replayed from the start");
    }

    @Test
    void faultLog_ofAJournalThatDroppedEvents_saysSo() {
        var s = tenEventsInAFiveEventJournal();
        assertThat(s.faults().toString()).contains("6 older events dropped");
    }
}
