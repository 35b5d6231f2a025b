package dev.pagelab.json;

import dev.pagelab.Machine;
import dev.pagelab.engine.PhysicalMemory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Writes and reads {@link Snapshot}s ({@code "format": "pagelab.snapshot"}); {@link SnapshotCapture} takes them.
 */
final class SnapshotCodec {
    static final String FORMAT = "pagelab.snapshot";
    static final int VERSION = 1;

    /** Zero runs at least this long split a page's contents into separate segments. */
    private static final int GAP = 64;
    /** The most bytes in one contents segment. */
    static final int SEGMENT = 1 << 20;

    /** The fields of a snapshot document. */
    enum Field { FORMAT, VERSION, MACHINE, MEMORY, SPACES }

    /** The fields of {@code memory}: the machine's counters and its frames. */
    enum MemoryField { CLOCK, REFERENCES, COMMIT_CHARGE, FRAMES_IN_USE, FRAMES_TOUCHED, PAGE_FILE_IN_USE,
        DEMAND_ZERO_FAULTS, HARD_FAULTS, EVICTIONS, PAGE_FILE_WRITES, FRAMES }

    /** The fields of one frame: which space's page it holds. */
    enum FrameField { FRAME, SPACE, PAGE }

    /** The fields of one space. */
    enum SpaceField { COUNTERS, RESERVATIONS, PAGES }

    /** The fields of a space's {@code counters}. */
    enum Counter { COMMITTED_PAGES, RESIDENT_PAGES, PEAK_RESIDENT_PAGES, READS, WRITES, DEMAND_ZERO_FAULTS, HARD_FAULTS,
        ACCESS_VIOLATIONS, GUARD_PAGE_FAULTS, EVICTIONS, PAGE_TABLE_PAGES, TLB_ENTRIES, TLB_HITS, TLB_MISSES, TLB_FLUSHES,
        TLB_INVALIDATED }

    /** The fields of one reservation. */
    enum ReservationField { BASE, SIZE, PROTECT, TYPE, ALLOCATION_TYPE, COMMITTED_PAGES }

    /** The fields of one run of pages; the flags, the frame or slot and the contents are written when they apply. */
    enum PageField { ADDRESS, COUNT, PROTECT, ACCESSED, DIRTY, RESET, FRAME, SLOT, CONTENTS, LISTED, LOCKED }

    /** The fields of one stretch of a page's contents. */
    enum SegmentField { OFFSET, BASE64 }

    static final Fields<Field> FIELDS = Fields.of(Field.class);
    static final Fields<MemoryField> MEMORY = Fields.of(MemoryField.class);
    static final Fields<FrameField> FRAME = Fields.of(FrameField.class);
    static final Fields<SpaceField> SPACE = Fields.of(SpaceField.class);
    static final Fields<Counter> COUNTERS = Fields.of(Counter.class);
    static final Fields<ReservationField> RESERVATION = Fields.of(ReservationField.class);
    static final Fields<PageField> PAGE = Fields.of(PageField.class, PageField.ACCESSED, PageField.DIRTY,
            PageField.RESET, PageField.FRAME, PageField.SLOT, PageField.CONTENTS, PageField.LISTED, PageField.LOCKED);
    static final Fields<SegmentField> SEGMENT_FIELDS = Fields.of(SegmentField.class);

    private SnapshotCodec() {}

    // ---- writing ----

