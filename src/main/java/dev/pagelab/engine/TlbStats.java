package dev.pagelab.engine;

/**
 * A TLB's counters at one moment, a read-only value: its size and what its lookups, flushes and invalidations
 * came to.
 *
 * @param entries     translations it holds, 0 for no TLB
 * @param ways        its associativity
 * @param hits        lookups that found their translation
 * @param misses      lookups that walked the page table
 * @param flushes     flushes caused by protect, decommit and release
 * @param invalidated translations invalidated, by flushes and evictions
 */
public record TlbStats(int entries, int ways, long hits, long misses, long flushes, long invalidated) {

    /** The hit ratio so far, 0 when nothing was looked up. */
    public double hitRatio() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }

    @Override
    public String toString() {
        if (entries == 0) {
            return "no TLB";
        }
        return "TLB " + entries + " entries (" + ways + "-way): " + hits + " hits, " + misses + " misses, "
                + flushes + " flushes";
    }
}
