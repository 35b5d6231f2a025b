package dev.pagelab.engine;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The physical side of a machine, shared by its address spaces: a finite set of page frames, a page file,
 * the commit charge against the commit limit, the pools of frames with their replacement policies and the
 * logical clock.
 *
 * <p>Frames are columns indexed by frame number: {@code owner[f]} and {@code vpn[f]} say which page lives
 * there, {@code slot[f]} the {@code PageFile} slot holding a copy of it (or -1), {@code data[f]} its bytes, null
 * while the frame is all zeros, so memory grows with pages written, not pages touched. Evicting hands the frame's
 * byte array to its slot instead of copying it, and a clean page read back shares it with its slot until it is
 * written again (and so dirty, rewritten on eviction). Frame arrays grow on first use up to the frame count.
 * Which frame a fault takes is its space's {@code FramePool}'s choice: one pool of every frame (global
 * replacement), or one pool per space (fixed allocation, local replacement). Page contents, page tables and
 * frame arrays are taken from a {@link HeapBudget}, asked before an operation changes anything.
 */
public final class PhysicalMemory {
    /** A frame count meaning "as many as pages touched". */
    public static final int UNLIMITED = Integer.MAX_VALUE - 16;

    private final int pageSize;
    private final int frameLimit;
    private final long commitLimit;
    private final PageFile pageFile;

    // Global replacement: one pool of every frame (shared), which every space takes from. Fixed allocation with
    // local replacement: space i has a pool of spaceFrames frames of its own, [i * spaceFrames, (i + 1) *
    // spaceFrames), with a fresh policy from policies. pools[i] is space i's pool either way.
    private final int spaceFrames;
    private final Supplier<ReplacementPolicy> policies;
    private final FramePool shared;
    private FramePool[] pools = new FramePool[0];
    private final String policyName;
    // Windows working sets (null when off: textbook replacement) and every space's limits and locks, by number.
    private WorkingSets workingSets;
    private WorkingSet[] sets = new WorkingSet[0];
    private long lockedPages;

    private long clock;
    private long references;
    private long now;
    private long commitCharge;

    private int highWater;
    private int used;
    // A frame's owner is the space whose page it holds, or the Section whose page it holds (shared by its views).
    private Object[] owner = new Object[64];
    private long[] vpn = new long[64];
    private int[] slot = new int[64];
    private byte[][] data = new byte[64][];

    private HeapBudget budget = HeapBudget.jvm();

    private final Sections sections = new Sections();

    private long demandZeroFaults;
    private long hardFaults;
    private long evictions;

    /**
     * @param pageSize      bytes per page and frame
     * @param frames        how many frames, or {@link #UNLIMITED}
     * @param pageFilePages how many pages the page file holds
     * @param commitLimit   the commit limit in pages (Windows: RAM plus page files)
     * @param policy        a fresh replacement policy for this memory alone (may be null with unlimited frames)
     */
    PhysicalMemory(int pageSize, int frames, long pageFilePages, long commitLimit, ReplacementPolicy policy) {
        this(pageSize, frames, pageFilePages, commitLimit, policy, 0, null);
    }

    /**
     * A memory whose spaces each get {@code spaceFrames} frames of their own and replace only among them (fixed
     * allocation, local replacement), each with a fresh policy from {@code policies}; it has room for
     * {@code frames / spaceFrames} spaces.
     */
    PhysicalMemory(int pageSize, int frames, long pageFilePages, long commitLimit, int spaceFrames,
                   Supplier<ReplacementPolicy> policies) {
        this(pageSize, frames, pageFilePages, commitLimit, null, MachineChecks.spaceFrames(frames, spaceFrames),
                java.util.Objects.requireNonNull(policies, "policies"));
    }

    /**
     * A memory with Windows working sets (docs/windows-rules.md W4): one pool of every frame, each space's working set
     * replacing among its own pages with a fresh policy from {@code policies}, trimmed pages kept on the standby and
     * modified lists.
     */
    PhysicalMemory(int pageSize, int frames, long pageFilePages, long commitLimit, Supplier<ReplacementPolicy> policies,
                   boolean windowsWorkingSets) {
        this(pageSize, frames, pageFilePages, commitLimit, MachineChecks.workingSets(frames, policies), 0, null);
    }

