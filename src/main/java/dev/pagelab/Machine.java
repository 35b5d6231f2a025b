package dev.pagelab;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.HostMemory;
import dev.pagelab.engine.Journal;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.ReplacementPolicy;
import dev.pagelab.engine.Tlb;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.policy.Policy;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.Replay;
import dev.pagelab.replay.ReplayResult;
import dev.pagelab.replay.ReplaySteps;
import dev.pagelab.trace.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A machine: page geometry, physical memory, page file, replacement policy, commit limit and TLB. The settings
 * are immutable — every setter returns a new machine — and the address spaces made by one machine's
 * {@link #space()} share its frames (global replacement), so re-running a notebook cell that builds a machine
 * starts from nothing.
 *
 * <p>{@code machine().frames(3).policy(FIFO).replay(trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5))}
 */
public final class Machine {
    /** The default page file of a machine with finite memory, and the default memory's size: 16 GiB. */
    static final long DEFAULT_PAGE_FILE_BYTES = 16L << 30;
    static final int DEFAULT_TLB_ENTRIES = 64;

    private final Layout layout;
    private final int frames;
    private final long pageFileBytes;
    private final long commitLimitBytes;
    private final Policy policy;
    private final int tlbEntries;
    private final int framesPerSpace;
    private final int journalLimit;
    private PhysicalMemory memory;

    private Machine(Layout layout, int frames, long pageFileBytes, long commitLimitBytes, Policy policy, int tlbEntries,
                    int framesPerSpace, int journalLimit) {
        this.framesPerSpace = framesPerSpace;
        this.journalLimit = journalLimit;
        this.layout = layout;
        this.frames = frames;
        this.pageFileBytes = pageFileBytes;
        this.commitLimitBytes = commitLimitBytes;
        this.policy = policy;
        this.tlbEntries = tlbEntries;
    }

    /**
     * The default machine: Windows x64 geometry, as many frames as pages touched (no replacement), a 32 GiB
     * commit limit (a 16 GiB computer with a 16 GiB page file), CLOCK replacement once memory is finite, and a
     * 64-entry TLB.
     */
    static Machine standard() {
        return new Machine(Layout.WINDOWS_X64, PhysicalMemory.UNLIMITED, DEFAULT_PAGE_FILE_BYTES, -1, Policy.CLOCK,
                DEFAULT_TLB_ENTRIES, 0, Journal.DEFAULT_LIMIT);
    }

    private Machine with(Layout l, int f, long pf, long cl, Policy p, int t) {
        // Frames per space stay only while they fit the frames.
        return new Machine(l, f, pf, cl, p, t, f == PhysicalMemory.UNLIMITED || framesPerSpace > f ? 0 : framesPerSpace,
                journalLimit);
    }

