package dev.pagelab.json;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalKind;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Journal events as JSON objects, one line each: {@code "t"} (logical time), {@code "kind"} and the fields the
 * kind uses, named for what they mean ({@code docs/json-formats.md} lists them per kind). A column a kind does not
 * use is not written and reads back as zero, so an event read back equals the one written.
 */
final class Events {
    private Events() {}

    /** The kind's name in files: {@code allocate}, {@code demand-zero}, {@code access-violation}, ... */
    static String name(JournalKind kind) {
        return switch (kind) {
            case DEMAND_ZERO_FAULT -> "demand-zero";
            case HARD_FAULT -> "hard-fault";
            case SOFT_FAULT -> "soft-fault";
            case PAGE_WRITE -> "page-write";
            case WORKING_SET -> "working-set";
            case ACCESS_VIOLATION -> "access-violation";
            case GUARD_PAGE -> "guard-page";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }

    private static JournalKind kind(Node n) {
        String text = n.string(40);
        for (JournalKind k : JournalKind.values()) {
            if (name(k).equals(text)) {
                return k;
            }
        }
        throw n.fail("unknown event kind " + Paths.quote(text, 40) + "; known: allocate, free, protect, write, read, "
                + "execute, touch, demand-zero, hard-fault, access-violation, guard-page, eviction, section, map, unmap, "
                + "close_handle, copy_on_write, soft-fault, trim, page-write, lock, unlock, working-set");
    }

    /** Writes one event on one line; {@code space} is written unless negative. */
    static void write(JournalEvent e, int space, Out out) {
        out.inline().startObject().field(Field.T, e.time());
        if (space >= 0) {
            out.field(Field.SPACE, space);
        }
        out.field(Field.KIND, name(e.kind()));
        out.hex(Field.ADDRESS, e.address());
        switch (e.kind()) {
            case ALLOCATE -> {
                out.field(Field.SIZE, e.arg()).field(Field.TYPE, Names.type(e.flags()))
                        .field(Field.PROTECT, Names.protection(e.protect())).field(Field.ERROR, e.result());
                if (e.result() == 0) {
                    out.hex(Field.BASE, e.out());
                }
            }
            case FREE -> out.field(Field.SIZE, e.arg()).field(Field.TYPE, Names.type(e.flags()))
                    .field(Field.ERROR, e.result());
            case PROTECT -> {
                out.field(Field.SIZE, e.arg()).field(Field.PROTECT, Names.protection(e.flags()))
                        .field(Field.ERROR, e.result());
                if (e.result() == 0) {
                    out.field(Field.OLD, Names.protection((int) e.out()));
                }
            }
            case WRITE, READ -> out.field(Field.WIDTH, e.flags()).field(Field.VALUE, e.arg());
            case EXECUTE -> { }
            case TOUCH -> out.field(Field.ACCESS, Names.access(e.flags()));
            case DEMAND_ZERO_FAULT, HARD_FAULT -> out.field(Field.WRITE, e.flags() != 0).field(Field.FRAME, e.result());
            case ACCESS_VIOLATION, GUARD_PAGE -> out.field(Field.ACCESS, Names.access(e.flags()))
                    .hex(Field.REQUESTED, e.arg()).field(Field.WIDTH, e.out());
            case EVICTION -> out.field(Field.FRAME, e.result()).field(Field.WRITTEN, e.flags() != 0);
            case SECTION, MAP, UNMAP, CLOSE_HANDLE -> out.field(Field.SIZE, e.arg()).field(Field.FLAGS, e.flags())
                    .field(Field.ERROR, e.result()).hex(Field.OUT, e.out()).field(Field.SECTION, e.protect());
            case COPY_ON_WRITE -> out.field(Field.SECTION, e.arg()).field(Field.FROM, e.flags())
                    .field(Field.FRAME, e.result());
            case SOFT_FAULT -> out.field(Field.WRITE, e.flags() != 0).field(Field.FRAME, e.result());
            case TRIM -> out.field(Field.FRAME, e.result()).field(Field.MODIFIED, e.flags() != 0);
            case PAGE_WRITE -> out.field(Field.FRAME, e.result());
            // VirtualLock's probe of a guard page fails with STATUS_GUARD_PAGE_VIOLATION: written unsigned.
            case LOCK, UNLOCK -> out.field(Field.SIZE, e.arg()).field(Field.ERROR, e.result() & 0xFFFF_FFFFL);
            case WORKING_SET -> out.field(Field.MINIMUM, e.arg()).field(Field.MAXIMUM, e.out())
                    .field(Field.ERROR, e.result());
        }
        out.endObject();
    }

    /** The fields of an event; {@link #fields} says which a kind has. */
    enum Field { T, SPACE, KIND, ADDRESS, SIZE, TYPE, PROTECT, ERROR, BASE, OLD, WIDTH, VALUE, ACCESS, REQUESTED, WRITE,
        FRAME, WRITTEN, FLAGS, OUT, SECTION, FROM, MODIFIED, MINIMUM, MAXIMUM }

    /** The fields an event of {@code kind} may have, besides {@code t}, {@code space} and {@code kind}. */
    private static EnumSet<Field> fields(JournalKind kind) {
        return switch (kind) {
            case ALLOCATE -> EnumSet.of(Field.ADDRESS, Field.SIZE, Field.TYPE, Field.PROTECT, Field.ERROR, Field.BASE);
            case FREE -> EnumSet.of(Field.ADDRESS, Field.SIZE, Field.TYPE, Field.ERROR);
            case PROTECT -> EnumSet.of(Field.ADDRESS, Field.SIZE, Field.PROTECT, Field.ERROR, Field.OLD);
            case WRITE, READ -> EnumSet.of(Field.ADDRESS, Field.WIDTH, Field.VALUE);
            case EXECUTE -> EnumSet.of(Field.ADDRESS);
            case TOUCH -> EnumSet.of(Field.ADDRESS, Field.ACCESS);
            case DEMAND_ZERO_FAULT, HARD_FAULT -> EnumSet.of(Field.ADDRESS, Field.WRITE, Field.FRAME);
            case ACCESS_VIOLATION, GUARD_PAGE -> EnumSet.of(Field.ADDRESS, Field.ACCESS, Field.REQUESTED, Field.WIDTH);
            case EVICTION -> EnumSet.of(Field.ADDRESS, Field.FRAME, Field.WRITTEN);
            case SECTION, MAP, UNMAP, CLOSE_HANDLE -> EnumSet.of(Field.ADDRESS, Field.SIZE, Field.FLAGS, Field.ERROR,
                    Field.OUT, Field.SECTION);
            case COPY_ON_WRITE -> EnumSet.of(Field.ADDRESS, Field.SECTION, Field.FROM, Field.FRAME);
            case SOFT_FAULT -> EnumSet.of(Field.ADDRESS, Field.WRITE, Field.FRAME);
            case TRIM -> EnumSet.of(Field.ADDRESS, Field.FRAME, Field.MODIFIED);
            case PAGE_WRITE -> EnumSet.of(Field.ADDRESS, Field.FRAME);
            case LOCK, UNLOCK -> EnumSet.of(Field.ADDRESS, Field.SIZE, Field.ERROR);
            case WORKING_SET -> EnumSet.of(Field.ADDRESS, Field.MINIMUM, Field.MAXIMUM, Field.ERROR);
        };
    }

    /** The names each kind's events may have, for {@link Node#only(Set)}. */
    private static final Map<JournalKind, Set<String>> ALLOWED = Fields.byKind(JournalKind.class,
            EnumSet.of(Field.T, Field.SPACE, Field.KIND), Events::fields);

    /**
     * Reads one event. {@code index} becomes its index in its space's journal; {@code spaces} is how many spaces
     * the document has (a {@code "space"} field must be below it; 0 when events carry no space).
     */
    static JournalEvent read(Node n, int index, long minTime) {
        JournalKind kind = kind(n.field(Field.KIND));
        long t = n.field(Field.T).integer(0, Long.MAX_VALUE);
        if (t < minTime) {
            throw n.field(Field.T).fail("time " + t + " is before the previous event's " + minTime
                    + ": events are listed in time order");
        }
        n.only(ALLOWED.get(kind));
        long address = n.field(Field.ADDRESS).address();
        long arg = 0;
        int flags = 0;
        int result = 0;
        long out = 0;
        int protect = 0;
        switch (kind) {
            case ALLOCATE -> {
                arg = n.field(Field.SIZE).bits64("a size");
                flags = Names.type(n.field(Field.TYPE));
                protect = Names.protection(n.field(Field.PROTECT));
                result = error(n);
                out = result == 0 ? n.field(Field.BASE).address()
                        : absent(n, Field.BASE, "a failed VirtualAlloc returns no base");
            }
            case FREE -> {
                arg = n.field(Field.SIZE).bits64("a size");
                flags = Names.type(n.field(Field.TYPE));
                result = error(n);
            }
            case PROTECT -> {
                arg = n.field(Field.SIZE).bits64("a size");
                flags = Names.protection(n.field(Field.PROTECT));
                result = error(n);
                out = result == 0 ? Names.protection(n.field(Field.OLD))
                        : absent(n, Field.OLD, "a failed VirtualProtect returns no old protection");
            }
            case WRITE, READ -> {
                flags = width(n.field(Field.WIDTH), false);
                arg = n.field(Field.VALUE).bits64("a value");
            }
            case EXECUTE -> flags = 1;
            case TOUCH -> {
                flags = Names.access(n.field(Field.ACCESS));
            }
            case DEMAND_ZERO_FAULT, HARD_FAULT -> {
                flags = n.field(Field.WRITE).bool() ? 1 : 0;
                result = n.field(Field.FRAME).integer(0, Integer.MAX_VALUE);
            }
            case ACCESS_VIOLATION, GUARD_PAGE -> {
                flags = Names.access(n.field(Field.ACCESS));
                arg = n.field(Field.REQUESTED).address();
                out = width(n.field(Field.WIDTH), true);
                result = kind == JournalKind.ACCESS_VIOLATION ? STATUS_ACCESS_VIOLATION : STATUS_GUARD_PAGE_VIOLATION;
            }
            case EVICTION -> {
                result = n.field(Field.FRAME).integer(0, Integer.MAX_VALUE);
                flags = n.field(Field.WRITTEN).bool() ? 1 : 0;
            }
            case SECTION, MAP, UNMAP, CLOSE_HANDLE -> {
                arg = n.field(Field.SIZE).bits64("a size");
                flags = (int) n.field(Field.FLAGS).integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
                result = error(n);
                out = n.field(Field.OUT).address();
                protect = (int) n.field(Field.SECTION).integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            case COPY_ON_WRITE -> {
                arg = n.field(Field.SECTION).integer(0, Integer.MAX_VALUE);
                flags = (int) n.field(Field.FROM).integer(-1, Integer.MAX_VALUE);
                result = n.field(Field.FRAME).integer(0, Integer.MAX_VALUE);
            }
            case SOFT_FAULT -> {
                flags = n.field(Field.WRITE).bool() ? 1 : 0;
                result = n.field(Field.FRAME).integer(0, Integer.MAX_VALUE);
            }
            case TRIM -> {
                result = n.field(Field.FRAME).integer(0, Integer.MAX_VALUE);
                flags = n.field(Field.MODIFIED).bool() ? 1 : 0;
            }
            case PAGE_WRITE -> {
                result = n.field(Field.FRAME).integer(0, Integer.MAX_VALUE);
                flags = 1;
            }
            case LOCK, UNLOCK -> {
                arg = n.field(Field.SIZE).bits64("a size");
                result = (int) n.field(Field.ERROR).integer(0L, 0xFFFF_FFFFL);
            }
            case WORKING_SET -> {
                arg = n.field(Field.MINIMUM).bits64("a size");
                out = n.field(Field.MAXIMUM).bits64("a size");
                result = error(n);
            }
        }
        return new JournalEvent(index, t, kind, address, arg, flags, result, out, protect);
    }

    private static int error(Node n) {
        return n.field(Field.ERROR).integer(0, 0xFFFF);
    }

    private static int width(Node n, boolean zeroAllowed) {
        int w = n.integer(0, 8);
        if (w != 1 && w != 2 && w != 4 && w != 8 && !(zeroAllowed && w == 0)) {
            throw n.fail("width " + w + " must be 1, 2, 4 or 8 bytes" + (zeroAllowed ? " (0 for a touch)" : ""));
        }
        return w;
    }

    private static long absent(Node n, Field field, String why) {
        if (n.has(field)) {
            throw n.field(field).fail(why);
        }
        return 0;
    }
}
