package dev.pagelab.replay;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Journal;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.internal.PageSet;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.Trace;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * Replays a trace as a program through a full paging engine, where {@link Replay} runs the fast loops: every page
 * the trace touches is committed first (read, write and execute allowed), then each reference goes through
 * translation, the TLB, protections, faults and the journal. The {@link ReplayResult} has the same meaning as
 * {@link Replay}'s, so the two can be compared and drawn alike. The DSL's {@code machine.run(trace)} is built on it.
 *
 * <p>Page-number traces are placed from the lowest user address: page {@code p} is the page at
 * {@code 0x1_0000 + p * pageSize}. Address traces keep their addresses.
 */
public final class EngineReplay {
    private static final int BATCH = 4096;
    private static final int MAX_BUCKETS = ReplayResult.MAX_BUCKETS;
    /**
     * Runs longer than this many references keep the journal for the commits but not for each fault and eviction
     * (two events per fault would outweigh the run); their counters and the result's timeline still count all.
     */
    public static final long JOURNAL_LIMIT = 1_000_000;

    private EngineReplay() {}

    /**
     * What a run leaves: the engine it ran on (its map, journal and counters stay to look at), the counts, and the
     * references that raised an access violation.
     */
    public record Outcome(VirtualMemory memory, ReplayResult result, long accessViolations) {}

    /** The engine refused to commit a page the trace touches; {@link #error()} is the Win32 error code. */
    public static final class CommitRefused extends IllegalStateException {
        private final int error;

        CommitRefused(int error, String message) {
            super(message);
            this.error = error;
        }

        /** The Win32 error code, as GetLastError would give it. */
        public int error() {
            return error;
        }
    }

    /**
     * Runs {@code trace} on the engine {@code boot} makes, with {@code frames} program frames under {@code policy}.
     * {@code boot} receives the virtual page of every reference when the policy needs the future (OPT), else
     * {@code null}.
     *
     * @throws ReplayInterruptedException when the thread is interrupted (its status set again), with what was
     *         counted so far
     * @throws CommitRefused when the engine cannot commit the trace's pages
     */
    public static Outcome run(Trace trace, Layout layout, Policy policy, int frames,
                              Function<long[], VirtualMemory> boot) throws IOException {
        int shift = layout.pageShift();
        long base = layout.minAddress();
        boolean pages = trace.pageNumbers();
        // Page numbers of a page trace run from the lowest user address up to the highest allocatable one.
        long pageLimit = (layout.maxAddress() - layout.granularity() - base) >>> shift;
        long[] values = new long[BATCH];
        byte[] kinds = new byte[BATCH];

        // Pass 1: the distinct pages (to commit them) and, for OPT, the future of every reference.
        PageSet distinct = new PageSet();
        long count = 0;
        Pages future = policy.needsFuture() ? new Pages() : null;
        try (ReferenceReader reader = trace.open()) {
            for (int n; (n = reader.read(values, kinds, BATCH)) > 0; ) {
                if (Thread.interrupted()) {
                    throw interrupted(trace, policy, frames, 0, 0, 0, 1, new long[0],
                            " (while finding its pages, " + String.format(Locale.ROOT, "%,d", count) + " read)");
                }
                for (int i = 0; i < n; i++) {
                    long address = address(values[i], pages, base, shift, pageLimit, count + i);
                    long vpn = address >>> shift;
                    distinct.add(vpn);
                    if (future != null) {
                        future.add(vpn);
                    }
                }
                count += n;
            }
        }
        VirtualMemory vm = boot.apply(future == null ? null : future.toArray());
        commitPages(vm, distinct.sorted(), layout);

        // Pass 2: every reference through translation, protections, faults and (for a run of reasonable length)
        // the journal. A journaled run keeps all its events: JOURNAL_LIMIT on references bounds them.
        vm.journal().limit(Journal.UNBOUNDED);
        vm.journal().enabled(count <= JOURNAL_LIMIT);
        int widthShift = 0;
        while ((count + (1L << widthShift) - 1) >>> widthShift > MAX_BUCKETS) {
            widthShift++;
        }
        Pass pass = new Pass(vm, pages, base, shift, pageLimit,
                new long[(int) Math.max(1, (count + (1L << widthShift) - 1) >>> widthShift)], widthShift);
        try (ReferenceReader reader = trace.open()) {
            for (int n; (n = reader.read(values, kinds, BATCH)) > 0; ) {
                if (Thread.interrupted()) {
                    long used = (pass.done + (1L << widthShift) - 1) >>> widthShift;
                    throw interrupted(trace, policy, frames, pass.done, faults(vm), vm.evictions(), 1L << widthShift,
                            Arrays.copyOf(pass.buckets, (int) used), "");
                }
                pass.run(values, kinds, n);
            }
        }
        ReplayResult result = ReplayResult.of(policy.name(), frames, trace.describe(), pass.done, faults(vm),
                vm.evictions(), 1L << widthShift, pass.buckets);
        return new Outcome(vm, result, pass.violations);
    }

