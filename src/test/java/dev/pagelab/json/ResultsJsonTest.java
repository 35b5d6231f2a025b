package dev.pagelab.json;

import static dev.pagelab.PageLab.*;
import static dev.pagelab.json.PageLabJson.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.CheckedSpaces;
import dev.pagelab.Machine;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.policy.Policy;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.ReplayResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResultsJsonTest {
    private static final long[] BELADY = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5};

    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    @Test
    void replayResult_roundTrips_beladysNineFaultsOnThreeFifoFrames() {
        ReplayResult r = machine().frames(3).policy(FIFO).replay(trace(BELADY));
        String json = toJson(r);
        ReplayResult back = readReplayResult(json);
        assertThat(back.faults()).isEqualTo(9);
        assertThat(back.faultsPerBucket()).containsExactly(r.faultsPerBucket());
        assertThat(back.toString()).isEqualTo(r.toString());
        assertThat(toJson(back)).isEqualTo(json);
    }

    @Test
    void curves_roundTrip_forAStackPolicyAndForFifo() {
        for (Policy p : new Policy[] {LRU, FIFO}) {
            MissRatioCurve c = machine().policy(p).curve(trace(BELADY));
            MissRatioCurve back = readCurve(toJson(c));
            assertThat(back.sizes()).containsExactly(c.sizes());
            assertThat(back.faults()).containsExactly(c.faults());
            assertThat(back.everySize()).isEqualTo(c.everySize());
            assertThat(toJson(back)).isEqualTo(toJson(c));
        }
        // Belady's anomaly survives the trip: FIFO faults more with 4 frames than with 3.
        MissRatioCurve fifo = readCurve(toJson(machine().policy(FIFO).curve(trace(BELADY))));
        assertThat(fifo.faultsAt(4)).isGreaterThan(fifo.faultsAt(3));
    }

    @Test
    void curve_whoseCountsDisagree_isRefusedWithItsReason() {
        String json = toJson(machine().policy(LRU).curve(trace(BELADY))).replace("\"everySize\": true", "\"everySize\": false")
                .replace("\"sizes\": [1, 2", "\"sizes\": [2, 1");
        assertThatThrownBy(() -> readCurve(json)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("sizes must be positive and ascending");
    }

    @Test
    void faultTimeline_roundTrips_andItsCountsAreChecked() {
        var s = checked.add(space(machine().frames(1).policy(LRU)));
        var r = s.allocate(kb(8));
        r.write(0, 1);
        r.write(4096, 2);
        r.read(0);
        r.write(8191, 3);
        var events = readFaults(toJson(s.faults()));
        assertThat(events).usingRecursiveFieldByFieldElementComparatorIgnoringFields("index")
                .isEqualTo(s.faults().events());
        assertThat(events).extracting(e -> e.kind()).contains(JournalKind.HARD_FAULT, JournalKind.EVICTION);
        String lying = toJson(s.faults()).replace("\"hard\": 2", "\"hard\": 5");
        assertThatThrownBy(() -> readFaults(lying)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("$.counts.hard (line 4, column")
                .hasMessageContaining("the count says 5 but the events hold 2");
    }

    @Test
    void machineSettings_rebuildAnEqualMachine() {
        Machine m = machine().pageSize(kb(16)).granularity(kb(16)).addressBits(40).frames(7).policy(Policy.nru(9, 3))
                .pageFile(mb(8)).tlb(16).wineGuardRule(true);
        Snapshot snap = snapshot(checked.add(m.space()));
        assertThat(readSnapshot(toJson(snap)).machine()).isEqualTo(m);
        assertThat(Machine.of(m.settings())).isEqualTo(m);
        assertThat(m.settings().toString()).isEqualTo(m.toString());
    }
}
