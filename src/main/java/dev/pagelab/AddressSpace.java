package dev.pagelab;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Allocation;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.HostMemoryException;
import dev.pagelab.engine.JournalView;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.TlbStats;
import dev.pagelab.engine.VirtualMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A process's virtual address space with Windows semantics. Reserve regions, commit and protect pages in them,
 * read and write memory; faults come back as {@link Access} outcomes and land in the {@link #journal()}.
 * Refused operations throw {@link MemoryException} and change nothing.
 *
 * <p>{@code var s = space(); var r = s.reserve(kb(16)); r.commit(0, kb(4)).protect(READONLY); s}
 */
public final class AddressSpace {
    static {
        SpaceAccess.register(new SpaceAccess.Bridge() {
            @Override
            public VirtualMemory engine(Object space) {
                return ((AddressSpace) space).vm;
            }

            @Override
            public PhysicalMemory memory(Object computer) {
                return ((Computer) computer).memory();
            }
        });
    }

    private final Computer computer;
    private final VirtualMemory vm;
    /**
     * The lock of the computer's memory, shared by its spaces: every call of this space, its regions and pages
     * (and of the Win32 facade on it) holds it, so threads may share a space or a computer.
     */
    final Object lock;
    private final SpaceView view;

    AddressSpace(Computer computer, VirtualMemory vm) {
        this.computer = computer;
        this.vm = vm;
        this.lock = vm.memory();
        this.view = new LockedSpaceView(this);
    }

    // ---- reserving ----

    /** Reserves {@code size} (rounded up to pages) at the lowest free 64 KiB-aligned address; nothing is committed. */
    public Region reserve(Size size) {
        synchronized (lock) {
            return reserve(size, Protection.READWRITE);
        }
    }

    /** Reserves {@code size} with an allocation protection (what VirtualQuery reports as AllocationProtect). */
    public Region reserve(Size size, Protection protection) {
        return allocate(0, size, MEM_RESERVE, protection);
    }

    /** Reserves at {@code address}: the base rounds down to the granularity, the end up to a page. */
    public Region reserve(long address, Size size) {
        synchronized (lock) {
            return reserve(address, size, Protection.READWRITE);
        }
    }

    /** Reserves at {@code address} with an allocation protection. */
    public Region reserve(long address, Size size, Protection protection) {
        synchronized (lock) {
            requireAddress(address);
            return allocate(address, size, MEM_RESERVE, protection);
        }
    }

    /** Reserves at the highest free address (MEM_TOP_DOWN). */
    public Region reserveTopDown(Size size) {
        synchronized (lock) {
            return allocate(0, size, MEM_RESERVE | MEM_TOP_DOWN, Protection.READWRITE);
        }
    }

    /** Reserves and commits {@code size} read-write in one step, as {@code VirtualAlloc(NULL, size, MEM_COMMIT, PAGE_READWRITE)}. */
    public Region allocate(Size size) {
        synchronized (lock) {
            return allocate(size, Protection.READWRITE);
        }
    }

    /** Reserves and commits {@code size} with a protection. */
    public Region allocate(Size size, Protection protection) {
        return allocate(0, size, MEM_RESERVE | MEM_COMMIT, protection);
    }

    private Region allocate(long address, Size size, int type, Protection protection) {
        long bytes = bytes(size, "size");
        if (bytes == 0) {
            throw new IllegalArgumentException("cannot reserve 0 bytes: give a size of at least one byte");
        }
        check(vm.allocate(address, bytes, type, code(protection)));
        return new Region(this, vm.allocationAt(vm.result()));
    }

    // ---- sections ----

    /**
     * Maps a view of the whole {@code section} (MapViewOfFile) at the lowest free 64 KiB-aligned address:
     * {@code READONLY}, {@code READWRITE} or {@code WRITECOPY} (copy-on-write: a page's first write gives this space
     * a private copy). The view is a {@link Region} to read and write through; {@link #unmap} takes it away.
     * {@code var v = space.map(shm, READWRITE); v.write(0, 42)}
     */
    public Region map(Section section, Protection access) {
        return map(section, access, 0, null);
    }

    /**
     * Maps {@code size} bytes of {@code section} from {@code offset} (a multiple of the 64 KiB granularity); a null
     * size maps to the end of the section.
     */
    public Region map(Section section, Protection access, long offset, Size size) {
        if (section == null) {
            throw new IllegalArgumentException("section is missing (null): make one with computer.section(size)");
        }
        if (section.computer() != computer) {
            throw new IllegalArgumentException(section + " belongs to another computer; only the spaces of the computer "
                    + "that made it share it");
        }
        int fileMap = ViewAccess.fileMap(access);
        synchronized (lock) {
            long bytes = size == null ? 0 : bytes(size, "size");
            if (size != null && bytes == 0) {
                throw new IllegalArgumentException("a view of 0 bytes: give a size of at least one byte, or none for the rest");
            }
            check(vm.mapSection(section.engine(), fileMap, offset, bytes, 0));
            return new Region(this, vm.allocationAt(vm.result()));
        }
    }

    /** Unmaps a view this space's {@link #map} gave (UnmapViewOfFile); its private copies go with it. */
    public void unmap(Region view) {
        synchronized (lock) {
            if (view == null || view.space() != this) {
                throw new IllegalArgumentException("unmap needs a view of this space, not " + view);
            }
            check(vm.unmapView(view.base()));
        }
    }

    // ---- looking ----

    /** VirtualQuery: the run of pages from {@code address}'s page that share state, protection and allocation. */
    public MemoryRegion query(long address) {
        synchronized (lock) {
            MemoryRegion region = vm.query(address);
            if (region == null) {
                throw new MemoryException(vm.lastError(), vm.lastMessage());
            }
            return region;
        }
    }

    /** Every VirtualQuery region from address 0 to the top of the user range, free ones included, lowest first. */
    public List<MemoryRegion> queryAll() {
        synchronized (lock) {
            List<MemoryRegion> list = new ArrayList<>();
            long address = 0;
            long top = vm.layout().maxAddress();
            while (address < top) {
                MemoryRegion r = vm.query(address);
                list.add(r);
                address = r.end();
            }
            return list;
        }
    }

    /** Every reservation, lowest first. */
    public List<Region> regions() {
        synchronized (lock) {
            List<Region> list = new ArrayList<>();
            for (Allocation a : vm.allocations()) {
                list.add(new Region(this, a));
            }
            return list;
        }
    }

    /** The reservation holding {@code address}. */
    public Region region(long address) {
        synchronized (lock) {
            Allocation a = vm.allocationAt(address);
            if (a == null) {
                throw new IllegalArgumentException(Hex.address(address) + " is free: no reservation holds it");
            }
            return new Region(this, a);
        }
    }

    /** Everything about the page holding {@code address}, without touching it. */
    public PageInfo page(long address) {
        synchronized (lock) {
            return vm.page(address);
        }
    }

    // ---- accessing ----

    /** Reads one byte. */
    public Access read(long address) {
        return read(address, 1);
    }

    /** Reads {@code width} bytes (1, 2, 4 or 8), little-endian. */
    public Access read(long address, int width) {
        synchronized (lock) {
            return access(Access.Kind.READ, address, width, 0);
        }
    }

    /** Writes one byte ({@code value} from -128 to 255). */
    public Access write(long address, long value) {
        synchronized (lock) {
            if (value < -128 || value > 255) {
                throw new IllegalArgumentException("value " + value + " does not fit in one byte; use write(address, value, width)"
                        + " with width 2, 4 or 8");
            }
            return write(address, value, 1);
        }
    }

    /** Writes the low {@code width} bytes of {@code value} (width 1, 2, 4 or 8), little-endian. */
    public Access write(long address, long value, int width) {
        synchronized (lock) {
            return access(Access.Kind.WRITE, address, width, value);
        }
    }

    /** Fetches an instruction at {@code address} (execute access). */
    public Access execute(long address) {
        synchronized (lock) {
            return access(Access.Kind.EXECUTE, address, 1, 0);
        }
    }

    /** Touches the page holding {@code address} as a read, faulting it in, without reading data. */
    public Access touch(long address) {
        synchronized (lock) {
            return access(Access.Kind.TOUCH, address, 1, 0);
        }
    }

    Access access(Access.Kind kind, long address, int width, long value) {
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("access width " + width + " must be 1, 2, 4 or 8 bytes");
        }
        long demandBefore = vm.demandZeroFaults();
        long hardBefore = vm.hardFaults();
        long softBefore = vm.softFaults();
        int status;
        try {
            status = switch (kind) {
                case READ -> vm.read(address, width);
                case WRITE -> vm.write(address, width, value);
                case EXECUTE -> vm.execute(address);
                case TOUCH -> vm.reference(address, ACCESS_READ);
            };
        } catch (HostMemoryException e) {
            throw new MemoryException(ERROR_NOT_ENOUGH_MEMORY, e.getMessage());
        }
        Access.PageFault fault = vm.hardFaults() > hardBefore ? Access.PageFault.HARD
                : vm.demandZeroFaults() > demandBefore ? Access.PageFault.DEMAND_ZERO
                : vm.softFaults() > softBefore ? Access.PageFault.SOFT : Access.PageFault.NONE;
        if (status == 0) {
            long shown = kind == Access.Kind.READ ? vm.value() : kind == Access.Kind.WRITE ? value : 0;
            return new Access(kind, address, width, shown, Access.Outcome.OK, fault, 0, "");
        }
        return new Access(kind, address, width, value, Access.Outcome.of(status), fault, vm.faultAddress(),
                reason(status, vm.faultAddress(), vm.faultAccess()));
    }

    private String reason(int status, long at, int accessType) {
        PageInfo p = vm.page(at);
        if (status == STATUS_GUARD_PAGE_VIOLATION) {
            return "first touch of a guard page; the guard is now cleared, the " + accessName(accessType)
                    + " was not performed";
        }
        if (Long.compareUnsigned(at, vm.layout().maxAddress()) >= 0) {
            return Hex.address(at) + " is outside the user address space";
        }
        return switch (p.state()) {
            case MEM_FREE -> "page " + Hex.address(p.address()) + " is free (not reserved)";
            case MEM_RESERVE -> "page " + Hex.address(p.address()) + " is reserved, not committed";
            default -> article(Protection.shortName(p.protect())) + " page does not allow " + accessName(accessType);
        };
    }

    /** "a READONLY", "an EXECUTE": the article a protection's name takes. */
    private static String article(String name) {
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    // ---- heaps ----

    /**
     * The process's default heap, the one {@code malloc} and {@code GetProcessHeap} use, made on first use: a growable
     * heap reserving 1 MiB and committing one page.
     */
    public Heap heap() {
        synchronized (lock) {
            dev.pagelab.heap.ProcessHeaps heaps = dev.pagelab.heap.ProcessHeaps.of(vm);
            long handle = heaps.processHeap();
            if (handle == 0) {
                throw new MemoryException(heaps.error(), heaps.message());
            }
            return new Heap(this, handle);
        }
    }

    /** A new growable heap (HeapCreate(0, 0, 0)): it reserves 1 MiB and adds reservations as it fills. */
    public Heap createHeap() {
        return createHeap(Size.bytes(0L), Size.bytes(0L));
    }

    /**
     * A new heap (HeapCreate): {@code initial} committed at once (at least a page); a {@code maximum} of 0 makes it
     * growable, any other value fixes its size (reserved at once, blocks under 0x7FFF8 bytes).
     */
    public Heap createHeap(Size initial, Size maximum) {
        synchronized (lock) {
            dev.pagelab.heap.ProcessHeaps heaps = dev.pagelab.heap.ProcessHeaps.of(vm);
            long handle = heaps.create(0, bytes(initial, "initial size"), bytes(maximum, "maximum size"));
            if (handle == 0) {
                throw new MemoryException(heaps.error(), heaps.message());
            }
            return new Heap(this, handle);
        }
    }

    /** Every heap of this space now, the process heap among them once made, lowest handle first. */
    public List<Heap> heaps() {
        synchronized (lock) {
            List<Heap> list = new ArrayList<>();
            for (dev.pagelab.heap.HeapLayout l : dev.pagelab.heap.ProcessHeaps.of(vm).layouts()) {
                list.add(new Heap(this, l.handle()));
            }
            return list;
        }
    }

    // ---- working sets and locks (docs/windows-rules.md W4) ----

    /**
     * Locks the pages holding {@code [address, address + size)} into memory (VirtualLock): they are brought in and
     * never trimmed nor evicted until unlocked, decommitted or released. Returns this space.
     *
     * <p>{@code s.lock(r.base(), kb(8))}
     *
     * @throws MemoryException if a page is not committed or is NOACCESS (998), is an armed guard page (its guard is
     *                         cleared), or the lock would pass the quota of the working-set minimum (1453)
     */
    public AddressSpace lock(long address, Size size) {
        synchronized (lock) {
            long bytes = bytes(size, "size");
            try {
                check(vm.lock(address, bytes));
            } catch (HostMemoryException e) {
                throw new MemoryException(ERROR_NOT_ENOUGH_MEMORY, e.getMessage());
            }
            return this;
        }
    }

    /**
     * Unlocks the pages of a range (VirtualUnlock); every one must be locked. Returns this space.
     *
     * @throws MemoryException (158) if a page is not locked; as on Windows, the range's pages that are not locked
     *                         have then left the working set
     */
    public AddressSpace unlock(long address, Size size) {
        synchronized (lock) {
            check(vm.unlock(address, bytes(size, "size")));
            return this;
        }
    }

    /** Whether the page holding {@code address} is locked. */
    public boolean locked(long address) {
        synchronized (lock) {
            return vm.locked(address);
        }
    }

    /**
     * Sets this process's working-set minimum and maximum (SetProcessWorkingSetSize): a working set above the new
     * maximum is trimmed at once. Returns this space.
     *
     * <p>{@code s.workingSetSize(kb(80), kb(64))}
     *
     * @throws MemoryException (87) if the minimum is above the maximum, the maximum below 13 pages or above the
     *                         machine's frames; (1453) if the maximum cannot hold the locked pages and one more
     */
    public AddressSpace workingSetSize(Size minimum, Size maximum) {
        synchronized (lock) {
            check(vm.workingSetSize(bytes(minimum, "minimum"), bytes(maximum, "maximum")));
            return this;
        }
    }

    /** The working-set minimum (by default 50 pages, at most half the maximum). */
    public Size workingSetMinimum() {
        synchronized (lock) {
            return Size.bytes(vm.workingSetMinimum() * vm.layout().pageSize());
        }
    }

    /** The working-set maximum (by default 345 pages, at most the machine's frames). */
    public Size workingSetMaximum() {
        synchronized (lock) {
            return Size.bytes(vm.workingSetMaximum() * vm.layout().pageSize());
        }
    }

    /**
     * Empties the working set (EmptyWorkingSet): every page that is not locked goes to the standby or modified list
     * with Windows working sets, or out to the page file with textbook replacement. Returns this space.
     */
    public AddressSpace emptyWorkingSet() {
        synchronized (lock) {
            check(vm.workingSetSize(-1, -1));
            return this;
        }
    }

    // ---- what happened ----

    /** The faults and evictions so far. */
    public FaultLog faults() {
        synchronized (lock) {
            return new FaultLog(vm.journal(), vm.memory().windowsWorkingSets());
        }
    }

    /** Every operation, written value and fault, on the computer's logical clock (read-only). */
    public JournalView journal() {
        synchronized (lock) {
            return vm.journal();
        }
    }

    /**
     * This space's journal step by step: every call made again on a fresh computer, with the page map after each,
     * to watch the program line by line (a notebook shows a player). Taken now; it does not follow the space.
     *
     * @throws IllegalStateException if the journal cannot replay (it dropped events, misses reads, or holds more
     *                               than {@value History#MAX_STEPS} calls), saying why
     */
    public History history() {
        synchronized (lock) {
            return History.of(this);
        }
    }

    /**
     * Records successful reads, executes and touches in the journal too (the default), or, with {@code false},
     * only writes, operations and faults; a journal without its reads cannot be replayed. Returns this space.
     */
    public AddressSpace recordReads(boolean on) {
        synchronized (lock) {
            vm.journal().recordReads(on);
            return this;
        }
    }

    /** Committed memory (this space's commit charge). */
    public Size committed() {
        return Size.bytes(read(v -> v.committedPages() * v.layout().pageSize()));
    }

    /** Pages in physical frames now. */
    public long residentPages() {
        return read(VirtualMemory::residentPages);
    }

    /** The largest free block a reservation could take. */
    public Size largestFreeBlock() {
        return Size.bytes(read(VirtualMemory::largestFreeBlock));
    }

    /** Pages of page table this space holds now, all levels. */
    public long pageTablePages() {
        return read(VirtualMemory::pageTablePages);
    }

    /** Pages of page table this space holds at {@code level} (0 the top, one page there once anything is mapped). */
    public long pageTablePages(int level) {
        synchronized (lock) {
            int levels = vm.layout().levels();
            if (level < 0 || level >= levels) {
                throw new IllegalArgumentException("level " + level + ": this space's page table has levels 0 to "
                        + (levels - 1));
            }
            return vm.pageTablePages(level);
        }
    }

    /** This space's TLB counters now: entries, hits, misses, flushes. */
    public TlbStats tlb() {
        synchronized (lock) {
            return vm.tlb();
        }
    }

    /** A read-only view of this space, what pictures read; it follows the space as it changes. */
    public SpaceView view() {
        return view;
    }

    /** The engine behind this space, for the DSL's own classes. */
    VirtualMemory vm() {
        return vm;
    }

    /** One number read from the engine under the space's lock. */
    long read(ToLongFunction<VirtualMemory> what) {
        synchronized (lock) {
            return what.applyAsLong(vm);
        }
    }

    /** The machine this space's computer was booted from. */
    public Machine machine() {
        return computer.machine();
    }

    /** The computer this space runs on, whose frames it shares with the computer's other spaces. */
    public Computer computer() {
        return computer;
    }

    public int pageSize() {
        synchronized (lock) {
            return vm.layout().pageSize();
        }
    }

    // ---- helpers shared with Region and Pages ----

    void check(int error) {
        if (error != 0) {
            throw new MemoryException(error, vm.lastMessage());
        }
    }

    /** The Win32 code of a protection, refusing a missing one by name. */
    static int code(Protection protection) {
        if (protection == null) {
            throw new IllegalArgumentException("protection is missing (null): give one such as READWRITE or READONLY");
        }
        return protection.win32();
    }

    long bytes(Size size, String what) {
        if (size == null) {
            throw new IllegalArgumentException(what + " is missing (null)");
        }
        return size.bytes(vm.layout().pageSize());
    }

    private static void requireAddress(long address) {
        if (address == 0) {
            throw new IllegalArgumentException("address 0 (NULL) means 'anywhere': call reserve(size) instead");
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return TextMap.of(this);
        }
    }
}
