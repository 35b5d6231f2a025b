package dev.pagelab.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * One process's handle table: values 4, 8, 12, ... (the lowest free one first, as Windows reuses them), each naming a
 * section with the access it was opened for.
 */
final class Handles {
    /** An open handle: the section and the FILE_MAP_* access rights it grants. */
    record Handle(Section section, int access) {}

    private final TreeMap<Long, Handle> open = new TreeMap<>();

    long add(Section section, int access) {
        long value = 4;
        for (long used : open.keySet()) {
            if (used != value) {
                break;
            }
            value += 4;
        }
        open.put(value, new Handle(section, access));
        return value;
    }

    /** Puts a handle back at {@code value} (a journal replayed); false when that value is taken. */
    boolean put(long value, Section section, int access) {
        return open.putIfAbsent(value, new Handle(section, access)) == null;
    }

    Handle get(long value) {
        return open.get(value);
    }

    Handle remove(long value) {
        return open.remove(value);
    }

    Map<Long, Handle> all() {
        return open;
    }
}
