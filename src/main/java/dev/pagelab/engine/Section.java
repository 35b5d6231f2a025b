package dev.pagelab.engine;

import static dev.pagelab.engine.PageTable.*;

import java.util.ArrayList;
import java.util.List;

/**
 * A page-file-backed section (Windows: a file mapping object backed by the paging file), shared by the spaces of
 * one machine: its pages' contents live once, in frames or page-file slots named by its prototype entries, and every
 * mapped view refers to them. It lives while a handle or a view refers to it; its commit charge was taken when it
 * was created and is given back when it dies. Read-only to everyone but the engine.
 *
 * <p>Prototype entry layout (one {@code long} per section page, the bits of {@link PageTable}): 0 for a page never
 * touched (demand-zero), {@code PRESENT | frame << FRAME_SHIFT} (with {@code DIRTY} when it has no up-to-date copy in
 * the page file), {@code TRANSITION | frame << FRAME_SHIFT} (Windows working sets: trimmed to the standby list, or the
 * modified list with {@code DIRTY}; no view maps it; docs/windows-rules.md W5) or {@code IN_FILE | slot << FRAME_SHIFT}.
 */
public final class Section {
    private final int id;
    private final String name;
    private final int protect;
    private final PhysicalMemory memory;
    private final long[] proto;
    private int handles;
    private final List<Allocation> views = new ArrayList<>();
    private final List<VirtualMemory> viewSpaces = new ArrayList<>();
    private boolean dead;

    Section(int id, String name, int protect, int pages, PhysicalMemory memory) {
        this.id = id;
        this.name = name;
        this.protect = protect;
        this.memory = memory;
        this.proto = new long[pages];
    }

    /** A number that tells the sections of one machine apart: 1, 2, 3, ... in order of creation. */
    public int id() { return id; }
    /** The section's name, or null for an unnamed one (or one whose name went with its last handle). */
    public String name() { return name; }
    /** The page protection it was created with (PAGE_READWRITE, ...), which bounds its views' access. */
    public int protect() { return protect; }
    /** Its size in pages. */
    public long pages() { return proto.length; }
    /** Its size in bytes (whole pages). */
    public long size() { return (long) proto.length * memory.pageSize(); }
    /** Bytes per page. */
    public int pageSize() { return memory.pageSize(); }
    /** Open handles to it, over every space. */
    public int handleCount() { return handles; }
    /** Mapped views of it, over every space. */
    public int viewCount() { return views.size(); }
    /** Whether it died (no handle and no view referred to it any more): its pages and commit charge are gone. */
    public boolean dead() { return dead; }

    /** Pages of it in frames now. */
    public long residentPages() {
        long n = 0;
        for (long p : proto) {
            if ((p & PRESENT) != 0) {
                n++;
            }
        }
        return n;
    }

    /** The frame holding page {@code page}, or -1 when it is not resident. */
    public int frameOf(long page) {
        long p = proto[(int) page];
        return (p & PRESENT) != 0 ? (int) (p >>> FRAME_SHIFT) : -1;
    }

