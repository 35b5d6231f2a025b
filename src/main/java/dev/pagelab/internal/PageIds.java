package dev.pagelab.internal;

import java.util.Arrays;

/**
 * Dense ids {@code 0, 1, 2, ...} for pages in order of first appearance, for the passes that touch every page of
 * a trace (next uses, stack distances). Real traces cluster their pages in a few regions, so the ids live in a
 * two-level table like a page table: a small map from the page's high bits to a leaf of 4096 ints, and the id in
 * the leaf. The map holds one key per region and stays in the first-level cache, the leaves hold 4 bytes per
 * page of a region; both are far smaller than a hash table over every page. Should the pages be so scattered that
 * leaves hold few pages each, the table falls back to a plain {@link LongIntMap}.
 */
public final class PageIds {
    private static final int LEAF_BITS = 12;
    private static final int LEAF = 1 << LEAF_BITS;
    private static final int LEAF_MASK = LEAF - 1;
    /** Leaves may use at most this many slots per page seen (beyond a floor), before the fallback. */
    private static final int SLOTS_PER_PAGE = 64;
    private static final int FLOOR_SLOTS = 1 << 20;

    private final LongIntMap leafOf = new LongIntMap(64);
    private long[] highOf = new long[4];
    private int[] slots = new int[4 * LEAF]; // id + 1 per page of every leaf, 0 = not seen
    private int leaves;
    private long lastHigh = -1;
    private int lastBase = -1;
    private LongIntMap flat; // the fallback, once the leaves grow too sparse
    private int size;

    /** An empty table: the first page seen gets id 0. */
    public PageIds() {}

    /** The number of pages seen. */
    public int size() {
        return size;
    }

    /** The id of {@code page}, giving it the next id ({@link #size()} before the call) when it is new. */
    public int idOf(long page) {
        if (flat == null) {
            long high = page >>> LEAF_BITS;
            int base = high == lastHigh ? lastBase : leaf(high);
            if (base >= 0) {
                int at = base + (int) (page & LEAF_MASK);
                int stored = slots[at];
                if (stored != 0) {
                    return stored - 1;
                }
                slots[at] = ++size;
                return size - 1;
            }
        }
        int id = flat.putIfAbsent(page, size);
        return id >= 0 ? id : size++;
    }

    /** The first slot of the leaf for {@code high}, made if needed; -1 after falling back to the flat map. */
    private int leaf(long high) {
        int index = leafOf.get(high);
        if (index < 0) {
            if ((long) (leaves + 1) * LEAF > Math.max(FLOOR_SLOTS, (long) SLOTS_PER_PAGE * size)) {
                fallBack();
                return -1;
            }
            index = leaves++;
            leafOf.put(high, index);
            if (index == highOf.length) {
                highOf = Arrays.copyOf(highOf, 2 * index);
            }
            highOf[index] = high;
            if ((long) leaves * LEAF > slots.length) {
                slots = Arrays.copyOf(slots, (int) Math.min(Integer.MAX_VALUE - 16L, 2L * slots.length));
            }
        }
        lastHigh = high;
        lastBase = index << LEAF_BITS;
        return lastBase;
    }

    private void fallBack() {
        LongIntMap map = new LongIntMap(Math.max(1024, 2 * size));
        for (int leaf = 0; leaf < leaves; leaf++) {
            int base = leaf << LEAF_BITS;
            for (int j = 0; j < LEAF; j++) {
                int stored = slots[base + j];
                if (stored != 0) {
                    map.put((highOf[leaf] << LEAF_BITS) | j, stored - 1);
                }
            }
        }
        flat = map;
        slots = null;
        highOf = null;
    }
}
