package dev.pagelab.json;

import dev.pagelab.FaultLog;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes and reads fault timelines ({@code "format": "pagelab.faults"}): a space's faults and evictions in time order. */
final class FaultsCodec {
    static final String FORMAT = "pagelab.faults";
    static final int VERSION = 1;
    private static final List<String> COUNTS = List.of("demandZero", "hard", "accessViolations", "guardPages",
            "evictions");
    private static final JournalKind[] KINDS = {JournalKind.DEMAND_ZERO_FAULT, JournalKind.HARD_FAULT,
            JournalKind.ACCESS_VIOLATION, JournalKind.GUARD_PAGE, JournalKind.EVICTION};

    private FaultsCodec() {}

    static void write(FaultLog log, Out out) {
        write(log.events(), out);
    }

    static void write(List<JournalEvent> events, Out out) {
        out.startObject().header(FORMAT, VERSION).name("counts").inline().startObject();
        for (int i = 0; i < KINDS.length; i++) {
            JournalKind k = KINDS[i];
            out.field(COUNTS.get(i), events.stream().filter(e -> e.kind() == k).count());
        }
        out.endObject().name("events").startArray();
        for (JournalEvent e : events) {
            Events.write(e, -1, out);
        }
        out.endArray().endObject();
    }

    static List<JournalEvent> read(In in) {
        Header header = new Header();
        Set<String> seen = new HashSet<>();
        List<JournalEvent> events = new ArrayList<>();
        Node[] counts = new Node[1];
        in.start();
        in.object(Paths.ROOT, (name, path) -> {
            seen.add(name);
            if (header.take(in, name, path)) {
                return;
            }
            switch (name) {
                case "counts" -> counts[0] = in.tree(path).only(Set.copyOf(COUNTS));
                case "events" -> {
                    long[] last = {0};
                    in.array(path, in.limits().maxArray(), (i, p) -> {
                        Node n = in.tree(p);
                        JournalEvent e = Events.read(n, i, last[0]);
                        if (!e.kind().isFault() && e.kind() != JournalKind.EVICTION) {
                            throw n.field("kind").fail("a fault timeline holds faults and evictions, not "
                                    + Events.name(e.kind()) + " events");
                        }
                        last[0] = e.time();
                        events.add(e);
                    });
                }
                default -> throw Header.unknown(in, path, "format, version, counts, events");
            }
        });
        in.finish();
        header.check(in, FORMAT, VERSION);
        Header.require(in, Paths.ROOT, List.of("counts", "events"), seen);
        for (int i = 0; i < KINDS.length; i++) {
            JournalKind k = KINDS[i];
            long actual = events.stream().filter(e -> e.kind() == k).count();
            Node c = counts[0].field(COUNTS.get(i));
            long stated = c.integer(0, Long.MAX_VALUE);
            if (stated != actual) {
                throw c.fail("the count says " + stated + " but the events hold " + actual);
            }
        }
        return List.copyOf(events);
    }
}
