package dev.pagelab.json;

import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** Writes and reads fault timelines ({@code "format": "pagelab.faults"}): a space's faults and evictions in time order. */
final class FaultsCodec {
    static final String FORMAT = "pagelab.faults";
    static final int VERSION = 1;

    /** The fields of a fault timeline. */
    enum Field { FORMAT, VERSION, COUNTS, EVENTS }

    /**
     * The counts a timeline states, one per kind of event it holds: {@code KINDS[count.ordinal()]}. {@code soft} is
     * written only when there are soft faults (Windows working sets), so other timelines read as before.
     */
    enum Count { DEMAND_ZERO, HARD, ACCESS_VIOLATIONS, GUARD_PAGES, EVICTIONS, SOFT }

    private static final JournalKind[] KINDS = {JournalKind.DEMAND_ZERO_FAULT, JournalKind.HARD_FAULT,
            JournalKind.ACCESS_VIOLATION, JournalKind.GUARD_PAGE, JournalKind.EVICTION, JournalKind.SOFT_FAULT};

    static final Fields<Field> FIELDS = Fields.of(Field.class);
    static final Fields<Count> COUNTS = Fields.of(Count.class);

    private FaultsCodec() {}

    static void write(List<JournalEvent> events, Out out) {
        out.startObject().header(FORMAT, VERSION).name(Field.COUNTS).inline().startObject();
        for (Count c : COUNTS.keys()) {
            long n = count(events, c);
            if (c != Count.SOFT || n > 0) {
                out.field(c, n);
            }
        }
        out.endObject().name(Field.EVENTS).startArray();
        for (JournalEvent e : events) {
            Events.write(e, -1, out);
        }
        out.endArray().endObject();
    }

    private static long count(List<JournalEvent> events, Count c) {
        JournalKind k = KINDS[c.ordinal()];
        return events.stream().filter(e -> e.kind() == k).count();
    }

    static List<JournalEvent> read(In in) {
        Header header = new Header();
        List<JournalEvent> events = new ArrayList<>();
        Node[] counts = new Node[1];
        in.start();
        EnumSet<Field> seen = FIELDS.read(in, Paths.ROOT, header, (key, path) -> {
            switch (key) {
                case COUNTS -> counts[0] = in.tree(path).only(COUNTS);
                case EVENTS -> {
                    long[] last = {0};
                    in.array(path, in.limits().maxArray(), (i, p) -> {
                        Node n = in.tree(p);
                        JournalEvent e = Events.read(n, i, last[0]);
                        if (!e.kind().isFault() && e.kind() != JournalKind.EVICTION) {
                            throw n.field(Events.Field.KIND).fail("a fault timeline holds faults and evictions, not "
                                    + Events.name(e.kind()) + " events");
                        }
                        last[0] = e.time();
                        events.add(e);
                    });
                }
                default -> throw new AssertionError(key);
            }
        });
        in.finish();
        header.check(in, FORMAT, VERSION);
        FIELDS.require(in, Paths.ROOT, seen);
        for (Count c : COUNTS.keys()) {
            long actual = count(events, c);
            if (c == Count.SOFT && !counts[0].has(c)) {
                if (actual > 0) {
                    throw counts[0].fail("the counts give no soft faults but the events hold " + actual);
                }
                continue;
            }
            Node n = counts[0].field(c);
            long stated = n.integer(0, Long.MAX_VALUE);
            if (stated != actual) {
                throw n.fail("the count says " + stated + " but the events hold " + actual);
            }
        }
        return List.copyOf(events);
    }
}