    /** The same machine with another page size (a power of two; the granularity grows to at least a page). */
    public Machine pageSize(Size size) {
        long bytes = size.bytes(layout.pageSize());
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("page size " + size + " is larger than 1 GiB");
        }
        return with(layout.pageSize((int) bytes), frames, pageFileBytes, commitLimitBytes, policy, tlbEntries);
    }

    /** The same machine with another allocation granularity (Windows: 64 KiB). */
    public Machine granularity(Size size) {
        return with(layout.granularity(size.bytes(layout.pageSize())), frames, pageFileBytes, commitLimitBytes, policy,
                tlbEntries);
    }

    /**
     * The same machine with another geometry, given whole: page size, granularity, user range, table levels and
     * the PAGE_GUARD|PAGE_NOACCESS rule (for tools that rebuild a machine from a file).
     */
    public Machine layout(Layout geometry) {
        if (geometry == null) {
            throw new IllegalArgumentException("layout is missing (null)");
        }
        return with(geometry, frames, pageFileBytes, commitLimitBytes, policy, tlbEntries);
    }

    /** The same machine with a user range below {@code 2^bits} (Windows x64: 47). */
    public Machine addressBits(int bits) {
        return with(layout.addressBits(bits), frames, pageFileBytes, commitLimitBytes, policy, tlbEntries);
    }

    /** The same machine with a page table of {@code count} levels. */
    public Machine levels(int count) {
        return with(layout.levels(count), frames, pageFileBytes, commitLimitBytes, policy, tlbEntries);
    }

    /** The same machine with {@code count} physical frames; a full memory evicts with the machine's policy. */
    public Machine frames(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a machine needs at least 1 frame, not " + count);
        }
        if (count >= PhysicalMemory.UNLIMITED) {
            throw new IllegalArgumentException("frames " + count + ": a machine has at most "
                    + (PhysicalMemory.UNLIMITED - 1) + " frames (unlimitedMemory() gives as many as pages touched)");
        }
        return with(layout, count, pageFileBytes, commitLimitBytes, policy, tlbEntries);
    }

    /** The same machine with {@code size} of physical memory (rounded down to whole frames). */
    public Machine memory(Size size) {
        long count = size.bytes(layout.pageSize()) / layout.pageSize();
        if (count < 1 || count >= PhysicalMemory.UNLIMITED) {
            throw new IllegalArgumentException("memory of " + size + " makes " + count + " frames of "
                    + Hex.size(layout.pageSize()) + "; give at least one frame and fewer than 2^31");
        }
        return frames((int) count);
    }

    /** The same machine with as many frames as pages touched (no replacement ever). */
    public Machine unlimitedMemory() {
        return with(layout, PhysicalMemory.UNLIMITED, pageFileBytes, commitLimitBytes, policy, tlbEntries);
    }

    /** The same machine with a page file of {@code size}; the commit limit is memory plus page file unless set. */
    public Machine pageFile(Size size) {
        return with(layout, frames, size.bytes(layout.pageSize()), commitLimitBytes, policy, tlbEntries);
    }

    /** The same machine with an explicit commit limit (what all its spaces may commit together). */
    public Machine commitLimit(Size size) {
        return with(layout, frames, pageFileBytes, size.bytes(layout.pageSize()), policy, tlbEntries);
    }

    /** The same machine with another replacement policy ({@code FIFO}, {@code LRU}, {@code CLOCK}, ...). */
    public Machine policy(Policy replacement) {
        if (replacement == null) {
            throw new IllegalArgumentException("policy is missing (null)");
        }
        return with(layout, frames, pageFileBytes, commitLimitBytes, replacement, tlbEntries);
    }

    /** The same machine with a TLB of {@code entries} translations (a power of two; 0 for none). */
    public Machine tlb(int entries) {
        if (entries < 0 || (entries != 0 && Integer.bitCount(entries) != 1)) {
            throw new IllegalArgumentException("TLB entries must be 0 or a power of two, not " + entries);
        }
        requireTlb(entries);
        return with(layout, frames, pageFileBytes, commitLimitBytes, policy, entries);
    }

    /**
     * The same machine accepting {@code PAGE_GUARD|PAGE_NOACCESS}, as Wine does; Windows (the default) refuses
     * it with error 87.
     */
    public Machine wineGuardRule(boolean accept) {
        return with(layout.guardWithNoAccess(accept), frames, pageFileBytes, commitLimitBytes, policy, tlbEntries);
    }

    /**
     * The same machine giving each address space {@code count} frames of its own: fixed allocation with local
     * replacement, each space's policy choosing victims among its own frames only, instead of all spaces sharing
     * every frame (global replacement, the default). The machine has room for {@code frames / count} spaces;
     * {@link #replay} and {@link #run} give their one program {@code count} frames.
     */
    public Machine framesPerSpace(int count) {
        if (unlimited()) {
            throw new IllegalArgumentException("frames per space need a finite memory: set frames(n) or memory(size) first");
        }
        if (count < 1 || count > frames) {
            throw new IllegalArgumentException("frames per space must be between 1 and the machine's " + frames
                    + " frames, not " + count);
        }
        return new Machine(layout, frames, pageFileBytes, commitLimitBytes, policy, tlbEntries, count, journalLimit);
    }

    /** The same machine with all its frames shared by its spaces (global replacement). */
    public Machine sharedFrames() {
        return new Machine(layout, frames, pageFileBytes, commitLimitBytes, policy, tlbEntries, 0, journalLimit);
    }

    /**
     * The same machine whose spaces' journals keep their last {@code events} events (by default
     * {@value Journal#DEFAULT_LIMIT}), counting the older ones they drop; a journal that dropped events cannot be
     * replayed from the start.
     */
    public Machine journalLimit(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("journalLimit: a journal keeps at least 1 event, not " + events);
        }
        return new Machine(layout, frames, pageFileBytes, commitLimitBytes, policy, tlbEntries, framesPerSpace, events);
    }

    /** The same machine whose spaces' journals keep every event (they grow until the heap is full). */
    public Machine unboundedJournal() {
        return journalLimit(Journal.UNBOUNDED);
    }

    // ---- running ----

    /** A new address space on this machine, sharing its physical memory with the machine's other spaces. */
    public AddressSpace space() {
        requireTlb(tlbEntries);
        VirtualMemory vm = new VirtualMemory(layout, memory(), tlbEntries);
        vm.journal().limit(journalLimit);
        return new AddressSpace(this, vm);
    }

    /** This machine's physical memory, made on first use and shared by its spaces. */
    public synchronized PhysicalMemory memory() {
        if (memory == null) {
            memory = newMemory(null);
        }
        return memory;
    }

    PhysicalMemory newMemory(long[] futurePages) {
        ReplacementPolicy replacement = null;
        if (!unlimited()) {
            if (frames > policy.maxFrames()) {
                throw new IllegalArgumentException("frames " + frames + ": the " + policy.name() + " policy holds at most "
                        + policy.maxFrames() + " frames");
            }
            HostMemory.require(policy.heapBytes(frames), "frames " + frames + ": the " + policy.name() + " policy");
            if (policy.needsFuture() && futurePages == null) {
                throw new IllegalStateException("OPT needs the future of a trace: use replay(trace) or run(trace), "
                        + "not space()");
            }
            if (framesPerSpace > 0) {
                return new PhysicalMemory(layout.pageSize(), frames, pageFileBytes / layout.pageSize(),
                        commitLimitPages(), framesPerSpace,
                        () -> futurePages == null ? policy.create() : policy.create(futurePages));
            }
            replacement = futurePages == null ? policy.create() : policy.create(futurePages);
        }
        return new PhysicalMemory(layout.pageSize(), frames, pageFileBytes / layout.pageSize(),
                commitLimitPages(), replacement);
    }

    /**
     * Replays a trace through this machine's frames and policy on the fast path (no address space: pages, frames
     * and the policy only); every call starts from empty memory.
     */
    public ReplayResult replay(Trace trace) {
        requireFinite("replay");
        try {
            return Replay.of(trace).pageShift(layout.pageShift()).run(programFrames(), policy);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + trace.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The replay of a trace kept step by step (up to 10,000 references): after each reference, the page in every
     * frame slot, whether it faulted and what it evicted; prints as the textbook frame table.
     */
    public ReplaySteps steps(Trace trace) {
        requireFinite("steps");
        if (trace == null) {
            throw new IllegalArgumentException("steps needs a trace, such as trace(7, 0, 1, 2, 0, 3), not null");
        }
        try {
            return ReplaySteps.of(trace, layout.pageShift(), programFrames(), policy);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + trace.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The miss-ratio curve of a trace under this machine's policy, for every memory size (one pass for LRU and OPT,
     * one replay per size for the others).
     */
    public MissRatioCurve curve(Trace trace) {
        try {
            return Replay.of(trace).pageShift(layout.pageShift()).curve(policy);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + trace.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a trace as a program in a fresh address space on a fresh copy of this machine: every page it touches is
     * committed first (read, write and execute allowed), then each reference goes through translation, the TLB,
     * protections, faults and the journal. Fault counts equal {@link #replay}'s.
     */
    public TraceRun run(Trace trace) {
        requireFinite("run");
        return TraceRun.execute(this, trace);
    }

    private static void requireTlb(int entries) {
        HostMemory.require(Tlb.heapBytes(entries), "tlb " + entries + ": a TLB of " + entries + " entries");
    }

    private void requireFinite(String what) {
        if (unlimited()) {
            throw new IllegalStateException(what + " needs a finite memory: say how much, e.g. machine().frames(3) or "
                    + "machine().memory(mb(1))");
        }
    }

    /** The frames one program gets: its space's own frames, or all of them. */
    int programFrames() {
        return framesPerSpace > 0 ? framesPerSpace : frames;
    }

    // ---- settings ----

    public Layout layout() { return layout; }
    public int pageSize() { return layout.pageSize(); }
    /** The number of frames, or {@link PhysicalMemory#UNLIMITED}. */
    public int frames() { return frames; }
    public boolean unlimited() { return frames == PhysicalMemory.UNLIMITED; }
    public Policy policy() { return policy; }
    public Size pageFile() { return Size.bytes(pageFileBytes); }
    public int tlbEntries() { return tlbEntries; }
    /** The events each space's journal keeps, {@link Journal#UNBOUNDED} for all. */
    public int journalLimit() { return journalLimit; }
    /** Frames each space has to itself (local replacement), or 0 when spaces share all frames (global). */
    public int framesPerSpace() { return framesPerSpace; }

    /** The commit limit: as set, or memory plus page file (32 GiB for the default machine). */
    public Size commitLimit() {
        return Size.bytes(commitLimitPages() * layout.pageSize());
    }

    private long commitLimitPages() {
        if (commitLimitBytes >= 0) {
            return commitLimitBytes / layout.pageSize();
        }
        long memoryPages = unlimited() ? DEFAULT_PAGE_FILE_BYTES / layout.pageSize() : frames;
        return memoryPages + pageFileBytes / layout.pageSize();
    }

    @Override
    public String toString() {
        String mem = unlimited() ? "unlimited memory" : frames + (frames == 1 ? " frame" : " frames") + " ("
                + Hex.size((long) frames * layout.pageSize()) + ", " + policy
                + (framesPerSpace > 0 ? ", " + framesPerSpace + " per space, local replacement" : "") + ")";
        return "machine: " + Hex.size(layout.pageSize()) + " pages, " + mem + ", page file " + Hex.size(pageFileBytes)
                + ", commit limit " + commitLimit() + ", " + (tlbEntries == 0 ? "no TLB" : tlbEntries + "-entry TLB")
                + (journalLimit == Journal.DEFAULT_LIMIT ? "" : journalLimit == Journal.UNBOUNDED ? ", unbounded journal"
                : ", journal of the last " + journalLimit + " events");
    }
}
