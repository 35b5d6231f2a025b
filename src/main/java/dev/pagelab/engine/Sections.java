package dev.pagelab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The sections of one machine: the live ones by id, and the names that open them (a name goes with a section's last
 * handle, even while views keep the section alive).
 */
final class Sections {
    private final TreeMap<Integer, Section> live = new TreeMap<>();
    private final TreeMap<String, Section> named = new TreeMap<>();
    private int lastId;

    Section named(String name) {
        return named.get(name);
    }

    Section byId(int id) {
        return live.get(id);
    }

    /** A new section; {@code id} 0 takes the next number, another one is given again (a journal replayed). */
    Section create(int id, String name, int protect, int pages, PhysicalMemory memory) {
        int n = id == 0 ? lastId + 1 : id;
        lastId = Math.max(lastId, n);
        Section s = new Section(n, name, protect, pages, memory);
        live.put(n, s);
        if (name != null) {
            named.put(name, s);
        }
        return s;
    }

    /** Its last handle was closed: its name no longer opens it. */
    void unname(Section s) {
        if (s.name() != null && named.get(s.name()) == s) {
            named.remove(s.name());
        }
    }

    void remove(Section s) {
        unname(s);
        live.remove(s.id());
    }

    /** Whether no section lives. */
    boolean isEmpty() {
        return live.isEmpty();
    }

    /** The live sections, oldest first. */
    List<Section> list() {
        return new ArrayList<>(live.values());
    }
}