    private PhysicalMemory(int pageSize, int frames, long pageFilePages, long commitLimit, ReplacementPolicy policy,
                           int spaceFrames, Supplier<ReplacementPolicy> policies) {
        MachineChecks.shape(frames, pageFilePages, commitLimit, policy != null || policies != null);
        this.pageSize = pageSize;
        this.frameLimit = frames;
        this.pageFile = new PageFile(pageFilePages);
        this.commitLimit = commitLimit;
        this.spaceFrames = spaceFrames;
        this.policies = policies;
        if (policy instanceof WorkingSets ws) {
            workingSets = ws.on(this);
            shared = new FramePool(0, frames, ws);
            policyName = ws.name() + ", Windows working sets";
        } else if (policies == null) {
            // Unlimited frames never replace: the policy, if any, is not used.
            shared = new FramePool(0, frames, frames == UNLIMITED ? null : policy);
            policyName = shared.policyName();
        } else {
            shared = null;
            policyName = policies.get().name() + ", " + spaceFrames + " frames per space";
        }
        Arrays.fill(slot, -1);
    }

    // ---- clock and commit charge ----

    long tick() {
        return ++clock;
    }

    /** The logical clock: one tick per operation and per access, over every space of the machine. */
    public long clock() {
        return clock;
    }

    /**
     * Starts one memory reference: the policy's time {@code now} becomes the index of this reference among all
     * references to this memory, which is what OPT needs to line its future up with a trace.
     */
    void startReference() {
        now = references++;
    }

    /** How many memory references (accesses) this memory has seen. */
    public long references() {
        return references;
    }

    /** Registers a new space: its number, which is also the index of its pool of frames ({@link #pool}). */
    int register() {
        int space = pools.length;
        FramePool pool = shared;
        if (pool == null) {
            int room = frameLimit / spaceFrames;
            if (space >= room) {
                throw new IllegalStateException("this machine gives each space " + spaceFrames + " of its "
                        + frameLimit + " frames: it has room for " + room + (room == 1 ? " space" : " spaces")
                        + ", and they are taken");
            }
            pool = new FramePool(space * spaceFrames, spaceFrames, policies.get());
        }
        pools = Arrays.copyOf(pools, space + 1);
        pools[space] = pool;
        return space;
    }

    /** Gives the space numbered {@code number}, just registered, its working set. */
    void registerWorkingSet(VirtualMemory space, int number) {
        WorkingSet set = new WorkingSet(space, number, frameLimit);
        sets = Arrays.copyOf(sets, number + 1);
        sets[number] = set;
        if (workingSets != null) {
            workingSets.register(set);
        }
    }

    /** The frames space number {@code space} takes from: the one pool shared by all, or its own. */
    FramePool pool(int space) {
        return pools[space];
    }

    /** How many spaces this memory has registered. */
    int spaces() {
        return pools.length;
    }

    /** Frames each space has to itself, or 0 when the spaces share every frame (global replacement). */
    public int framesPerSpace() {
        return spaceFrames;
    }

    boolean charge(long pages) {
        if (pages > commitLimit - commitCharge) {
            return false;
        }
        commitCharge += pages;
        return true;
    }

    void uncharge(long pages) {
        commitCharge -= pages;
    }

    /** Committed pages over every space of the machine. */
    public long commitCharge() {
        return commitCharge;
    }

    /** The commit limit in pages. */
    public long commitLimit() {
        return commitLimit;
    }

    // ---- frames ----

    /**
     * Takes a frame of {@code space}'s pool for its page {@code page}, evicting a victim chosen by the pool's
     * policy when the pool is full. The frame's contents are zero, or those of page-file slot {@code fromSlot}
     * for a page coming back from it (-1 for none).
     */
    int take(VirtualMemory space, long page, int fromSlot, boolean write) {
        return take(space, space, page, space.pageKey(page), fromSlot, write);
    }

    /** {@link #take} for page {@code page} of {@code section}, faulted in through a view of {@code space}. */
    int takeForSection(VirtualMemory space, Section section, long page, int fromSlot, boolean write) {
        return take(space, section, page, section.pageKey(page), fromSlot, write);
    }

    private int take(VirtualMemory space, Object holder, long page, long key, int fromSlot, boolean write) {
        FramePool pool = space.framePool();
        requireFrameColumns(space);
        if (workingSets != null) {
            // W5-1: the frame, a section's page among them, joins the working set of the space that faulted.
            workingSets.faulter(space.number());
        }
        int f = pool.take(key, now);
        if (lockedPages > 0) {
            f = pool.unlockedVictim(this, key, f, now);
        }
        if (f >= owner.length) {
            growFrames(f + 1);
        }
        if (f >= highWater) {
            highWater = f + 1;
        }
        if (owner[f] != null) {
            evict(f);
        }
        place(f, holder, page, fromSlot);
        pool.loaded(f, write, now);
        return f;
    }

