package dev.pagelab.scenario;

import static dev.pagelab.PageLab.*;
import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.json.PageLabJson;
import dev.pagelab.win32.Win32;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A journal with section calls, written as JSON and replayed, rebuilds the same state (docs/json-formats.md), with
 * Windows working sets too (docs/windows-rules.md W5).
 */
class SectionJournalReplayTest {

    @AfterEach
    void freshProcess() {
        Win32.reset();
    }

    @Test
    void win32SectionCalls_failedOnesIncluded_replayToTheSameJournalAndBytes() {
        AddressSpace s = Win32.attach(machine().frames(3).boot().space());
        long h = CreateFileMapping(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x30000, "lab");
        long ro = OpenFileMapping(FILE_MAP_READ, false, "lab");
        assertThat(MapViewOfFile(ro, FILE_MAP_WRITE, 0, 0, 0)).isZero();
        assertThat(MapViewOfFile(h, FILE_MAP_READ, 0, 0x1000, 0)).isZero();
        long rw = MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0);
        long cow = MapViewOfFile(ro, FILE_MAP_COPY, 0, 0x10000, 0x8000);
        for (int i = 0; i < 6; i++) {
            write(rw + i * 0x1000L, 8, 100 + i);
        }
        write(cow + 8, 4, 7);
        assertThat(read(cow + 0x1000, 8)).isEqualTo(0);
        assertThat(UnmapViewOfFile(rw + 0x1000)).isFalse();
        assertThat(CloseHandle(h)).isTrue();
        assertThat(CloseHandle(h)).isFalse();
        assertThat(UnmapViewOfFile(rw)).isTrue();
        String json = PageLabJson.toJson(PageLabJson.journal(s));
        AddressSpace again = Replayer.replay(PageLabJson.readJournal(json)).get(0);
        assertThat(PageLabJson.toJson(PageLabJson.journal(again))).isEqualTo(json);
        assertThat(again.queryAll()).isEqualTo(s.queryAll());
        assertThat(again.read(cow + 8, 4).value()).isEqualTo(7);
        assertThat(again.read(cow + 0x1000, 8).value()).as("the copy view's other pages are the section's").isZero();
    }

    @Test
    void dslSectionCalls_replayToo() {
        var c = machine().unboundedJournal().boot();
        AddressSpace s = c.space();
        var shm = c.section(kb(64));
        var a = s.map(shm, READWRITE);
        var b = s.map(shm, WRITECOPY);
        a.write(0, 5);
        b.write(1, 6);
        a.unmap();
        String json = PageLabJson.toJson(PageLabJson.journal(s));
        AddressSpace again = Replayer.replay(PageLabJson.readJournal(json)).get(0);
        assertThat(PageLabJson.toJson(PageLabJson.journal(again))).isEqualTo(json);
        assertThat(again.read(b.base(), 2).value()).isEqualTo(0x0605);
    }

    @Test
    void sectionsOnWorkingSets_trimsSoftFaultsTheWriterAndLocks_roundTripAndReplay() {
        // docs/windows-rules.md W5: the events of both features in one journal.
        var c = machine().frames(16).windowsWorkingSets().unboundedJournal().boot();
        AddressSpace s = c.space();
        var shm = c.section(kb(64));
        var a = s.map(shm, READWRITE);
        var b = s.map(shm, WRITECOPY);
        for (int i = 0; i < 8; i++) {
            a.write(i * 0x1000L, 10 + i);
        }
        s.lock(a.base() + 0x7000, bytes(0x1000));
        s.emptyWorkingSet();
        assertThat(b.read(0x1000).value()).as("a soft fault through the other view").isEqualTo(11);
        b.write(0x2000, 99);
        s.unlock(a.base() + 0x7000, bytes(0x1000));
        s.emptyWorkingSet();
        var journal = s.journal();
        assertThat(journal.count(JournalKind.SOFT_FAULT)).isPositive();
        assertThat(journal.count(JournalKind.TRIM)).isPositive();
        assertThat(journal.count(JournalKind.PAGE_WRITE)).isPositive();
        assertThat(journal.count(JournalKind.COPY_ON_WRITE)).isEqualTo(1);
        String json = PageLabJson.toJson(PageLabJson.journal(s));
        assertThat(json).contains("\"soft-fault\"", "\"trim\"", "\"page-write\"", "\"lock\"", "\"copy_on_write\"",
                "\"map\"");
        AddressSpace again = Replayer.replay(PageLabJson.readJournal(json)).get(0);
        assertThat(PageLabJson.toJson(PageLabJson.journal(again))).isEqualTo(json);
        assertThat(again.read(b.base() + 0x2000).value()).isEqualTo(99);
        assertThat(again.read(a.base() + 0x2000).value()).isEqualTo(12);
    }
}
