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

    /**
     * A page-file section made outside any process, held by one reference of its own until {@link #close}; a
     * {@code name} that exists gives that section, referenced once more. Returns the section, or null with the reason
     * in {@code refusal[0]} and nothing changed (see {@link PhysicalMemory#newSection}).
     */
    Section newSection(PhysicalMemory memory, long bytes, int protect, String name, String[] refusal) {
        name = SectionCalls.sessionName(name);
        Section existing = name == null ? null : named(name);
        if (existing != null) {
            existing.opened();
            return existing;
        }
        int pageSize = memory.pageSize();
        long pages = (bytes + pageSize - 1) / pageSize;
        String why = null;
        if (bytes <= 0) {
            why = "a section needs at least one byte, not " + bytes;
        } else if (memory.framesPerSpace() > 0) {
            why = "sections share frames between spaces, which a machine with " + memory.framesPerSpace() + " frames per space does not do";
        } else if (pages > Integer.MAX_VALUE - 16 || !memory.budget().room(pages * 8)) {
            why = "a section of " + Hex.size(pages * pageSize) + " needs prototype entries the host's heap cannot hold";
        } else if (!memory.charge(pages)) {
            why = "a section of " + Hex.size(pages * pageSize) + " would bring the commit charge to "
                    + Hex.size((memory.commitCharge() + pages) * pageSize) + ", past the commit limit " + Hex.size(memory.commitLimit() * pageSize);
        }
        if (why != null) {
            refusal[0] = why;
            return null;
        }
        memory.budget().take(pages * 8);
        Section s = create(0, name, protect, (int) pages, memory);
        s.opened();
        return s;
    }

    /** Drops the reference {@link #newSection} gave; the section dies when no view maps it either. */
    void close(PhysicalMemory memory, Section s) {
        if (s.dead() || s.handleCount() == 0) {
            throw new IllegalStateException(s.label() + " is closed already");
        }
        s.closed();
        if (s.handleCount() == 0) {
            unname(s);
        }
        if (s.unreferenced()) {
            s.destroy();
            memory.uncharge(s.pages());
            remove(s);
        }
    }
}
