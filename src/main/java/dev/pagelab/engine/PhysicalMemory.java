package dev.pagelab.engine;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The physical side of a machine, shared by its address spaces: a finite set of page frames, a page file,
 * the commit charge against the commit limit, the replacement policy and the logical clock.
 *
 * <p>Frames are columns indexed by frame number: {@code owner[f]} and {@code vpn[f]} say which page lives
 * there, {@code slot[f]} the page-file slot holding a copy of it (or -1), {@code data[f]} its bytes, null
 * while the frame is all zeros, so memory grows with pages written, not pages touched. Page-file slots are
 * columns too; evicting hands the frame's byte array to the slot instead of copying it, and a clean page
 * read back shares it with its slot until it is written again (and so dirty, rewritten on eviction).
 * Frame arrays grow on first use up to the frame count. Page contents, page tables and frame arrays are taken
 * from a {@link HeapBudget}, asked before an operation changes anything.
 */
public final class PhysicalMemory {
    /** A frame count meaning "as many as pages touched". */
    public static final int UNLIMITED = Integer.MAX_VALUE - 16;

    private final int pageSize;
    private final int frameLimit;
    private final long pageFileLimit;
    private final long commitLimit;
    private final ReplacementPolicy policy;

    private long clock;
    private long references;
    private long now;
    private int spaces;
    private final PageAwarePolicy pageAware;
    private final boolean replacing;

    // Fixed allocation with local replacement: each space has a pool of spaceFrames frames of its own (space i has
    // frames [i * spaceFrames, (i + 1) * spaceFrames)) and a policy instance of its own over the pool's local frame
    // numbers. 0 means global replacement: one policy over every frame.
    private final int spaceFrames;
    private final Supplier<ReplacementPolicy> policies;
    private ReplacementPolicy[] poolPolicy = new ReplacementPolicy[0];
    private int[] poolHighWater = new int[0];
    private int[][] poolFree = new int[0][];
    private int[] poolFreeCount = new int[0];
    private final String poolPolicyName;
    private long commitCharge;

    private int highWater;
    private int used;
    private int[] freeFrames = new int[16];
    private int freeCount;
    private VirtualMemory[] owner = new VirtualMemory[64];
    private long[] vpn = new long[64];
    private int[] slot = new int[64];
    private byte[][] data = new byte[64][];

    private int slotHighWater;
    private int slotsUsed;
    private int[] freeSlots = new int[16];
    private int freeSlotCount;
    private byte[][] slotData = new byte[64][];
    /** Whether any slot was ever given bytes: until then every slot is all zeros and slotData is not read. */
    private boolean slotsHoldBytes;

    private HeapBudget budget = HeapBudget.jvm();

    private long demandZeroFaults;
    private long hardFaults;
    private long evictions;
    private long pageFileWrites;

    /**
     * @param pageSize      bytes per page and frame
     * @param frames        how many frames, or {@link #UNLIMITED}
     * @param pageFilePages how many pages the page file holds
     * @param commitLimit   the commit limit in pages (Windows: RAM plus page files)
     * @param policy        a fresh replacement policy for this memory alone (may be null with unlimited frames)
     */
    public PhysicalMemory(int pageSize, int frames, long pageFilePages, long commitLimit, ReplacementPolicy policy) {
        this(pageSize, frames, pageFilePages, commitLimit, policy, 0, null);
    }

    /**
     * A memory whose spaces each get {@code spaceFrames} frames of their own and replace only among them (fixed
     * allocation, local replacement), each with a fresh policy from {@code policies}; it has room for
     * {@code frames / spaceFrames} spaces.
     */
    public PhysicalMemory(int pageSize, int frames, long pageFilePages, long commitLimit, int spaceFrames,
                          Supplier<ReplacementPolicy> policies) {
        this(pageSize, frames, pageFilePages, commitLimit, null, checkSpaceFrames(frames, spaceFrames),
                java.util.Objects.requireNonNull(policies, "policies"));
    }

    private static int checkSpaceFrames(int frames, int spaceFrames) {
        if (frames == UNLIMITED) {
            throw new IllegalArgumentException("frames per space need a finite memory");
        }
        if (spaceFrames < 1 || spaceFrames > frames) {
            throw new IllegalArgumentException("frames per space must be between 1 and the machine's " + frames
                    + " frames, not " + spaceFrames);
        }
        return spaceFrames;
    }

