package dev.pagelab;

import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.JournalView;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults and evictions of one address space in logical-time order, read from its journal: what a fault
 * timeline draws. Prints a count by kind and the last few events.
 */
public final class FaultLog {
    private final List<JournalEvent> events;
    private final long dropped;
    private final boolean workingSets;

    FaultLog(JournalView journal) {
        this(journal, false);
    }

    /** With {@code workingSets} (Windows working sets on), the text counts soft faults too. */
    FaultLog(JournalView journal, boolean workingSets) {
        this.workingSets = workingSets;
        this.dropped = journal.dropped();
        List<JournalEvent> list = new ArrayList<>();
        for (int i = 0; i < journal.size(); i++) {
            JournalKind k = journal.kind(i);
            if (k.isFault() || k == JournalKind.EVICTION) {
                list.add(journal.event(i));
            }
        }
        this.events = List.copyOf(list);
    }

    /** Every fault and eviction, oldest first. */
    public List<JournalEvent> events() {
        return events;
    }

    /** How many events of a kind. */
    public long count(JournalKind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    public long demandZero() { return count(JournalKind.DEMAND_ZERO_FAULT); }
    public long hard() { return count(JournalKind.HARD_FAULT); }
    public long accessViolations() { return count(JournalKind.ACCESS_VIOLATION); }
    public long guardPages() { return count(JournalKind.GUARD_PAGE); }
    public long evictions() { return count(JournalKind.EVICTION); }
    /** Soft faults: touches of pages still on the standby or modified list (Windows working sets), no disk read. */
    public long soft() { return count(JournalKind.SOFT_FAULT); }

    /** Faults of every kind (evictions are not faults). */
    public long total() {
        return events.size() - evictions();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(total()).append(total() == 1 ? " fault: " : " faults: ")
                .append(demandZero()).append(" demand-zero, ")
                .append(hard()).append(" hard, ")
                .append(workingSets ? soft() + " soft, " : "")
                .append(accessViolations()).append(" access violation").append(accessViolations() == 1 ? ", " : "s, ")
                .append(guardPages()).append(" guard page; ")
                .append(evictions()).append(evictions() == 1 ? " eviction" : " evictions");
        if (dropped > 0) {
            sb.append(" (among the journal's last events; ").append(dropped).append(" older events dropped)");
        }
        int from = Math.max(0, events.size() - 8);
        if (from > 0) {
            sb.append("\n  ... ").append(from).append(" earlier");
        }
        for (int i = from; i < events.size(); i++) {
            sb.append("\n  ").append(events.get(i));
        }
        return sb.toString();
    }
}
