package dev.pagelab.json;

import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.Machine;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalView;
import dev.pagelab.engine.VirtualMemory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;

/** Takes, writes and reads {@link JournalDocument}s ({@code "format": "pagelab.journal"}). */
final class JournalCodec {
    static final String FORMAT = "pagelab.journal";
    static final int VERSION = 1;
    static final int MAX_SPACES = 1 << 16;

    private JournalCodec() {}

    static JournalDocument take(List<AddressSpace> spaces) {
        if (spaces.isEmpty()) {
            throw new IllegalArgumentException("a journal needs at least one address space");
        }
        Computer computer = spaces.get(0).computer();
        IdentityHashMap<AddressSpace, Integer> seen = new IdentityHashMap<>();
        boolean complete = true;
        long dropped = 0;
        for (int i = 0; i < spaces.size(); i++) {
            AddressSpace space = spaces.get(i);
            if (space.computer() != computer) {
                throw new IllegalArgumentException("space " + i + " runs on another computer than space 0: a journal "
                        + "holds the spaces of one computer (machine.boot(), then its space())");
            }
            if (seen.putIfAbsent(space, i) != null) {
                throw new IllegalArgumentException("space " + i + " is space " + seen.get(space) + " again");
            }
            JournalView journal = space.journal();
            complete &= journal.complete();
            dropped += journal.dropped();
        }
        return new JournalDocument(MachineCodec.asWritten(spaces.get(0).machine()), spaces.size(), complete, dropped,
                merge(spaces.stream().map(AddressSpace::journal).toList()));
    }

    /** Every event of the journals, by time, then space, then order within a journal. */
    static List<JournalDocument.Entry> merge(List<JournalView> journals) {
        int[] next = new int[journals.size()];
        List<JournalDocument.Entry> all = new ArrayList<>();
        while (true) {
            int best = -1;
            long bestTime = Long.MAX_VALUE;
            for (int s = 0; s < journals.size(); s++) {
                JournalView j = journals.get(s);
                if (next[s] < j.size() && j.time(next[s]) < bestTime) {
                    best = s;
                    bestTime = j.time(next[s]);
                }
            }
            if (best < 0) {
                return all;
            }
            all.add(new JournalDocument.Entry(best, journals.get(best).event(next[best]++)));
        }
    }

    /** The fields of a journal document. */
    enum Field { FORMAT, VERSION, MACHINE, SPACES, COMPLETE, DROPPED, EVENTS }

    static final Fields<Field> FIELDS = Fields.of(Field.class, Field.DROPPED);

    static void write(JournalDocument doc, Out out) {
        out.startObject().header(FORMAT, VERSION).name(Field.MACHINE);
        MachineCodec.write(out, doc.machine());
        out.field(Field.SPACES, doc.spaces()).field(Field.COMPLETE, doc.complete());
        if (doc.dropped() > 0) {
            out.field(Field.DROPPED, doc.dropped());
        }
        out.name(Field.EVENTS).startArray();
        for (JournalDocument.Entry e : doc.events()) {
            Events.write(e.event(), doc.spaces() > 1 ? e.space() : -1, out);
        }
        out.endArray().endObject();
    }

    static JournalDocument read(In in) {
        Header header = new Header();
        Object[] parts = {null, null, null, 0L};
        List<JournalDocument.Entry> events = new ArrayList<>();
        List<Node> spaceFields = new ArrayList<>();
        in.start();
        EnumSet<Field> seen = FIELDS.read(in, Paths.ROOT, header, (key, path) -> {
            switch (key) {
                case MACHINE -> parts[0] = MachineCodec.read(in.tree(path), true);
                case SPACES -> parts[1] = (int) in.integer(path, 1, MAX_SPACES);
                case COMPLETE -> parts[2] = in.tree(path).bool();
                case DROPPED -> parts[3] = in.integer(path, 0, Long.MAX_VALUE);
                case EVENTS -> {
                    List<Integer> counts = new ArrayList<>();
                    long[] last = {0};
                    in.array(path, in.limits().maxArray(), (i, p) -> {
                        Node n = in.tree(p);
                        Node s = n.optional(Events.Field.SPACE);
                        int space = s == null ? 0 : s.integer(0, MAX_SPACES - 1);
                        if (s != null) {
                            spaceFields.add(s);
                        }
                        while (counts.size() <= space) {
                            counts.add(0);
                        }
                        JournalEvent e = Events.read(n, counts.get(space), last[0]);
                        counts.set(space, counts.get(space) + 1);
                        last[0] = e.time();
                        events.add(new JournalDocument.Entry(space, e));
                    });
                }
                default -> throw new AssertionError(key);
            }
        });
        in.finish();
        header.check(in, FORMAT, VERSION);
        FIELDS.require(in, Paths.ROOT, seen);
        int spaces = (Integer) parts[1];
        for (Node s : spaceFields) {
            int space = s.integer(0, MAX_SPACES - 1);
            if (space >= spaces) {
                throw s.fail("space " + space + " does not exist: the journal has " + spaces
                        + (spaces == 1 ? " space" : " spaces"));
            }
        }
        return new JournalDocument((Machine) parts[0], spaces, (Boolean) parts[2], (Long) parts[3], events);
    }
}