    private PhysicalMemory(int pageSize, int frames, long pageFilePages, long commitLimit, ReplacementPolicy policy,
                           int spaceFrames, Supplier<ReplacementPolicy> policies) {
        if (frames < 1) {
            throw new IllegalArgumentException("physical memory needs at least 1 frame, not " + frames);
        }
        if (pageFilePages < 0) {
            throw new IllegalArgumentException("page file size " + pageFilePages + " pages must not be negative");
        }
        if (commitLimit < 0) {
            throw new IllegalArgumentException("commit limit " + commitLimit + " pages must not be negative");
        }
        if (policy == null && frames != UNLIMITED && policies == null) {
            throw new IllegalArgumentException("a memory of " + frames + " frames needs a replacement policy");
        }
        this.pageSize = pageSize;
        this.frameLimit = frames;
        this.pageFileLimit = pageFilePages;
        this.commitLimit = commitLimit;
        this.policy = policy;
        this.spaceFrames = spaceFrames;
        this.policies = policies;
        this.poolPolicyName = policies == null ? null : policies.get().name();
        this.replacing = policy != null && frames != UNLIMITED;
        this.pageAware = replacing && policy instanceof PageAwarePolicy p ? p : null;
        if (replacing) {
            policy.reset(frames);
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

    int register() {
        if (spaceFrames > 0) {
            int room = frameLimit / spaceFrames;
            if (spaces >= room) {
                throw new IllegalStateException("this machine gives each space " + spaceFrames + " of its "
                        + frameLimit + " frames: it has room for " + room + (room == 1 ? " space" : " spaces")
                        + ", and they are taken");
            }
            int pool = spaces;
            poolPolicy = Arrays.copyOf(poolPolicy, pool + 1);
            poolHighWater = Arrays.copyOf(poolHighWater, pool + 1);
            poolFree = Arrays.copyOf(poolFree, pool + 1);
            poolFreeCount = Arrays.copyOf(poolFreeCount, pool + 1);
            ReplacementPolicy p = policies.get();
            p.reset(spaceFrames);
            poolPolicy[pool] = p;
            poolFree[pool] = new int[4];
        }
        return spaces++;
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
     * Takes a frame for a page, evicting a victim chosen by the policy when memory is full. The frame's
     * contents are zero (or {@code contents}, for a page coming back from slot {@code fromSlot}).
     */
    int take(VirtualMemory space, long page, int fromSlot, boolean write) {
        requireFrameColumns(space);
        if (spaceFrames > 0) {
            return takeInPool(space, page, fromSlot, write);
        }
        if (pageAware != null) {
            pageAware.faulting(space.pageKey(page), now);
        }
        int f;
        if (freeCount > 0) {
            f = freeFrames[--freeCount];
        } else if (highWater < frameLimit) {
            f = highWater++;
            if (f >= owner.length) {
                growFrames(f + 1);
            }
        } else {
            f = policy.victim(now);
            evict(f);
        }
        place(f, space, page, fromSlot);
        if (replacing) {
            policy.loaded(f, write, now);
        }
        return f;
    }

    /** Gives frame {@code f} its page: zeros, or the bytes of page-file slot {@code fromSlot}. */
    private void place(int f, VirtualMemory space, long page, int fromSlot) {
        if (owner[f] != space) {
            // Usually the same space as the evicted page's: spares the store and its collector barrier.
            owner[f] = space;
        }
        vpn[f] = page;
        used++;
        if (fromSlot >= 0) {
            slot[f] = fromSlot;
            data[f] = slotsHoldBytes ? slotData[fromSlot] : null;
            hardFaults++;
        } else {
            slot[f] = -1;
            data[f] = null;
            demandZeroFaults++;
        }
    }

    /** {@link #take} with local replacement: a frame of the space's own pool, the victim chosen among them. */
    private int takeInPool(VirtualMemory space, long page, int fromSlot, boolean write) {
        int pool = space.pool();
        ReplacementPolicy p = poolPolicy[pool];
        if (p instanceof PageAwarePolicy aware) {
            aware.faulting(space.pageKey(page), now);
        }
        int local;
        boolean evicting = false;
        if (poolFreeCount[pool] > 0) {
            local = poolFree[pool][--poolFreeCount[pool]];
        } else if (poolHighWater[pool] < spaceFrames) {
            local = poolHighWater[pool]++;
        } else {
            local = p.victim(now);
            if (local < 0 || local >= spaceFrames) {
                throw new IllegalStateException(p.name() + " chose frame " + local + " as a victim, but the space's"
                        + " frames are 0.." + (spaceFrames - 1));
            }
            evicting = true;
        }
        int f = pool * spaceFrames + local;
        if (f >= owner.length) {
            growFrames(f + 1);
        }
        highWater = Math.max(highWater, f + 1);
        if (evicting) {
            evict(f);
        }
        place(f, space, page, fromSlot);
        p.loaded(local, write, now);
        return f;
    }

    void referenced(int frame, boolean write) {
        if (replacing) {
            policy.referenced(frame, write, now);
        } else if (spaceFrames > 0) {
            int pool = frame / spaceFrames;
            poolPolicy[pool].referenced(frame - pool * spaceFrames, write, now);
        }
    }

    private void evict(int f) {
        VirtualMemory space = owner[f];
        long page = vpn[f];
        long entry = space.entryOf(page);
        boolean keep = (entry & PageTable.RESET) == 0;
        int s = slot[f];
        boolean written = false;
        if (keep) {
            boolean dirty = (entry & PageTable.DIRTY) != 0;
            if (s < 0) {
                s = takeSlot();
                written = true;
            } else if (dirty) {
                written = true;
            }
            byte[] d = data[f];
            if (d != null) {
                slotData[s] = d;
                slotsHoldBytes = true;
            } else if (slotsHoldBytes) {
                slotData[s] = null;
            }
            if (written) {
                pageFileWrites++;
            }
        } else if (s >= 0) {
            freeSlot(s);
            s = -1;
        }
        space.evicted(page, entry, f, s, written);
        // owner[f] is left for take(), which gives the frame its new page at once.
        data[f] = null;
        slot[f] = -1;
        used--;
        evictions++;
    }

    /** Returns a frame whose page was decommitted or released; its page-file copy goes too. */
    void release(int f) {
        if (slot[f] >= 0) {
            freeSlot(slot[f]);
        }
        owner[f] = null;
        data[f] = null;
        slot[f] = -1;
        used--;
        if (spaceFrames > 0) {
            int pool = f / spaceFrames;
            if (poolFreeCount[pool] == poolFree[pool].length) {
                poolFree[pool] = Arrays.copyOf(poolFree[pool], poolFreeCount[pool] * 2);
            }
            poolFree[pool][poolFreeCount[pool]++] = f - pool * spaceFrames;
            poolPolicy[pool].freed(f - pool * spaceFrames);
            return;
        }
        if (freeCount == freeFrames.length) {
            freeFrames = Arrays.copyOf(freeFrames, freeCount * 2);
        }
        freeFrames[freeCount++] = f;
        if (replacing) {
            policy.freed(f);
        }
    }

    /** The page's copy left its slot for good (a decommitted page that was not resident). */
    void releaseSlot(int s) {
        freeSlot(s);
    }

    /** Forgets a resident page's page-file copy: it was written, or reset. */
    void dropSlot(int f) {
        if (slot[f] >= 0) {
            freeSlot(slot[f]);
            slot[f] = -1;
        }
    }

    private int takeSlot() {
        int s;
        if (freeSlotCount > 0) {
            s = freeSlots[--freeSlotCount];
        } else {
            if (slotHighWater >= pageFileLimit) {
                throw new IllegalStateException("the page file of " + pageFileLimit
                        + " pages is full; the commit limit should have prevented this");
            }
            s = slotHighWater++;
            if (s >= slotData.length) {
                slotData = Arrays.copyOf(slotData, Math.max(s + 1, slotData.length * 2));
            }
        }
        slotsUsed++;
        return s;
    }

    private void freeSlot(int s) {
        if (slotsHoldBytes) {
            slotData[s] = null;
        }
        slotsUsed--;
        if (freeSlotCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlotCount * 2);
        }
        freeSlots[freeSlotCount++] = s;
    }

    /**
     * When the next frame {@code space} takes makes the frame columns grow: the heap has room for them, or
     * {@link HostMemoryException}. An access asks before it changes anything; {@link #take} asks again.
     */
    void requireFrameColumns(VirtualMemory space) {
        int fresh = nextFrame(space);
        if (fresh >= owner.length) {
            int n = columns(fresh + 1);
            long bytes = (long) n * COLUMN_BYTES;
            requireHeap(bytes, "the frame table of " + n + " frames (" + Hex.size(bytes) + ")");
        }
    }

    /** Whether the next frame {@code space} takes makes the frame columns grow. */
    boolean columnsFull(VirtualMemory space) {
        return nextFrame(space) >= owner.length;
    }

    /** The never-used frame the next fault of {@code space} takes, or -1 when it reuses a frame. */
    private int nextFrame(VirtualMemory space) {
        if (spaceFrames > 0) {
            int pool = space.pool();
            return poolFreeCount[pool] > 0 || poolHighWater[pool] >= spaceFrames ? -1
                    : pool * spaceFrames + poolHighWater[pool];
        }
        return freeCount > 0 || highWater >= frameLimit ? -1 : highWater;
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
        return slotData[s];
    }

    byte[] bytesForWrite(int f) {
        byte[] d = data[f];
        if (d == null) {
            d = new byte[pageSize];
            data[f] = d;
            budget.take(pageSize);
        } else if (slot[f] >= 0 && slotData[slot[f]] == d) {
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
        return d != null && (slot[f] < 0 || slotData[slot[f]] != d);
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
    public long pageFilePages() { return pageFileLimit; }
    /** Page-file slots holding a page now. */
    public long pageFileInUse() { return slotsUsed; }
    /** The space whose page is in frame {@code f}, or null. */
    public VirtualMemory owner(int f) { return f < highWater ? owner[f] : null; }
    /** The virtual page number in frame {@code f} (meaningful when it has an owner). */
    public long page(int f) { return vpn[f]; }
    public long demandZeroFaults() { return demandZeroFaults; }
    public long hardFaults() { return hardFaults; }
    public long evictions() { return evictions; }
    /** Evictions that wrote the page to the page file (dirty, or never written before). */
    public long pageFileWrites() { return pageFileWrites; }
    /** The replacement policy's name, or {@code none} for unlimited memory. */
    public String policyName() {
        if (spaceFrames > 0) {
            return poolPolicyName + ", " + spaceFrames + " frames per space";
        }
        return policy == null || unlimited() ? "none" : policy.name();
    }

    @Override
    public String toString() {
        String frames = unlimited() ? "unlimited frames" : frameLimit + " frames of " + Hex.size(pageSize);
        return frames + ", " + used + " in use, " + policyName();
    }
}