    /**
     * The page of every reference, for OPT, in blocks of {@value #BLOCK} that are copied once, into the array the
     * policy is made from, rather than into an array doubled as it grows.
     */
    private static final class Pages {
        static final int BLOCK = 1 << 20;
        private long[][] blocks = new long[16][];
        private long[] block = new long[BLOCK];
        private int blockCount;
        private int used;
        private long size;

        void add(long page) {
            if (used == BLOCK) {
                if (size + 1 > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("OPT looks ahead over at most " + (Integer.MAX_VALUE - 8)
                            + " references of a trace run through an address space");
                }
                if (blockCount == blocks.length) {
                    blocks = Arrays.copyOf(blocks, 2 * blockCount);
                }
                blocks[blockCount++] = block;
                block = new long[BLOCK];
                used = 0;
            }
            block[used++] = page;
            size++;
        }

        long[] toArray() {
            long[] all = new long[(int) size];
            for (int b = 0; b < blockCount; b++) {
                System.arraycopy(blocks[b], 0, all, b * BLOCK, BLOCK);
            }
            System.arraycopy(block, 0, all, blockCount * BLOCK, used);
            return all;
        }
    }

    /** The exception for an interrupt, the thread's status set again, with the partial result counted so far. */
    private static ReplayInterruptedException interrupted(Trace trace, Policy policy, int frames, long done,
                                                          long faults, long evictions, long width, long[] buckets,
                                                          String where) {
        Thread.currentThread().interrupt();
        ReplayResult partial = new ReplayResult(policy.name(), frames, trace.describe(), done, faults, evictions, width,
                buckets, false);
        return new ReplayInterruptedException("run of " + trace.describe() + " with " + policy.name()
                + " interrupted after " + String.format(Locale.ROOT, "%,d", done) + " references" + where, partial);
    }

    private static long faults(VirtualMemory vm) {
        return vm.demandZeroFaults() + vm.hardFaults();
    }

    /**
     * The second pass, a batch at a time: a method of its own, called once per batch, so that the compiler
     * optimises it as a whole rather than as a loop entered once.
     */
    private static final class Pass {
        final VirtualMemory vm;
        final boolean pages;
        final long base;
        final int shift;
        final long pageLimit;
        final long[] buckets;
        final int widthShift;
        long done;
        long violations;

        Pass(VirtualMemory vm, boolean pages, long base, int shift, long pageLimit, long[] buckets, int widthShift) {
            this.vm = vm;
            this.pages = pages;
            this.base = base;
            this.shift = shift;
            this.pageLimit = pageLimit;
            this.buckets = buckets;
            this.widthShift = widthShift;
        }

        void run(long[] values, byte[] kinds, int n) {
            VirtualMemory space = vm;
            long index = done;
            long faults = space.demandZeroFaults() + space.hardFaults();
            for (int i = 0; i < n; i++) {
                long address = address(values[i], pages, base, shift, pageLimit, index);
                int type = kinds[i] == ReferenceReader.WRITE ? ACCESS_WRITE
                        : kinds[i] == ReferenceReader.EXECUTE ? ACCESS_EXECUTE : ACCESS_READ;
                if (space.touch(address, type) != 0) {
                    violations++;
                }
                long now = space.demandZeroFaults() + space.hardFaults();
                buckets[(int) (index >>> widthShift)] += now - faults;
                faults = now;
                index++;
            }
            done = index;
        }
    }

    private static long address(long value, boolean pages, long base, int shift, long limit, long index) {
        if (!pages) {
            return value;
        }
        if (value < 0 || value >= limit) {
            throw new IllegalArgumentException("reference " + index + ": page number " + value
                    + " does not fit in the user range of " + limit + " pages");
        }
        return base + (value << shift);
    }

    /** Reserves every granule the trace touches (pages sorted) and commits its pages (read, write and execute allowed), in runs. */
    private static void commitPages(VirtualMemory vm, long[] vpns, Layout layout) {
        int shift = layout.pageShift();
        long gran = layout.granularity();
        int i = 0;
        while (i < vpns.length) {
            int j = i + 1;
            while (j < vpns.length && vpns[j] == vpns[j - 1] + 1) {
                j++;
            }
            long start = vpns[i] << shift;
            long end = (vpns[j - 1] + 1) << shift;
            // One reservation per 64 KiB granule, as a program's allocations would be; commit the run in each.
            for (long g = start & -gran; g < end; g += gran) {
                if (vm.allocationAt(g) == null) {
                    require(vm, vm.allocate(g, gran, MEM_RESERVE, PAGE_EXECUTE_READWRITE));
                }
                long from = Math.max(start, g);
                long to = Math.min(end, g + gran);
                require(vm, vm.allocate(from, to - from, MEM_COMMIT, PAGE_EXECUTE_READWRITE));
            }
            i = j;
        }
    }

    private static void require(VirtualMemory vm, int error) {
        if (error != 0) {
            throw new CommitRefused(error, "committing the trace's pages: " + vm.lastMessage());
        }
    }
}
