package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static dev.pagelab.engine.PageTable.*;

/**
 * VirtualAlloc on one space: reserving (at an address, or at the lowest or highest free block), committing with the
 * commit charge and the page-table pages it takes, and MEM_RESET / MEM_RESET_UNDO. Each returns 0 or a Win32 error
 * code with the space's {@link VirtualMemory#lastMessage()} set; a failed call changes nothing.
 */
final class AllocateCalls {
    private final VirtualMemory vm;
    private final PageTable table;
    private final Tlb tlb;
    private final Counters counters;
    private final SectionCalls sections;
    private final Reservations allocations;
    // The space's, read once.
    private final Layout layout;
    private final PhysicalMemory memory;
    private final int shift;
    private final long pageMask;
    private final long allocationLimit;

    AllocateCalls(VirtualMemory vm, PageTable table, Tlb tlb, Counters counters, SectionCalls sections, Reservations allocations) {
        this.vm = vm;
        this.table = table;
        this.tlb = tlb;
        this.counters = counters;
        this.sections = sections;
        this.allocations = allocations;
        this.layout = vm.layout();
        this.memory = vm.memory();
        this.shift = layout.pageShift();
        this.pageMask = layout.pageSize() - 1L;
        this.allocationLimit = vm.allocationLimit();
    }

    /** VirtualAlloc, not journaled (the space journals it); {@link VirtualMemory#result()} is the base on success. */
    int allocate(long address, long size, int type, int protect) {
        String refused = Rules.allocation(type, protect, layout.guardWithNoAccess());
        if (refused != null) {
            return vm.fail(ERROR_INVALID_PARAMETER, refused);
        }
        if ((type & (MEM_RESET | MEM_RESET_UNDO)) != 0) {
            return reset(address, size, type == MEM_RESET_UNDO);
        }
        if (size == 0) {
            return vm.fail(ERROR_INVALID_PARAMETER, "size 0: VirtualAlloc needs at least one byte");
        }
        String outside = address == 0 ? null : Rules.outsideUserRange(layout, "range", address, size);
        if (outside != null) {
            return vm.fail(ERROR_INVALID_PARAMETER, outside);
        }
        // Windows checks the parameters before the privilege, so a bad size or address still gives 87.
        if ((type & MEM_LARGE_PAGES) != 0) {
            return vm.fail(ERROR_PRIVILEGE_NOT_HELD, "MEM_LARGE_PAGES needs SeLockMemoryPrivilege, which this process does not hold");
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
            return vm.fail(ERROR_INVALID_PARAMETER, "size " + Long.toUnsignedString(size) + " bytes is larger than the user range "
                    + Hex.range(layout.minAddress(), allocationLimit));
        }
        long bytes = roundUpPage(size);
        long base = (type & MEM_TOP_DOWN) != 0 ? allocations.highestHole(bytes) : allocations.lowestHole(bytes);
        if (base < 0) {
            return vm.fail(ERROR_NOT_ENOUGH_MEMORY, "no free block of " + Hex.size(bytes) + " aligned to "
                    + Hex.size(layout.granularity()) + " is left; the largest is " + Hex.size(allocations.largestFreeBlock()));
        }
        return reserveRange(base, base + bytes, type, protect);
    }

    private int reserveAt(long address, long endByte, int type, int protect) {
        long base = address & -layout.granularity();
        long end = roundUpPage(endByte);
        if (end > allocationLimit || base >= allocationLimit) {
            return vm.fail(ERROR_NOT_ENOUGH_MEMORY, "reservation " + Hex.range(base, end) + " runs past the highest allocatable address "
                    + Hex.address(allocationLimit) + " (the top " + Hex.size(layout.granularity()) + " of user space stays free)");
        }
        Allocation other = allocations.overlapping(base, end);
        if (other != null) {
            return vm.fail(ERROR_INVALID_ADDRESS, "reservation " + Hex.range(base, end) + " overlaps the allocation "
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
        vm.result(base);
        return vm.ok();
    }

    private int commitAt(long address, long endByte, int protect) {
        long base = address & ~pageMask;
        long end = roundUpPage(endByte);
        Allocation allocation = allocations.at(base);
        if (allocation == null) {
            return vm.fail(ERROR_INVALID_ADDRESS, "commit " + Hex.range(base, end) + ": " + Hex.address(base)
                    + " is free, not reserved");
        }
        if (end > allocation.end() || end <= base) {
            return vm.fail(ERROR_INVALID_ADDRESS, "commit " + Hex.range(base, end) + " runs past the reservation "
                    + Hex.range(allocation.base(), allocation.end()));
        }
        long first = base >>> shift;
        long last = end >>> shift;
        if (allocation.isView()) {
            // docs/windows-rules.md S-14: a view's pages are committed; MEM_COMMIT sets their protection.
            int error = sections.protect(allocation, first, last, protect);
            vm.result(base);
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
        vm.result(base);
        return vm.ok();
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
            return vm.fail(ERROR_NOT_ENOUGH_MEMORY, memory.budget().refusal("the page tables of "
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
            return vm.fail(ERROR_INVALID_PARAMETER, what + " of size 0");
        }
        if (address == 0) {
            return vm.fail(ERROR_INVALID_PARAMETER, what + " needs an address in the user range, not NULL");
        }
        String outside = Rules.outsideUserRange(layout, what, address, size);
        if (outside != null) {
            return vm.fail(ERROR_INVALID_PARAMETER, outside);
        }
        long endByte = address + size;
        long base = address & ~pageMask;
        long end = roundUpPage(endByte);
        Allocation allocation = allocations.at(base);
        if (allocation == null) {
            return vm.fail(ERROR_INVALID_ADDRESS, what + " " + Hex.range(base, end) + ": " + Hex.address(base) + " is free");
        }
        if (end > allocation.end()) {
            return vm.fail(ERROR_INVALID_ADDRESS, what + " " + Hex.range(base, end) + " runs past the reservation "
                    + Hex.range(allocation.base(), allocation.end()));
        }
        if (!allocation.isView()) { // S-14: MEM_RESET on a view keeps its contents
            vm.mmu().reset(base >>> shift, end >>> shift, undo);
        }
        vm.result(base);
        return vm.ok();
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

    private int failCommit(long pages) {
        return vm.fail(ERROR_COMMITMENT_LIMIT, "committing " + Hex.size(pages << shift) + " would bring the commit charge to "
                + Hex.size((memory.commitCharge() + pages) << shift) + ", past the commit limit "
                + Hex.size(memory.commitLimit() << shift));
    }
}
