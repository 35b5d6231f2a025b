package dev.pagelab.replay;

/**
 * A set of slots as bits, with summary levels above them (a bit a word of the level below, set where that word is
 * not empty), so that the next or the previous member of any slot is a few word reads away however far it lies.
 * The slots' own words may live in an array shared with other bits, every second word of it.
 */
final class BitLine {
    /** The slots' words: word {@code w} at {@code [(w << shift) + offset]}. */
    private final long[] slots;
    private final int shift;
    private final int offset;
    private final int words;
    /** Level {@code k}: bit {@code i} set where word {@code i} of the level below (the slots' words at 0) is not 0. */
    private final long[][] summaries;

    /** An empty set of the slots {@code 0 .. slots - 1}. */
    BitLine(int slots) {
        this(new long[Math.max(1, (slots + 63) >>> 6)], 0, 0, slots);
    }

    /**
     * The set whose words are every second word of {@code shared}, from {@code offset} (0 or 1): it holds the slots
     * already set there, of {@code slots} in all.
     */
    static BitLine interleaved(long[] shared, int offset, int slots) {
        return new BitLine(shared, 1, offset, slots);
    }

    private BitLine(long[] slots, int shift, int offset, int count) {
        this.slots = slots;
        this.shift = shift;
        this.offset = offset;
        this.words = Math.max(1, (count + 63) >>> 6);
        int levels = 0;
        for (int n = words; n > 1; n = (n + 63) >>> 6) {
            levels++;
        }
        summaries = new long[levels][];
        int n = words;
        for (int k = 0; k < levels; k++) {
            n = (n + 63) >>> 6;
            summaries[k] = new long[n];
        }
        for (int w = 0; w < words; w++) {
            if (word(w) != 0) {
                mark(w);
            }
        }
    }

    private long word(int w) {
        return slots[(w << shift) + offset];
    }

    /** Sets the summary bits over the non-empty word {@code w}. */
    private void mark(int w) {
        int i = w;
        for (long[] level : summaries) {
            int up = i >>> 6;
            long before = level[up];
            level[up] = before | 1L << i;
            if (before != 0) {
                return;
            }
            i = up;
        }
    }

    boolean contains(int slot) {
        return (word(slot >>> 6) & 1L << slot) != 0;
    }

    void add(int slot) {
        int at = ((slot >>> 6) << shift) + offset;
        long before = slots[at];
        slots[at] = before | 1L << slot;
        if (before == 0) {
            mark(slot >>> 6);
        }
    }

    void remove(int slot) {
        int at = ((slot >>> 6) << shift) + offset;
        long after = slots[at] & ~(1L << slot);
        slots[at] = after;
        if (after != 0) {
            return;
        }
        int i = slot >>> 6;
        for (long[] level : summaries) {
            int up = i >>> 6;
            after = level[up] & ~(1L << i);
            level[up] = after;
            if (after != 0) {
                return;
            }
            i = up;
        }
    }

    /** The least member at or after {@code slot}, or -1 if there is none. */
    int next(int slot) {
        int w = slot >>> 6;
        if (w >= words) {
            return -1;
        }
        long bits = word(w) & (-1L << slot);
        if (bits != 0) {
            return (w << 6) + Long.numberOfTrailingZeros(bits);
        }
        int i = w + 1; // the next word, at the summary levels
        int k = 0;
        while (true) {
            if (k == summaries.length) {
                return -1;
            }
            long[] level = summaries[k];
            int up = i >>> 6;
            if (up >= level.length) {
                return -1;
            }
            bits = level[up] & (-1L << i);
            if (bits != 0) {
                i = (up << 6) + Long.numberOfTrailingZeros(bits);
                break;
            }
            i = up + 1;
            k++;
        }
        while (k > 0) {
            k--;
            i = (i << 6) + Long.numberOfTrailingZeros(summaries[k][i]);
        }
        return (i << 6) + Long.numberOfTrailingZeros(word(i));
    }

    /** The greatest member at or before {@code slot}, or -1 if there is none. */
    int previous(int slot) {
        if (slot < 0) {
            return -1;
        }
        int w = slot >>> 6;
        long bits = word(w) & (-1L >>> (63 - (slot & 63)));
        if (bits != 0) {
            return (w << 6) + 63 - Long.numberOfLeadingZeros(bits);
        }
        int i = w - 1;
        int k = 0;
        while (true) {
            if (i < 0 || k == summaries.length) {
                return -1;
            }
            int up = i >>> 6;
            bits = summaries[k][up] & (-1L >>> (63 - (i & 63)));
            if (bits != 0) {
                i = (up << 6) + 63 - Long.numberOfLeadingZeros(bits);
                break;
            }
            i = up - 1;
            k++;
        }
        while (k > 0) {
            k--;
            i = (i << 6) + 63 - Long.numberOfLeadingZeros(summaries[k][i]);
        }
        return (i << 6) + 63 - Long.numberOfLeadingZeros(word(i));
    }
}