    static void write(Snapshot s, Out out) {
        out.startObject().header(FORMAT, VERSION).name(Field.MACHINE);
        MachineCodec.write(out, s.machine());
        Snapshot.Memory m = s.memory();
        out.name(Field.MEMORY).startObject()
                .field(MemoryField.CLOCK, m.clock())
                .field(MemoryField.REFERENCES, m.references())
                .field(MemoryField.COMMIT_CHARGE, m.commitCharge())
                .field(MemoryField.FRAMES_IN_USE, m.framesInUse())
                .field(MemoryField.FRAMES_TOUCHED, m.framesTouched())
                .field(MemoryField.PAGE_FILE_IN_USE, m.pageFileInUse())
                .field(MemoryField.DEMAND_ZERO_FAULTS, m.demandZeroFaults())
                .field(MemoryField.HARD_FAULTS, m.hardFaults())
                .field(MemoryField.EVICTIONS, m.evictions())
                .field(MemoryField.PAGE_FILE_WRITES, m.pageFileWrites())
                .name(MemoryField.FRAMES).startArray();
        for (Snapshot.Frame f : m.frames()) {
            out.inline().startObject().field(FrameField.FRAME, f.frame()).field(FrameField.SPACE, f.space())
                    .hex(FrameField.PAGE, f.page()).endObject();
        }
        out.endArray().endObject().name(Field.SPACES).startArray();
        for (Snapshot.Space space : s.spaces()) {
            writeSpace(space, out);
        }
        out.endArray().endObject();
    }

    private static void writeSpace(Snapshot.Space space, Out out) {
        Snapshot.Counters c = space.counters();
        out.startObject().name(SpaceField.COUNTERS).startObject()
                .field(Counter.COMMITTED_PAGES, c.committedPages())
                .field(Counter.RESIDENT_PAGES, c.residentPages())
                .field(Counter.PEAK_RESIDENT_PAGES, c.peakResidentPages())
                .field(Counter.READS, c.reads())
                .field(Counter.WRITES, c.writes())
                .field(Counter.DEMAND_ZERO_FAULTS, c.demandZeroFaults())
                .field(Counter.HARD_FAULTS, c.hardFaults())
                .field(Counter.ACCESS_VIOLATIONS, c.accessViolations())
                .field(Counter.GUARD_PAGE_FAULTS, c.guardPageFaults())
                .field(Counter.EVICTIONS, c.evictions())
                .field(Counter.PAGE_TABLE_PAGES, c.pageTablePages().stream().mapToLong(Long::longValue).toArray())
                .field(Counter.TLB_ENTRIES, c.tlbEntries())
                .field(Counter.TLB_HITS, c.tlbHits())
                .field(Counter.TLB_MISSES, c.tlbMisses())
                .field(Counter.TLB_FLUSHES, c.tlbFlushes())
                .field(Counter.TLB_INVALIDATED, c.tlbInvalidated())
                .endObject();
        out.name(SpaceField.RESERVATIONS).startArray();
        for (Snapshot.Reservation r : space.reservations()) {
            out.inline().startObject().hex(ReservationField.BASE, r.base()).field(ReservationField.SIZE, r.size())
                    .field(ReservationField.PROTECT, Names.protection(r.protect()))
                    .field(ReservationField.TYPE, Names.type(r.type()))
                    .field(ReservationField.ALLOCATION_TYPE, Names.type(r.allocationType()))
                    .field(ReservationField.COMMITTED_PAGES, r.committedPages()).endObject();
        }
        out.endArray().name(SpaceField.PAGES).startArray();
        for (Snapshot.PageRun p : space.pages()) {
            out.inline().startObject().hex(PageField.ADDRESS, p.address()).field(PageField.COUNT, p.count())
                    .field(PageField.PROTECT, Names.protection(p.protect()));
            if (p.accessed()) {
                out.field(PageField.ACCESSED, true);
            }
            if (p.dirty()) {
                out.field(PageField.DIRTY, true);
            }
            if (p.reset()) {
                out.field(PageField.RESET, true);
            }
            if (p.frame() >= 0) {
                out.field(PageField.FRAME, p.frame());
            }
            if (p.slot() >= 0) {
                out.field(PageField.SLOT, p.slot());
            }
            if (p.listed()) {
                out.field(PageField.LISTED, true);
            }
            if (p.locked()) {
                out.field(PageField.LOCKED, true);
            }
            byte[] contents = p.contents();
            if (contents.length > 0) {
                out.name(PageField.CONTENTS).startArray();
                writeSegments(contents, out);
                out.endArray();
            }
            out.endObject();
        }
        out.endArray().endObject();
    }