    /** Gives frame {@code f} its page: zeros, or the bytes of page-file slot {@code fromSlot}. */
    private void place(int f, Object holder, long page, int fromSlot) {
        if (owner[f] != holder) {
            // Usually the same space as the evicted page's: spares the store and its collector barrier.
            owner[f] = holder;
        }
        vpn[f] = page;
        used++;
        if (fromSlot >= 0) {
            slot[f] = fromSlot;
            data[f] = pageFile.bytes(fromSlot);
            hardFaults++;
        } else {
            slot[f] = -1;
            data[f] = null;
            demandZeroFaults++;
        }
    }

    /** A resident page of {@code pool} in frame {@code frame} was used: its policy hears of it (the hot path). */
    void referenced(FramePool pool, int frame, boolean write) {
        pool.referenced(frame, write, now);
    }

    private void evict(int f) {
        Object holder = owner[f];
        long page = vpn[f];
        long entry = holder instanceof Section section ? section.entryForEviction(page)
                : ((VirtualMemory) holder).mmu().entryOf(page);
        boolean keep = (entry & PageTable.RESET) == 0;
        int s = slot[f];
        boolean written = false;
        if (keep) {
            if (s < 0) {
                s = pageFile.take();
                written = true;
            } else if ((entry & PageTable.DIRTY) != 0) {
                written = true;
            }
            pageFile.store(s, data[f], written);
        } else if (s >= 0) {
            pageFile.free(s);
            s = -1;
        }
        if (holder instanceof Section section) {
            section.evicted(page, f, s, written);
        } else {
            ((VirtualMemory) holder).mmu().evicted(page, entry, f, s, written);
        }
        // owner[f] is left for take(), which gives the frame its new page at once.
        data[f] = null;
        slot[f] = -1;
        used--;
        evictions++;
    }

    // ---- working sets and locks (docs/windows-rules.md W4) ----

    /** Whether Windows working sets are on. */
    public boolean windowsWorkingSets() {
        return workingSets != null;
    }

    /** The working set and locks of {@code space}. */
    WorkingSet workingSet(VirtualMemory space) {
        return sets[space.number()];
    }

    /** The working sets, or null when they are off. */
    WorkingSets workingSets() {
        return workingSets;
    }

    /** Whether frame {@code f} holds a page (the frame columns may not reach it yet). */
    boolean holdsPage(int f) {
        return f < owner.length && owner[f] != null;
    }

    /** Whether the page in frame {@code f} is locked. */
    boolean locked(int f) {
        Object holder = owner[f];
        return holder instanceof Section section ? section.lockedIn(vpn[f], f)
                : (((VirtualMemory) holder).mmu().entryOf(vpn[f]) & PageTable.LOCKED) != 0;
    }

    /** Where frame {@code f} is: 0 in no list, 1 on the standby list, 2 on the modified list. */
    public int frameList(int f) {
        byte where = workingSets == null ? WorkingSets.NONE : workingSets.where(f);
        return where == WorkingSets.STANDBY ? 1 : where == WorkingSets.MODIFIED ? 2 : 0;
    }

    /** Whether frame {@code f} holds a locked page. */
    public boolean frameLocked(int f) {
        return f < highWater && owner[f] != null && lockedPages > 0 && locked(f);
    }

    /** Frames on the standby list, and on the modified list (0 without working sets). */
    public int standbyFrames() { return workingSets == null ? 0 : workingSets.standby(); }
    public int modifiedFrames() { return workingSets == null ? 0 : workingSets.modified(); }
    /** Soft faults over every space; pages trimmed; runs of the modified-page writer and the pages it wrote. */
    public long softFaults() { return workingSets == null ? 0 : workingSets.softFaults(); }
    public long trims() { return workingSets == null ? 0 : workingSets.trims(); }
    public long writerRuns() { return workingSets == null ? 0 : workingSets.writerRuns(); }
    public long writerPages() { return workingSets == null ? 0 : workingSets.pagesWritten(); }
    /** Standby pages whose frames were given to other pages. */
    public long repurposed() { return workingSets == null ? 0 : workingSets.repurposed(); }