    /** How many views map page {@code page} in its frame now (present in their page tables). */
    public int mappingsOf(long page) {
        int frame = frameOf(page);
        if (frame < 0) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < views.size(); i++) {
            long vpn = vpnIn(views.get(i), page, viewSpaces.get(i));
            if (vpn >= 0) {
                long pte = viewSpaces.get(i).mmu().entryOf(vpn);
                if ((pte & (MAPPED | PRESENT)) == (MAPPED | PRESENT) && (int) (pte >>> FRAME_SHIFT) == frame) {
                    n++;
                }
            }
        }
        return n;
    }

    /** {@code section 2 "shared" 64 KiB PAGE_READWRITE}: id, name, size and protection. */
    public String label() {
        return "section " + id + (name == null ? "" : " \"" + name + "\"");
    }

    @Override
    public String toString() {
        return label() + " " + Hex.size(size()) + " " + Flags.protectionName(protect) + ", " + handles
                + (handles == 1 ? " handle, " : " handles, ") + views.size() + (views.size() == 1 ? " view" : " views");
    }

    // ---- for the engine ----

    PhysicalMemory memoryOf() {
        return memory;
    }

    long proto(long page) {
        return proto[(int) page];
    }

    void proto(long page, long entry) {
        proto[(int) page] = entry;
    }

    /** The key page-aware policies know this section's page by: apart from every space's keys. */
    long pageKey(long page) {
        return (1L << 62) | ((long) id << 36) ^ page;
    }

    void opened() {
        handles++;
    }

    void closed() {
        handles--;
    }

    void mapped(VirtualMemory space, Allocation view) {
        views.add(view);
        viewSpaces.add(space);
    }

    void unmapped(Allocation view) {
        int i = views.indexOf(view);
        views.remove(i);
        viewSpaces.remove(i);
    }

    /** Whether nothing refers to it any more. */
    boolean unreferenced() {
        return handles == 0 && views.isEmpty();
    }

    /** Frees its frames and slots; the caller gives back its commit charge. */
    void destroy() {
        for (int page = 0; page < proto.length; page++) {
            long p = proto[page];
            if ((p & (PRESENT | TRANSITION)) != 0) {
                memory.release((int) (p >>> FRAME_SHIFT));
            } else if ((p & IN_FILE) != 0) {
                memory.releaseSlot((int) (p >>> FRAME_SHIFT));
            }
            proto[page] = 0;
        }
        dead = true;
    }

    /** The page-table page of {@code view} that maps section page {@code page}, or -1 when the view does not. */
    static long vpnIn(Allocation view, long page, VirtualMemory space) {
        long pages = view.size() >>> space.layout().pageShift();
        long at = page - view.sectionPage;
        return at < 0 || at >= pages ? -1 : (view.base() >>> space.layout().pageShift()) + at;
    }

    /** The prototype entry of {@code page} with the dirty bits of every view mapping it folded in, for eviction. */
    long entryForEviction(long page) {
        long entry = proto[(int) page];
        for (int i = 0; i < views.size(); i++) {
            long vpn = vpnIn(views.get(i), page, viewSpaces.get(i));
            if (vpn >= 0) {
                long pte = viewSpaces.get(i).mmu().entryOf(vpn);
                if ((pte & (MAPPED | PRESENT)) == (MAPPED | PRESENT)) {
                    entry |= pte & DIRTY;
                }
            }
        }
        return entry;
    }

    /** Page {@code page} left frame {@code frame}: every view mapping it loses it; its copy is slot {@code slot}. */
    void evicted(long page, int frame, int slot, boolean written) {
        proto[(int) page] = slot >= 0 ? IN_FILE | ((long) slot << FRAME_SHIFT) : 0;
        for (int i = 0; i < views.size(); i++) {
            VirtualMemory space = viewSpaces.get(i);
            long vpn = vpnIn(views.get(i), page, space);
            if (vpn >= 0) {
                space.mmu().sharedEvicted(vpn, frame, written);
            }
        }
    }

    // ---- Windows working sets (docs/windows-rules.md W5) ----

    /** Whether a view maps page {@code page} in frame {@code frame} with the page locked (W5-6). */
    boolean lockedIn(long page, int frame) {
        for (int i = 0; i < views.size(); i++) {
            long vpn = vpnIn(views.get(i), page, viewSpaces.get(i));
            if (vpn >= 0) {
                long pte = viewSpaces.get(i).mmu().entryOf(vpn);
                if ((pte & (MAPPED | PRESENT | LOCKED)) == (MAPPED | PRESENT | LOCKED)
                        && (int) (pte >>> FRAME_SHIFT) == frame) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * W5-2: page {@code page}, in frame {@code frame}, left its working set: every view mapping it loses it, its
     * prototype entry goes to transition (keeping the frame, dirty when a view wrote it). Returns whether it is dirty:
     * the modified list.
     */
    boolean trimmed(long page, int frame) {
        long entry = entryForEviction(page);
        boolean dirty = (entry & DIRTY) != 0;
        proto[(int) page] = TRANSITION | (dirty ? DIRTY : 0) | ((long) frame << FRAME_SHIFT);
        for (int i = 0; i < views.size(); i++) {
            VirtualMemory space = viewSpaces.get(i);
            long vpn = vpnIn(views.get(i), page, space);
            if (vpn >= 0) {
                space.mmu().sharedTrimmed(vpn, frame, dirty);
            }
        }
        return dirty;
    }

    /** W5-4: the modified-page writer wrote page {@code page} (frame {@code frame}) to the page file: it is clean. */
    void writtenOut(long page, int frame) {
        proto[(int) page] &= ~DIRTY;
        for (int i = 0; i < views.size(); i++) {
            VirtualMemory space = viewSpaces.get(i);
            long vpn = vpnIn(views.get(i), page, space);
            if (vpn >= 0) {
                // The first view's journal records it, as a view page of that space.
                space.mmu().sharedWrittenOut(vpn, frame);
                return;
            }
        }
    }

    /** The spaces of its views, in the order they were mapped (a space appears once per view). */
    List<VirtualMemory> viewSpaces() {
        return viewSpaces;
    }

    /** Its views, in the order they were mapped. */
    List<Allocation> views() {
        return views;
    }
}
