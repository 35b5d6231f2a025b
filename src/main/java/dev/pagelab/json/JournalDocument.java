package dev.pagelab.json;

import dev.pagelab.Machine;
import dev.pagelab.engine.JournalEvent;

import java.util.List;

/**
 * A machine's journal as data: its settings, how many address spaces it had, whether every access was recorded,
 * how many old events the journals dropped, and every event kept of every space merged in logical-time order.
 * {@code dev.pagelab.scenario.Replayer} makes the calls again on a fresh machine and so rebuilds the same state.
 *
 * @param machine  the machine's settings
 * @param spaces   how many address spaces, numbered from 0 in the order they were made
 * @param complete whether every successful access was recorded (see {@code Journal.complete()}); only a complete
 *                 journal replays
 * @param dropped  how many of the oldest events the spaces' journals dropped to stay within their limit (see
 *                 {@code Journal.dropped()}); only a journal that dropped none replays
 * @param events   every event kept, oldest first
 */
public record JournalDocument(Machine machine, int spaces, boolean complete, long dropped, List<Entry> events) {

    public JournalDocument {
        if (dropped < 0) {
            throw new IllegalArgumentException("dropped events " + dropped + " must not be negative");
        }
        events = List.copyOf(events);
    }

    /** A journal that dropped no event. */
    public JournalDocument(Machine machine, int spaces, boolean complete, List<Entry> events) {
        this(machine, spaces, complete, 0, events);
    }

    /** One event of space number {@code space}; the event's index counts within that space's journal. */
    public record Entry(int space, JournalEvent event) {
        @Override
        public String toString() {
            return "space " + space + ": " + event;
        }
    }

    @Override
    public String toString() {
        return "journal of " + events.size() + (events.size() == 1 ? " event" : " events") + " over " + spaces
                + (spaces == 1 ? " space" : " spaces") + (complete ? "" : " (incomplete: some accesses unrecorded)")
                + (dropped == 0 ? "" : " (" + dropped + " older events dropped)");
    }
}
