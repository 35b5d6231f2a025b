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
        this.allocations = new Reservations(layout.minAddress(), allocationLimit, layout.granularity());
        int number = memory.register();
        this.keyPrefix = (long) number << 52;
        this.framePool = memory.pool(number);
        this.mmu = new Mmu(this, framePool, table, tlb, journal, counters);
        this.sections = new SectionCalls(this, table, tlb, counters);
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
        int error = doAllocate(address, size, type, protect);
        journal.append(now, JournalKind.ALLOCATE, address, size, type, error, error == 0 ? result : 0, protect);
        return error;
    }

    private int doAllocate(long address, long size, int type, int protect) {
        String refused = Rules.allocation(type, protect, layout.guardWithNoAccess());
        if (refused != null) {
            return fail(ERROR_INVALID_PARAMETER, refused);
        }
        if ((type & (MEM_RESET | MEM_RESET_UNDO)) != 0) {
            return reset(address, size, type == MEM_RESET_UNDO);
        }
        if (size == 0) {
            return fail(ERROR_INVALID_PARAMETER, "size 0: VirtualAlloc needs at least one byte");
        }
        String outside = address == 0 ? null : Rules.outsideUserRange(layout, "range", address, size);
        if (outside != null) {
            return fail(ERROR_INVALID_PARAMETER, outside);
        }
        // Windows checks the parameters before the privilege, so a bad size or address still gives 87.
        if ((type & MEM_LARGE_PAGES) != 0) {
            return fail(ERROR_PRIVILEGE_NOT_HELD, "MEM_LARGE_PAGES needs SeLockMemoryPrivilege, which this process does not hold");
        }
        if (address == 0) {
            return allocateAnywhere(size, type, protect);
        }
        long endByte = address + size;
        if ((type & MEM_RESERVE) != 0) {
            return reserveAt(address, endByte, type, protect);
        }
        return commitAt(address, endByte, protect);
    }

    private int allocateAnywhere(long size, int type, int protect) {
        if (Long.compareUnsigned(size, allocationLimit - layout.minAddress()) > 0) {
            return fail(ERROR_INVALID_PARAMETER, "size " + Long.toUnsignedString(size) + " bytes is larger than the user range "
                    + Hex.range(layout.minAddress(), allocationLimit));
        }
        long bytes = roundUpPage(size);
        long base = (type & MEM_TOP_DOWN) != 0 ? allocations.highestHole(bytes) : allocations.lowestHole(bytes);
        if (base < 0) {
            return fail(ERROR_NOT_ENOUGH_MEMORY, "no free block of " + Hex.size(bytes) + " aligned to "
                    + Hex.size(layout.granularity()) + " is left; the largest is " + Hex.size(largestFreeBlock()));
        }
        return reserveRange(base, base + bytes, type, protect);
    }

    private int reserveAt(long address, long endByte, int type, int protect) {
        long base = address & -layout.granularity();
        long end = roundUpPage(endByte);
        if (end > allocationLimit || base >= allocationLimit) {
            return fail(ERROR_NOT_ENOUGH_MEMORY, "reservation " + Hex.range(base, end) + " runs past the highest allocatable address "
                    + Hex.address(allocationLimit) + " (the top " + Hex.size(layout.granularity()) + " of user space stays free)");
        }
        Allocation other = allocations.overlapping(base, end);
        if (other != null) {
            return fail(ERROR_INVALID_ADDRESS, "reservation " + Hex.range(base, end) + " overlaps the allocation "
                    + Hex.range(other.base(), other.end()));
        }
        return reserveRange(base, end, type, protect);
    }

    private int reserveRange(long base, long end, int type, int protect) {
        long first = base >>> shift;
        long last = end >>> shift;
        boolean commit = (type & MEM_COMMIT) != 0;
        int error = chargeCommit(first, last, commit ? last - first : 0);
        if (error != 0) {
            return error;
        }
        int allocationType = type & (MEM_RESERVE | MEM_TOP_DOWN | MEM_WRITE_WATCH | MEM_PHYSICAL);
        Allocation allocation = new Allocation(base, end - base, protect, MEM_PRIVATE, allocationType | MEM_RESERVE);
        allocations.add(allocation);
        if (commit) {
            commitPages(allocation, first, last, last - first, protect);
        }
        result = base;
        return ok();
    }

    private int commitAt(long address, long endByte, int protect) {
        long base = address & ~pageMask;
        long end = roundUpPage(endByte);
        Allocation allocation = allocationAt(base);
        if (allocation == null) {
            return fail(ERROR_INVALID_ADDRESS, "commit " + Hex.range(base, end) + ": " + Hex.address(base)
                    + " is free, not reserved");
        }
        if (end > allocation.end() || end <= base) {
            return fail(ERROR_INVALID_ADDRESS, "commit " + Hex.range(base, end) + " runs past the reservation "
                    + Hex.range(allocation.base(), allocation.end()));
        }
        long first = base >>> shift;
        long last = end >>> shift;
        if (allocation.isView()) {
            // docs/windows-rules.md S-14: a view's pages are committed; MEM_COMMIT sets their protection.
            int error = sections.protect(allocation, first, last, protect);
            result = base;
            return error;
        }
        long already = countCommitted(first, last);
        long fresh = (last - first) - already;
        int error = chargeCommit(first, last, fresh);
        if (error != 0) {
            return error;
        }
        commitPages(allocation, first, last, fresh, protect);
        if (already > 0) {
            tlb.flush(first, last);
        }
        result = base;
        return ok();
    }

    /**
     * Before a commit of pages {@code [first, last)} changes anything: charges its {@code fresh} new pages against
     * the commit limit, and makes sure the heap can hold the page-table pages it adds. Returns 0, or the error
     * (ERROR_COMMITMENT_LIMIT, or ERROR_NOT_ENOUGH_MEMORY naming host memory) with nothing charged.
     */
    private int chargeCommit(long first, long last, long fresh) {
        if (fresh == 0) {
            return 0;
        }
        if (!memory.charge(fresh)) {
            return failCommit(fresh);
        }
        long bytes = table.bytesToCover(first, last);
        if (bytes > 0 && !memory.budget().room(bytes)) {
            memory.uncharge(fresh);
            return fail(ERROR_NOT_ENOUGH_MEMORY, memory.budget().refusal("the page tables of "
                    + Hex.range(first << shift, last << shift) + " (" + Hex.size(bytes) + ")"));
        }
        return 0;
    }

    /**
     * Commits pages {@code [first, last)} of {@code allocation}, {@code fresh} of them new (charged by
     * {@link #chargeCommit}), with {@code protect}; pages committed already keep their other bits. The page-table
     * pages this adds are taken from the heap budget.
     */
    private void commitPages(Allocation allocation, long first, long last, long fresh, int protect) {
        int effective = Rules.effective(protect, allocation);
        long entry = entryFor(effective);
        long bits = effective | Rules.allowed(effective);
        long tables = table.tablePages();
        for (long vpn = first; vpn < last; vpn++) {
            long pte = table.get(vpn);
            table.set(vpn, pte == 0 ? entry : (pte & ~(PROT_MASK | ALLOW_MASK)) | bits);
        }
        memory.budget().take((table.tablePages() - tables) * table.nodeBytes());
        allocation.committedPages += fresh;
        counters.committedPages += fresh;
    }

    private int reset(long address, long size, boolean undo) {
        String what = undo ? "MEM_RESET_UNDO" : "MEM_RESET";
        if (size == 0) {
            return fail(ERROR_INVALID_PARAMETER, what + " of size 0");
        }
        if (address == 0) {
            return fail(ERROR_INVALID_PARAMETER, what + " needs an address in the user range, not NULL");
        }
        String outside = Rules.outsideUserRange(layout, what, address, size);
        if (outside != null) {
            return fail(ERROR_INVALID_PARAMETER, outside);
        }
        long endByte = address + size;
        long base = address & ~pageMask;
        long end = roundUpPage(endByte);
        Allocation allocation = allocationAt(base);
        if (allocation == null) {
            return fail(ERROR_INVALID_ADDRESS, what + " " + Hex.range(base, end) + ": " + Hex.address(base) + " is free");
        }
        if (end > allocation.end()) {
            return fail(ERROR_INVALID_ADDRESS, what + " " + Hex.range(base, end) + " runs past the reservation "
                    + Hex.range(allocation.base(), allocation.end()));
        }
        if (!allocation.isView()) { // S-14: MEM_RESET on a view keeps its contents
            mmu.reset(base >>> shift, end >>> shift, undo);
        }
        result = base;
        return ok();
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
    // Sections and views (docs/windows-rules.md, section S), each journaled

    /**
     * CreateFileMapping backed by the page file ({@code file} must be -1, INVALID_HANDLE_VALUE). Returns 0 with the new
     * handle in {@link #result()}; ERROR_ALREADY_EXISTS with a handle to the section already named {@code name} (a
     * success); or an error, and nothing changed.
     */
    public int createSection(long file, int protect, long size, String name) {
        long now = memory.tick();
        int error = sections.create(file, protect, size, name, 0);
        journalSection(now, error, name, false, 0);
        return error;
    }

    /** OpenFileMapping: 0 with a handle of {@code access} to the section named {@code name}, or an error. */
    public int openSection(int access, String name) {
        long now = memory.tick();
        int error = sections.open(access, name);
        journalSection(now, error, name, true, access);
        return error;
    }

    private void journalSection(long now, int error, String name, boolean open, int access) {
        boolean ok = error == 0 || error == ERROR_ALREADY_EXISTS;
        Handles.Handle h = ok ? sections.handles().get(result) : null;
        // address: bit 0 for an open by name, the rights of the handle above it (JournalKind.SECTION)
        long how = open ? ((long) (ok ? h.access() : access) << 1) | 1 : 0;
        journal.append(now, JournalKind.SECTION, how, ok ? h.section().size() : 0, ok ? h.section().protect() : 0, error,
                ok ? result : 0, ok ? h.section().id() : 0);
    }

    /** MapViewOfFileEx through {@code handle}: 0 with the view's base in {@link #result()}, or an error. */
    public int mapView(long handle, int access, long offset, long size, long base) {
        long now = memory.tick();
        int error = sections.map(handle, access, offset, size, base);
        journalMap(now, error, (int) handle, access, offset, size, base);
        return error;
    }

    /** MapViewOfFileEx of {@code section} without a handle (the DSL's {@code space.map(section, access)}). */
    public int mapSection(Section section, int access, long offset, long size, long base) {
        if (section.dead() || section.memoryOf() != memory) {
            return fail(ERROR_INVALID_HANDLE, section.label() + (section.dead() ? " is closed and unmapped: it is gone"
                    : " belongs to another machine"));
        }
        journal.append(memory.tick(), JournalKind.SECTION, 0, section.size(), section.protect(), 0, 0, section.id());
        return mapWithoutHandle(section, access, offset, size, base);
    }

    /** The MAP of {@link #mapSection}, journaled with the section's id negated (no handle). */
    private int mapWithoutHandle(Section section, int access, long offset, long size, long base) {
        long now = memory.tick();
        int error = sections.mapSection(section, access, offset, size, base);
        journalMap(now, error, -section.id(), access, offset, size, base);
        return error;
    }

    private void journalMap(long now, int error, int source, int access, long offset, long size, long base) {
        if (error == 0) {
            Allocation view = allocationAt(result);
            journal.append(now, JournalKind.MAP, view.base(), view.size(), access, 0, offset, source);
        } else {
            journal.append(now, JournalKind.MAP, base, size, access, error, offset, source);
        }
    }

    /** UnmapViewOfFile: 0, or ERROR_INVALID_ADDRESS when {@code address} is not a view's base. */
    public int unmapView(long address) {
        long now = memory.tick();
        int error = sections.unmap(address);
        journal.append(now, JournalKind.UNMAP, address, 0, 0, error, 0);
        return error;
    }

    /**
     * FlushViewOfFile: 0 when the range lies in a view (a page-file section has no file to write), or an error. It
     * changes nothing, so it neither moves the clock nor is journaled.
     */
    public int flushView(long address, long size) {
        return sections.flush(address, size);
    }

    /** CloseHandle of a section handle: 0, or ERROR_INVALID_HANDLE. */
    public int closeHandle(long handle) {
        long now = memory.tick();
        int error = sections.close(handle);
        journal.append(now, JournalKind.CLOSE_HANDLE, handle, 0, 0, error, 0);
        return error;
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

    /**
     * Makes a journaled SECTION event again (journal replay, a history): the section it names is made (by its id) if
     * this machine has none, the handle it gave is put back with its rights, and the event is journaled again; a failed
     * one changed nothing, so it is only journaled again. Returns null, or what differs.
     */
    String redoSection(JournalEvent e) {
        boolean ok = e.result() == 0 || e.result() == ERROR_ALREADY_EXISTS;
        if (ok) {
            Section s = memory.sections().byId(e.protect());
            if (s == null) {
                if (!memory.charge(e.arg() / layout.pageSize())) {
                    return "result " + ERROR_COMMITMENT_LIMIT;
                }
                s = memory.sections().create(e.protect(), null, e.flags(), (int) (e.arg() / layout.pageSize()), memory);
            }
            if (e.out() != 0) {
                int rights = (e.address() & 1) != 0 ? (int) (e.address() >>> 1) : SectionCalls.ALL_RIGHTS;
                if (!sections.handles().put(e.out(), s, rights)) {
                    return "handle " + e.out() + " is taken";
                }
                s.opened();
            }
        }
        journal.append(memory.tick(), JournalKind.SECTION, e.address(), e.arg(), e.flags(), e.result(), e.out(), e.protect());
        return null;
    }

    /** Makes a journaled MAP event again: through the same handle, or of the same section when it had none. */
    String redoMap(JournalEvent e) {
        int error;
        if (e.protect() < 0) {
            Section s = memory.sections().byId(-e.protect());
            if (s == null) {
                return "no section " + -e.protect();
            }
            error = mapWithoutHandle(s, e.flags(), e.out(), e.arg(), e.address());
        } else {
            error = mapView(e.protect(), e.flags(), e.out(), e.arg(), e.address());
        }
        return error == e.result() ? null : "result " + error;
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

    private long countCommitted(long first, long last) {
        long n = 0;
        for (long vpn = table.nextNonZero(first, last); vpn < last; vpn = table.nextNonZero(vpn + 1, last)) {
            n++;
        }
        return n;
    }

    private long entryFor(int protect) {
        return COMMITTED | protect | Rules.allowed(protect);
    }

    private long roundUpPage(long endByte) {
        return (endByte + pageMask) & ~pageMask;
    }

    int fail(int error, String message) {
        lastError = error;
        lastMessage = message + " (" + Flags.errorName(error) + " " + error + ")";
        return error;
    }

    private int failCommit(long pages) {
        return fail(ERROR_COMMITMENT_LIMIT, "committing " + Hex.size(pages << shift) + " would bring the commit charge to "
                + Hex.size((memory.commitCharge() + pages) << shift) + ", past the commit limit "
                + Hex.size(memory.commitLimit() << shift));
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