    /** Pages locked over every space. */
    public long lockedPages() {
        return lockedPages;
    }

    /** {@code pages} more pages of {@code space} are locked. */
    void locked(VirtualMemory space, long pages) {
        lockedPages += pages;
        sets[space.number()].locked += pages;
    }

    /** {@code pages} pages of {@code space} were unlocked (VirtualUnlock, or decommitted). */
    void unlocked(VirtualMemory space, long pages) {
        locked(space, -pages);
    }

    /** MEM_RESET made the page in frame {@code f} clean: if it is on the modified list it goes to standby. */
    void cleaned(int f) {
        if (workingSets != null) {
            workingSets.cleaned(f);
        }
    }

    /** The page in frame {@code f} left its working set: its entry goes to transition; returns whether it is dirty. */
    boolean trimmed(int f) {
        Object holder = owner[f];
        return holder instanceof Section section ? section.trimmed(vpn[f], f)
                : ((VirtualMemory) holder).mmu().trimmed(vpn[f], f);
    }

    /** A soft fault: {@code space}'s page in frame {@code f}, on a list, returns to its working set. */
    void reclaim(VirtualMemory space, int f, boolean write) {
        workingSets.reclaim(sets[space.number()], f, write, now);
    }

    /** The modified-page writer writes frame {@code f}'s page to the page file; the page is clean afterwards. */
    void writeOut(int f) {
        int s = slot[f];
        if (s < 0) {
            s = pageFile.take();
            slot[f] = s;
        }
        pageFile.store(s, data[f], true);
        if (owner[f] instanceof Section section) {
            section.writtenOut(vpn[f], f);
        } else {
            ((VirtualMemory) owner[f]).mmu().writtenOut(vpn[f], f);
        }
    }

    /**
     * Under textbook replacement, EmptyWorkingSet and a failed VirtualUnlock evict: frame {@code f}'s page goes to
     * the page file and the frame is free (W4-9).
     */
    void evictToFree(int f) {
        FramePool pool = owner[f] instanceof VirtualMemory space ? space.framePool() : shared;
        evict(f);
        owner[f] = null;
        pool.release(f);
    }

    /** Returns a frame whose page was decommitted or released; its page-file copy goes too. */
    void release(int f) {
        if (slot[f] >= 0) {
            pageFile.free(slot[f]);
        }
        // A section's frames come from the pool every space shares (sections need global replacement).
        FramePool pool = owner[f] instanceof VirtualMemory space ? space.framePool() : shared;
        owner[f] = null;
        data[f] = null;
        slot[f] = -1;
        used--;
        pool.release(f);
    }

    /** The page's copy left its slot for good (a decommitted page that was not resident). */
    void releaseSlot(int s) {
        pageFile.free(s);
    }

    /** Forgets a resident page's page-file copy: it was written, or reset. */
    void dropSlot(int f) {
        if (slot[f] >= 0) {
            pageFile.free(slot[f]);
            slot[f] = -1;
        }
    }

    /**
     * When the next frame {@code space} takes makes the frame columns grow: the heap has room for them, or
     * {@link HostMemoryException}. An access asks before it changes anything; {@link #take} asks again.
     */
    void requireFrameColumns(VirtualMemory space) {
        int fresh = space.framePool().nextFresh();
        if (fresh >= owner.length) {
            int n = columns(fresh + 1);
            long bytes = (long) n * COLUMN_BYTES;
            requireHeap(bytes, "the frame table of " + n + " frames (" + Hex.size(bytes) + ")");
        }
    }

    /** Whether the next frame {@code space} takes makes the frame columns grow. */
    boolean columnsFull(VirtualMemory space) {
        return space.framePool().nextFresh() >= owner.length;
    }

    /** Heap per frame of the frame columns: owner and data references, the page number and the slot. */
    private static final int COLUMN_BYTES = 8 + 8 + 8 + 4;

    private int columns(int min) {
        return (int) Math.min(frameLimit, Math.max(min, (long) owner.length * 2));
    }

    private void growFrames(int min) {
        int n = columns(min);
        budget.take((long) n * COLUMN_BYTES);
        owner = Arrays.copyOf(owner, n);
        vpn = Arrays.copyOf(vpn, n);
        int old = slot.length;
        slot = Arrays.copyOf(slot, n);
        Arrays.fill(slot, old, n, -1);
        data = Arrays.copyOf(data, n);
    }