    /** Non-zero stretches of the bytes, split at zero runs of at least {@link #GAP} and at {@link #SEGMENT}. */
    private static void writeSegments(byte[] bytes, Out out) {
        int i = 0;
        while (i < bytes.length) {
            while (i < bytes.length && bytes[i] == 0) {
                i++;
            }
            if (i == bytes.length) {
                break;
            }
            int start = i;
            int end = i;
            int zeros = 0;
            while (i < bytes.length && i - start < SEGMENT && zeros < GAP) {
                if (bytes[i] == 0) {
                    zeros++;
                } else {
                    zeros = 0;
                    end = i + 1;
                }
                i++;
            }
            out.startObject().field(SegmentField.OFFSET, start)
                    .base64(SegmentField.BASE64, java.util.Arrays.copyOfRange(bytes, start, end)).endObject();
            i = end;
        }
    }

    // ---- reading ----

    static Snapshot read(In in) {
        Header header = new Header();
        Object[] parts = new Object[3];
        in.start();
        EnumSet<Field> seen = FIELDS.read(in, Paths.ROOT, header, (key, path) -> {
            switch (key) {
                case MACHINE -> parts[0] = MachineCodec.read(in.tree(path), true);
                case MEMORY -> parts[1] = readMemory(in, path);
                case SPACES -> {
                    List<RawSpace> spaces = new ArrayList<>();
                    in.array(path, 1 << 16, (i, p) -> spaces.add(readSpace(in, p)));
                    parts[2] = spaces;
                }
                default -> throw new AssertionError(key);
            }
        });
        in.finish();
        header.check(in, FORMAT, VERSION);
        FIELDS.require(in, Paths.ROOT, seen);
        Machine machine = (Machine) parts[0];
        Snapshot.Memory memory = (Snapshot.Memory) parts[1];
        @SuppressWarnings("unchecked")
        List<RawSpace> spaces = (List<RawSpace>) parts[2];
        return new Snapshot(machine, memory, SnapshotChecks.check(in, machine, memory, spaces));
    }

    private static Snapshot.Memory readMemory(In in, String path) {
        long[] v = new long[MemoryField.FRAMES.ordinal()];
        List<Snapshot.Frame> frames = new ArrayList<>();
        EnumSet<MemoryField> seen = MEMORY.read(in, path, null, (key, p) -> {
            if (key == MemoryField.FRAMES) {
                in.array(p, in.limits().maxArray(), (i, e) -> {
                    Node n = in.tree(e).only(FRAME);
                    int frame = n.field(FrameField.FRAME).integer(0, PhysicalMemory.UNLIMITED - 1);
                    if (!frames.isEmpty() && frame <= frames.get(frames.size() - 1).frame()) {
                        throw n.field(FrameField.FRAME).fail("frames must be listed lowest first, each once: " + frame
                                + " follows " + frames.get(frames.size() - 1).frame());
                    }
                    frames.add(new Snapshot.Frame(frame, n.field(FrameField.SPACE).integer(0, 1 << 16),
                            n.field(FrameField.PAGE).address()));
                });
                return;
            }
            boolean frameCount = key == MemoryField.FRAMES_IN_USE || key == MemoryField.FRAMES_TOUCHED;
            v[key.ordinal()] = in.integer(p, 0, frameCount ? PhysicalMemory.UNLIMITED : Long.MAX_VALUE);
        });
        MEMORY.require(in, path, seen);
        return new Snapshot.Memory(v[0], v[1], v[2], (int) v[3], (int) v[4], v[5], v[6], v[7], v[8], v[9], frames);
    }

