package dev.pagelab.render;

import dev.pagelab.engine.Journal;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.JournalView;

import java.util.List;

/**
 * Built journal events read as a journal, so that a fault log's timeline is drawn by the code that draws a space's
 * journal. It keeps every event it was given and records nothing more: no limit, none dropped, recording off, and
 * not complete (a fault log leaves out the accesses that did not fault).
 */
final class EventList implements JournalView {
    private final List<JournalEvent> events;

    EventList(List<JournalEvent> events) {
        this.events = events;
    }

    @Override public int limit() { return Journal.UNBOUNDED; }
    @Override public long dropped() { return 0; }
    @Override public boolean recordsReads() { return false; }
    @Override public boolean complete() { return false; }
    @Override public long unrecordedAccesses() { return 0; }
    @Override public boolean enabled() { return false; }
    @Override public int size() { return events.size(); }
    @Override public long time(int i) { return events.get(i).time(); }
    @Override public JournalKind kind(int i) { return events.get(i).kind(); }
    @Override public long address(int i) { return events.get(i).address(); }
    @Override public long arg(int i) { return events.get(i).arg(); }
    @Override public int flags(int i) { return events.get(i).flags(); }
    @Override public int result(int i) { return events.get(i).result(); }
    @Override public long out(int i) { return events.get(i).out(); }
    @Override public int protect(int i) { return events.get(i).protect(); }
    @Override public JournalEvent event(int i) { return events.get(i); }

    @Override
    public int count(JournalKind k) {
        return (int) events.stream().filter(e -> e.kind() == k).count();
    }
}