    // ---- contents ----

    byte[] bytesForRead(int f) {
        return data[f];
    }

    byte[] slotBytes(int s) {
        return pageFile.bytes(s);
    }

    byte[] bytesForWrite(int f) {
        byte[] d = data[f];
        if (d == null) {
            d = new byte[pageSize];
            data[f] = d;
            budget.take(pageSize);
        } else if (slot[f] >= 0 && pageFile.shares(slot[f], d)) {
            // The slot keeps its copy; the frame gets its own before it changes.
            d = d.clone();
            data[f] = d;
            budget.take(pageSize);
        }
        return d;
    }

    /** Whether frame {@code f} has bytes of its own, so that writing to it allocates nothing. */
    boolean ownsBytes(int f) {
        byte[] d = data[f];
        return d != null && (slot[f] < 0 || !pageFile.shares(slot[f], d));
    }

    // ---- the host's heap ----

    /** The heap budget that page contents and page tables of this memory's spaces are taken from. */
    public HeapBudget budget() {
        return budget;
    }

    /** Takes page contents and page tables from {@code heap} from now on (the JVM's heap by default). */
    public void budget(HeapBudget heap) {
        budget = java.util.Objects.requireNonNull(heap, "heap");
    }

    /** Whether {@code pages} pages of contents fit without asking the heap (one comparison: the hot path). */
    boolean contentsReady(int pages) {
        return budget.ready((long) pages * pageSize);
    }

    /** Makes sure the budget can take {@code bytes} for {@code what}, or throws, having changed nothing. */
    void requireHeap(long bytes, String what) {
        if (!budget.room(bytes)) {
            throw new HostMemoryException(budget.refusal(what));
        }
    }

    // ---- what is where ----

    public int pageSize() { return pageSize; }
    /** The number of frames, or {@link #UNLIMITED}. */
    public int frames() { return frameLimit; }
    public boolean unlimited() { return frameLimit == UNLIMITED; }
    /** Frames holding a page now. */
    public int framesInUse() { return used; }
    /** Frames ever used (the highest frame number plus one). */
    public int framesTouched() { return highWater; }
    public long pageFilePages() { return pageFile.limit(); }
    /** Page-file slots holding a page now. */
    public long pageFileInUse() { return pageFile.inUse(); }
    /** The space whose page is in frame {@code f}, or null. */
    public VirtualMemory owner(int f) { return f < highWater && owner[f] instanceof VirtualMemory vm ? vm : null; }
    /** The section whose page is in frame {@code f}, shared by its views, or null. */
    public Section section(int f) { return f < highWater && owner[f] instanceof Section s ? s : null; }
    /** The live sections of this machine, oldest first. */
    public java.util.List<Section> sectionList() { return sections.list(); }
    /** The sections of this machine, by id and by name. */
    Sections sections() { return sections; }

    /**
     * A page-file section made outside any process (the DSL's {@code computer.section(size)}), held by one reference
     * of its own until {@link #closeSection}; a {@code name} that exists gives that section, referenced once more.
     * Returns the section, or null with the Win32 error and its reason in {@code refusal[0]} and nothing changed.
     */
    public Section newSection(long bytes, int protect, String name, String[] refusal) {
        return sections.newSection(this, bytes, protect, name, refusal);
    }

    /** Drops the reference {@link #newSection} gave; the section dies when no view maps it either. */
    public void closeSection(Section s) {
        sections.close(this, s);
    }

    /** The virtual page number in frame {@code f} (meaningful when it has an owner). */
    public long page(int f) { return vpn[f]; }
    public long demandZeroFaults() { return demandZeroFaults; }
    public long hardFaults() { return hardFaults; }
    public long evictions() { return evictions; }
    /** Evictions that wrote the page to the page file (dirty, or never written before). */
    public long pageFileWrites() { return pageFile.writes(); }
    /** The replacement policy's name, or {@code none} for unlimited memory. */
    public String policyName() { return policyName; }
    /** The page-file slot holding a copy of frame {@code f}'s page, or -1. */
    int slotOf(int f) { return slot[f]; }
    /** The page file, for checks. */
    PageFile pageFile() { return pageFile; }

    @Override
    public String toString() {
        String frames = unlimited() ? "unlimited frames" : frameLimit + " frames of " + Hex.size(pageSize);
        return frames + ", " + used + " in use, " + policyName();
    }
}
