package dev.pagelab.render;

import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.JournalView;

import java.util.List;

/**
 * Journal events read by index, from a journal's columns or from a list of built events, so that a timeline
 * over a million events builds no record per event. A journal is read up to its size when this view was made.
 */
interface EventColumns {
    int size();
    long time(int i);
    JournalKind kind(int i);
    long address(int i);
    long arg(int i);
    int flags(int i);
    int result(int i);
    long out(int i);

    static EventColumns of(JournalView journal) {
        int size = journal.size();
        return new EventColumns() {
            public int size() { return size; }
            public long time(int i) { return journal.time(i); }
            public JournalKind kind(int i) { return journal.kind(i); }
            public long address(int i) { return journal.address(i); }
            public long arg(int i) { return journal.arg(i); }
            public int flags(int i) { return journal.flags(i); }
            public int result(int i) { return journal.result(i); }
            public long out(int i) { return journal.out(i); }
        };
    }

    static EventColumns of(List<JournalEvent> events) {
        return new EventColumns() {
            public int size() { return events.size(); }
            public long time(int i) { return events.get(i).time(); }
            public JournalKind kind(int i) { return events.get(i).kind(); }
            public long address(int i) { return events.get(i).address(); }
            public long arg(int i) { return events.get(i).arg(); }
            public int flags(int i) { return events.get(i).flags(); }
            public int result(int i) { return events.get(i).result(); }
            public long out(int i) { return events.get(i).out(); }
        };
    }
}
