package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static dev.pagelab.engine.PageTable.*;

/**
 * The paths of one space's {@link Mmu} that only views of sections take (docs/windows-rules.md S, W5): the first write
 * to a copy-on-write page, the fault of a view page that is not present (it maps its section page's frame), and a view
 * page losing the section frame it mapped when the section page is evicted, trimmed or written out. A resident hit
 * never comes here.
 */
final class ViewFaults {
    private final VirtualMemory space;
    private final PageTable table;
    private final Tlb tlb;
    private final Counters counters;
    // The space's, read once.
    private final PhysicalMemory memory;
    private final FramePool pool;
    private final Journal journal;
    private final int pageSize;
    private final int shift;

    /** The view paths of {@code space}, whose page table, TLB and counters are given (its memory, pool and journal are set). */
    ViewFaults(VirtualMemory space, PageTable table, Tlb tlb, Counters counters) {
        this.space = space;
        this.table = table;
        this.tlb = tlb;
        this.counters = counters;
        this.memory = space.memory();
        this.pool = space.framePool();
        this.journal = space.journal();
        this.pageSize = space.layout().pageSize();
        this.shift = space.layout().pageShift();
    }

    /**
     * The first write to a copy-on-write page of a view (docs/windows-rules.md S-16): the space gets a private frame
     * holding the section page's bytes, and the page becomes PAGE_READWRITE (PAGE_EXECUTE_READWRITE) and private;
     * other views keep the section's bytes.
     */
    void copyOnWrite(long vpn, long pte) {
        Allocation view = space.allocationAt(vpn << shift);
        Section section = view.section;
        long page = view.sectionPage + (vpn - (view.base() >>> shift));
        if ((pte & PRESENT) != 0) {
            // Leave the shared frame first, so that taking a frame may evict it without touching this entry.
            section.proto(page, section.proto(page) | (pte & DIRTY));
            pte &= LOW_MASK & ~(PRESENT | ACCESSED | DIRTY);
            table.set(vpn, pte);
            tlb.invalidate(vpn);
            counters.residentPages--;
        }
        long proto = section.proto(page);
        // W5-5: a section page on the standby or modified list is copied from its frame, which stays on the list.
        int sharedFrame = (proto & (PRESENT | TRANSITION)) != 0 ? (int) (proto >>> FRAME_SHIFT) : -1;
        byte[] source = sharedFrame >= 0 ? memory.bytesForRead(sharedFrame)
                : (proto & IN_FILE) != 0 ? memory.slotBytes(frameOf(proto)) : null;
        int frame = memory.take(space, vpn, -1, true);
        if (source != null) {
            System.arraycopy(source, 0, memory.bytesForWrite(frame), 0, pageSize);
        }
        int protect = (int) (pte & PROT_MASK);
        int base = protect & 0xFF;
        int copied = (protect & ~0xFF) | (base == PAGE_EXECUTE_WRITECOPY ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE);
        // A locked page stays locked (W5-6): the private copy is the page locked now.
        table.set(vpn, COMMITTED | copied | Rules.allowed(copied) | PRESENT | DIRTY | (pte & LOCKED)
                | ((long) frame << FRAME_SHIFT));
        view.privatePages++;
        counters.copyOnWrites++;
        counters.resident();
        journal.append(memory.clock(), JournalKind.COPY_ON_WRITE, vpn << shift, section.id(), sharedFrame, frame, 0);
    }

    /**
     * A view's page that is not present: the section page's frame when it has one (no fault is counted: the page was
     * in memory), else a frame taken for the section, zero-filled or read back from the page file.
     */
    int sharedFault(long vpn, boolean write) {
        Allocation view = space.allocationAt(vpn << shift);
        Section section = view.section;
        long page = view.sectionPage + (vpn - (view.base() >>> shift));
        long proto = section.proto(page);
        if ((proto & PRESENT) != 0) {
            int frame = frameOf(proto);
            memory.referenced(pool, frame, write);
            return frame;
        }
        if ((proto & TRANSITION) != 0) {
            // W5-3: the section page is on the standby or modified list: a soft fault brings it back, into this
            // space's working set, whichever view it was trimmed from.
            int frame = frameOf(proto);
            memory.reclaim(space, frame, write);
            section.proto(page, (proto & ~TRANSITION) | PRESENT);
            counters.softFaults++;
            journal.append(memory.clock(), JournalKind.SOFT_FAULT, vpn << shift, 0, write ? 1 : 0, frame, 0);
            return frame;
        }
        boolean inFile = (proto & IN_FILE) != 0;
        int frame = memory.takeForSection(space, section, page, inFile ? frameOf(proto) : -1, write);
        section.proto(page, PRESENT | (inFile ? 0 : DIRTY) | ((long) frame << FRAME_SHIFT));
        if (inFile) {
            counters.hardFaults++;
            journal.append(memory.clock(), JournalKind.HARD_FAULT, vpn << shift, 0, write ? 1 : 0, frame, 0);
        } else {
            counters.demandZeroFaults++;
            journal.append(memory.clock(), JournalKind.DEMAND_ZERO_FAULT, vpn << shift, 0, write ? 1 : 0, frame, 0);
        }
        return frame;
    }

    /** Makes view page {@code vpn} non-present if it maps section frame {@code frame}; returns whether it did. */
    private boolean unmapShared(long vpn, int frame) {
        long pte = table.get(vpn);
        if ((pte & (MAPPED | PRESENT)) != (MAPPED | PRESENT) || frameOf(pte) != frame) {
            return false;
        }
        table.set(vpn, pte & (PROT_MASK | ALLOW_MASK | COMMITTED | MAPPED));
        tlb.invalidate(vpn);
        counters.residentPages--;
        return true;
    }

    /** A view's page lost the section frame {@code frame} it mapped (the section page was evicted). */
    void sharedEvicted(long vpn, int frame, boolean written) {
        if (!unmapShared(vpn, frame)) {
            return;
        }
        counters.evictions++;
        journal.append(memory.clock(), JournalKind.EVICTION, vpn << shift, 0, written ? 1 : 0, frame, 0);
    }

    /**
     * W5-2: the section page in frame {@code frame}, which this view page maps, was trimmed to the standby
     * ({@code dirty} false) or modified list: the view page is no longer present; its next touch is a soft fault.
     */
    void sharedTrimmed(long vpn, int frame, boolean dirty) {
        if (!unmapShared(vpn, frame)) {
            return;
        }
        counters.trims++;
        journal.append(memory.clock(), JournalKind.TRIM, vpn << shift, 0, dirty ? 1 : 0, frame, 0);
    }

    /** W5-4: the modified-page writer wrote the section page in frame {@code frame}, which view page {@code vpn} maps. */
    void sharedWrittenOut(long vpn, int frame) {
        journal.append(memory.clock(), JournalKind.PAGE_WRITE, vpn << shift, 0, 1, frame, 0);
    }

    static boolean isWriteCopy(long pte) {
        long base = pte & 0xFF;
        return base == PAGE_WRITECOPY || base == PAGE_EXECUTE_WRITECOPY;
    }
}
