package dev.pagelab;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.replay.EngineReplay;
import dev.pagelab.replay.ReplayResult;
import dev.pagelab.trace.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A trace run as a program through a full address space: what {@link Machine#run} returns. It keeps the space
 * (its map, journal and counters stay to look at) and a {@link ReplayResult} with the same meaning as the fast
 * path's, so the two can be compared and drawn alike. The run itself is {@link EngineReplay}'s.
 *
 * <p>Page-number traces are placed from the lowest user address: page {@code p} is the page at
 * {@code 0x1_0000 + p * pageSize}. Address traces keep their addresses.
 */
public final class TraceRun {
    /**
     * Runs longer than this many references keep the journal for the commits but not for each fault and eviction
     * (two events per fault would outweigh the run); their counters and the result's timeline still count all.
     */
    public static final long JOURNAL_LIMIT = EngineReplay.JOURNAL_LIMIT;

    private final AddressSpace space;
    private final VirtualMemory vm;
    private final ReplayResult result;
    private final long accessViolations;

    private TraceRun(AddressSpace space, VirtualMemory vm, ReplayResult result, long accessViolations) {
        this.space = space;
        this.vm = vm;
        this.result = result;
        this.accessViolations = accessViolations;
    }

    static TraceRun execute(Machine machine, Trace trace) {
        EngineReplay.Outcome run;
        AddressSpace[] space = new AddressSpace[1];
        try {
            run = EngineReplay.run(trace, machine.layout(), machine.policy(), machine.programFrames(), future -> {
                space[0] = machine.boot(future).space();
                return space[0].vm();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + trace.describe() + ": " + e.getMessage(), e);
        } catch (EngineReplay.CommitRefused e) {
            throw new MemoryException(e.error(), e.getMessage());
        }
        return new TraceRun(space[0], run.memory(), run.result(), run.accessViolations());
    }

    /** The address space after the run: its map, journal, TLB and counters. */
    public AddressSpace space() { return space; }
    /** The counts with the same meaning as {@link Machine#replay}'s. */
    public ReplayResult result() { return result; }
    public long references() { return result.references(); }
    /** Demand-zero plus hard faults. */
    public long faults() { return result.faults(); }
    public long hits() { return result.references() - result.faults() - accessViolations; }
    public long demandZeroFaults() { return vm.demandZeroFaults(); }
    public long hardFaults() { return vm.hardFaults(); }
    public long evictions() { return vm.evictions(); }
    /** Whether the space's journal holds every fault and eviction of the run (runs up to {@link #JOURNAL_LIMIT}). */
    public boolean journaled() { return vm.journal().enabled(); }
    /** References that raised an access violation (addresses outside the user range). */
    public long accessViolations() { return accessViolations; }

    @Override
    public String toString() {
        // Two lines of under 100 characters, so that an output area breaks neither in the middle of a word.
        return result.policy() + ", " + result.frames() + (result.frames() == 1 ? " frame" : " frames") + ", through an address space: "
                + result.references() + (result.references() == 1 ? " reference" : " references") + "\n"
                + result.faults() + (result.faults() == 1 ? " fault" : " faults") + " (" + vm.demandZeroFaults()
                + " demand-zero, " + vm.hardFaults() + " hard), " + vm.evictions() + (vm.evictions() == 1 ? " eviction" : " evictions")
                + ", " + Hex.size(vm.memory().pageFileWrites() * (long) vm.layout().pageSize()) + " written to the page file"
                + (accessViolations > 0 ? ", " + accessViolations + (accessViolations == 1 ? " access violation" : " access violations") : "")
                + (journaled() ? "" : "; faults counted, not journaled (over " + JOURNAL_LIMIT + " references)");
    }
}
