package dev.pagelab.engine;

import java.util.Arrays;

/**
 * A translation look-aside buffer model: {@code entries} translations in sets of up to four ways with LRU
 * replacement inside a set, indexed by the low bits of the page number. A lookup counts a hit or a miss
 * (a miss means a page-table walk); protect, decommit and release invalidate the pages they change.
 *
 * <p>Layout: {@code tags[set * ways + way]} holds {@code vpn + 1} (0 = empty); {@code stamp} holds the
 * lookup count of the entry's last use, for LRU within the set.
 */
final class Tlb {
    private final int entries;
    private final int ways;
    private final int setMask;
    private final long[] tags;
    private final long[] stamp;
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
        this.tags = new long[entries];
        this.stamp = new long[entries];
    }

    /** The heap a TLB of {@code entries} entries takes: a tag and a stamp per entry. */
    public static long heapBytes(int entries) {
        return 16L * entries;
    }

    /** Looks a page up, counting a hit or a miss, and fills the entry on a miss. */
    boolean lookup(long vpn) {
        if (entries == 0) {
            return false;
        }
        long tag = vpn + 1;
        int base = (int) (vpn & setMask) * ways;
        long now = ++tick;
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == tag) {
                stamp[i] = now;
                hits++;
                return true;
            }
        }
        misses++;
        // The least recently used way (an empty one has stamp 0; ties go to the lowest way): the minimum of
        // stamp * 4 + way, which compiles to conditional moves rather than branches the processor mispredicts.
        long least = Long.MAX_VALUE;
        for (int way = 0; way < ways; way++) {
            least = Math.min(least, (stamp[base + way] << 2) | way);
        }
        int victim = base + (int) (least & 3);
        tags[victim] = tag;
        stamp[victim] = now;
        return false;
    }

    /** Invalidates the translations of pages {@code [fromVpn, toVpn)}; counts one flush. */
    void flush(long fromVpn, long toVpn) {
        if (entries == 0) {
            return;
        }
        flushes++;
        for (int i = 0; i < entries; i++) {
            long vpn = tags[i] - 1;
            if (tags[i] != 0 && vpn >= fromVpn && vpn < toVpn) {
                tags[i] = 0;
                stamp[i] = 0;
                invalidated++;
            }
        }
    }

    /** Invalidates one page without counting a flush (the page left memory). */
    void invalidate(long vpn) {
        if (entries == 0) {
            return;
        }
        int base = (int) (vpn & setMask) * ways;
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == vpn + 1) {
                tags[i] = 0;
                stamp[i] = 0;
                invalidated++;
            }
        }
    }

    void clear() {
        Arrays.fill(tags, 0);
        Arrays.fill(stamp, 0);
    }

    public int entries() { return entries; }
    public int ways() { return ways; }
    public long hits() { return hits; }
    public long misses() { return misses; }
    /** How many flushes protect, decommit and release caused. */
    public long flushes() { return flushes; }
    /** How many translations were invalidated, by flushes and evictions. */
    public long invalidated() { return invalidated; }

    /** The counters now, as a value. */
    public TlbStats stats() {
        return new TlbStats(entries, ways, hits, misses, flushes, invalidated);
    }

    /** The hit ratio so far, 0 when nothing was looked up. */
    public double hitRatio() {
        return stats().hitRatio();
    }

    @Override
    public String toString() {
        return stats().toString();
    }
}
