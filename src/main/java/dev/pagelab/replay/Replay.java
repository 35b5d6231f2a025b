package dev.pagelab.replay;

import dev.pagelab.engine.HostMemory;
import dev.pagelab.engine.ReplacementPolicy;
import dev.pagelab.internal.PageIds;
import dev.pagelab.policy.Opt;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.Trace;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Replays a {@link Trace} through a number of physical frames with a replacement policy, fast: batches of
 * references in primitive arrays, resident pages in a primitive hash map, nothing allocated per reference,
 * and a loop of its own for FIFO, LRU, CLOCK and OPT. Address traces are mapped to pages by a page shift
 * (default 12, 4 KiB pages). OPT reads the trace more than once: first for the next use of every reference
 * (on the heap for a trace in memory, in a memory-mapped scratch file for any other), then to replay.
 *
 * <pre>{@code
 * ReplayResult r = Replay.run(PageTrace.of(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5), 3, Policy.FIFO);
 * // FIFO, 3 frames: 12 references, 9 faults (75.0%)
 * MissRatioCurve lru = Replay.of(trace).curve(Policy.LRU);     // every memory size, one pass
 * }</pre>
 *
 * <p>A replay checks {@link Thread#interrupted()} every {@value #BATCH} references; when interrupted it sets the
 * interrupt status again and throws {@link ReplayInterruptedException} with the partial result. A
 * {@link Progress} listener, if given, hears every {@value #PROGRESS_EVERY} references and once at the end.
 *
 * <p>A {@code Replay} is an immutable set of options over one trace; every {@code run} starts from empty memory
 * with a fresh policy instance.
 */
public final class Replay {
    /** The default page shift: 4 KiB pages. */
    public static final int DEFAULT_PAGE_SHIFT = 12;
    /** Frame counts above this one have the trace's distinct pages counted before a replay allocates its tables. */
    public static final int COUNT_PAGES_ABOVE = 1 << 16;
    /** References read per batch, and between two interrupt checks. */
    public static final int BATCH = 4096;
    /** References between two progress reports. */
    public static final long PROGRESS_EVERY = 1 << 20;

    /** Hears how far a long replay has come. */
    @FunctionalInterface
    public interface Progress {
        /** {@code references} replayed so far, {@code faults} among them. */
        void update(long references, long faults);
    }

    private static final Progress SILENT = (references, faults) -> { };

    private final Trace trace;
    private final int pageShift;
    private final Progress progress;

    private Replay(Trace trace, int pageShift, Progress progress) {
        this.trace = trace;
        this.pageShift = pageShift;
        this.progress = progress;
    }

    /** Replays of {@code trace} with the default options. */
    public static Replay of(Trace trace) {
        return new Replay(Objects.requireNonNull(trace, "trace"), DEFAULT_PAGE_SHIFT, SILENT);
    }

    /** Shorthand for {@code Replay.of(trace).run(frames, policy)}. */
    public static ReplayResult run(Trace trace, int frames, Policy policy) throws IOException {
        return of(trace).run(frames, policy);
    }

    /** The same replays with {@code 2^shift}-byte pages for address traces (page-number traces ignore it). */
    public Replay pageShift(int shift) {
        if (shift < 0 || shift > 40) {
            throw new IllegalArgumentException("page shift " + shift + " is outside 0..40");
        }
        return new Replay(trace, shift, progress);
    }

    /** The same replays reporting to {@code listener}. */
    public Replay progress(Progress listener) {
        return new Replay(trace, pageShift, Objects.requireNonNull(listener, "listener"));
    }

    /** The same replays without progress reports (for the per-size replays of a curve, which run in parallel). */
    Replay silent() {
        return new Replay(trace, pageShift, SILENT);
    }

    public Trace trace() {
        return trace;
    }

    public int pageShift() {
        return pageShift;
    }

    /** The shift that turns the trace's values into page numbers. */
    int valueShift() {
        return trace.pageNumbers() ? 0 : pageShift;
    }

    /**
     * Replays the trace through {@code frames} frames with a fresh instance of {@code policy}. OPT computes the
     * next use of every reference first (an int per reference: on the heap for a {@link PageTrace}, else in a
     * scratch file that is deleted afterwards). A replay never uses more
     * frames than the trace has distinct pages, so above {@value #COUNT_PAGES_ABOVE} frames it counts them first
     * (a pass over the trace) and allocates for no more; a size whose tables the JVM cannot hold is refused with
     * an {@link IllegalArgumentException} naming it.
     */
    public ReplayResult run(int frames, Policy policy) throws IOException {
        return run(frames, policy, -1);
    }

    /** {@link #run(int, Policy)} on a trace of {@code pages} distinct pages, or -1 when they are not counted yet. */
    ReplayResult run(int frames, Policy policy, long pages) throws IOException {
        Objects.requireNonNull(policy, "policy");
        checkFrames(frames);
        int held = framesUsed(frames, pages);
        if (held > policy.maxFrames()) {
            throw new IllegalArgumentException("frames " + frames + ": the " + policy.name() + " replay holds at most "
                    + policy.maxFrames() + " frames");
        }
        HostMemory.require(ReplayLoops.heapBytes(policy, held), "frames " + frames + ": the " + policy.name() + " replay");
        switch (policy.kind()) {
            case FIFO:
                return drive(new ReplayLoops.FifoLoop(held, valueShift()), policy.name(), frames);
            case OPT:
                return runOpt(held, frames, !(trace instanceof PageTrace));
            default:
                return drive(ReplayLoops.of(policy.create(), held, valueShift()), policy.name(), frames);
        }
    }

    /**
     * OPT on {@code held} of {@code frames} frames, with the next uses on the heap, or in a memory-mapped scratch
     * file when {@code scratch} (file traces, whose length the heap need not hold).
     */
    ReplayResult runOpt(int held, int frames, boolean scratch) throws IOException {
        if (!scratch) {
            return drive(ReplayLoops.of(new Opt(nextUses()), held, valueShift()), "OPT", frames);
        }
        try (NextUseFile future = NextUseFile.write(this)) {
            return drive(ReplayLoops.of(future.policy(), held, valueShift()), "OPT", frames);
        }
    }

    /**
     * Replays the trace through {@code frames} frames with {@code policy}, an instance nobody else uses; it is
     * {@link ReplacementPolicy#reset reset} first. An {@link Opt} must have been made for this trace.
     */
    public ReplayResult run(int frames, ReplacementPolicy policy) throws IOException {
        Objects.requireNonNull(policy, "policy");
        checkFrames(frames);
        int held = framesUsed(frames, -1);
        HostMemory.require(PageFrameMap.heapBytes(held), "frames " + frames + ": the " + policy.name() + " replay");
        return drive(ReplayLoops.of(policy, held, valueShift()), policy.name(), frames);
    }

    /**
     * The frames a replay of {@code frames} frames can use: all of them, or, above {@value #COUNT_PAGES_ABOVE},
     * no more than the trace's distinct pages ({@code pages}, counted here when -1). With as many frames as pages
     * nothing is ever evicted, so fewer frames give the same replay.
     */
    private int framesUsed(int frames, long pages) throws IOException {
        if (frames <= COUNT_PAGES_ABOVE) {
            return frames;
        }
        long distinct = pages >= 0 ? pages : Curves.countPages(silent())[1];
        int used = (int) Math.max(1, Math.min(frames, distinct));
        if (used > PageFrameMap.MAX_FRAMES) {
            throw new IllegalArgumentException("frames " + frames + ": " + trace.describe() + " has " + distinct
                    + " distinct pages, and a replay holds at most " + PageFrameMap.MAX_FRAMES);
        }
        return used;
    }

    /**
     * The miss-ratio curve of {@code policy}: for LRU and OPT exact at every memory size from one pass over the
     * stack distances; for the other policies one replay per size of {@link MissRatioCurve#defaultSizes}, spread
     * over the processors. Curves check for interrupts like a replay, but make no progress reports.
     */
    public MissRatioCurve curve(Policy policy) throws IOException {
        Objects.requireNonNull(policy, "policy");
        switch (policy.kind()) {
            case LRU:
                return LruStack.curve(this);
            case OPT:
                return OptStack.curve(this);
            default:
                return Curves.simulate(this, policy, null);
        }
    }

    /**
     * The miss-ratio curve of {@code policy} at the given memory sizes, one replay per size spread over the
     * processors (for LRU and OPT the exact one-pass curve, which answers every size, is cheaper and is returned).
     */
    public MissRatioCurve curve(Policy policy, int... sizes) throws IOException {
        Objects.requireNonNull(policy, "policy");
        if (policy.isStackAlgorithm()) {
            return curve(policy);
        }
        return Curves.simulate(this, policy, sizes);
    }

    /**
     * The faults of {@code policy} at exactly {@code frameCounts} (ascending), one replay each: the points a chart
     * comparing policies at a few sizes draws, Belady's anomaly included. {@link #curve(Policy, int...)} may answer
     * more sizes than asked.
     */
    public MissRatioCurve faultsAt(Policy policy, int... frameCounts) throws IOException {
        Objects.requireNonNull(policy, "policy");
        return Curves.atSizes(this, policy, frameCounts);
    }

    /**
     * An approximate LRU miss-ratio curve from a spatial sample of the pages at {@code rate} (SHARDS: see
     * {@link Shards}), at {@link MissRatioCurve#defaultSizes} of the estimated distinct pages, or at {@code sizes}
     * when given. One pass over the trace; memory follows the sampled pages only, about {@code rate} times the
     * distinct pages. The estimated fault counts are rounded to whole references.
     *
     * @param rate the share of pages sampled, in {@code (0, 1]}; 1 gives the exact curve at those sizes
     * @throws IllegalArgumentException for a rate outside {@code (0, 1]}, or one at which no page of a non-empty
     *     trace is sampled
     */
    public MissRatioCurve sampledCurve(double rate, int... sizes) throws IOException {
        Shards.threshold(rate);
        return Shards.curve(this, rate, sizes == null || sizes.length == 0 ? null : sizes);
    }

    /** The number of distinct pages in the trace, counted in one pass. */
    public long distinctPages() throws IOException {
        return Curves.countPages(this)[1];
    }

    /** The working-set size W(t, tau) after every reference {@code t}: see {@link WorkingSet}. */
    public int[] workingSet(int tau) throws IOException {
        WorkingSet ws = new WorkingSet(tau);
        int[] sizes = new int[1024];
        int count = 0;
        long[] values = new long[BATCH];
        byte[] kinds = new byte[BATCH];
        int shift = valueShift();
        try (ReferenceReader reader = trace.open()) {
            int got;
            while ((got = reader.read(values, kinds, BATCH)) >= 0) {
                checkInterrupt("working set", count);
                if (count + got > sizes.length) {
                    sizes = java.util.Arrays.copyOf(sizes, grow(sizes.length, count + got));
                }
                for (int i = 0; i < got; i++) {
                    sizes[count++] = ws.add(values[i] >>> shift);
                }
            }
        }
        return java.util.Arrays.copyOf(sizes, count);
    }

    private ReplayResult drive(ReplayLoops loop, String name, int frames) throws IOException {
        long[] values = new long[BATCH];
        byte[] kinds = new byte[BATCH];
        FaultBuckets buckets = new FaultBuckets();
        long references = 0;
        long nextReport = PROGRESS_EVERY;
        try (ReferenceReader reader = trace.open()) {
            int got;
            while ((got = reader.read(values, kinds, BATCH)) >= 0) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    ReplayResult partial = result(loop, name, frames, buckets, references, false);
                    throw new ReplayInterruptedException("replay of " + trace.describe() + " with " + name
                            + " interrupted after " + String.format(Locale.ROOT, "%,d", references) + " references",
                            partial);
                }
                int i = 0;
                while (i < got) {
                    int n = buckets.room(references, got - i);
                    long before = loop.faults;
                    loop.run(values, kinds, i, i + n);
                    buckets.add(references, loop.faults - before);
                    references += n;
                    i += n;
                }
                if (references >= nextReport) {
                    progress.update(references, loop.faults);
                    nextReport = (references / PROGRESS_EVERY + 1) * PROGRESS_EVERY;
                }
            }
        }
        progress.update(references, loop.faults);
        return result(loop, name, frames, buckets, references, true);
    }

    private ReplayResult result(ReplayLoops loop, String name, int frames, FaultBuckets buckets, long references,
                                boolean complete) {
        return new ReplayResult(name, frames, trace.describe(), references, loop.faults, loop.evictions,
                buckets.width(), buckets.buckets(references), complete);
    }

    /**
     * The next-use array of the trace: for reference {@code i}, the index of the next reference to its page, or
     * {@link Opt#NEVER}.
     */
    int[] nextUses() throws IOException {
        // Forward: the dense id of every reference's page, in the array that will hold the next uses.
        int[] next = new int[1024];
        PageIds ids = new PageIds();
        long[] values = new long[BATCH];
        byte[] kinds = new byte[BATCH];
        int shift = valueShift();
        int count = 0;
        try (ReferenceReader reader = trace.open()) {
            int got;
            while ((got = reader.read(values, kinds, BATCH)) >= 0) {
                checkInterrupt("next-use pass", count);
                if ((long) count + got > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("OPT replays at most " + (Integer.MAX_VALUE - 16)
                            + " references; " + trace.describe() + " has more");
                }
                if (count + got > next.length) {
                    int length = grow(next.length, count + got);
                    HostMemory.require(4L * length, "OPT on " + trace.describe() + ": the next use of "
                            + length + " references");
                    next = java.util.Arrays.copyOf(next, length);
                }
                for (int i = 0; i < got; i++) {
                    next[count++] = ids.idOf(values[i] >>> shift);
                }
            }
        }
        // Backward: replace each id by the index of the next reference with the same id.
        int[] upcoming = new int[ids.size()];
        java.util.Arrays.fill(upcoming, Opt.NEVER);
        for (int i = count - 1; i >= 0; i--) {
            int id = next[i];
            next[i] = upcoming[id];
            upcoming[id] = i;
        }
        return count == next.length ? next : java.util.Arrays.copyOf(next, count);
    }

    /** What a pass over the trace does with each batch: {@code count} values, after {@code before} references. */
    @FunctionalInterface
    interface Batch {
        void take(long[] values, int count, long before) throws IOException;
    }

    /**
     * Reads the whole trace, {@value #BATCH} values at a time, checking for an interrupt of {@code what} before each
     * batch; returns the number of references. {@code batch} runs once per batch, so its loop over the values stays
     * the only per-reference code.
     */
    long eachBatch(String what, Batch batch) throws IOException {
        long[] values = new long[BATCH];
        byte[] kinds = new byte[BATCH];
        long references = 0;
        try (ReferenceReader reader = trace.open()) {
            int got;
            while ((got = reader.read(values, kinds, BATCH)) >= 0) {
                checkInterrupt(what, references);
                batch.take(values, got, references);
                references += got;
            }
        }
        return references;
    }

    void checkInterrupt(String what, long references) {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new ReplayInterruptedException(what + " of " + trace.describe() + " interrupted after "
                    + String.format(Locale.ROOT, "%,d", references) + " references", null);
        }
    }

    static int grow(int length, long needed) {
        long size = Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, 2L * length));
        return (int) Math.min(size, Integer.MAX_VALUE - 16L);
    }

    private static void checkFrames(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("a replay needs at least 1 frame, not " + frames);
        }
    }

    @Override
    public String toString() {
        return "replay of " + trace.describe() + (trace.pageNumbers() ? "" : ", " + (1L << pageShift) + "-byte pages");
    }
}
