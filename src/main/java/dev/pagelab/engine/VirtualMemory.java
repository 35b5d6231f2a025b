package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static dev.pagelab.engine.PageTable.*;

import java.util.List;

/**
 * One address space with Windows semantics: the VirtualAlloc family (allocate, free, protect, query) and
 * memory accesses with their faults. Operations return a Win32 error code (0 on success) and leave their
 * outputs in {@link #result()}; a failed operation changes nothing but the clock, the journal and
 * {@link #lastError()}/{@link #lastMessage()}. Accesses return 0 or an exception status.
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
    private final int pool;
    private final FramePool framePool;

    private long committedPages;
    private long residentPages;
    private long peakResidentPages;
    private int lastError;
    private String lastMessage = "";
    private long result;
    private long value;
    private long faultAddress;
    private int faultAccess;
    // The access being made, for the fault events: its address and width (0 for a touch).
    private long callAddress;
    private int callWidth;

    private long reads;
    private long writes;
    private long demandZeroFaults;
    private long hardFaults;
    private long accessViolations;
    private long guardFaults;
    private long evictions;

    /** A space on {@code memory} with the given geometry and a TLB of {@code tlbEntries} (0 for none). */
    public VirtualMemory(Layout layout, PhysicalMemory memory, int tlbEntries) {
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
        this.pool = memory.register();
        this.keyPrefix = (long) pool << 52;
        this.framePool = memory.pool(pool);
    }

    /** This space's number on its memory (its pool of frames, when each space has frames of its own). */
    int pool() {
        return pool;
    }

    /** The frames this space takes from. */
    FramePool framePool() {
        return framePool;
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
        int unknown = type & ~Rules.KNOWN_ALLOCATION_TYPES;
        if (unknown != 0) {
            return fail(ERROR_INVALID_PARAMETER, "allocation type " + Rules.typeName(type) + " has bits VirtualAlloc does not take: "
                    + Rules.typeName(unknown));
        }
        if ((type & (MEM_RESET | MEM_RESET_UNDO)) != 0) {
            if (type != MEM_RESET && type != MEM_RESET_UNDO) {
                return fail(ERROR_INVALID_PARAMETER, Rules.typeName(type) + ": MEM_RESET and MEM_RESET_UNDO cannot be combined with other types");
            }
            String bad = Rules.protection(protect, layout.guardWithNoAccess());
            if (bad != null) {
                return fail(ERROR_INVALID_PARAMETER, bad + " (MEM_RESET ignores the protection but it must still be valid)");
            }
            return reset(address, size, type == MEM_RESET_UNDO);
        }
        if ((type & (MEM_COMMIT | MEM_RESERVE)) == 0) {
            return fail(ERROR_INVALID_PARAMETER, "allocation type " + Rules.typeName(type) + " needs MEM_COMMIT or MEM_RESERVE");
        }
        String bad = Rules.protection(protect, layout.guardWithNoAccess());
        if (bad != null) {
            return fail(ERROR_INVALID_PARAMETER, bad);
        }
        if ((type & MEM_LARGE_PAGES) != 0 && (type & (MEM_COMMIT | MEM_RESERVE)) != (MEM_COMMIT | MEM_RESERVE)) {
            return fail(ERROR_INVALID_PARAMETER, "MEM_LARGE_PAGES needs both MEM_RESERVE and MEM_COMMIT");
        }
        if ((type & MEM_PHYSICAL) != 0 && ((type & ~MEM_TOP_DOWN) != (MEM_RESERVE | MEM_PHYSICAL) || protect != PAGE_READWRITE)) {
            return fail(ERROR_INVALID_PARAMETER, "MEM_PHYSICAL goes with MEM_RESERVE alone and PAGE_READWRITE");
        }
        if ((type & MEM_WRITE_WATCH) != 0 && (type & MEM_RESERVE) == 0) {
            return fail(ERROR_INVALID_PARAMETER, "MEM_WRITE_WATCH goes with MEM_RESERVE (a new reservation)");
        }
        if (size == 0) {
            return fail(ERROR_INVALID_PARAMETER, "size 0: VirtualAlloc needs at least one byte");
        }
        String outside = address == 0 ? null : outsideUserRange("range", address, size);
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

    /**
     * Why an explicit range is refused before any allocation is looked at (error 87), or null: it starts below the
     * lowest user address (the first 64 KiB) or at/above the user limit, wraps around, or ends past the user limit.
     */
    private String outsideUserRange(String what, long address, long size) {
        if (Long.compareUnsigned(address, layout.minAddress()) < 0 || Long.compareUnsigned(address, maxAddress) >= 0) {
            return what + " address " + Hex.address(address) + " is outside the user range "
                    + Hex.range(layout.minAddress(), maxAddress);
        }
        long endByte = address + size;
        if (Long.compareUnsigned(endByte, address) < 0) {
            return what + " at " + Hex.address(address) + " of " + Long.toUnsignedString(size)
                    + " bytes wraps around the end of the address space";
        }
        if (Long.compareUnsigned(endByte, maxAddress) > 0) {
            return what + " at " + Hex.address(address) + " of " + Long.toUnsignedString(size)
                    + " bytes runs past the end of the user range " + Hex.range(layout.minAddress(), maxAddress);
        }
        return null;
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
        long pages = (end - base) >>> shift;
        boolean commit = (type & MEM_COMMIT) != 0;
        if (commit && !memory.charge(pages)) {
            return failCommit(pages);
        }
        if (commit && requireTables(base >>> shift, end >>> shift) != 0) {
            memory.uncharge(pages);
            return lastError;
        }
        int allocationType = type & (MEM_RESERVE | MEM_TOP_DOWN | MEM_WRITE_WATCH | MEM_PHYSICAL);
        Allocation allocation = new Allocation(base, end - base, protect, MEM_PRIVATE, allocationType | MEM_RESERVE);
        allocations.add(allocation);
        if (commit) {
            long entry = entryFor(Rules.effective(protect, allocation));
            long tables = table.tablePages();
            for (long vpn = base >>> shift, last = end >>> shift; vpn < last; vpn++) {
                table.set(vpn, entry);
            }
            memory.budget().take((table.tablePages() - tables) * table.nodeBytes());
            allocation.committedPages = pages;
            committedPages += pages;
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
        long already = countCommitted(first, last);
        long fresh = (last - first) - already;
        if (fresh > 0 && !memory.charge(fresh)) {
            return failCommit(fresh);
        }
        if (fresh > 0 && requireTables(first, last) != 0) {
            memory.uncharge(fresh);
            return lastError;
        }
        int effective = Rules.effective(protect, allocation);
        long entry = entryFor(effective);
        long tables = table.tablePages();
        for (long vpn = first; vpn < last; vpn++) {
            long pte = table.get(vpn);
            table.set(vpn, pte == 0 ? entry : (pte & ~(PROT_MASK | ALLOW_MASK)) | effective | Rules.allowed(effective));
        }
        memory.budget().take((table.tablePages() - tables) * table.nodeBytes());
        if (already > 0) {
            tlb.flush(first, last);
        }
        allocation.committedPages += fresh;
        committedPages += fresh;
        result = base;
        return ok();
    }

    private int reset(long address, long size, boolean undo) {
        String what = undo ? "MEM_RESET_UNDO" : "MEM_RESET";
        if (size == 0) {
            return fail(ERROR_INVALID_PARAMETER, what + " of size 0");
        }
        if (address == 0) {
            return fail(ERROR_INVALID_PARAMETER, what + " needs an address in the user range, not NULL");
        }
        String outside = outsideUserRange(what, address, size);
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
        long last = end >>> shift;
        for (long vpn = table.nextNonZero(base >>> shift, last); vpn < last; vpn = table.nextNonZero(vpn + 1, last)) {
            long pte = table.get(vpn);
            if (undo) {
                table.set(vpn, pte & ~RESET);
            } else if ((pte & PRESENT) != 0) {
                memory.dropSlot(frameOf(pte));
                table.set(vpn, (pte | RESET) & ~DIRTY);
            } else if ((pte & IN_FILE) != 0) {
                memory.releaseSlot(frameOf(pte));
                table.set(vpn, pte & (PROT_MASK | ALLOW_MASK | COMMITTED));
            }
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
        long first = base >>> shift;
        long last = end >>> shift;
        long removed = 0;
        for (long vpn = table.nextNonZero(first, last); vpn < last; vpn = table.nextNonZero(vpn + 1, last)) {
            long pte = table.get(vpn);
            if ((pte & PRESENT) != 0) {
                memory.release(frameOf(pte));
                residentPages--;
            } else if ((pte & IN_FILE) != 0) {
                memory.releaseSlot(frameOf(pte));
            }
            table.set(vpn, 0);
            removed++;
        }
        if (removed > 0) {
            memory.uncharge(removed);
            allocation.committedPages -= removed;
            committedPages -= removed;
        }
        tlb.flush(first, last);
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
    // Accesses

    /**
     * Reads {@code width} bytes (1, 2, 4 or 8, little-endian) at {@code address}. Returns 0 and leaves the value
     * in {@link #value()}, or an exception status with {@link #faultAddress()} and {@link #faultAccess()}.
     */
    public int read(long address, int width) {
        int status = access(address, width, ACCESS_READ, 0);
        if (status == 0) {
            recordAccess(JournalKind.READ, address, value, width);
        }
        return status;
    }

    /** Writes the low {@code width} bytes of {@code data} at {@code address}; returns 0 or an exception status. */
    public int write(long address, int width, long data) {
        int status = access(address, width, ACCESS_WRITE, data);
        if (status == 0) {
            journal.append(memory.clock(), JournalKind.WRITE, address, data, width, 0, 0);
        }
        return status;
    }

    /** Fetches an instruction at {@code address}; returns 0 or an exception status. */
    public int execute(long address) {
        int status = access(address, 1, ACCESS_EXECUTE, 0);
        if (status == 0) {
            recordAccess(JournalKind.EXECUTE, address, 0, 1);
        }
        return status;
    }

    /**
     * One reference of a trace: the page holding {@code address} is checked and brought into memory as by a
     * one-byte access, without moving data. Returns 0 or an exception status. This is the engine's hot path; a
     * successful touch is not journaled, so the journal is no longer {@link Journal#complete() complete}.
     */
    public int touch(long address, int accessType) {
        int status = reach(address, accessType);
        if (status == 0) {
            journal.unrecorded();
        }
        return status;
    }

    /** A {@link #touch} made through the API: journaled (when reads are recorded) so a journal replays it. */
    public int reference(long address, int accessType) {
        int status = reach(address, accessType);
        if (status == 0) {
            recordAccess(JournalKind.TOUCH, address, 0, accessType);
        }
        return status;
    }

    private void recordAccess(JournalKind kind, long address, long arg, int flags) {
        if (journal.recordsReads()) {
            journal.append(memory.clock(), kind, address, arg, flags, 0, 0);
        } else {
            journal.unrecorded();
        }
    }

    private int reach(long address, int accessType) {
        long needed = Rules.needed(accessType);
        memory.tick();
        memory.startReference();
        callAddress = address;
        callWidth = 0;
        if (Long.compareUnsigned(address, maxAddress) >= 0) {
            return violation(address, accessType);
        }
        long vpn = address >>> shift;
        tlb.lookup(vpn);
        long[] leaf = table.leafOf(vpn);
        int index = table.index(vpn);
        long pte = leaf == null ? 0 : leaf[index];
        if (pte == 0 || (pte & PAGE_GUARD) != 0 || (pte & needed) == 0) {
            // Not committed, a guard page, or not allowed: the exception.
            return checkEntry(vpn, pte, address, accessType, needed);
        }
        bring(leaf, index, vpn, pte, accessType == ACCESS_WRITE);
        return 0;
    }

    private int access(long address, int width, int accessType, long data) {
        // Misuse is refused before the clock moves, so a refused call changes nothing.
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("access width " + width + " must be 1, 2, 4 or 8 bytes");
        }
        if (accessType == ACCESS_WRITE && !memory.contentsReady(2)) {
            requireContents(address, width);
        }
        if (memory.columnsFull(this) && faults(address, width)) {
            memory.requireFrameColumns(this);
        }
        long needed = Rules.needed(accessType);
        memory.tick();
        memory.startReference();
        callAddress = address;
        callWidth = width;
        if (Long.compareUnsigned(address, maxAddress) >= 0) {
            return violation(address, accessType);
        }
        long vpn = address >>> shift;
        long lastByte = address + width - 1;
        int status = check(vpn, address, accessType, needed);
        if (status != 0) {
            return status;
        }
        long vpn2 = lastByte >>> shift;
        if (vpn2 != vpn) {
            long second = vpn2 << shift;
            if (Long.compareUnsigned(second, maxAddress) >= 0) {
                return violation(second, accessType);
            }
            status = check(vpn2, second, accessType, needed);
            if (status != 0) {
                return status;
            }
        }
        boolean write = accessType == ACCESS_WRITE;
        int frame = bring(vpn, write);
        int offset = (int) (address & pageMask);
        if (vpn2 == vpn) {
            if (write) {
                PageBytes.store(memory.bytesForWrite(frame), offset, width, data);
            } else if (accessType == ACCESS_READ) {
                value = PageBytes.load(memory.bytesForRead(frame), offset, width);
            }
            return 0;
        }
        int frame2 = bring(vpn2, write);
        int firstPart = layout.pageSize() - offset;
        if (write) {
            PageBytes.storeStraddling(memory.bytesForWrite(frame), memory.bytesForWrite(frame2), offset, firstPart, width, data);
        } else if (accessType == ACCESS_READ) {
            value = PageBytes.loadStraddling(memory.bytesForRead(frame), memory.bytesForRead(frame2), offset, firstPart, width);
        }
        return 0;
    }

    /**
     * Before a write changes anything: the heap can hold the bytes of the committed pages it writes that have none
     * of their own yet, or {@link HostMemoryException}.
     */
    private void requireContents(long address, int width) {
        long first = address >>> shift;
        long last = (address + width - 1) >>> shift;
        int pages = 0;
        long page = -1;
        for (long vpn = first; vpn <= last && vpn < maxAddress >>> shift; vpn++) {
            long pte = table.get(vpn);
            if (pte != 0 && ((pte & PRESENT) == 0 || !memory.ownsBytes(frameOf(pte)))) {
                pages++;
                page = page < 0 ? vpn << shift : page;
            }
        }
        if (pages > 0) {
            memory.requireHeap((long) pages * layout.pageSize(), "the contents of another page (a write to page "
                    + Hex.address(page) + ")");
        }
    }

    /** Whether an access of {@code width} bytes at {@code address} finds a committed page that is not resident. */
    private boolean faults(long address, int width) {
        for (long vpn = address >>> shift, last = (address + width - 1) >>> shift; vpn <= last; vpn++) {
            long pte = vpn < maxAddress >>> shift ? table.get(vpn) : 0;
            if (pte != 0 && (pte & PRESENT) == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Before a commit of pages {@code [first, last)} changes anything: the heap can hold the page-table pages it
     * adds, or an ERROR_NOT_ENOUGH_MEMORY failure naming host memory (0 when they fit).
     */
    private int requireTables(long first, long last) {
        long bytes = table.bytesToCover(first, last);
        if (bytes > 0 && !memory.budget().room(bytes)) {
            return fail(ERROR_NOT_ENOUGH_MEMORY, memory.budget().refusal("the page tables of "
                    + Hex.range(first << shift, last << shift) + " (" + Hex.size(bytes) + ")"));
        }
        return 0;
    }

    private int check(long vpn, long faultAt, int accessType, long needed) {
        tlb.lookup(vpn);
        return checkEntry(vpn, table.get(vpn), faultAt, accessType, needed);
    }

    private int checkEntry(long vpn, long pte, long faultAt, int accessType, long needed) {
        if (pte == 0) {
            return violation(faultAt, accessType);
        }
        if ((pte & PAGE_GUARD) != 0) {
            table.set(vpn, pte & ~PAGE_GUARD);
            guardFaults++;
            faultAddress = faultAt;
            faultAccess = accessType;
            journal.append(memory.clock(), JournalKind.GUARD_PAGE, faultAt, callAddress, accessType, STATUS_GUARD_PAGE_VIOLATION,
                    callWidth);
            return STATUS_GUARD_PAGE_VIOLATION;
        }
        if ((pte & needed) == 0) {
            return violation(faultAt, accessType);
        }
        return 0;
    }

    private int violation(long faultAt, int accessType) {
        accessViolations++;
        faultAddress = faultAt;
        faultAccess = accessType;
        journal.append(memory.clock(), JournalKind.ACCESS_VIOLATION, faultAt, callAddress, accessType, STATUS_ACCESS_VIOLATION,
                callWidth);
        return STATUS_ACCESS_VIOLATION;
    }

    /** Makes a committed page resident (a demand-zero or hard fault when it is not) and marks it used. */
    private int bring(long vpn, boolean write) {
        long[] leaf = table.leafOf(vpn);
        int index = table.index(vpn);
        return bring(leaf, index, vpn, leaf[index], write);
    }

    /** {@link #bring(long, boolean)} for the entry {@code pte} at {@code leaf[index]}, already read. */
    private int bring(long[] leaf, int index, long vpn, long pte, boolean write) {
        int frame;
        if ((pte & PRESENT) == 0) {
            boolean inFile = (pte & IN_FILE) != 0;
            int fromSlot = inFile ? frameOf(pte) : -1;
            // Taking a frame may evict another page, never this one (it is not resident): its entry stays as read.
            frame = memory.take(this, vpn, fromSlot, write);
            pte = (pte & ~(IN_FILE | ~LOW_MASK)) | PRESENT | ((long) frame << FRAME_SHIFT);
            if (inFile) {
                hardFaults++;
                journal.append(memory.clock(), JournalKind.HARD_FAULT, vpn << shift, 0, write ? 1 : 0, frame, 0);
            } else {
                // A demand-zero page has no copy anywhere else: Windows marks it modified from the start.
                pte |= DIRTY;
                demandZeroFaults++;
                journal.append(memory.clock(), JournalKind.DEMAND_ZERO_FAULT, vpn << shift, 0, write ? 1 : 0, frame, 0);
            }
            residentPages++;
            if (residentPages > peakResidentPages) {
                peakResidentPages = residentPages;
            }
        } else {
            frame = frameOf(pte);
            memory.referenced(framePool, frame, write);
        }
        pte |= ACCESSED;
        if (write) {
            pte = (pte | DIRTY) & ~RESET;
            writes++;
        } else {
            reads++;
        }
        leaf[index] = pte;
        return frame;
    }

    // Called by PhysicalMemory when it evicts one of this space's pages.

    /** The raw entry of a page, for the memory evicting it. */
    long entryOf(long vpn) {
        return table.get(vpn);
    }

    void evicted(long vpn, long entry, int frame, int slot, boolean written) {
        long pte = entry & (PROT_MASK | ALLOW_MASK | COMMITTED);
        if (slot >= 0) {
            pte |= IN_FILE | ((long) slot << FRAME_SHIFT);
        }
        table.set(vpn, pte);
        tlb.invalidate(vpn);
        residentPages--;
        evictions++;
        journal.append(memory.clock(), JournalKind.EVICTION, vpn << shift, 0, written ? 1 : 0, frame, 0);
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

    /** The allocation after {@code address} (base strictly greater), or null. */
    public Allocation nextAllocation(long address) {
        return allocations.after(address);
    }

    /** The first committed page at or after {@code from} and below {@code to}, or {@code to}. */
    public long nextCommitted(long from, long to) {
        long first = Long.divideUnsigned(from + pageMask, layout.pageSize());
        long last = to >>> shift;
        long vpn = table.nextNonZero(first, last);
        return vpn >= last ? to : vpn << shift;
    }

    /** Everything about the page holding {@code address}. */
    public PageInfo page(long address) {
        long base = address & ~pageMask;
        if (Long.compareUnsigned(base, maxAddress) >= 0) {
            return new PageInfo(base, MEM_FREE, PAGE_NOACCESS, false, false, false, false, false, -1);
        }
        long pte = table.get(base >>> shift);
        if (pte == 0) {
            Allocation allocation = allocationAt(base);
            return new PageInfo(base, allocation == null ? MEM_FREE : MEM_RESERVE, allocation == null ? PAGE_NOACCESS : 0,
                    false, false, false, false, false, -1);
        }
        boolean present = (pte & PRESENT) != 0;
        return new PageInfo(base, MEM_COMMIT, (int) (pte & PROT_MASK), (pte & PAGE_GUARD) != 0, present,
                (pte & ACCESSED) != 0, (pte & DIRTY) != 0, (pte & IN_FILE) != 0, present ? frameOf(pte) : -1);
    }

    /** The raw page-table entry of the page holding {@code address} (layout on {@link PageTable}), for snapshots. */
    public long entry(long address) {
        if (Long.compareUnsigned(address, maxAddress) >= 0) {
            return 0;
        }
        return table.get(address >>> shift);
    }

    /** Copies the page's bytes into {@code into} without touching it (no fault, no bits changed); zeros if not resident and never written. */
    public void peek(long address, byte[] into) {
        long pte = entry(address);
        java.util.Arrays.fill(into, (byte) 0);
        if ((pte & PRESENT) != 0) {
            byte[] d = memory.bytesForRead(frameOf(pte));
            if (d != null) {
                System.arraycopy(d, 0, into, 0, Math.min(into.length, d.length));
            }
        } else if ((pte & IN_FILE) != 0) {
            byte[] d = memory.slotBytes(frameOf(pte));
            if (d != null) {
                System.arraycopy(d, 0, into, 0, Math.min(into.length, d.length));
            }
        }
    }

    /** The largest free block that a reservation could take (granule-aligned). */
    public long largestFreeBlock() {
        return allocations.largestFreeBlock();
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

    private static int frameOf(long pte) {
        return (int) (pte >>> FRAME_SHIFT);
    }

    private long roundUpPage(long endByte) {
        return (endByte + pageMask) & ~pageMask;
    }

    private int fail(int error, String message) {
        lastError = error;
        lastMessage = message + " (" + Flags.errorName(error) + " " + error + ")";
        return error;
    }

    private int failCommit(long pages) {
        return fail(ERROR_COMMITMENT_LIMIT, "committing " + Hex.size(pages << shift) + " would bring the commit charge to "
                + Hex.size((memory.commitCharge() + pages) << shift) + ", past the commit limit "
                + Hex.size(memory.commitLimit() << shift));
    }

    private int ok() {
        lastError = 0;
        lastMessage = "";
        return 0;
    }

    // ------------------------------------------------------------------------------------------------
    // Accessors

    public Layout layout() { return layout; }
    public PhysicalMemory memory() { return memory; }
    public Tlb tlb() { return tlb; }
    public Journal journal() { return journal; }
    /** The Win32 error of the last operation, 0 after a success. */
    public int lastError() { return lastError; }
    /** What went wrong in the last operation, naming both sides of the conflict; empty after a success. */
    public String lastMessage() { return lastMessage; }
    /** The last operation's output: the base address (allocate) or the old protection (protect). */
    public long result() { return result; }
    /** The value of the last successful read. */
    public long value() { return value; }
    /** The address of the last fault. */
    public long faultAddress() { return faultAddress; }
    /** The access type of the last fault: 0 read, 1 write, 8 execute. */
    public int faultAccess() { return faultAccess; }
    /** Committed pages in this space (its share of the commit charge). */
    public long committedPages() { return committedPages; }
    /** Pages of this space in physical frames now. */
    public long residentPages() { return residentPages; }
    public long peakResidentPages() { return peakResidentPages; }
    public long reads() { return reads; }
    public long writes() { return writes; }
    public long demandZeroFaults() { return demandZeroFaults; }
    public long hardFaults() { return hardFaults; }
    public long accessViolations() { return accessViolations; }
    public long guardPageFaults() { return guardFaults; }
    /** How many of this space's pages were evicted. */
    public long evictions() { return evictions; }
    /** How many page-table pages this space's table uses. */
    public long pageTablePages() { return table.tablePages(); }
    /** Page-table pages at one level, 0 being the root. */
    public long pageTablePages(int level) { return table.tablePages(level); }
    /** The index into the table at {@code level} for {@code address}, for drawing a walk. */
    public int tableIndex(long address, int level) { return table.index(address >>> shift, level); }
    /** Whether the table node read at {@code level} of the walk for {@code address} exists. */
    public boolean tableNodePresent(long address, int level) {
        return Long.compareUnsigned(address, maxAddress) < 0 && table.nodePresent(address >>> shift, level);
    }

    @Override
    public String toString() {
        return "address space: " + allocations.size() + " allocations, " + Hex.size(committedPages << shift) + " committed, "
                + residentPages + " pages resident";
    }
}
