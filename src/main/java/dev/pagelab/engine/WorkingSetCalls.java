package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static dev.pagelab.engine.PageTable.*;

/**
 * VirtualLock, VirtualUnlock, SetProcessWorkingSetSize and EmptyWorkingSet on one space (docs/windows-rules.md W4).
 * Each returns 0 or a Win32 error code; a failed call changes nothing (but for the documented exceptions: a guard page
 * disarmed by VirtualLock's probe, W4-15, and the pages VirtualUnlock's failure removes from the working set, W4-17).
 */
final class WorkingSetCalls {
    private WorkingSetCalls() {}

    /** VirtualLock. */
    static int lock(VirtualMemory vm, Mmu mmu, long address, long size) {
        long[] pages = pages(vm, "VirtualLock", address, size);
        if (pages == null) {
            return ERROR_INVALID_PARAMETER;
        }
        int shift = vm.layout().pageShift();
        long first = pages[0];
        long last = pages[1];
        long fresh = 0;
        for (long vpn = first; vpn < last; vpn++) {
            long pte = mmu.entry(vpn << shift);
            if (pte == 0 || (pte & PROT_MASK & 0xFF) == PAGE_NOACCESS) {
                // W4-11: the probe of the page faults: STATUS_ACCESS_VIOLATION, ERROR_NOACCESS.
                return vm.fail(ERROR_NOACCESS, "VirtualLock " + Hex.range(first << shift, last << shift) + ": page "
                        + Hex.address(vpn << shift) + (pte == 0 ? " is not committed" : " is PAGE_NOACCESS"));
            }
            if ((pte & PAGE_GUARD) != 0) {
                // W4-15 (rule 44 of the reference): the probe disarms the guard and the call fails once.
                mmu.disarmGuard(vpn);
                return vm.fail(STATUS_GUARD_PAGE_VIOLATION, "VirtualLock " + Hex.range(first << shift, last << shift)
                        + ": page " + Hex.address(vpn << shift) + " is a guard page; its guard is now cleared");
            }
            if ((pte & LOCKED) == 0) {
                fresh++;
            }
        }
        PhysicalMemory memory = vm.memory();
        WorkingSet set = memory.workingSet(vm);
        if (set.locked + fresh > set.lockQuota()) {
            return vm.fail(ERROR_WORKING_SET_QUOTA, "VirtualLock of " + fresh + " more "
                    + (fresh == 1 ? "page" : "pages") + " would lock " + (set.locked + fresh)
                    + ", past the quota of " + set.lockQuota() + " (the working-set minimum of " + set.minimum
                    + " pages" + (set.lockQuota() < set.minimum ? ", less one as it equals the maximum" : "") + ")");
        }
        if (!memory.unlimited() && memory.lockedPages() + fresh > memory.frames() - 1L) {
            return vm.fail(ERROR_WORKING_SET_QUOTA, "VirtualLock of " + fresh + " more pages would leave none of the "
                    + memory.frames() + " frames unlocked (" + memory.lockedPages() + " locked already)");
        }
        if (memory.columnsFull(vm)) {
            memory.requireFrameColumns(vm);
        }
        for (long vpn = first; vpn < last; vpn++) {
            if (!mmu.lock(vpn)) {
                memory.locked(vm, 1);
            }
        }
        return vm.ok();
    }

    /** VirtualUnlock. */
    static int unlock(VirtualMemory vm, Mmu mmu, long address, long size) {
        long[] pages = pages(vm, "VirtualUnlock", address, size);
        long notLocked = -1;
        if (pages == null) {
            return ERROR_INVALID_PARAMETER;
        }
        long first = pages[0];
        long last = pages[1];
        int shift = vm.layout().pageShift();
        for (long vpn = first; vpn < last; vpn++) {
            if ((mmu.entry(vpn << shift) & LOCKED) == 0) {
                notLocked = vpn;
                break;
            }
        }
        if (notLocked >= 0) {
            // W4-17: the pages of the range that are not locked leave the working set; nothing is unlocked.
            for (long vpn = first; vpn < last; vpn++) {
                long pte = mmu.entry(vpn << shift);
                if ((pte & PRESENT) != 0 && (pte & LOCKED) == 0) {
                    removeFromWorkingSet(vm, frameOf(pte));
                }
            }
            return vm.fail(ERROR_NOT_LOCKED, "VirtualUnlock " + Hex.range(first << shift, last << shift) + ": page "
                    + Hex.address(notLocked << shift) + " is not locked");
        }
        for (long vpn = first; vpn < last; vpn++) {
            mmu.unlock(vpn);
        }
        vm.memory().unlocked(vm, last - first);
        return vm.ok();
    }

