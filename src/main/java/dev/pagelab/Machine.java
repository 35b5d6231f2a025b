package dev.pagelab;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.HostMemory;
import dev.pagelab.engine.Journal;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.ReplacementPolicy;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.policy.Policy;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.Replay;
import dev.pagelab.replay.ReplayResult;
import dev.pagelab.replay.ReplaySteps;
import dev.pagelab.trace.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalInt;

/**
 * A machine: page geometry, physical memory, page file, replacement policy, commit limit and TLB. A machine is a
 * value — its {@link Settings} and nothing else: every setter returns a new machine, a setter that conflicts
 * with an earlier one fails at once, naming it, and {@link #boot()} starts a running {@link Computer}. Each
 * {@link #space()}, {@link #replay}, {@link #run}, {@link #curve} and {@link #steps} boots a fresh computer, so
 * re-running a notebook cell starts from nothing.
 *
 * <p>{@code machine().frames(3).policy(FIFO).replay(trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5))}
 */
public final class Machine {
    /** The default page file of a machine with finite memory, and the default memory's size: 16 GiB. */
    static final long DEFAULT_PAGE_FILE_BYTES = 16L << 30;
    static final int DEFAULT_TLB_ENTRIES = 64;

    /**
     * A machine's settings as data, what a file keeps of a machine; {@link Machine#of} checks them and makes the
     * machine.
     *
     * @param layout           page size, granularity, user range, table levels and the guard rule
     * @param frames           physical frames, 0 for as many as pages touched (no replacement)
     * @param pageFileBytes    the page file's size in bytes
     * @param commitLimitBytes what all spaces may commit together, in bytes; -1 for memory plus page file
     * @param policy           the replacement policy
     * @param tlbEntries       TLB entries, 0 for no TLB
     * @param framesPerSpace   frames each space has to itself (local replacement), 0 when spaces share all frames
     * @param journalLimit     the events each space's journal keeps, {@link Journal#UNBOUNDED} for all
     * @param windowsWorkingSets per-process working sets with standby and modified lists instead of textbook global
     *                         replacement
     */
    public record Settings(Layout layout, int frames, long pageFileBytes, long commitLimitBytes, Policy policy,
                           int tlbEntries, int framesPerSpace, int journalLimit, boolean windowsWorkingSets) {

        /** Settings with textbook replacement (Windows working sets off). */
        public Settings(Layout layout, int frames, long pageFileBytes, long commitLimitBytes, Policy policy,
                        int tlbEntries, int framesPerSpace, int journalLimit) {
            this(layout, frames, pageFileBytes, commitLimitBytes, policy, tlbEntries, framesPerSpace, journalLimit, false);
        }

        /** Whether physical memory grows with the pages touched (no replacement). */
        public boolean unlimited() {
            return frames == 0;
        }

        /** The commit limit in pages: as set, or memory plus page file. */
        long commitLimitPages() {
            if (commitLimitBytes >= 0) {
                return commitLimitBytes / layout.pageSize();
            }
            long memoryPages = unlimited() ? DEFAULT_PAGE_FILE_BYTES / layout.pageSize() : frames;
            return memoryPages + pageFileBytes / layout.pageSize();
        }

        @Override
        public String toString() {
            return Machine.of(this).toString();
        }
    }

    private final Settings settings;

    private Machine(Settings settings) {
        this.settings = settings;
    }

    /**
     * The default machine: Windows x64 geometry, as many frames as pages touched (no replacement), a 32 GiB
     * commit limit (a 16 GiB computer with a 16 GiB page file), CLOCK replacement once memory is finite, and a
     * 64-entry TLB.
     */
    static Machine standard() {
        return new Machine(STANDARD);
    }

    private static final Settings STANDARD = new Settings(Layout.WINDOWS_X64, 0, DEFAULT_PAGE_FILE_BYTES,
            -1, Policy.CLOCK, DEFAULT_TLB_ENTRIES, 0, Journal.DEFAULT_LIMIT);

