package dev.pagelab.internal;

import java.util.Arrays;

/**
 * A set of page numbers as a sparse bitmap: one bit per page in chunks of {@value #CHUNK_PAGES} pages, the
 * chunks found by a hash map from chunk number to chunk, with the last chunks used cached. A trace's distinct
 * pages (usually a few clusters) then take a few kilobytes that stay in the processor's cache, so adding a
 * reference costs a few instructions; {@link #sorted()} lists them in order without sorting pages.
 */
public final class PageSet {
    private static final int CHUNK_SHIFT = 12;
    static final int CHUNK_PAGES = 1 << CHUNK_SHIFT;
    private static final int CACHE = 64;

    private final LongIntMap index = new LongIntMap(16);
    private long[][] chunks = new long[16][];
    private long[] chunkNumbers = new long[16];
    private int chunkCount;
    private final long[] cachedNumbers = new long[CACHE];
    private final long[][] cachedChunks = new long[CACHE][];
    private int size;

    /** An empty set. */
    public PageSet() {
        Arrays.fill(cachedNumbers, -1);
    }

    /** Adds a page (a non-negative page number); true when it was not in the set. */
    public boolean add(long page) {
        long number = page >>> CHUNK_SHIFT;
        int slot = (int) number & (CACHE - 1);
        long[] chunk;
        if (cachedNumbers[slot] == number) {
            chunk = cachedChunks[slot];
        } else {
            chunk = chunk(number);
            cachedNumbers[slot] = number;
            cachedChunks[slot] = chunk;
        }
        int bit = (int) page & (CHUNK_PAGES - 1);
        long word = chunk[bit >>> 6];
        long mask = 1L << bit;
        if ((word & mask) != 0) {
            return false;
        }
        chunk[bit >>> 6] = word | mask;
        size++;
        return true;
    }

    private long[] chunk(long number) {
        int i = index.get(number);
        if (i >= 0) {
            return chunks[i];
        }
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
            chunkNumbers = Arrays.copyOf(chunkNumbers, chunkCount * 2);
        }
        long[] chunk = new long[CHUNK_PAGES / 64];
        index.put(number, chunkCount);
        chunks[chunkCount] = chunk;
        chunkNumbers[chunkCount] = number;
        chunkCount++;
        return chunk;
    }

    /** How many pages are in the set. */
    public int size() {
        return size;
    }

    /** The pages, lowest first. */
    public long[] sorted() {
        Integer[] order = new Integer[chunkCount];
        for (int i = 0; i < chunkCount; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(chunkNumbers[a], chunkNumbers[b]));
        long[] pages = new long[size];
        int n = 0;
        for (int i : order) {
            long[] chunk = chunks[i];
            long first = chunkNumbers[i] << CHUNK_SHIFT;
            for (int w = 0; w < chunk.length; w++) {
                for (long bits = chunk[w]; bits != 0; bits &= bits - 1) {
                    pages[n++] = first + (w << 6) + Long.numberOfTrailingZeros(bits);
                }
            }
        }
        return pages;
    }
}