    /** SetProcessWorkingSetSize; (SIZE_T)-1 for both sizes empties the working set (W4-6, W4-9). */
    static int setSize(VirtualMemory vm, long minimumBytes, long maximumBytes) {
        if (minimumBytes == -1 && maximumBytes == -1) {
            empty(vm);
            return vm.ok();
        }
        PhysicalMemory memory = vm.memory();
        WorkingSet set = memory.workingSet(vm);
        int pageSize = vm.layout().pageSize();
        if (minimumBytes == 0 || maximumBytes == 0) {
            return vm.fail(ERROR_INVALID_PARAMETER, "SetProcessWorkingSetSize: the minimum and the maximum must be "
                    + "greater than zero, not " + Long.toUnsignedString(minimumBytes) + " and "
                    + Long.toUnsignedString(maximumBytes));
        }
        if (Long.compareUnsigned(minimumBytes, maximumBytes) > 0) {
            return vm.fail(ERROR_INVALID_PARAMETER, "SetProcessWorkingSetSize: the minimum "
                    + Long.toUnsignedString(minimumBytes) + " is greater than the maximum "
                    + Long.toUnsignedString(maximumBytes));
        }
        long system = memory.unlimited() ? Integer.MAX_VALUE : memory.frames();
        long maximum = Long.compareUnsigned(maximumBytes, system * pageSize) > 0 ? system + 1
                : Long.divideUnsigned(maximumBytes + pageSize - 1, pageSize);
        long minimum = Math.max(WorkingSet.FLOOR_MINIMUM, Long.divideUnsigned(minimumBytes + pageSize - 1, pageSize));
        if (maximum < WorkingSet.FLOOR_MAXIMUM) {
            return vm.fail(ERROR_INVALID_PARAMETER, "SetProcessWorkingSetSize: the maximum of " + maximum
                    + (maximum == 1 ? " page" : " pages") + " is below the smallest, " + WorkingSet.FLOOR_MAXIMUM
                    + " pages");
        }
        maximum = Math.max(maximum, minimum);
        if (maximum > system) {
            return vm.fail(ERROR_INVALID_PARAMETER, "SetProcessWorkingSetSize: " + Long.toUnsignedString(maximumBytes)
                    + " bytes (at least the minimum of " + minimum + " pages) is more than the machine's " + system
                    + " frames");
        }
        if (set.locked >= maximum) {
            return vm.fail(ERROR_WORKING_SET_QUOTA, "SetProcessWorkingSetSize: a maximum of " + maximum
                    + " pages cannot hold the " + set.locked + " locked pages and one more");
        }
        WorkingSets sets = memory.workingSets();
        if (sets != null) {
            sets.resize(set, minimum, maximum);
        } else {
            set.minimum = minimum;
            set.maximum = maximum;
        }
        return vm.ok();
    }

    /** EmptyWorkingSet: every unlocked page leaves the working set (W4-9). */
    static void empty(VirtualMemory vm) {
        PhysicalMemory memory = vm.memory();
        WorkingSets sets = memory.workingSets();
        if (sets != null) {
            sets.empty(memory.workingSet(vm));
            return;
        }
        for (int f = 0; f < memory.framesTouched(); f++) {
            if (memory.owner(f) == vm && !memory.locked(f)) {
                memory.evictToFree(f);
            }
        }
    }

    private static void removeFromWorkingSet(VirtualMemory vm, int f) {
        PhysicalMemory memory = vm.memory();
        if (memory.locked(f)) {
            // A section page another view locked stays (W5-6).
            return;
        }
        WorkingSets sets = memory.workingSets();
        if (sets != null) {
            sets.trimPage(memory.workingSet(vm), f);
        } else {
            memory.evictToFree(f);
        }
    }

    /**
     * The pages {@code [first, last)} holding the bytes of a range; null, having failed the call with 87, for a size of
     * 0 or a range outside user space (W4-11).
     */
    private static long[] pages(VirtualMemory vm, String what, long address, long size) {
        String refused = size == 0 ? what + " of size 0"
                : Rules.outsideUserRange(vm.layout(), what + " range", address, size);
        if (refused != null) {
            vm.fail(ERROR_INVALID_PARAMETER, refused);
            return null;
        }
        int shift = vm.layout().pageShift();
        return new long[] {address >>> shift, (address + size - 1 >>> shift) + 1};
    }
}
