package dev.pagelab.json;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalKind;

import java.util.Locale;
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
                + "execute, touch, demand-zero, hard-fault, access-violation, guard-page, eviction");
    }

    /** Writes one event on one line; {@code space} is written unless negative. */
    static void write(JournalEvent e, int space, Out out) {
        out.inline().startObject().field("t", e.time());
        if (space >= 0) {
            out.field("space", space);
        }
        out.field("kind", name(e.kind()));
        switch (e.kind()) {
            case ALLOCATE -> {
                out.hex("address", e.address()).field("size", e.arg()).field("type", Names.type(e.flags()))
                        .field("protect", Names.protection(e.protect())).field("error", e.result());
                if (e.result() == 0) {
                    out.hex("base", e.out());
                }
            }
            case FREE -> out.hex("address", e.address()).field("size", e.arg()).field("type", Names.type(e.flags()))
                    .field("error", e.result());
            case PROTECT -> {
                out.hex("address", e.address()).field("size", e.arg()).field("protect", Names.protection(e.flags()))
                        .field("error", e.result());
                if (e.result() == 0) {
                    out.field("old", Names.protection((int) e.out()));
                }
            }
            case WRITE, READ -> out.hex("address", e.address()).field("width", e.flags()).field("value", e.arg());
            case EXECUTE -> out.hex("address", e.address());
            case TOUCH -> out.hex("address", e.address()).field("access", Names.access(e.flags()));
            case DEMAND_ZERO_FAULT, HARD_FAULT -> out.hex("address", e.address()).field("write", e.flags() != 0)
                    .field("frame", e.result());
            case ACCESS_VIOLATION, GUARD_PAGE -> out.hex("address", e.address()).field("access", Names.access(e.flags()))
                    .hex("requested", e.arg()).field("width", e.out());
            case EVICTION -> out.hex("address", e.address()).field("frame", e.result()).field("written", e.flags() != 0);
        }
        out.endObject();
    }

    private static final Set<String> COMMON = Set.of("t", "space", "kind");

    /**
     * Reads one event. {@code index} becomes its index in its space's journal; {@code spaces} is how many spaces
     * the document has (a {@code "space"} field must be below it; 0 when events carry no space).
     */
    static JournalEvent read(Node n, int index, long minTime) {
        JournalKind kind = kind(n.field("kind"));
        long t = n.field("t").integer(0, Long.MAX_VALUE);
        if (t < minTime) {
            throw n.field("t").fail("time " + t + " is before the previous event's " + minTime
                    + ": events are listed in time order");
        }
        long address = 0;
        long arg = 0;
        int flags = 0;
        int result = 0;
        long out = 0;
        int protect = 0;
        switch (kind) {
            case ALLOCATE -> {
                only(n, "address", "size", "type", "protect", "error", "base");
                address = n.field("address").address();
                arg = n.field("size").bits64("a size");
                flags = Names.type(n.field("type"));
                protect = Names.protection(n.field("protect"));
                result = error(n);
                out = result == 0 ? n.field("base").address() : absent(n, "base", "a failed VirtualAlloc returns no base");
            }
            case FREE -> {
                only(n, "address", "size", "type", "error");
                address = n.field("address").address();
                arg = n.field("size").bits64("a size");
                flags = Names.type(n.field("type"));
                result = error(n);
            }
            case PROTECT -> {
                only(n, "address", "size", "protect", "error", "old");
                address = n.field("address").address();
                arg = n.field("size").bits64("a size");
                flags = Names.protection(n.field("protect"));
                result = error(n);
                out = result == 0 ? Names.protection(n.field("old"))
                        : absent(n, "old", "a failed VirtualProtect returns no old protection");
            }
            case WRITE, READ -> {
                only(n, "address", "width", "value");
                address = n.field("address").address();
                flags = width(n.field("width"), false);
                arg = n.field("value").bits64("a value");
            }
            case EXECUTE -> {
                only(n, "address");
                address = n.field("address").address();
                flags = 1;
            }
            case TOUCH -> {
                only(n, "address", "access");
                address = n.field("address").address();
                flags = Names.access(n.field("access"));
            }
            case DEMAND_ZERO_FAULT, HARD_FAULT -> {
                only(n, "address", "write", "frame");
                address = n.field("address").address();
                flags = n.field("write").bool() ? 1 : 0;
                result = n.field("frame").integer(0, Integer.MAX_VALUE);
            }
            case ACCESS_VIOLATION, GUARD_PAGE -> {
                only(n, "address", "access", "requested", "width");
                address = n.field("address").address();
                flags = Names.access(n.field("access"));
                arg = n.field("requested").address();
                out = width(n.field("width"), true);
                result = kind == JournalKind.ACCESS_VIOLATION ? STATUS_ACCESS_VIOLATION : STATUS_GUARD_PAGE_VIOLATION;
            }
            case EVICTION -> {
                only(n, "address", "frame", "written");
                address = n.field("address").address();
                result = n.field("frame").integer(0, Integer.MAX_VALUE);
                flags = n.field("written").bool() ? 1 : 0;
            }
        }
        return new JournalEvent(index, t, kind, address, arg, flags, result, out, protect);
    }

    private static final java.util.Map<String, Set<String>> ALLOWED = new java.util.concurrent.ConcurrentHashMap<>();

    private static void only(Node n, String... names) {
        n.only(ALLOWED.computeIfAbsent(String.join(",", names), key -> {
            java.util.HashSet<String> allowed = new java.util.HashSet<>(COMMON);
            allowed.addAll(java.util.List.of(names));
            return Set.copyOf(allowed);
        }));
    }

    private static int error(Node n) {
        return n.field("error").integer(0, 0xFFFF);
    }

    private static int width(Node n, boolean zeroAllowed) {
        int w = n.integer(0, 8);
        if (w != 1 && w != 2 && w != 4 && w != 8 && !(zeroAllowed && w == 0)) {
            throw n.fail("width " + w + " must be 1, 2, 4 or 8 bytes" + (zeroAllowed ? " (0 for a touch)" : ""));
        }
        return w;
    }

    private static long absent(Node n, String field, String why) {
        if (n.has(field)) {
            throw n.field(field).fail(why);
        }
        return 0;
    }
}
