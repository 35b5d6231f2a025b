package dev.pagelab;

import dev.pagelab.engine.Hex;

/**
 * A section of a computer (Windows: a file mapping backed by the page file): memory that the spaces of that computer
 * map and share. A write through one view is read through every other, in this space or another; a view mapped
 * {@code WRITECOPY} gets a private copy of a page on its first write. Its pages are charged to the commit limit when
 * it is made; it lives until {@link #close()} and the unmapping of its last view.
 *
 * <p>{@code var c = machine().boot(); var shm = c.section(kb(64)); var a = c.space().map(shm, READWRITE);
 * var b = c.space().map(shm, READONLY); a.write(0, 42); b.read(0)}
 */
public final class Section {
    private final Computer computer;
    private final dev.pagelab.engine.Section section;

    Section(Computer computer, dev.pagelab.engine.Section section) {
        this.computer = computer;
        this.section = section;
    }

    /** The computer whose spaces may map it. */
    public Computer computer() {
        return computer;
    }

    /** Its size, whole pages. */
    public Size size() {
        return Size.bytes(section.size());
    }

    /** Its name on the computer, or null. */
    public String name() {
        return section.name();
    }

    /** How many views map it now, over every space. */
    public int views() {
        synchronized (computer.memory()) {
            return section.viewCount();
        }
    }

    /** Pages of it in frames now. */
    public long residentPages() {
        synchronized (computer.memory()) {
            return section.residentPages();
        }
    }

    /** Whether it is gone: closed, and no view maps it. */
    public boolean closed() {
        synchronized (computer.memory()) {
            return section.dead() || section.handleCount() == 0;
        }
    }

    /**
     * Lets go of the section (CloseHandle): views mapped already keep it, and it dies with the last of them, giving its
     * frames, page-file slots and commit charge back. A second close is refused.
     */
    public void close() {
        synchronized (computer.memory()) {
            computer.memory().closeSection(section);
        }
    }

    /** The engine's section, for the DSL's own classes. */
    dev.pagelab.engine.Section engine() {
        return section;
    }

    @Override
    public String toString() {
        synchronized (computer.memory()) {
            int views = section.viewCount();
            return section.label() + " " + Hex.size(section.size()) + ", " + views + (views == 1 ? " view" : " views")
                    + ", " + section.residentPages() + " pages resident" + (section.dead() ? " (gone)"
                    : section.handleCount() == 0 ? " (closed; its views keep it)" : "");
        }
    }
}
