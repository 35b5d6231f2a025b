package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static dev.pagelab.engine.PageTable.*;

/**
 * The memory-management unit of one address space: every access (read, write, execute, a trace's reference) is
 * translated here through the TLB and the page table, checked against the page's protection, and faults in a
 * page that is not resident, taking a frame from the space's {@link FramePool}. It keeps the fault registers
 * (the address and access of the last fault) and the value of the last read. The hot path is a reference to
 * a resident page with a TLB hit: it allocates nothing.
 */
final class Mmu {
    private final VirtualMemory space;
    private final PhysicalMemory memory;
    private final FramePool pool;
    private final PageTable table;
    private final Tlb tlb;
    private final Journal journal;
    private final Counters counters;
    private final ViewFaults views;
    private final int pageSize;
    private final int shift;
    private final long pageMask;
    private final long maxAddress;

    private long value;
    private long faultAddress;
    private int faultAccess;
    // The access being made, for the fault events: its address and width (0 for a touch).
    private long callAddress;
    private int callWidth;

    Mmu(VirtualMemory space, FramePool pool, PageTable table, Tlb tlb, Journal journal, Counters counters) {
        this.space = space;
        this.memory = space.memory();
        this.pool = pool;
        this.table = table;
        this.tlb = tlb;
        this.journal = journal;
        this.counters = counters;
        this.views = new ViewFaults(space, table, tlb, counters);
        Layout layout = space.layout();
        this.pageSize = layout.pageSize();
        this.shift = layout.pageShift();
        this.pageMask = layout.pageSize() - 1L;
        this.maxAddress = layout.maxAddress();
    }

    /**
     * Reads {@code width} bytes (1, 2, 4 or 8, little-endian) at {@code address}. Returns 0 and leaves the value
     * in {@link #value()}, or an exception status with {@link #faultAddress()} and {@link #faultAccess()}.
     */
    int read(long address, int width) {
        int status = access(address, width, ACCESS_READ, 0);
        if (status == 0) {
            recordAccess(JournalKind.READ, address, value, width);
        }
        return status;
    }

    /** Writes the low {@code width} bytes of {@code data} at {@code address}; returns 0 or an exception status. */
    int write(long address, int width, long data) {
        int status = access(address, width, ACCESS_WRITE, data);
        if (status == 0) {
            journal.append(memory.clock(), JournalKind.WRITE, address, data, width, 0, 0);
        }
        return status;
    }

    /** Fetches an instruction at {@code address}; returns 0 or an exception status. */
    int execute(long address) {
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
    int touch(long address, int accessType) {
        int status = reach(address, accessType);
        if (status == 0) {
            journal.unrecorded();
        }
        return status;
    }

    /** A {@link #touch} made through the API: journaled (when reads are recorded) so a journal replays it. */
    int reference(long address, int accessType) {
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
            // Not committed, a guard page, or not allowed: the exception (or a copy-on-write, which rewrites the entry).
            int status = checkEntry(vpn, pte, address, accessType, needed);
            if (status != 0) {
                return status;
            }
            pte = leaf[index];
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
        if (memory.columnsFull(space) && faults(address, width)) {
            memory.requireFrameColumns(space);
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
        int firstPart = pageSize - offset;
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
            memory.requireHeap((long) pages * pageSize, "the contents of another page (a write to page "
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
            counters.guardFaults++;
            return fault(JournalKind.GUARD_PAGE, faultAt, accessType, STATUS_GUARD_PAGE_VIOLATION);
        }
        if ((pte & needed) == 0) {
            if (accessType == ACCESS_WRITE && (pte & MAPPED) != 0 && ViewFaults.isWriteCopy(pte)) {
                views.copyOnWrite(vpn, pte);
                return 0;
            }
            return violation(faultAt, accessType);
        }
        return 0;
    }

    private int violation(long faultAt, int accessType) {
        counters.accessViolations++;
        return fault(JournalKind.ACCESS_VIOLATION, faultAt, accessType, STATUS_ACCESS_VIOLATION);
    }

    /** Sets the fault registers and journals the fault; returns its {@code status}. */
    private int fault(JournalKind kind, long faultAt, int accessType, int status) {
        faultAddress = faultAt;
        faultAccess = accessType;
        journal.append(memory.clock(), kind, faultAt, callAddress, accessType, status, callWidth);
        return status;
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
            pte = pageIn(vpn, pte, write);
            frame = frameOf(pte);
        } else {
            frame = frameOf(pte);
            memory.referenced(pool, frame, write);
        }
        pte |= ACCESSED;
        if (write) {
            pte = (pte | DIRTY) & ~RESET;
            counters.writes++;
        } else {
            counters.reads++;
        }
        leaf[index] = pte;
        return frame;
    }

    /**
     * The fault of a committed page that is not present: a soft fault for a page still on the standby or modified
     * list (Windows working sets, W4-4), a hard fault for one in the page file, else a demand-zero fault; a view's page
     * maps its section page's frame. Returns its entry, present; the caller stores it.
     */
    private long pageIn(long vpn, long pte, boolean write) {
        if ((pte & (MAPPED | TRANSITION)) != 0) {
            return pageInShared(vpn, pte, write);
        }
        int frame;
        boolean inFile = (pte & IN_FILE) != 0;
        int fromSlot = inFile ? frameOf(pte) : -1;
        // Taking a frame may evict another page, never this one (it is not resident): its entry stays as read.
        frame = memory.take(space, vpn, fromSlot, write);
        pte = (pte & ~(IN_FILE | ~LOW_MASK)) | PRESENT | ((long) frame << FRAME_SHIFT);
        if (inFile) {
            counters.hardFaults++;
            journal.append(memory.clock(), JournalKind.HARD_FAULT, vpn << shift, 0, write ? 1 : 0, frame, 0);
        } else {
            // A demand-zero page has no copy anywhere else: Windows marks it modified from the start.
            pte |= DIRTY;
            counters.demandZeroFaults++;
            journal.append(memory.clock(), JournalKind.DEMAND_ZERO_FAULT, vpn << shift, 0, write ? 1 : 0, frame, 0);
        }
        counters.resident();
        return pte;
    }

    /**
     * {@link #pageIn} of a view's page (it maps its section page's frame) or of a page on the standby or modified
     * list (a soft fault); apart, so that the usual fault stays small enough for the compiler to inline.
     */
    private long pageInShared(long vpn, long pte, boolean write) {
        int frame;
        if ((pte & MAPPED) != 0) {
            frame = views.sharedFault(vpn, write);
            counters.resident();
            return (pte & LOW_MASK) | PRESENT | ((long) frame << FRAME_SHIFT);
        }
        frame = frameOf(pte);
        memory.reclaim(space, frame, write);
        pte = (pte & ~TRANSITION) | PRESENT;
        counters.softFaults++;
        journal.append(memory.clock(), JournalKind.SOFT_FAULT, vpn << shift, 0, write ? 1 : 0, frame, 0);
        counters.resident();
        return pte;
    }

    // ------------------------------------------------------------------------------------------------
    // Pages leaving: evicted (PhysicalMemory calls these for a victim of this space), decommitted or reset

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
        if ((entry & PRESENT) != 0) {
            // A standby page being repurposed left the working set when it was trimmed.
            counters.residentPages--;
        }
        counters.evictions++;
        journal.append(memory.clock(), JournalKind.EVICTION, vpn << shift, 0, written ? 1 : 0, frame, 0);
    }

