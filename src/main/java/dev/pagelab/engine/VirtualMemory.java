package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static dev.pagelab.engine.PageTable.*;

import java.util.List;

/**
 * One address space with Windows semantics: the VirtualAlloc family (allocate, free, protect, query) and
 * memory accesses with their faults. Operations return a Win32 error code (0 on success) and leave their
 * outputs in {@link #result()}; a failed operation changes nothing but the clock, the journal and
 * {@link #lastError()}/{@link #lastMessage()}. Accesses return 0 or an exception status; they are made by the
 * space's {@code Mmu}, which this class hands them to, and counted in its {@code Counters}.
 *
 * <p>State: reservations in a tree by base address; pages in a {@link PageTable} whose entries pack state,
 * protection, residency and frame; a page that is reserved has a zero entry and lies inside an allocation,
 * so a reservation of any size costs one tree node. Frames, the page file, the commit charge and the clock
 * belong to the machine's {@link PhysicalMemory}, shared by its spaces.
 */
public final class VirtualMemory {

    private final Layout layout;
    private final PhysicalMemory memory;
    private final PageTable table;
    private final Tlb tlb;
    private final Journal journal = new Journal();
    private final Reservations allocations;
    private final int shift;
    private final long pageMask;
    private final long maxAddress;
    private final long allocationLimit;
    private final long keyPrefix;

    private final FramePool framePool;
    private final Counters counters = new Counters();
    private final Mmu mmu;
    private final SectionCalls sections;
    private final SectionJournal journaled;
    private final AllocateCalls allocating;

    private int lastError;
    private String lastMessage = "";
    private long result;

    /** A space on {@code memory} with the given geometry and a TLB of {@code tlbEntries} (0 for none). */
    VirtualMemory(Layout layout, PhysicalMemory memory, int tlbEntries) {
        if (layout.pageSize() != memory.pageSize()) {
            throw new IllegalArgumentException("the space's page size " + Hex.size(layout.pageSize())
                    + " differs from the machine's frame size " + Hex.size(memory.pageSize()));
        }
        this.layout = layout;
        this.memory = memory;
        this.table = new PageTable(layout.levels(), layout.bitsPerLevel());
        this.tlb = new Tlb(tlbEntries);
        this.shift = layout.pageShift();
        this.pageMask = layout.pageSize() - 1L;
        this.maxAddress = layout.maxAddress();
        this.allocationLimit = layout.maxAddress() - layout.granularity();
        this.allocations = new Reservations(layout, allocationLimit);
        int number = memory.register();
        this.keyPrefix = (long) number << 52;
        this.framePool = memory.pool(number);
        this.mmu = new Mmu(this, framePool, table, tlb, journal, counters);
        this.sections = new SectionCalls(this, table, tlb, counters);
        this.journaled = new SectionJournal(this, sections);
        this.allocating = new AllocateCalls(this, table, tlb, counters, sections, allocations);
        memory.registerWorkingSet(this, number);
    }

    /** The space's number on its memory (the order spaces were made in). */
    int number() {
        return (int) (keyPrefix >>> 52);
    }

    /** The frames this space takes from. */
    FramePool framePool() {
        return framePool;
    }

    /** The access path, for the memory evicting one of this space's pages. */
    Mmu mmu() {
        return mmu;
    }

    /** A key for a page that tells the spaces sharing a memory apart (for page-aware policies). */
    long pageKey(long vpn) {
        return keyPrefix ^ vpn;
    }

    // ------------------------------------------------------------------------------------------------
    // VirtualAlloc

    /**
     * VirtualAlloc. On success returns 0 and {@link #result()} is the base of what was reserved or committed;
     * otherwise a Win32 error code, and nothing changed.
     */
    public int allocate(long address, long size, int type, int protect) {
        long now = memory.tick();
        int error = allocating.allocate(address, size, type, protect);
        journal.append(now, JournalKind.ALLOCATE, address, size, type, error, error == 0 ? result : 0, protect);
        return error;
    }