    private static RawSpace readSpace(In in, String path) {
        Object[] parts = new Object[3];
        EnumSet<SpaceField> seen = SPACE.read(in, path, null, (key, p) -> {
            switch (key) {
                case COUNTERS -> parts[0] = readCounters(in.tree(p));
                case RESERVATIONS -> {
                    List<Snapshot.Reservation> list = new ArrayList<>();
                    in.array(p, in.limits().maxArray(), (i, e) -> list.add(readReservation(in.tree(e), list)));
                    parts[1] = list;
                }
                case PAGES -> {
                    List<RawPage> list = new ArrayList<>();
                    in.array(p, in.limits().maxArray(), (i, e) -> list.add(readPage(in, in.tree(e), list)));
                    parts[2] = list;
                }
            }
        });
        SPACE.require(in, path, seen);
        @SuppressWarnings("unchecked")
        RawSpace space = new RawSpace((Snapshot.Counters) parts[0], (List<Snapshot.Reservation>) parts[1],
                (List<RawPage>) parts[2]);
        return space;
    }

    /** A space as read, its pages' contents still in segments until the page size is known. */
    record RawSpace(Snapshot.Counters counters, List<Snapshot.Reservation> reservations, List<RawPage> pages) {}

    /** A page run as read: its contents are the segments at their offsets, ending at byte {@code end}. */
    record RawPage(long address, long count, int protect, boolean accessed, boolean dirty, boolean reset,
                           int frame, long slot, long[] offsets, byte[][] segments, long end, boolean listed,
                           boolean locked) {

        /** The run, its contents assembled (the page's bytes up to the last non-zero one). */
        Snapshot.PageRun build() {
            byte[] page = new byte[(int) end];
            for (int i = 0; i < offsets.length; i++) {
                System.arraycopy(segments[i], 0, page, (int) offsets[i], segments[i].length);
            }
            int last = page.length;
            while (last > 0 && page[last - 1] == 0) {
                last--;
            }
            return new Snapshot.PageRun(address, count, protect, accessed, dirty, reset, frame, slot,
                    last == page.length ? page : java.util.Arrays.copyOf(page, last), listed, locked);
        }

        /** Whether any segment holds a non-zero byte. */
        boolean hasContents() {
            for (byte[] segment : segments) {
                for (byte b : segment) {
                    if (b != 0) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static Snapshot.Counters readCounters(Node n) {
        n.only(COUNTERS);
        long[] v = new long[Counter.values().length];
        for (Counter c : COUNTERS.keys()) {
            if (c != Counter.PAGE_TABLE_PAGES) {
                v[c.ordinal()] = n.field(c).integer(0, c == Counter.TLB_ENTRIES ? 1 << 20 : Long.MAX_VALUE);
            }
        }
        List<Long> tables = new ArrayList<>();
        for (Node level : n.field(Counter.PAGE_TABLE_PAGES).elements(16)) {
            tables.add(level.integer(0, Long.MAX_VALUE));
        }
        return new Snapshot.Counters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], tables, (int) v[11],
                v[12], v[13], v[14], v[15]);
    }

    private static Snapshot.Reservation readReservation(Node n, List<Snapshot.Reservation> before) {
        n.only(RESERVATION);
        long base = n.field(ReservationField.BASE).address();
        long size = n.field(ReservationField.SIZE).integer(1, Long.MAX_VALUE);
        if (!before.isEmpty()) {
            Snapshot.Reservation last = before.get(before.size() - 1);
            if (Long.compareUnsigned(base, last.base() + last.size()) < 0) {
                throw n.field(ReservationField.BASE).fail("reservations must be listed lowest first without overlapping: "
                        + Out.hex(base) + " is below the end of the one before, " + Out.hex(last.base() + last.size()));
            }
        }
        return new Snapshot.Reservation(base, size, Names.protection(n.field(ReservationField.PROTECT)),
                Names.type(n.field(ReservationField.TYPE)), Names.type(n.field(ReservationField.ALLOCATION_TYPE)),
                n.field(ReservationField.COMMITTED_PAGES).integer(0, Long.MAX_VALUE));
    }

    private static RawPage readPage(In in, Node n, List<RawPage> before) {
        n.only(PAGE);
        long address = n.field(PageField.ADDRESS).address();
        long count = n.field(PageField.COUNT).integer(1, Long.MAX_VALUE);
        if (!before.isEmpty()) {
            RawPage last = before.get(before.size() - 1);
            if (Long.compareUnsigned(address, last.address()) <= 0) {
                throw n.field(PageField.ADDRESS).fail("pages must be listed lowest first: " + Out.hex(address)
                        + " follows " + Out.hex(last.address()));
            }
        }
        int frame = n.has(PageField.FRAME) ? n.field(PageField.FRAME).integer(0, PhysicalMemory.UNLIMITED - 1) : -1;
        long slot = n.has(PageField.SLOT) ? n.field(PageField.SLOT).integer(0, Long.MAX_VALUE >>> SnapshotCapture.FRAME_SHIFT) : -1;
        if (frame >= 0 && slot >= 0) {
            throw n.field(PageField.SLOT).fail("a page is in a frame or in the page file, not both");
        }
        boolean listed = flag(n, PageField.LISTED);
        boolean locked = flag(n, PageField.LOCKED);
        if ((listed || locked) && frame < 0) {
            throw n.field(listed ? PageField.LISTED : PageField.LOCKED).fail("a page "
                    + (listed ? "on the standby or modified list" : "that is locked") + " has a frame");
        }
        if (listed && locked) {
            throw n.field(PageField.LOCKED).fail("a locked page never leaves its working set for a list");
        }
        Node c = n.optional(PageField.CONTENTS);
        RawPage page = c == null ? null : readSegments(c, in.limits());
        if (count > 1 && (frame >= 0 || slot >= 0 || page != null && page.hasContents())) {
            throw n.field(PageField.COUNT).fail("only pages with no frame, no slot and no contents share a run; this one "
                    + "has count " + count);
        }
        return new RawPage(address, count, Names.protection(n.field(PageField.PROTECT)), flag(n, PageField.ACCESSED),
                flag(n, PageField.DIRTY), flag(n, PageField.RESET), frame, slot,
                page == null ? new long[0] : page.offsets(),
                page == null ? new byte[0][] : page.segments(), page == null ? 0 : page.end(), listed, locked);
    }

    private static boolean flag(Node n, PageField name) {
        Node f = n.optional(name);
        return f != null && f.bool();
    }

    /**
     * The segments of a page's contents, in order and apart, each decoded but not yet placed: nothing as large as
     * the page is allocated before the page size is known ({@link #check}).
     */
    private static RawPage readSegments(Node c, Limits limits) {
        List<Node> segments = c.elements(limits.maxArray());
        long[] offsets = new long[segments.size()];
        byte[][] bytes = new byte[segments.size()][];
        long covered = 0;
        for (int i = 0; i < offsets.length; i++) {
            Node s = segments.get(i);
            s.only(SEGMENT_FIELDS);
            long offset = s.field(SegmentField.OFFSET).integer(0, (1 << 30) - 1);
            if (offset < covered) {
                throw s.field(SegmentField.OFFSET).fail("segments must be in order without overlapping: offset " + offset
                        + " is below " + covered);
            }
            bytes[i] = s.field(SegmentField.BASE64).base64(SEGMENT);
            long end = offset + bytes[i].length;
            if (end > (1 << 30)) {
                throw s.fail("the segment ends at byte " + end + ", past the largest page (1 GiB)");
            }
            offsets[i] = offset;
            covered = end;
        }
        return new RawPage(0, 1, 0, false, false, false, -1, -1, offsets, bytes, covered, false, false);
    }
}
