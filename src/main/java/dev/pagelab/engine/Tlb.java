package dev.pagelab.engine;

import java.util.Arrays;

/**
 * A translation look-aside buffer model: {@code entries} translations in sets of up to four ways with LRU
 * replacement inside a set, indexed by the low bits of the page number. A lookup counts a hit or a miss
 * (a miss means a page-table walk); protect, decommit and release invalidate the pages they change.
 *
 * <p>Layout: {@code slots[2 * (set * ways + way)]} holds {@code vpn + 1} (0 = empty) and the slot after it the
 * lookup count of the entry's last use, for LRU within the set: a set's tags and stamps share one cache line.
 * The usual four-way set is searched without a loop.
 */
final class Tlb {
    private final int entries;
    private final int ways;
    private final int setMask;
    private final long[] slots;
    private long tick;
    private long hits;
    private long misses;
    private long flushes;
    private long invalidated;

    Tlb(int entries) {
        if (entries < 0 || (entries != 0 && Integer.bitCount(entries) != 1)) {
            throw new IllegalArgumentException("TLB entries must be 0 (no TLB) or a power of two, not " + entries);
        }
        this.entries = entries;
        this.ways = Math.min(4, Math.max(1, entries));
        int sets = entries == 0 ? 0 : entries / ways;
        this.setMask = Math.max(0, sets - 1);
        this.slots = new long[2 * entries];
    }

    /** The heap a TLB of {@code entries} entries takes: a tag and a stamp per entry. */
    public static long heapBytes(int entries) {
        return 16L * entries;
    }

    /**
     * Looks a page up, counting a hit or a miss, and fills the entry on a miss. Kept small, with the searches in
     * methods of their own, so that the compiler inlines it into the access path.
     */
    boolean lookup(long vpn) {
        if (entries == 0) {
            return false;
        }
        long now = ++tick;
        int set = (int) vpn & setMask;
        return ways == 4 ? lookup4(vpn + 1, set << 3, now) : lookupWays(vpn + 1, set * ways * 2, now);
    }

    /** {@link #lookup} in the four-way set from {@code slots[b]}, searched without a loop. */
    private boolean lookup4(long tag, int b, long now) {
        long[] s = slots;
        int at = find4(s, tag, b);
        if (at < 0) {
            // The least recently used way (an empty one has stamp 0; ties go to the lowest way): the minimum of
            // stamp * 4 + way, which compiles to conditional moves rather than branches the processor mispredicts.
            long least = Math.min(Math.min(s[b + 1] << 2, (s[b + 3] << 2) | 1),
                    Math.min((s[b + 5] << 2) | 2, (s[b + 7] << 2) | 3));
            int victim = b + ((int) least << 1 & 6);
            s[victim] = tag;
            s[victim + 1] = now;
            misses++;
            return false;
        }
        s[at + 1] = now;
        hits++;
        return true;
    }

    /** The slot of {@code tag} in the four-way set from {@code s[b]}, or -1: searched without a loop. */
    private static int find4(long[] s, long tag, int b) {
        return s[b] == tag ? b : s[b + 2] == tag ? b + 2 : s[b + 4] == tag ? b + 4 : s[b + 6] == tag ? b + 6 : -1;
    }

    /** {@link #lookup} in a set of fewer than four ways (a TLB of fewer than four entries) from {@code slots[base]}. */
    private boolean lookupWays(long tag, int base, long now) {
        long[] s = slots;
        int at = slotOf(tag, base);
        if (at >= 0) {
            s[at + 1] = now;
            hits++;
            return true;
        }
        misses++;
        long least = Long.MAX_VALUE;
        for (int way = 0; way < ways; way++) {
            least = Math.min(least, (s[base + 2 * way + 1] << 2) | way);
        }
        int victim = base + 2 * (int) (least & 3);
        s[victim] = tag;
        s[victim + 1] = now;
        return false;
    }

    /** Invalidates the translations of pages {@code [fromVpn, toVpn)}; counts one flush. */
    void flush(long fromVpn, long toVpn) {
        if (entries == 0) {
            return;
        }
        flushes++;
        for (int i = 0; i < 2 * entries; i += 2) {
            long vpn = slots[i] - 1;
            if (slots[i] != 0 && vpn >= fromVpn && vpn < toVpn) {
                slots[i] = 0;
                slots[i + 1] = 0;
                invalidated++;
            }
        }
    }

    /** Invalidates one page without counting a flush (the page left memory). A page has one entry at most. */
    void invalidate(long vpn) {
        if (entries == 0) {
            return;
        }
        long tag = vpn + 1;
        long[] s = slots;
        int base = ((int) vpn & setMask) * ways * 2;
        // Every eviction asks here: the usual four-way set is searched without a loop, as lookup4 searches it.
        int at = ways == 4 ? find4(s, tag, base) : slotOf(tag, base);
        if (at >= 0) {
            s[at] = 0;
            s[at + 1] = 0;
            invalidated++;
        }
    }

    /** The slot holding {@code tag} in the set of fewer than four ways from {@code slots[base]}, or -1. */
    private int slotOf(long tag, int base) {
        for (int i = base; i < base + 2 * ways; i += 2) {
            if (slots[i] == tag) {
                return i;
            }
        }
        return -1;
    }

    void clear() {
        Arrays.fill(slots, 0);
    }

    /** The counters now, as a value: entries, ways, hits, misses, flushes and invalidated translations. */
    public TlbStats stats() {
        return new TlbStats(entries, ways, hits, misses, flushes, invalidated);
    }

    @Override
    public String toString() {
        return stats().toString();
    }
}
