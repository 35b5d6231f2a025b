package dev.pagelab;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.ReplayResult;
import dev.pagelab.trace.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A trace run as a program through a full address space: what {@link Machine#run} returns. It keeps the space
 * (its map, journal and counters stay to look at) and a {@link ReplayResult} with the same meaning as the fast
 * path's, so the two can be compared and drawn alike.
 *
 * <p>Page-number traces are placed from the lowest user address: page {@code p} is the page at
 * {@code 0x1_0000 + p * pageSize}. Address traces keep their addresses.
 */
public final class TraceRun {
    private static final int BATCH = 4096;
    private static final int MAX_BUCKETS = ReplayResult.MAX_BUCKETS;
    /**
     * Runs longer than this many references keep the journal for the commits but not for each fault and eviction
     * (two events per fault would outweigh the run); their counters and the result's timeline still count all.
     */
    public static final long JOURNAL_LIMIT = 1_000_000;

    private final AddressSpace space;
    private final ReplayResult result;
    private final long accessViolations;

    private TraceRun(AddressSpace space, ReplayResult result, long accessViolations) {
        this.space = space;
        this.result = result;
        this.accessViolations = accessViolations;
    }

    static TraceRun execute(Machine machine, Trace trace) {
        try {
            return run(machine, trace);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + trace.describe() + ": " + e.getMessage(), e);
        }
    }

    private static TraceRun run(Machine machine, Trace trace) throws IOException {
        int shift = machine.layout().pageShift();
        long base = machine.layout().minAddress();
        boolean pages = trace.pageNumbers();
        // Page numbers of a page trace run from the lowest user address up to the highest allocatable one.
        long pageLimit = (machine.layout().maxAddress() - machine.layout().granularity() - base) >>> shift;
        long[] values = new long[BATCH];
        byte[] kinds = new byte[BATCH];

        // Pass 1: the distinct pages (to commit them) and, for OPT, the future of every reference.
        PageSet distinct = new PageSet();
        long count = 0;
        long[] future = machine.policy().needsFuture() ? new long[1024] : null;
        try (ReferenceReader reader = trace.open()) {
            for (int n; (n = reader.read(values, kinds, BATCH)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    long address = address(values[i], pages, base, shift, pageLimit, count + i);
                    long vpn = address >>> shift;
                    distinct.add(vpn);
                    if (future != null) {
                        if (count + i >= future.length) {
                            future = Arrays.copyOf(future, (int) Math.min(Integer.MAX_VALUE - 8, future.length * 2L));
                        }
                        future[(int) (count + i)] = vpn;
                    }
                }
                count += n;
            }
        }
        if (future != null) {
            future = Arrays.copyOf(future, (int) count);
        }

        AddressSpace space = machine.boot(future).space();
        VirtualMemory vm = space.vm();
        commitPages(vm, distinct.sorted(), machine);

        // Pass 2: every reference through translation, protections, faults and (for a run of reasonable length)
        // the journal.
        // the journal. A journaled run keeps all its events: JOURNAL_LIMIT on references bounds them.
        vm.journal().limit(dev.pagelab.engine.Journal.UNBOUNDED);
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
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("run of " + trace.describe() + " interrupted after " + pass.done
                            + " references");
                }
                pass.run(values, kinds, n);
            }
        }
        long done = pass.done;
        long violations = pass.violations;
        long width = 1L << widthShift;
        long[] buckets = pass.buckets;
        ReplayResult result = ReplayResult.of(machine.policy().name(), machine.programFrames(), trace.describe(), done,
                vm.demandZeroFaults() + vm.hardFaults(), vm.evictions(), width, buckets);
        return new TraceRun(space, result, violations);
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
    private static void commitPages(VirtualMemory vm, long[] vpns, Machine machine) {
        int shift = machine.layout().pageShift();
        long gran = machine.layout().granularity();
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
            throw new MemoryException(error, "committing the trace's pages: " + vm.lastMessage());
        }
    }

    /** The address space after the run: its map, journal, TLB and counters. */
    public AddressSpace space() { return space; }
    /** The counts with the same meaning as {@link Machine#replay}'s. */
    public ReplayResult result() { return result; }
    public long references() { return result.references(); }
    /** Demand-zero plus hard faults. */
    public long faults() { return result.faults(); }
    public long hits() { return result.references() - result.faults() - accessViolations; }
    public long demandZeroFaults() { return space.vm().demandZeroFaults(); }
    public long hardFaults() { return space.vm().hardFaults(); }
    public long evictions() { return space.vm().evictions(); }
    /** Whether the space's journal holds every fault and eviction of the run (runs up to {@link #JOURNAL_LIMIT}). */
    public boolean journaled() { return space.vm().journal().enabled(); }
    /** References that raised an access violation (addresses outside the user range). */
    public long accessViolations() { return accessViolations; }

    @Override
    public String toString() {
        VirtualMemory vm = space.vm();
        return result.policy() + ", " + result.frames() + (result.frames() == 1 ? " frame" : " frames") + ", through an address space: "
                + result.references() + " references, " + result.faults() + " faults (" + vm.demandZeroFaults()
                + " demand-zero, " + vm.hardFaults() + " hard), " + vm.evictions() + " evictions, "
                + Hex.size(vm.memory().pageFileWrites() * (long) vm.layout().pageSize()) + " written to the page file"
                + (accessViolations > 0 ? ", " + accessViolations + " access violations" : "")
                + (journaled() ? "" : "; faults counted, not journaled (over " + JOURNAL_LIMIT + " references)");
    }
}
