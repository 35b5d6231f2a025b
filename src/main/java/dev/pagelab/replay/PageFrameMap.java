package dev.pagelab.replay;

/**
 * The resident pages of a replay: page to frame by open addressing with linear probing, sized for the frames
 * and at most a quarter full, so probes are short and the table stays in the fastest caches. Tuned for the
 * replay loop: a lookup that misses returns where the page would go, so a fault inserts without probing again;
 * the slot of every frame is known, so an eviction deletes without probing at all (backward-shift deletion,
 * keeping the slots up to date).
 *
 * <p>Keys are scrambled by the invertible {@code (page ^ SALT) * 0x9E3779B97F4A7C15}; the top bits pick the home
 * slot. The single page that scrambles to zero, the empty marker, lives in an extra slot past the probe range.
 */
final class PageFrameMap {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long SALT = 0x5DEECE66DL;

    private final long[] keys;
    private final int[] frameAt;
    private final int[] slotOf;
    private final int mask;
    private final int shift;
    private final int zeroSlot;
    private boolean zeroUsed;

    /** The most frames a table holds: its slots, four per frame rounded up to a power of two, fit a Java array. */
    static final int MAX_FRAMES = 1 << 28;

    PageFrameMap(int frames) {
        if (frames > MAX_FRAMES) {
            throw new IllegalArgumentException("a replay holds at most " + MAX_FRAMES + " pages, not " + frames);
        }
        int capacity = capacity(frames);
        keys = new long[capacity + 1];
        frameAt = new int[capacity + 1];
        slotOf = new int[frames];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        zeroSlot = capacity;
    }

    private static int capacity(int frames) {
        return Integer.highestOneBit(Math.max(8, 4 * frames - 1)) << 1;
    }

    /** The heap a table for {@code frames} frames takes (at most {@link #MAX_FRAMES}). */
    static long heapBytes(int frames) {
        return 12L * (capacity(frames) + 1) + 4L * frames;
    }

    static long scramble(long page) {
        return (page ^ SALT) * GOLDEN;
    }

    /**
     * The frame holding the page whose scrambled key is {@code key}, or, when it is not resident,
     * {@code -1 - slot} for the slot where {@link #insert} puts it.
     */
    int find(long key) {
        if (key == 0) {
            return zeroUsed ? frameAt[zeroSlot] : -1 - zeroSlot;
        }
        long[] k = keys;
        int msk = mask;
        for (int i = (int) (key >>> shift); ; i = (i + 1) & msk) {
            long here = k[i];
            if (here == key) {
                return frameAt[i];
            }
            if (here == 0) {
                return -1 - i;
            }
        }
    }

    /** Puts {@code key} in {@code frame} at the slot {@link #find} returned (nothing may have changed since). */
    void insert(int slot, long key, int frame) {
        if (slot == zeroSlot) {
            zeroUsed = true;
        } else {
            keys[slot] = key;
        }
        frameAt[slot] = frame;
        slotOf[frame] = slot;
    }

    /**
     * Puts {@code key} in {@code frame} at the slot {@link #find} returned, in place of the page {@code frame}
     * held: the new page goes in first, then the old one is deleted, so the slot stays valid.
     */
    void replace(int slot, long key, int frame) {
        int old = slotOf[frame];
        insert(slot, key, frame);
        delete(old);
    }

    private void delete(int hole) {
        if (hole == zeroSlot) {
            zeroUsed = false;
            return;
        }
        long[] k = keys;
        int[] f = frameAt;
        int msk = mask;
        int j = hole;
        while (true) {
            j = (j + 1) & msk;
            long here = k[j];
            if (here == 0) {
                break;
            }
            int home = (int) (here >>> shift);
            // The entry at j may move back to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                k[hole] = here;
                int moved = f[j];
                f[hole] = moved;
                slotOf[moved] = hole;
                hole = j;
            }
        }
        k[hole] = 0;
    }
}