    /** A view's page lost the section frame {@code frame} it mapped (the section page was evicted). */
    void sharedEvicted(long vpn, int frame, boolean written) { views.sharedEvicted(vpn, frame, written); }
    /** The section page in frame {@code frame}, which view page {@code vpn} maps, was trimmed to a list (W5-2). */
    void sharedTrimmed(long vpn, int frame, boolean dirty) { views.sharedTrimmed(vpn, frame, dirty); }
    /** The modified-page writer wrote the section page in frame {@code frame}, which view page {@code vpn} maps (W5-4). */
    void sharedWrittenOut(long vpn, int frame) { views.sharedWrittenOut(vpn, frame); }

    // ------------------------------------------------------------------------------------------------
    // Windows working sets and VirtualLock (docs/windows-rules.md W4)

    /**
     * The page {@code vpn}, in frame {@code frame}, left the working set for a list: its entry goes to transition,
     * keeping the frame, so a touch is a soft fault. Returns whether it is dirty (the modified list).
     */
    boolean trimmed(long vpn, int frame) {
        long pte = table.get(vpn);
        table.set(vpn, (pte & ~PRESENT) | TRANSITION);
        tlb.invalidate(vpn);
        counters.residentPages--;
        counters.trims++;
        boolean dirty = (pte & DIRTY) != 0;
        journal.append(memory.clock(), JournalKind.TRIM, vpn << shift, 0, dirty ? 1 : 0, frame, 0);
        return dirty;
    }

    /** The modified-page writer wrote page {@code vpn} (frame {@code frame}) to the page file: it is clean now. */
    void writtenOut(long vpn, int frame) {
        table.set(vpn, table.get(vpn) & ~DIRTY);
        journal.append(memory.clock(), JournalKind.PAGE_WRITE, vpn << shift, 0, 1, frame, 0);
    }

    /**
     * VirtualLock of page {@code vpn}, committed and accessible: brings it into memory (a fault when it is not
     * resident, as the probe of the page does; no access is counted) and locks it. Returns whether it was locked
     * already.
     */
    boolean lock(long vpn) {
        long pte = table.get(vpn);
        if ((pte & PRESENT) == 0) {
            pte = pageIn(vpn, pte, false);
        }
        table.set(vpn, pte | ACCESSED | LOCKED);
        return (pte & LOCKED) != 0;
    }

    /** Clears the guard of page {@code vpn} (a system service's probe touched it). */
    void disarmGuard(long vpn) {
        table.set(vpn, table.get(vpn) & ~PAGE_GUARD);
    }

    /** VirtualUnlock of page {@code vpn}. */
    void unlock(long vpn) {
        table.set(vpn, table.get(vpn) & ~LOCKED);
    }