    // ------------------------------------------------------------------------------------------------
    // VirtualFree

    /** VirtualFree with MEM_DECOMMIT or MEM_RELEASE; returns 0 or a Win32 error code. */
    public int free(long address, long size, int freeType) {
        long now = memory.tick();
        int error = doFree(address, size, freeType);
        journal.append(now, JournalKind.FREE, address, size, freeType, error, 0);
        return error;
    }

    private int doFree(long address, long size, int freeType) {
        if (freeType != MEM_DECOMMIT && freeType != MEM_RELEASE) {
            return fail(ERROR_INVALID_PARAMETER, "free type 0x" + Integer.toHexString(freeType)
                    + " must be exactly MEM_DECOMMIT (0x4000) or MEM_RELEASE (0x8000)");
        }
        String what = freeType == MEM_RELEASE ? "MEM_RELEASE" : "MEM_DECOMMIT";
        if (freeType == MEM_RELEASE && size != 0) {
            return fail(ERROR_INVALID_PARAMETER, "MEM_RELEASE takes size 0 (the whole allocation), not " + Long.toUnsignedString(size));
        }
        // NULL is no special case: like any address that is not allocated it gives 487 on Windows (Wine says 87).
        if (Long.compareUnsigned(address, maxAddress) >= 0) {
            return fail(ERROR_INVALID_PARAMETER, what + " at " + Hex.address(address) + ", above the user range "
                    + Hex.range(layout.minAddress(), maxAddress));
        }
        Allocation allocation = allocationAt(address & ~pageMask);
        if (allocation == null) {
            return fail(ERROR_INVALID_ADDRESS, what + " at " + Hex.address(address) + ": the address is free, not allocated");
        }
        if (allocation.isView()) {
            return fail(ERROR_INVALID_PARAMETER, what + " at " + Hex.address(address) + ": it lies in " + allocation
                    + ", which only UnmapViewOfFile frees"); // docs/windows-rules.md S-11
        }
        if (size == 0) {
            if ((address & ~pageMask) != allocation.base()) {
                return fail(ERROR_INVALID_ADDRESS, what + " with size 0 at " + Hex.address(address)
                        + " is not at the allocation base " + Hex.address(allocation.base()));
            }
            decommitRange(allocation, allocation.base(), allocation.end());
            if (freeType == MEM_RELEASE) {
                allocations.remove(allocation);
            }
            return ok();
        }
        long endByte = address + size;
        if (Long.compareUnsigned(endByte, address) < 0) {
            return fail(ERROR_INVALID_PARAMETER, what + " range wraps around the end of the address space");
        }
        long base = address & ~pageMask;
        long end = roundUpPage(endByte);
        if (end > allocation.end() || end <= base) {
            return fail(ERROR_INVALID_PARAMETER, what + " " + Hex.range(base, end) + " runs past the allocation "
                    + Hex.range(allocation.base(), allocation.end()));
        }
        decommitRange(allocation, base, end);
        return ok();
    }