    /**
     * The machine with {@code settings}, each checked as its setter checks it (for tools that rebuild a machine
     * from a file).
     */
    public static Machine of(Settings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings are missing (null)");
        }
        Machine m = standard().layout(settings.layout());
        m = settings.unlimited() ? m : m.frames(settings.frames());
        m = m.pageFile(Size.bytes(settings.pageFileBytes())).policy(settings.policy()).tlb(settings.tlbEntries())
                .journalLimit(settings.journalLimit());
        if (settings.commitLimitBytes() >= 0) {
            m = m.commitLimit(Size.bytes(settings.commitLimitBytes()));
        }
        m = settings.framesPerSpace() > 0 ? m.framesPerSpace(settings.framesPerSpace()) : m;
        return settings.windowsWorkingSets() ? m.windowsWorkingSets() : m;
    }

    /** This machine's settings as data. */
    public Settings settings() {
        return settings;
    }

    private Machine with(Layout l, int f, long pf, long cl, Policy p, int t) {
        return new Machine(new Settings(l, f, pf, cl, p, t, settings.framesPerSpace(), settings.journalLimit(),
                settings.windowsWorkingSets()));
    }

    /** The same machine with another page size (a power of two; the granularity grows to at least a page). */
    public Machine pageSize(Size size) {
        Layout layout = layout();
        long bytes = size.bytes(layout.pageSize());
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("page size " + size + " is larger than 1 GiB");
        }
        return layout(layout.pageSize((int) bytes));
    }

    /** The same machine with another allocation granularity (Windows: 64 KiB). */
    public Machine granularity(Size size) {
        Layout layout = layout();
        return layout(layout.granularity(size.bytes(layout.pageSize())));
    }

    /**
     * The same machine with another geometry, given whole: page size, granularity, user range, table levels and
     * the PAGE_GUARD|PAGE_NOACCESS rule (for tools that rebuild a machine from a file).
     */
    public Machine layout(Layout geometry) {
        if (geometry == null) {
            throw new IllegalArgumentException("layout is missing (null)");
        }
        Settings s = settings;
        return with(geometry, s.frames(), s.pageFileBytes(), s.commitLimitBytes(), s.policy(), s.tlbEntries());
    }

    /** The same machine with a user range below {@code 2^bits} (Windows x64: 47). */
    public Machine addressBits(int bits) {
        return layout(layout().addressBits(bits));
    }

    /** The same machine with a page table of {@code count} levels. */
    public Machine levels(int count) {
        return layout(layout().levels(count));
    }

    /**
     * The same machine with {@code count} physical frames; a full memory evicts with the machine's policy. Fewer
     * frames than the {@link #framesPerSpace} set earlier are refused.
     */
    public Machine frames(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a machine needs at least 1 frame, not " + count);
        }
        if (count >= PhysicalMemory.UNLIMITED) {
            throw new IllegalArgumentException("frames " + count + ": a machine has at most "
                    + (PhysicalMemory.UNLIMITED - 1) + " frames (unlimitedMemory() gives as many as pages touched)");
        }
        if (settings.framesPerSpace() > count) {
            throw new IllegalArgumentException("frames " + count + ": fewer than the framesPerSpace("
                    + settings.framesPerSpace() + ") set earlier; set the frames first, or call globalReplacement()");
        }
        Settings s = settings;
        return with(s.layout(), count, s.pageFileBytes(), s.commitLimitBytes(), s.policy(), s.tlbEntries());
    }

    /** The same machine with {@code size} of physical memory (rounded down to whole frames). */
    public Machine memory(Size size) {
        int pageSize = layout().pageSize();
        long count = size.bytes(pageSize) / pageSize;
        if (count < 1 || count >= PhysicalMemory.UNLIMITED) {
            throw new IllegalArgumentException("memory of " + size + " makes " + count + " frames of "
                    + Hex.size(pageSize) + "; give at least one frame and fewer than 2^31");
        }
        return frames((int) count);
    }

    /**
     * The same machine with as many frames as pages touched (no replacement ever). Refused after
     * {@link #framesPerSpace}, which needs a finite memory.
     */
    public Machine unlimitedMemory() {
        if (settings.windowsWorkingSets()) {
            throw new IllegalArgumentException("unlimitedMemory(): the windowsWorkingSets() set earlier needs a finite "
                    + "memory; call windowsWorkingSets(false) first");
        }
        if (settings.framesPerSpace() > 0) {
            throw new IllegalArgumentException("unlimitedMemory(): the framesPerSpace(" + settings.framesPerSpace()
                    + ") set earlier needs a finite memory; call globalReplacement() first");
        }
        Settings s = settings;
        return with(s.layout(), 0, s.pageFileBytes(), s.commitLimitBytes(), s.policy(), s.tlbEntries());
    }

    /** The same machine with a page file of {@code size}; the commit limit is memory plus page file unless set. */
    public Machine pageFile(Size size) {
        Settings s = settings;
        return with(s.layout(), s.frames(), size.bytes(s.layout().pageSize()), s.commitLimitBytes(), s.policy(),
                s.tlbEntries());
    }

    /** The same machine with an explicit commit limit (what all its spaces may commit together). */
    public Machine commitLimit(Size size) {
        Settings s = settings;
        return with(s.layout(), s.frames(), s.pageFileBytes(), size.bytes(s.layout().pageSize()), s.policy(),
                s.tlbEntries());
    }

    /** The same machine with another replacement policy ({@code FIFO}, {@code LRU}, {@code CLOCK}, ...). */
    public Machine policy(Policy replacement) {
        if (replacement == null) {
            throw new IllegalArgumentException("policy is missing (null)");
        }
        Settings s = settings;
        if (s.windowsWorkingSets() && replacement.needsFuture()) {
            throw new IllegalArgumentException("policy(" + replacement.name() + "): the windowsWorkingSets() set "
                    + "earlier trims each process's own pages, which " + replacement.name() + "'s view of one "
                    + "trace's future cannot rank; choose another policy, or call windowsWorkingSets(false) first");
        }
        return with(s.layout(), s.frames(), s.pageFileBytes(), s.commitLimitBytes(), replacement, s.tlbEntries());
    }

    /** The same machine with a TLB of {@code entries} translations (a power of two; 0 for none). */
    public Machine tlb(int entries) {
        if (entries < 0 || (entries != 0 && Integer.bitCount(entries) != 1)) {
            throw new IllegalArgumentException("TLB entries must be 0 or a power of two, not " + entries);
        }
        requireTlb(entries);
        Settings s = settings;
        return with(s.layout(), s.frames(), s.pageFileBytes(), s.commitLimitBytes(), s.policy(), entries);
    }

    /**
     * The same machine accepting {@code PAGE_GUARD|PAGE_NOACCESS}, as Wine does; Windows (the default) refuses
     * it with error 87.
     */
    public Machine wineGuardRule(boolean accept) {
        return layout(layout().guardWithNoAccess(accept));
    }

    /**
     * The same machine giving each address space {@code count} frames of its own: fixed allocation with local
     * replacement, each space's policy choosing victims among its own frames only, instead of all spaces sharing
     * every frame ({@link #globalReplacement()}, the default). Its computer has room for {@code frames / count}
     * spaces; {@link #replay} and {@link #run} give their one program {@code count} frames. Set the frames first.
     */
    public Machine framesPerSpace(int count) {
        if (settings.windowsWorkingSets()) {
            throw new IllegalArgumentException("framesPerSpace(" + count + "): the windowsWorkingSets() set earlier "
                    + "gives each process a working set of its own; call windowsWorkingSets(false) first");
        }
        if (unlimited()) {
            throw new IllegalArgumentException("frames per space need a finite memory: set frames(n) or memory(size) first");
        }
        if (count < 1 || count > settings.frames()) {
            throw new IllegalArgumentException("frames per space must be between 1 and the machine's "
                    + settings.frames() + " frames, not " + count);
        }
        return withPerSpace(count);
    }

    /** The same machine with all its frames shared by its spaces (global replacement). */
    public Machine globalReplacement() {
        return withPerSpace(0);
    }

    private Machine withPerSpace(int count) {
        Settings s = settings;
        return new Machine(new Settings(s.layout(), s.frames(), s.pageFileBytes(), s.commitLimitBytes(), s.policy(),
                s.tlbEntries(), count, s.journalLimit(), s.windowsWorkingSets()));
    }

    /**
     * The same machine with Windows working sets (docs/windows-rules.md W4): each process (space) has a working set
     * between a minimum and a maximum (by default Windows' 50 and 345 pages, capped by the frames); a process at its
     * maximum trims a page, chosen by the machine's policy, from its own working set to the standby list (clean) or
     * the modified list (dirty); a touch of a page still on a list is a soft fault, with no page-file read; the
     * modified-page writer writes modified pages to the page file; a fault with no free frame repurposes the oldest
     * standby page. Textbook global replacement is the default. Needs a finite memory; set the frames first.
     *
     * <p>{@code machine().frames(64).windowsWorkingSets().boot()}
     */
    public Machine windowsWorkingSets() {
        return windowsWorkingSets(true);
    }

    /** The same machine with Windows working sets on or off (off: textbook replacement, the default). */
    public Machine windowsWorkingSets(boolean on) {
        Settings s = settings;
        if (on && unlimited()) {
            throw new IllegalArgumentException("windowsWorkingSets() needs a finite memory: set frames(n) or memory(size) first");
        }
        if (on && s.framesPerSpace() > 0) {
            throw new IllegalArgumentException("windowsWorkingSets(): the framesPerSpace(" + s.framesPerSpace()
                    + ") set earlier gives each space fixed frames; call globalReplacement() first");
        }
        if (on && s.policy().needsFuture()) {
            throw new IllegalArgumentException("windowsWorkingSets(): the policy(" + s.policy().name() + ") set "
                    + "earlier ranks pages by one trace's future, which cannot rank each process's own pages; "
                    + "choose another policy first");
        }
        return new Machine(new Settings(s.layout(), s.frames(), s.pageFileBytes(), s.commitLimitBytes(), s.policy(),
                s.tlbEntries(), s.framesPerSpace(), s.journalLimit(), on));
    }

    /** Whether this machine has Windows working sets ({@link #windowsWorkingSets()}) instead of textbook replacement. */
    public boolean workingSetsOn() {
        return settings.windowsWorkingSets();
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
        Settings s = settings;
        return new Machine(new Settings(s.layout(), s.frames(), s.pageFileBytes(), s.commitLimitBytes(), s.policy(),
                s.tlbEntries(), s.framesPerSpace(), events, s.windowsWorkingSets()));
    }

    /** The same machine whose spaces' journals keep every event (they grow until the heap is full). */
    public Machine unboundedJournal() {
        return journalLimit(Journal.UNBOUNDED);
    }

    // ---- running ----

    /**
     * Boots a fresh computer with this machine's frames, page file, clock and commit limit; the spaces made by its
     * {@link Computer#space()} share them.
     */
    public Computer boot() {
        return boot(null);
    }

    /** A fresh computer whose policy knows {@code futurePages} (OPT), or none. */
    Computer boot(long[] futurePages) {
        requireTlb(settings.tlbEntries());
        return new Computer(this, newMemory(futurePages));
    }

    /** A new address space on a freshly booted computer (see {@link #boot()} for spaces that share memory). */
    public AddressSpace space() {
        return boot().space();
    }

    private PhysicalMemory newMemory(long[] futurePages) {
        Settings s = settings;
        int pageSize = s.layout().pageSize();
        Policy policy = s.policy();
        if (unlimited()) {
            return SpaceAccess.newMemory(pageSize, PhysicalMemory.UNLIMITED, s.pageFileBytes() / pageSize,
                    s.commitLimitPages(), null);
        }
        int frames = s.frames();
        if (frames > policy.maxFrames()) {
            throw new IllegalArgumentException("frames " + frames + ": the " + policy.name() + " policy holds at most "
                    + policy.maxFrames() + " frames");
        }
        HostMemory.require(policy.heapBytes(frames), "frames " + frames + ": the " + policy.name() + " policy");
        if (policy.needsFuture() && futurePages == null) {
            throw new IllegalStateException("OPT needs the future of a trace: use replay(trace) or run(trace), "
                    + "not space()");
        }
        if (s.framesPerSpace() > 0) {
            return SpaceAccess.newMemory(pageSize, frames, s.pageFileBytes() / pageSize, s.commitLimitPages(),
                    s.framesPerSpace(), () -> futurePages == null ? policy.create() : policy.create(futurePages));
        }
        if (s.windowsWorkingSets()) { // policy() and windowsWorkingSets() refuse OPT with them
            return SpaceAccess.newWorkingSetMemory(pageSize, frames, s.pageFileBytes() / pageSize, s.commitLimitPages(),
                    policy::create);
        }
        ReplacementPolicy replacement = futurePages == null ? policy.create() : policy.create(futurePages);
        return SpaceAccess.newMemory(pageSize, frames, s.pageFileBytes() / pageSize, s.commitLimitPages(), replacement);
    }

    /**
     * Replays a trace through this machine's frames and policy on the fast path (no address space: pages, frames
     * and the policy only); every call starts from empty memory.
     */
    public ReplayResult replay(Trace trace) {
        requireFinite("replay");
        try {
            return Replay.of(trace).pageShift(layout().pageShift()).run(programFrames(), policy());
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
            return ReplaySteps.of(trace, layout().pageShift(), programFrames(), policy());
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
            return Replay.of(trace).pageShift(layout().pageShift()).curve(policy());
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
        HostMemory.require(VirtualMemory.tlbHeapBytes(entries), "tlb " + entries + ": a TLB of " + entries + " entries");
    }

    private void requireFinite(String what) {
        if (unlimited()) {
            throw new IllegalStateException(what + " needs a finite memory: say how much, e.g. machine().frames(3) or "
                    + "machine().memory(mb(1))");
        }
    }

    /** The frames one program gets: its space's own frames, or all of them. */
    int programFrames() {
        return settings.framesPerSpace() > 0 ? settings.framesPerSpace() : settings.frames();
    }

    // ---- settings ----

    /** Page size, granularity, user range, table levels and the guard rule. */
    public Layout layout() { return settings.layout(); }
    /** Bytes per page. */
    public int pageSize() { return settings.layout().pageSize(); }
    /** The number of physical frames, or empty for as many as pages touched ({@link #unlimited()}). */
    public OptionalInt frames() { return unlimited() ? OptionalInt.empty() : OptionalInt.of(settings.frames()); }
    /** Whether physical memory grows with the pages touched (no replacement). */
    public boolean unlimited() { return settings.unlimited(); }
    /** The replacement policy. */
    public Policy policy() { return settings.policy(); }
    /** The page file's size. */
    public Size pageFile() { return Size.bytes(settings.pageFileBytes()); }
    /** TLB entries, 0 for no TLB. */
    public int tlbEntries() { return settings.tlbEntries(); }
    /** The events each space's journal keeps, {@link Journal#UNBOUNDED} for all. */
    public int journalLimit() { return settings.journalLimit(); }
    /** Frames each space has to itself (local replacement), or 0 when spaces share all frames (global). */
    public int framesPerSpace() { return settings.framesPerSpace(); }

    /** The commit limit: as set, or memory plus page file (32 GiB for the default machine). */
    public Size commitLimit() {
        return Size.bytes(settings.commitLimitPages() * settings.layout().pageSize());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Machine m && m.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        Settings s = settings;
        int frames = s.frames();
        int pageSize = s.layout().pageSize();
        String mem = unlimited() ? "unlimited memory" : frames + (frames == 1 ? " frame" : " frames") + " ("
                + Hex.size((long) frames * pageSize) + ", " + s.policy()
                + (s.framesPerSpace() > 0 ? ", " + s.framesPerSpace() + " per space, local replacement" : "")
                + (s.windowsWorkingSets() ? ", Windows working sets" : "") + ")";
        int journalLimit = s.journalLimit();
        return "machine: " + Hex.size(pageSize) + " pages, " + mem + ", page file " + Hex.size(s.pageFileBytes())
                + ", commit limit " + commitLimit() + ", "
                + (s.tlbEntries() == 0 ? "no TLB" : s.tlbEntries() + "-entry TLB")
                + (journalLimit == Journal.DEFAULT_LIMIT ? "" : journalLimit == Journal.UNBOUNDED ? ", unbounded journal"
                : ", journal of the last " + journalLimit + " events");
    }
}
