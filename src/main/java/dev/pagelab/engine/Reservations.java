package dev.pagelab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reservations of one address space by base address (Windows: the VAD tree), and where a new one may go:
 * the lowest granule-aligned hole that fits, the highest one for MEM_TOP_DOWN, the largest free block. A
 * reservation of any size is one node.
 */
final class Reservations {
    private final TreeMap<Long, Allocation> byBase = new TreeMap<>();
    private final long minAddress;
    private final long limit;
    private final long granularity;

    /** Reservations from the layout's lowest address up to {@code limit}, aligned to its allocation granularity. */
    Reservations(Layout layout, long limit) {
        this.minAddress = layout.minAddress();
        this.granularity = layout.granularity();
        this.limit = limit;
    }

    void add(Allocation allocation) {
        byBase.put(allocation.base(), allocation);
    }

    void remove(Allocation allocation) {
        byBase.remove(allocation.base());
    }

    /** The reservation holding {@code address}, or null. */
    Allocation at(long address) {
        Map.Entry<Long, Allocation> e = byBase.floorEntry(address);
        return e == null || !e.getValue().contains(address) ? null : e.getValue();
    }

    /** The first reservation whose base is above {@code address}, or null. */
    Allocation after(long address) {
        Map.Entry<Long, Allocation> e = byBase.higherEntry(address);
        return e == null ? null : e.getValue();
    }

    /** A reservation overlapping {@code [base, end)}, or null. */
    Allocation overlapping(long base, long end) {
        Map.Entry<Long, Allocation> below = byBase.lowerEntry(end);
        return below != null && below.getValue().end() > base ? below.getValue() : null;
    }

    List<Allocation> list() {
        return new ArrayList<>(byBase.values());
    }

    int size() {
        return byBase.size();
    }

    /** The lowest granule-aligned base where {@code bytes} fit, or -1. */
    long lowestHole(long bytes) {
        long cursor = minAddress;
        for (Allocation a : byBase.values()) {
            long start = alignUp(cursor);
            if (a.base() - start >= bytes && a.base() > start) {
                return start;
            }
            cursor = Math.max(cursor, a.end());
        }
        long start = alignUp(cursor);
        return limit - start >= bytes && limit > start ? start : -1;
    }

    /** The highest granule-aligned base where {@code bytes} fit (MEM_TOP_DOWN), or -1. */
    long highestHole(long bytes) {
        long ceiling = limit;
        for (Allocation a : byBase.descendingMap().values()) {
            long start = (ceiling - bytes) & -granularity;
            long floor = alignUp(a.end());
            if (ceiling - floor >= bytes && start >= floor) {
                return start;
            }
            ceiling = Math.min(ceiling, a.base());
        }
        long start = (ceiling - bytes) & -granularity;
        return ceiling - minAddress >= bytes && start >= minAddress ? start : -1;
    }

    /** The largest free block a reservation could take (granule-aligned). */
    long largestFreeBlock() {
        long best = 0;
        long cursor = minAddress;
        for (Allocation a : byBase.values()) {
            long start = alignUp(cursor);
            if (a.base() > start) {
                best = Math.max(best, a.base() - start);
            }
            cursor = Math.max(cursor, a.end());
        }
        long start = alignUp(cursor);
        if (limit > start) {
            best = Math.max(best, limit - start);
        }
        return best;
    }

    private long alignUp(long value) {
        return (value + granularity - 1) & -granularity;
    }
}