    private void decommitRange(Allocation allocation, long base, long end) {
        long removed = mmu.decommit(base >>> shift, end >>> shift);
        if (removed > 0) {
            memory.uncharge(removed);
            allocation.committedPages -= removed;
            counters.committedPages -= removed;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // VirtualProtect

    /** VirtualProtect; on success returns 0 and {@link #result()} is the first page's old protection. */
    public int protect(long address, long size, int newProtect) {
        long now = memory.tick();
        int error = doProtect(address, size, newProtect);
        journal.append(now, JournalKind.PROTECT, address, size, newProtect, error, error == 0 ? result : 0);
        return error;
    }

    private int doProtect(long address, long size, int newProtect) {
        String bad = Rules.protection(newProtect, layout.guardWithNoAccess());
        boolean writeCopy = (newProtect & 0xFF) == PAGE_WRITECOPY || (newProtect & 0xFF) == PAGE_EXECUTE_WRITECOPY;
        if (bad != null && writeCopy) {
            // Write-copy is for mapped views (S-15): checked as its writable twin until the pages are known.
            int twin = (newProtect & ~0xFF) | ((newProtect & 0xFF) == PAGE_WRITECOPY ? PAGE_READWRITE : PAGE_EXECUTE_READWRITE);
            bad = Rules.protection(twin, layout.guardWithNoAccess());
            if (bad == null) {
                Allocation at = Long.compareUnsigned(address, maxAddress) < 0 ? allocationAt(address & ~pageMask) : null;
                if (at == null || !at.isView()) {
                    bad = Flags.protectionName(newProtect & 0xFF) + " is only valid for mapped views, not private memory";
                }
            }
        }
        if (bad != null) {
            return fail(ERROR_INVALID_PARAMETER, bad);
        }
        if (size == 0) {
            return fail(ERROR_INVALID_PARAMETER, "VirtualProtect of size 0 at " + Hex.address(address));
        }
        if (Long.compareUnsigned(address, maxAddress) >= 0) {
            return fail(ERROR_INVALID_PARAMETER, "VirtualProtect at " + Hex.address(address) + ", above the user range");
        }
        long endByte = address + size;
        if (Long.compareUnsigned(endByte, address) < 0 || Long.compareUnsigned(endByte, maxAddress) > 0) {
            return fail(ERROR_INVALID_PARAMETER, "VirtualProtect range at " + Hex.address(address) + " of "
                    + Long.toUnsignedString(size) + " bytes runs past the end of the user range");
        }
        long base = address & ~pageMask;
        long end = roundUpPage(endByte);
        Allocation allocation = allocationAt(base);
        if (allocation == null) {
            return fail(ERROR_INVALID_ADDRESS, "protect " + Hex.range(base, end) + ": " + Hex.address(base) + " is free");
        }
        // Windows: STATUS_CONFLICTING_ADDRESSES, 487 (Wine fails its view lookup and says 87).
        if (end > allocation.end()) {
            return fail(ERROR_INVALID_ADDRESS, "protect " + Hex.range(base, end) + " runs past the allocation "
                    + Hex.range(allocation.base(), allocation.end()));
        }
        long first = base >>> shift;
        long last = end >>> shift;
        for (long vpn = first; vpn < last; vpn++) {
            if (table.get(vpn) == 0) {
                return fail(ERROR_INVALID_ADDRESS, "protect " + Hex.range(base, end) + ": page "
                        + Hex.address(vpn << shift) + " is reserved, not committed");
            }
        }
        if (allocation.isView()) {
            return sections.protect(allocation, first, last, newProtect);
        }
        int old = (int) (table.get(first) & PROT_MASK);
        int effective = Rules.effective(newProtect, allocation);
        long bits = effective | Rules.allowed(effective);
        for (long vpn = first; vpn < last; vpn++) {
            table.set(vpn, (table.get(vpn) & ~(PROT_MASK | ALLOW_MASK)) | bits);
        }
        tlb.flush(first, last);
        result = old;
        return ok();
    }

    /** Whether {@code protect} is a valid protection for private memory on this space's rules. */
    public boolean acceptsProtection(int protect) {
        return Rules.protection(protect, layout.guardWithNoAccess()) == null;
    }

    // ------------------------------------------------------------------------------------------------
    // Sections and views (docs/windows-rules.md, section S), each journaled by SectionJournal

    /**
     * CreateFileMapping backed by the page file ({@code file} must be -1, INVALID_HANDLE_VALUE). Returns 0 with the new
     * handle in {@link #result()}; ERROR_ALREADY_EXISTS with a handle to the section already named {@code name} (a
     * success); or an error, and nothing changed.
     */
    public int createSection(long file, int protect, long size, String name) { return journaled.create(file, protect, size, name); }
    /** OpenFileMapping: 0 with a handle of {@code access} to the section named {@code name}, or an error. */
    public int openSection(int access, String name) { return journaled.open(access, name); }
    /** MapViewOfFileEx through {@code handle}: 0 with the view's base in {@link #result()}, or an error. */
    public int mapView(long handle, int access, long offset, long size, long base) { return journaled.mapView(handle, access, offset, size, base); }
    /** MapViewOfFileEx of {@code section} without a handle (the DSL's {@code space.map(section, access)}). */
    public int mapSection(Section section, int access, long offset, long size, long base) {
        return journaled.mapSection(section, access, offset, size, base);
    }
    /** UnmapViewOfFile: 0, or ERROR_INVALID_ADDRESS when {@code address} is not a view's base. */
    public int unmapView(long address) { return journaled.unmapView(address); }
    /** CloseHandle of a section handle: 0, or ERROR_INVALID_HANDLE. */
    public int closeHandle(long handle) { return journaled.closeHandle(handle); }
    /** Makes a journaled SECTION event again (journal replay, a history); returns null, or what differs. */
    String redoSection(JournalEvent e) { return journaled.redoSection(e); }
    /** Makes a journaled MAP event again: through the same handle, or of the same section when it had none. */
    String redoMap(JournalEvent e) { return journaled.redoMap(e); }

    /**
     * FlushViewOfFile: 0 when the range lies in a view (a page-file section has no file to write), or an error. It
     * changes nothing, so it neither moves the clock nor is journaled.
     */
    public int flushView(long address, long size) {
        return sections.flush(address, size);
    }

    /** The section an open handle of this space names, or null. */
    public Section sectionOf(long handle) {
        Handles.Handle h = sections.handles().get(handle);
        return h == null ? null : h.section();
    }

    /** How many section handles this space holds open. */
    public int openHandles() {
        return sections.handles().all().size();
    }

    /** Writes to copy-on-write pages that gave this space a private copy. */
    public long copyOnWrites() {
        return counters.copyOnWrites;
    }

    // ------------------------------------------------------------------------------------------------
    // VirtualQuery

    /** VirtualQuery: the region from {@code address}'s page on, or null with {@link #lastError()} set. */
    public MemoryRegion query(long address) {
        if (Long.compareUnsigned(address, maxAddress) >= 0) {
            fail(ERROR_INVALID_PARAMETER, "VirtualQuery at " + Hex.address(address) + ", above the user range "
                    + Hex.range(0, maxAddress));
            return null;
        }
        long base = address & ~pageMask;
        Allocation allocation = allocationAt(base);
        if (allocation == null) {
            Allocation next = allocations.after(base);
            long end = next == null ? maxAddress : next.base();
            ok();
            return new MemoryRegion(base, 0, 0, end - base, MEM_FREE, PAGE_NOACCESS, 0);
        }
        long vpn = base >>> shift;
        long last = allocation.end() >>> shift;
        long pte = table.get(vpn);
        long endVpn;
        int state;
        int protect;
        if (pte == 0) {
            endVpn = table.nextNonZero(vpn + 1, last);
            state = MEM_RESERVE;
            protect = 0;
        } else {
            long prot = pte & PROT_MASK;
            endVpn = vpn + 1;
            while (endVpn < last) {
                long next = table.get(endVpn);
                if (next == 0 || (next & PROT_MASK) != prot) {
                    break;
                }
                endVpn++;
            }
            state = MEM_COMMIT;
            protect = (int) prot;
        }
        ok();
        return new MemoryRegion(base, allocation.base(), allocation.protect(), (endVpn << shift) - base, state, protect,
                allocation.type());
    }

    // ------------------------------------------------------------------------------------------------
    // Accesses, made by the space's MMU

    /**
     * Reads {@code width} bytes (1, 2, 4 or 8, little-endian) at {@code address}. Returns 0 and leaves the value
     * in {@link #value()}, or an exception status with {@link #faultAddress()} and {@link #faultAccess()}.
     */
    public int read(long address, int width) {
        return mmu.read(address, width);
    }

    /** Writes the low {@code width} bytes of {@code data} at {@code address}; returns 0 or an exception status. */
    public int write(long address, int width, long data) {
        return mmu.write(address, width, data);
    }

    /** Fetches an instruction at {@code address}; returns 0 or an exception status. */
    public int execute(long address) {
        return mmu.execute(address);
    }

    /**
     * One reference of a trace: the page holding {@code address} is checked and brought into memory as by a
     * one-byte access, without moving data. Returns 0 or an exception status. This is the engine's hot path; a
     * successful touch is not journaled, so the journal is no longer {@link Journal#complete() complete}.
     */
    public int touch(long address, int accessType) {
        return mmu.touch(address, accessType);
    }

    /** A {@link #touch} made through the API: journaled (when reads are recorded) so a journal replays it. */
    public int reference(long address, int accessType) {
        return mmu.reference(address, accessType);
    }

    // ------------------------------------------------------------------------------------------------
    // Reading the state

    /** The allocation holding {@code address}, or null when it is free. */
    public Allocation allocationAt(long address) {
        return allocations.at(address);
    }

    /** Every allocation, lowest base first. */
    public List<Allocation> allocations() {
        return allocations.list();
    }

    /** The first committed page at or after {@code from} and below {@code to}, or {@code to}. */
    public long nextCommitted(long from, long to) {
        return mmu.nextCommitted(from, to);
    }

    /** Everything about the page holding {@code address}. */
    public PageInfo page(long address) {
        return mmu.page(address);
    }

    /** The raw page-table entry of the page holding {@code address} (layout on {@link PageTable}), for snapshots. */
    public long entry(long address) {
        return mmu.entry(address);
    }

    /** Copies the page's bytes into {@code into} without touching it (no fault, no bits changed); zeros if not resident and never written. */
    public void peek(long address, byte[] into) {
        mmu.peek(address, into);
    }

    /** The largest free block that a reservation could take (granule-aligned). */
    public long largestFreeBlock() {
        return allocations.largestFreeBlock();
    }

    void result(long value) {
        result = value;
    }

    long lowestHole(long bytes) {
        return allocations.lowestHole(bytes);
    }

    Allocation overlapping(long base, long end) {
        return allocations.overlapping(base, end);
    }

    long allocationLimit() {
        return allocationLimit;
    }

    void addAllocation(Allocation allocation) {
        allocations.add(allocation);
    }

    void removeAllocation(Allocation allocation) {
        allocations.remove(allocation);
    }

    private long roundUpPage(long endByte) {
        return (endByte + pageMask) & ~pageMask;
    }

    int fail(int error, String message) {
        lastError = error;
        lastMessage = message + " (" + Flags.errorName(error) + " " + error + ")";
        return error;
    }

    int ok() {
        lastError = 0;
        lastMessage = "";
        return 0;
    }

    // ------------------------------------------------------------------------------------------------
    // Working sets and VirtualLock (docs/windows-rules.md W4)

    /** VirtualLock: 0, or a Win32 error code (STATUS_GUARD_PAGE_VIOLATION when the range holds an armed guard page). */
    public int lock(long address, long size) {
        long now = memory.tick();
        int error = WorkingSetCalls.lock(this, mmu, address, size);
        journal.append(now, JournalKind.LOCK, address, size, 0, error, 0);
        return error;
    }

    /** VirtualUnlock: 0, or a Win32 error code. */
    public int unlock(long address, long size) {
        long now = memory.tick();
        int error = WorkingSetCalls.unlock(this, mmu, address, size);
        journal.append(now, JournalKind.UNLOCK, address, size, 0, error, 0);
        return error;
    }

    /** SetProcessWorkingSetSize in bytes; -1 for both empties the working set (EmptyWorkingSet). 0 or an error code. */
    public int workingSetSize(long minimumBytes, long maximumBytes) {
        long now = memory.tick();
        int error = WorkingSetCalls.setSize(this, minimumBytes, maximumBytes);
        journal.append(now, JournalKind.WORKING_SET, 0, minimumBytes, 0, error, maximumBytes);
        return error;
    }

    /** The working-set minimum, in pages. */
    public long workingSetMinimum() { return memory.workingSet(this).minimum; }
    /** The working-set maximum, in pages. */
    public long workingSetMaximum() { return memory.workingSet(this).maximum; }
    /** Whether the page holding {@code address} is locked by VirtualLock. */
    public boolean locked(long address) { return (mmu.entry(address) & LOCKED) != 0; }
    /** Pages of this space locked by VirtualLock. */
    public long lockedPages() { return memory.workingSet(this).locked; }
    /** Soft faults: touches of pages still on the standby or modified list. */
    public long softFaults() { return counters.softFaults; }
    /** Pages trimmed from this space's working set to the standby or modified list. */
    public long trims() { return counters.trims; }

    // ------------------------------------------------------------------------------------------------
    // Accessors

    public Layout layout() { return layout; }
    public PhysicalMemory memory() { return memory; }
    /** The TLB's counters now. */
    public TlbStats tlb() { return tlb.stats(); }
    /** The heap a space's TLB of {@code entries} entries takes. */
    public static long tlbHeapBytes(int entries) { return Tlb.heapBytes(entries); }
    public Journal journal() { return journal; }
    /** The Win32 error of the last operation, 0 after a success. */
    public int lastError() { return lastError; }
    /** What went wrong in the last operation, naming both sides of the conflict; empty after a success. */
    public String lastMessage() { return lastMessage; }
    /** The last operation's output: the base address (allocate) or the old protection (protect). */
    public long result() { return result; }
    /** The value of the last successful read. */
    public long value() { return mmu.value(); }
    /** The address of the last fault. */
    public long faultAddress() { return mmu.faultAddress(); }
    /** The access type of the last fault: 0 read, 1 write, 8 execute. */
    public int faultAccess() { return mmu.faultAccess(); }
    /** Committed pages in this space (its share of the commit charge). */
    public long committedPages() { return counters.committedPages; }
    /** Pages of this space in physical frames now. */
    public long residentPages() { return counters.residentPages; }
    /** The most pages of this space that were resident at once. */
    public long peakResidentPages() { return counters.peakResidentPages; }
    /** Successful reads (and read or execute references). */
    public long reads() { return counters.reads; }
    /** Successful writes (and write references). */
    public long writes() { return counters.writes; }
    /** Faults that gave a page its first frame, filled with zeros. */
    public long demandZeroFaults() { return counters.demandZeroFaults; }
    /** Faults that read a page back from the page file. */
    public long hardFaults() { return counters.hardFaults; }
    /** Accesses refused with STATUS_ACCESS_VIOLATION. */
    public long accessViolations() { return counters.accessViolations; }
    /** Accesses that hit a guard page (STATUS_GUARD_PAGE_VIOLATION). */
    public long guardPageFaults() { return counters.guardFaults; }
    /** How many of this space's pages were evicted. */
    public long evictions() { return counters.evictions; }
    /** How many page-table pages this space's table uses. */
    public long pageTablePages() { return table.tablePages(); }
    /** Page-table pages at one level, 0 being the root. */
    public long pageTablePages(int level) { return table.tablePages(level); }
    /** The index into the table at {@code level} for {@code address}, for drawing a walk. */
    public int tableIndex(long address, int level) { return mmu.tableIndex(address, level); }
    /** Whether the table node read at {@code level} of the walk for {@code address} exists. */
    public boolean tableNodePresent(long address, int level) { return mmu.tableNodePresent(address, level); }

    @Override
    public String toString() {
        int n = allocations.size();
        long resident = counters.residentPages;
        return "address space: " + n + (n == 1 ? " allocation, " : " allocations, ") + Hex.size(counters.committedPages << shift)
                + " committed, " + resident + (resident == 1 ? " page resident" : " pages resident");
    }
}
