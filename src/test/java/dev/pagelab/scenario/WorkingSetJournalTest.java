package dev.pagelab.scenario;

import static dev.pagelab.json.PageLabJson.*;
import static dev.pagelab.scenario.Replayer.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.Computer;
import dev.pagelab.MemoryException;
import dev.pagelab.PageLab;
import dev.pagelab.Size;
import dev.pagelab.engine.JournalEvent;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A journal of a machine with Windows working sets (docs/windows-rules.md W4) goes to JSON and back, and replays call
 * by call to the same events: locks (a refused one too), working-set sizes, emptied working sets, trims, soft faults
 * and the writer's page writes. The machine's setting is written only when on.
 */
class WorkingSetJournalTest {
    private static final long PAGE = 4096;

    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    @Test
    void aWorkingSetJournal_roundTripsThroughJson_andReplaysToTheSameEvents() {
        Computer c = PageLab.machine().frames(40).windowsWorkingSets().boot();
        AddressSpace a = checked.add(c.space());
        AddressSpace b = checked.add(c.space());
        a.workingSetSize(Size.bytes(20 * PAGE), Size.bytes(24 * PAGE));
        var ra = a.allocate(Size.bytes(30 * PAGE));
        for (int i = 0; i < 30; i++) {
            ra.write(i * PAGE, i);
        }
        a.lock(ra.base(), Size.bytes(2 * PAGE));
        try {
            a.lock(ra.base(), Size.bytes(31 * PAGE));
        } catch (MemoryException refused) {
            assertThat(refused.error()).isEqualTo(998);
        }
        var rb = b.allocate(Size.bytes(6 * PAGE));
        for (int i = 0; i < 6; i++) {
            rb.write(i * PAGE, i);
        }
        b.emptyWorkingSet();
        for (int i = 0; i < 8; i++) {
            ra.read(i * PAGE);
        }
        a.unlock(ra.base(), Size.bytes(2 * PAGE));

        String json = toJson(journal(a, b));
        assertThat(json).contains("\"windowsWorkingSets\": true", "\"kind\": \"soft-fault\"", "\"kind\": \"trim\"",
                "\"kind\": \"page-write\"", "\"kind\": \"lock\"", "\"kind\": \"unlock\"", "\"kind\": \"working-set\"");
        var back = readJournal(json);
        assertThat(toJson(back)).isEqualTo(json);
        List<AddressSpace> again = replay(back);
        assertThat(toJson(journal(again))).isEqualTo(json);
        assertThat(again.get(0).faults().soft()).isEqualTo(a.faults().soft()).isPositive();
    }

    @Test
    void aTextbookJournal_saysNothingOfWorkingSets() {
        AddressSpace s = checked.add(PageLab.machine().frames(4).space());
        s.allocate(Size.bytes(PAGE)).write(0, 1);
        assertThat(toJson(journal(s))).doesNotContain("windowsWorkingSets");
    }

    @Test
    void aFaultTimelineWithSoftFaults_countsThem_andReadsBack() {
        AddressSpace s = checked.add(PageLab.machine().frames(40).windowsWorkingSets().space());
        var r = s.allocate(Size.bytes(2 * PAGE));
        r.write(0, 1);
        s.emptyWorkingSet();
        r.read(0);
        String json = toJson(s.faults());
        assertThat(json).contains("\"soft\": 1");
        List<JournalEvent> events = readFaults(json);
        assertThat(events).extracting(JournalEvent::kind).map(Enum::name).containsExactly("DEMAND_ZERO_FAULT", "SOFT_FAULT");
    }

    @Test
    void aSnapshot_showsListedAndLockedPagesWithTheirFramesAndBytes_andReadsBack() {
        AddressSpace s = checked.add(PageLab.machine().frames(40).windowsWorkingSets().space());
        var r = s.allocate(Size.bytes(3 * PAGE));
        r.write(0, 7);
        r.write(PAGE, 8);
        s.lock(r.base() + PAGE, Size.bytes(PAGE));
        s.emptyWorkingSet();
        String json = toJson(snapshot(s));
        var pages = readSnapshot(json).spaces().get(0).pages();
        assertThat(pages.get(0).listed()).isTrue();
        assertThat(pages.get(0).resident()).isFalse();
        assertThat(pages.get(0).frame()).isNotNegative();
        assertThat(pages.get(0).contents()).startsWith(7);
        assertThat(pages.get(1).locked()).isTrue();
        assertThat(pages.get(1).resident()).isTrue();
        assertThat(toJson(readSnapshot(json))).isEqualTo(json);
        assertThat(toJson(snapshot(checked.add(PageLab.machine().frames(4).space())))).doesNotContain("listed", "locked");
    }
}
