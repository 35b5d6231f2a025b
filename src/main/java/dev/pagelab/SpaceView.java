package dev.pagelab;

import dev.pagelab.engine.Layout;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;

import java.util.List;

/**
 * A read-only view of one address space, what pictures read: its geometry, regions, pages, reservations and
 * page-table shape. It follows the space as it changes and changes nothing; {@link AddressSpace#view()} gives it.
 *
 * <p>{@code var v = space().view(); v.pageTablePages()}
 */
public interface SpaceView {

    /**
     * One reservation as it is now.
     *
     * @param base           AllocationBase
     * @param size           the reserved size in bytes (a whole number of pages)
     * @param protect        AllocationProtect, the Win32 code given at reservation time
     * @param committedPages how many of its pages are committed
     * @param type           MEM_PRIVATE (0x20000) for VirtualAlloc memory, MEM_MAPPED (0x40000) for a view of a section
     */
    record Reservation(long base, long size, int protect, long committedPages, int type) {
        /** VirtualAlloc memory (MEM_PRIVATE). */
        public Reservation(long base, long size, int protect, long committedPages) {
            this(base, size, protect, committedPages, 0x20000);
        }

        /** Whether it is a mapped view of a section (MEM_MAPPED) rather than a reservation. */
        public boolean mapped() {
            return type == 0x40000;
        }

        /** The first address past the reservation. */
        public long end() {
            return base + size;
        }
    }

    /** Page size, granularity, user range and table levels. */
    Layout layout();

    /** VirtualQuery: the run of pages from {@code address}'s page that share state and protection, or null outside. */
    MemoryRegion query(long address);

    /** Everything about the page holding {@code address}, without touching it. */
    PageInfo page(long address);

    /** Every reservation, lowest first. */
    List<Reservation> reservations();

    /** The reservation holding {@code address}, or null when it is free. */
    Reservation reservationAt(long address);

    /** The first committed page at or after {@code from}, or {@code to} when there is none below it. */
    long nextCommitted(long from, long to);

    /** The entry index of {@code address} in its page table at {@code level} (0 the top). */
    int tableIndex(long address, int level);

    /** Whether the table at {@code level} on the walk for {@code address} exists. */
    boolean tableNodePresent(long address, int level);

    /** Pages of page table the space holds now, all levels. */
    long pageTablePages();

    /** Committed pages. */
    long committedPages();

    /** Pages in physical frames now. */
    long residentPages();

    /** The largest free block a reservation could take, in bytes. */
    long largestFreeBlock();
}
