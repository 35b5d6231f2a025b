package dev.pagelab.json;

import dev.pagelab.AddressSpace;
import dev.pagelab.engine.Allocation;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.TlbStats;
import dev.pagelab.engine.VirtualMemory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a {@link Snapshot} of address spaces that share a computer: its frames and counters, and each space's
 * reservations and pages, the pages that differ only in address joined into runs. {@link SnapshotCodec} writes and
 * reads them.
 *
 * <p>Page-table entries are decoded with the layout documented on the engine's {@code PageTable}: bits 0..10
 * protection, 12 present, 13 accessed, 14 dirty, 15 in the page file, 16 MEM_RESET, 21 locked, 22 on the standby or
 * modified list, 24..63 frame or slot.
 */
final class SnapshotCapture {
    private static final long PROT_MASK = 0x7FF;
    private static final long PRESENT = 1L << 12;
    private static final long ACCESSED = 1L << 13;
    private static final long DIRTY = 1L << 14;
    private static final long IN_FILE = 1L << 15;
    private static final long RESET = 1L << 16;
    private static final long LOCKED = 1L << 21;
    private static final long TRANSITION = 1L << 22;
    static final int FRAME_SHIFT = 24;

    private SnapshotCapture() {}

    static Snapshot take(List<AddressSpace> spaces) {
        if (spaces.isEmpty()) {
            throw new IllegalArgumentException("a snapshot needs at least one address space");
        }
        PhysicalMemory memory = SpaceAccess.memory(spaces.get(0).computer());
        Map<VirtualMemory, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < spaces.size(); i++) {
            VirtualMemory vm = SpaceAccess.engine(spaces.get(i));
            if (vm.memory() != memory) {
                throw new IllegalArgumentException("space " + i + " runs on another computer than space 0: a snapshot "
                        + "holds the spaces of one computer (machine.boot(), then its space())");
            }
            if (index.putIfAbsent(vm, i) != null) {
                throw new IllegalArgumentException("space " + i + " is space " + index.get(vm) + " again");
            }
        }
        int shift = spaces.get(0).machine().layout().pageShift();
        List<Snapshot.Frame> frames = new ArrayList<>();
        for (int f = 0; f < memory.framesTouched(); f++) {
            VirtualMemory owner = memory.owner(f);
            if (owner == null) {
                continue;
            }
            Integer space = index.get(owner);
            if (space == null) {
                throw new IllegalArgumentException("frame " + f + " holds a page of an address space that was not "
                        + "given; pass every space of the computer");
            }
            frames.add(new Snapshot.Frame(f, space, memory.page(f) << shift));
        }
        Snapshot.Memory mem = new Snapshot.Memory(memory.clock(), memory.references(), memory.commitCharge(),
                memory.framesInUse(), memory.framesTouched(), memory.pageFileInUse(), memory.demandZeroFaults(),
                memory.hardFaults(), memory.evictions(), memory.pageFileWrites(), frames);
        List<Snapshot.Space> list = new ArrayList<>();
        for (AddressSpace s : spaces) {
            list.add(space(SpaceAccess.engine(s)));
        }
        return new Snapshot(MachineCodec.asWritten(spaces.get(0).machine()), mem, list);
    }

    private static Snapshot.Space space(VirtualMemory vm) {
        int pageSize = vm.layout().pageSize();
        List<Snapshot.Reservation> reservations = new ArrayList<>();
        List<Snapshot.PageRun> pages = new ArrayList<>();
        byte[] buffer = new byte[pageSize];
        for (Allocation a : vm.allocations()) {
            reservations.add(new Snapshot.Reservation(a.base(), a.size(), a.protect(), a.type(), a.allocationType(),
                    a.committedPages()));
            Snapshot.PageRun run = null;
            for (long p = vm.nextCommitted(a.base(), a.end()); p < a.end(); p = vm.nextCommitted(p + pageSize, a.end())) {
                Snapshot.PageRun page = page(vm, p, buffer);
                if (run != null && mergeable(run, page, pageSize)) {
                    run = new Snapshot.PageRun(run.address(), run.count() + 1, run.protect(), run.accessed(), run.dirty(),
                            run.reset(), -1, -1, new byte[0]);
                    continue;
                }
                if (run != null) {
                    pages.add(run);
                }
                run = page;
            }
            if (run != null) {
                pages.add(run);
            }
        }
        int levels = vm.layout().levels();
        List<Long> tablePages = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            tablePages.add(vm.pageTablePages(l));
        }
        TlbStats tlb = vm.tlb();
        Snapshot.Counters counters = new Snapshot.Counters(vm.committedPages(), vm.residentPages(),
                vm.peakResidentPages(), vm.reads(), vm.writes(), vm.demandZeroFaults(), vm.hardFaults(),
                vm.accessViolations(), vm.guardPageFaults(), vm.evictions(), tablePages, tlb.entries(), tlb.hits(),
                tlb.misses(), tlb.flushes(), tlb.invalidated());
        return new Snapshot.Space(counters, reservations, pages);
    }

    private static Snapshot.PageRun page(VirtualMemory vm, long address, byte[] buffer) {
        long pte = vm.entry(address);
        // A page on the standby or modified list (Windows working sets) keeps its frame and its bytes there.
        boolean listed = (pte & TRANSITION) != 0;
        boolean present = (pte & PRESENT) != 0 || listed;
        boolean inFile = (pte & IN_FILE) != 0;
        byte[] contents = new byte[0];
        if (present || inFile) {
            vm.peek(address, buffer);
            int end = buffer.length;
            while (end > 0 && buffer[end - 1] == 0) {
                end--;
            }
            contents = java.util.Arrays.copyOf(buffer, end);
        }
        return new Snapshot.PageRun(address, 1, (int) (pte & PROT_MASK), (pte & ACCESSED) != 0, (pte & DIRTY) != 0,
                (pte & RESET) != 0, present ? (int) (pte >>> FRAME_SHIFT) : -1, inFile ? pte >>> FRAME_SHIFT : -1,
                contents, listed, (pte & LOCKED) != 0);
    }

    private static boolean mergeable(Snapshot.PageRun run, Snapshot.PageRun next, int pageSize) {
        return plain(run) && plain(next) && run.address() + run.count() * pageSize == next.address()
                && run.protect() == next.protect() && run.accessed() == next.accessed() && run.dirty() == next.dirty()
                && run.reset() == next.reset();
    }

    private static boolean plain(Snapshot.PageRun p) {
        return p.frame() < 0 && p.slot() < 0 && p.contents().length == 0;
    }
}
