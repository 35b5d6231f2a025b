package dev.pagelab.engine;

import java.util.Arrays;

/**
 * The page file: {@code limit} slots, each holding the copy of one evicted (or read back and still clean) page.
 * A slot's bytes are the evicted frame's own array, handed over, not copied; null means all zeros. Until some
 * slot is given bytes, every slot is all zeros and the byte column is not read. Slots are taken lowest first,
 * then freed ones again.
 */
final class PageFile {
    private final long limit;
    private final FreeList free = new FreeList();
    private int highWater;
    private int inUse;
    private byte[][] bytes = new byte[64][];
    /** Whether any slot was ever given bytes: until then every slot is all zeros and {@link #bytes} is not read. */
    private boolean holdsBytes;
    private long writes;

    PageFile(long limit) {
        this.limit = limit;
    }

    /** A free slot, now in use. */
    int take() {
        int s;
        if (!free.isEmpty()) {
            s = free.pop();
        } else {
            if (highWater >= limit) {
                throw new IllegalStateException("the page file of " + limit
                        + " pages is full; the commit limit should have prevented this");
            }
            s = highWater++;
            if (s >= bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(s + 1, bytes.length * 2));
            }
        }
        inUse++;
        return s;
    }

    /** Slot {@code s} holds nothing any more. */
    void free(int s) {
        if (holdsBytes) {
            bytes[s] = null;
        }
        inUse--;
        free.push(s);
    }

    /** Slot {@code s} now holds {@code page} (null: zeros); {@code written} counts a write to the file. */
    void store(int s, byte[] page, boolean written) {
        if (page != null) {
            bytes[s] = page;
            holdsBytes = true;
        } else if (holdsBytes) {
            bytes[s] = null;
        }
        if (written) {
            writes++;
        }
    }

    /** The bytes of slot {@code s}, shared, or null for zeros. */
    byte[] bytes(int s) {
        return holdsBytes ? bytes[s] : null;
    }

    /** Whether {@code page} is the very array slot {@code s} holds (a clean page read back shares it). */
    boolean shares(int s, byte[] page) {
        return holdsBytes && bytes[s] == page;
    }

    /** How many pages the page file holds. */
    long limit() {
        return limit;
    }

    /** Slots holding a page now. */
    long inUse() {
        return inUse;
    }

    /** Evictions that wrote a page here (dirty, or never written before). */
    long writes() {
        return writes;
    }

    /** Whether slot {@code s} is in use (a linear scan of the free list, for checks). */
    boolean used(int s) {
        return s >= 0 && s < highWater && !free.contains(s);
    }
}
