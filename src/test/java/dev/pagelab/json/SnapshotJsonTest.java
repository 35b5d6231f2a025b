package dev.pagelab.json;

import static dev.pagelab.PageLab.*;
import static dev.pagelab.json.PageLabJson.*;
import static dev.pagelab.scenario.Replayer.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.Computer;
import dev.pagelab.PageLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnapshotJsonTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    @Test
    void snapshot_roundTripsThroughJson_andPrintsTheSameBytes() {
        // given a space with a committed, written, protected and guarded page, and a reserved tail
        var s = space();
        var r = s.reserve(kb(64));
        r.commit(0, kb(16)).protect(READWRITE);
        r.write(0x10, 42);
        r.write(0x1ff8, 0x1122334455667788L, 8);
        r.pages(0x2000, kb(4)).protect(READONLY.guard());
        r.read(kb(8));
        r.write(kb(32), 1);
        // when
        Snapshot snap = snapshot(s);
        String json = toJson(snap);
        Snapshot back = readSnapshot(json);
        // then
        assertThat(back).isEqualTo(snap);
        assertThat(toJson(back)).isEqualTo(json);
        assertThat(json).startsWith("{\n  \"format\": \"pagelab.snapshot\",\n  \"version\": 1,");
    }

    @Test
    void machineSnapshot_withEvictionsAndThePageFile_roundTrips() {
        Computer c = machine().frames(2).policy(LRU).boot();
        AddressSpace a = checked.add(c.space());
        AddressSpace b = checked.add(c.space());
        var ra = a.allocate(kb(16));
        var rb = b.allocate(kb(16));
        for (int i = 0; i < 4; i++) {
            ra.write(i * 4096L, i + 1);
            rb.write(i * 4096L, i + 10);
        }
        ra.read(0);
        Snapshot snap = snapshot(a, b);
        assertThat(snap.memory().evictions()).isPositive();
        assertThat(snap.spaces().get(0).pages()).anyMatch(p -> p.slot() >= 0);
        assertThat(readSnapshot(toJson(snap))).isEqualTo(snap);
        assertThat(snap.toString()).endsWith(": 2 spaces, 8 pages committed, 2 frames in use");
        AddressSpace alone = checked.add(machine().frames(1).boot().space());
        alone.allocate(kb(4)).write(0, 1);
        assertThat(snapshot(alone).toString()).endsWith(": 1 space, 1 page committed, 1 frame in use");
    }

    @Test
    void journal_replaysToTheSameSnapshot() {
        var s = checked.add(PageLab.space(machine().frames(3).policy(FIFO)));
        var r = s.reserve(kb(64));
        r.commit(0, kb(32));
        for (int i = 0; i < 8; i++) {
            r.write(i * 4096L + 3, i + 1);
        }
        r.write(kb(40), 9);             // reserved: access violation
        r.pages(0, kb(4)).protect(READONLY.guard());
        r.read(0);                      // guard page
        r.read(0xffe, 4);               // straddles
        r.decommit(0x1000, kb(4));
        String json = toJson(journal(s));
        var again = replay(readJournal(json));
        assertThat(snapshot(again.get(0))).isEqualTo(snapshot(s));
        assertThat(toJson(journal(again.get(0)))).isEqualTo(json);
    }
}
