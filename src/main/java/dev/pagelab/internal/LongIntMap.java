package dev.pagelab.internal;

/**
 * An open-addressing hash map from {@code long} keys (page numbers) to {@code int} values (frames, ids), in
 * one primitive array that interleaves keys and values, so a probe touches one cache line: no boxing, no
 * object per entry, linear probing with backward-shift deletion.
 *
 * <p>Keys are stored scrambled by an invertible multiplication, {@code (key ^ SALT) * 0x9E3779B97F4A7C15}, whose
 * top bits give the home slot (Fibonacci hashing). The one key that scrambles to zero, the empty marker, is held
 * in a field of its own, so every {@code long} is a valid key.
 */
public final class LongIntMap {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long SALT = 0x5DEECE66DL;
    private static final int MIN_CAPACITY = 16;

    private final int missing;
    private long[] table; // table[2i] = scrambled key (0 = empty), table[2i + 1] = value
    private int mask;
    private int shift;
    private int size;
    private int growAt;
    private boolean hasZero;
    private int zeroValue;

    /** A map that answers {@code -1} for absent keys, sized for {@code expected} entries without growing. */
    public LongIntMap(int expected) {
        this(expected, -1);
    }

    /** A map that answers {@code missing} for absent keys, sized for {@code expected} entries without growing. */
    public LongIntMap(int expected, int missing) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected size " + expected + " is negative");
        }
        this.missing = missing;
        long wanted = Math.max(MIN_CAPACITY, 2L * expected);
        int capacity = Integer.highestOneBit((int) Math.min(1 << 29, wanted - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        table = new long[2 * capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        growAt = capacity / 2;
    }

    private static long scramble(long key) {
        return (key ^ SALT) * GOLDEN;
    }

    /** The value answered for absent keys. */
    public int missing() {
        return missing;
    }

    /** The number of keys. */
    public int size() {
        return size;
    }

    /** The value of {@code key}, or {@link #missing()}. */
    public int get(long key) {
        long m = scramble(key);
        if (m == 0) {
            return hasZero ? zeroValue : missing;
        }
        int i = find(m);
        return i >= 0 ? (int) table[2 * i + 1] : missing;
    }

    /** Whether {@code key} is present. */
    public boolean containsKey(long key) {
        long m = scramble(key);
        if (m == 0) {
            return hasZero;
        }
        return find(m) >= 0;
    }

    /** Sets the value of {@code key}; returns the previous value, or {@link #missing()} if it was absent. */
    public int put(long key, int value) {
        long m = scramble(key);
        if (m == 0) {
            int old = hasZero ? zeroValue : missing;
            if (!hasZero) {
                hasZero = true;
                size++;
            }
            zeroValue = value;
            return old;
        }
        int i = find(m);
        if (i < 0) {
            insertAt(~i, m, value);
            return missing;
        }
        int old = (int) table[2 * i + 1];
        table[2 * i + 1] = value;
        return old;
    }

    /**
     * Adds {@code key} with {@code value} if it is absent and returns {@link #missing()}; otherwise leaves the map
     * alone and returns the present value. One probe sequence either way.
     */
    public int putIfAbsent(long key, int value) {
        long m = scramble(key);
        if (m == 0) {
            if (hasZero) {
                return zeroValue;
            }
            hasZero = true;
            zeroValue = value;
            size++;
            return missing;
        }
        int i = find(m);
        if (i < 0) {
            insertAt(~i, m, value);
            return missing;
        }
        return (int) table[2 * i + 1];
    }

    /** Removes {@code key}; returns its value, or {@link #missing()} if it was absent. */
    public int remove(long key) {
        long m = scramble(key);
        if (m == 0) {
            if (!hasZero) {
                return missing;
            }
            hasZero = false;
            size--;
            return zeroValue;
        }
        int i = find(m);
        if (i < 0) {
            return missing;
        }
        int old = (int) table[2 * i + 1];
        deleteAt(i);
        size--;
        return old;
    }

    /**
     * The one probe sequence: the slot of the scrambled key {@code m} (not 0), or {@code ~slot} of the empty slot
     * where the probe ended. Small and private, so the JIT inlines it into each caller: no call on the hot path.
     */
    private int find(long m) {
        long[] t = table;
        int msk = mask;
        for (int i = (int) (m >>> shift); ; i = (i + 1) & msk) {
            long here = t[2 * i];
            if (here == m) {
                return i;
            }
            if (here == 0) {
                return ~i;
            }
        }
    }

    /** Fills the empty slot {@code i} with {@code m} and {@code value}, growing the table when it is half full. */
    private void insertAt(int i, long m, int value) {
        table[2 * i] = m;
        table[2 * i + 1] = value;
        if (++size > growAt) {
            grow();
        }
    }

    /** Empties the map, keeping its capacity. */
    public void clear() {
        java.util.Arrays.fill(table, 0L);
        hasZero = false;
        size = 0;
    }

    // Backward-shift deletion: pull later members of the probe run into the hole when their home slot allows.
    private void deleteAt(int hole) {
        long[] t = table;
        int msk = mask;
        int j = hole;
        while (true) {
            j = (j + 1) & msk;
            long here = t[2 * j];
            if (here == 0) {
                break;
            }
            int home = (int) (here >>> shift);
            // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                t[2 * hole] = here;
                t[2 * hole + 1] = t[2 * j + 1];
                hole = j;
            }
        }
        t[2 * hole] = 0;
    }

    private void grow() {
        long[] old = table;
        if (old.length >= 1 << 30) {
            throw new IllegalStateException("a map of " + size + " keys cannot grow further");
        }
        allocate(old.length); // twice the slots: old.length is 2 * capacity
        long[] t = table;
        int msk = mask;
        for (int s = 0; s < old.length; s += 2) {
            long m = old[s];
            if (m != 0) {
                int i = (int) (m >>> shift);
                while (t[2 * i] != 0) {
                    i = (i + 1) & msk;
                }
                t[2 * i] = m;
                t[2 * i + 1] = old[s + 1];
            }
        }
    }

    @Override
    public String toString() {
        return "map of " + size + " keys";
    }
}