    /** Decommits pages {@code [first, last)}: their frames and page-file slots are freed; returns how many were committed. */
    long decommit(long first, long last) {
        long removed = 0;
        for (long vpn = table.nextNonZero(first, last); vpn < last; vpn = table.nextNonZero(vpn + 1, last)) {
            long pte = table.get(vpn);
            if ((pte & PRESENT) != 0) {
                memory.release(frameOf(pte));
                counters.residentPages--;
            } else if ((pte & TRANSITION) != 0) {
                memory.release(frameOf(pte));
            } else if ((pte & IN_FILE) != 0) {
                memory.releaseSlot(frameOf(pte));
            }
            if ((pte & LOCKED) != 0) {
                // Decommitting a locked page unlocks it (W4-16).
                memory.unlocked(space, 1);
            }
            table.set(vpn, 0);
            removed++;
        }
        tlb.flush(first, last);
        return removed;
    }

    /**
     * MEM_RESET of pages {@code [first, last)}: their contents may be dropped (a resident page is no longer dirty and
     * is not written out when evicted; a page in the page file loses its copy); with {@code undo}, MEM_RESET_UNDO.
     */
    void reset(long first, long last, boolean undo) {
        for (long vpn = table.nextNonZero(first, last); vpn < last; vpn = table.nextNonZero(vpn + 1, last)) {
            long pte = table.get(vpn);
            if (undo) {
                table.set(vpn, pte & ~RESET);
            } else if ((pte & (PRESENT | TRANSITION)) != 0) {
                memory.dropSlot(frameOf(pte));
                table.set(vpn, (pte | RESET) & ~DIRTY);
                if ((pte & TRANSITION) != 0) {
                    memory.cleaned(frameOf(pte));
                }
            } else if ((pte & IN_FILE) != 0) {
                memory.releaseSlot(frameOf(pte));
                table.set(vpn, pte & (PROT_MASK | ALLOW_MASK | COMMITTED));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Translation, read without touching anything

    /** Everything about the page holding {@code address}. */
    PageInfo page(long address) {
        long base = address & ~pageMask;
        if (Long.compareUnsigned(base, maxAddress) >= 0) {
            return new PageInfo(base, MEM_FREE, PAGE_NOACCESS, false, false, false, false, false, -1);
        }
        long pte = table.get(base >>> shift);
        if (pte == 0) {
            Allocation allocation = space.allocationAt(base);
            return new PageInfo(base, allocation == null ? MEM_FREE : MEM_RESERVE, allocation == null ? PAGE_NOACCESS : 0,
                    false, false, false, false, false, -1);
        }
        boolean present = (pte & PRESENT) != 0;
        boolean inFile = (pte & IN_FILE) != 0;
        if (!present && (pte & MAPPED) != 0) {
            // A view page not mapped now: its contents are where its section page is.
            Allocation view = space.allocationAt(base);
            inFile = (view.section.proto(view.sectionPage + ((base - view.base()) >>> shift)) & IN_FILE) != 0;
        }
        return new PageInfo(base, MEM_COMMIT, (int) (pte & PROT_MASK), (pte & PAGE_GUARD) != 0, present,
                (pte & ACCESSED) != 0, (pte & DIRTY) != 0, inFile, present ? frameOf(pte) : -1);
    }

    /** The raw page-table entry of the page holding {@code address} (layout on {@link PageTable}), for snapshots. */
    long entry(long address) {
        if (Long.compareUnsigned(address, maxAddress) >= 0) {
            return 0;
        }
        return table.get(address >>> shift);
    }

    /** Copies the page's bytes into {@code into} without touching it (no fault, no bits changed); zeros if not resident and never written. */
    void peek(long address, byte[] into) {
        long pte = entry(address);
        java.util.Arrays.fill(into, (byte) 0);
        if ((pte & (PRESENT | TRANSITION | MAPPED)) == MAPPED) {
            Allocation view = space.allocationAt(address);
            pte = view.section.proto(view.sectionPage + ((address - view.base()) >>> shift));
        }
        if ((pte & (PRESENT | TRANSITION)) != 0) {
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

    /** The first committed page at or after {@code from} and below {@code to}, or {@code to}. */
    long nextCommitted(long from, long to) {
        long first = Long.divideUnsigned(from + pageMask, pageSize);
        long last = to >>> shift;
        long vpn = table.nextNonZero(first, last);
        return vpn >= last ? to : vpn << shift;
    }

    /** The index into the table at {@code level} for {@code address}, for drawing a walk. */
    int tableIndex(long address, int level) {
        return table.index(address >>> shift, level);
    }

    /** Whether the table node read at {@code level} of the walk for {@code address} exists. */
    boolean tableNodePresent(long address, int level) {
        return Long.compareUnsigned(address, maxAddress) < 0 && table.nodePresent(address >>> shift, level);
    }

    /** The value of the last successful read. */
    long value() { return value; }
    /** The address of the last fault. */
    long faultAddress() { return faultAddress; }
    /** The access type of the last fault: 0 read, 1 write, 8 execute. */
    int faultAccess() { return faultAccess; }
}
