package dev.pagelab.replay;

/**
 * A set of slots as bits, with summary levels above them (a bit a word of the level below, set where that word is
 * not empty), so that the next or the previous member of any slot is a few word reads away however far it lies.
 */
final class BitLine {
    /** Level 0 holds the slots; level {@code k + 1} has bit {@code i} set where word {@code i} of level k is not 0. */
    private final long[][] levels;

    /** An empty set of the slots {@code 0 .. slots - 1}. */
    BitLine(int slots) {
        int count = 1;
        for (int n = Math.max(1, (slots + 63) >>> 6); n > 1; n = (n + 63) >>> 6) {
            count++;
        }
        levels = new long[count][];
        int n = Math.max(1, (slots + 63) >>> 6);
        for (int k = 0; k < count; k++) {
            levels[k] = new long[n];
            n = (n + 63) >>> 6;
        }
    }

    /** The slots' words, for reading; change them through {@link #add} and {@link #remove} only. */
    long[] words() {
        return levels[0];
    }

    boolean contains(int slot) {
        return (levels[0][slot >>> 6] & 1L << slot) != 0;
    }

    void add(int slot) {
        int i = slot;
        for (long[] level : levels) {
            int w = i >>> 6;
            long before = level[w];
            level[w] = before | 1L << i;
            if (before != 0) {
                return;
            }
            i = w;
        }
    }

    void remove(int slot) {
        int i = slot;
        for (long[] level : levels) {
            int w = i >>> 6;
            long after = level[w] & ~(1L << i);
            level[w] = after;
            if (after != 0) {
                return;
            }
            i = w;
        }
    }

    /** The least member at or after {@code slot}, or -1 if there is none. */
    int next(int slot) {
        long[][] all = levels;
        int i = slot;
        int k = 0;
        while (true) {
            if (k == all.length) {
                return -1;
            }
            long[] level = all[k];
            int w = i >>> 6;
            if (w >= level.length) {
                return -1;
            }
            long bits = level[w] & (-1L << i);
            if (bits != 0) {
                i = (w << 6) + Long.numberOfTrailingZeros(bits);
                break;
            }
            i = w + 1;
            k++;
        }
        while (k > 0) {
            k--;
            i = (i << 6) + Long.numberOfTrailingZeros(all[k][i]);
        }
        return i;
    }

    /** The greatest member at or before {@code slot}, or -1 if there is none. */
    int previous(int slot) {
        long[][] all = levels;
        int i = slot;
        int k = 0;
        while (true) {
            if (i < 0 || k == all.length) {
                return -1;
            }
            int w = i >>> 6;
            long bits = all[k][w] & (-1L >>> (63 - (i & 63)));
            if (bits != 0) {
                i = (w << 6) + 63 - Long.numberOfLeadingZeros(bits);
                break;
            }
            i = w - 1;
            k++;
        }
        while (k > 0) {
            k--;
            i = (i << 6) + 63 - Long.numberOfLeadingZeros(all[k][i]);
        }
        return i;
    }
}
