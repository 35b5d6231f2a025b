package dev.pagelab.replay;

import java.util.Arrays;

/**
 * The leaves of a tree changed since it was last read, each noted once, and a mark per node so that a node over
 * several of them is recomputed once; past a limit, the whole tree is recomputed instead.
 */
final class TreeChanges {
    int[] list = new int[64];
    int count;
    boolean all;
    private long[] noted = new long[1];
    private int[][] stamps = new int[1][];
    private int stamp;
    private int limit;

    /** Starts over for a new tree: everything in it is to be computed. */
    void reset(int[][] tree, int leaves) {
        noted = new long[(leaves + 63) >>> 6];
        stamps = new int[tree.length][];
        for (int l = 1; l < tree.length; l++) {
            stamps[l] = new int[tree[l].length];
        }
        stamp = 1;
        limit = Math.max(64, leaves >>> 3);
        count = 0;
        all = true;
    }

    void note(int leaf) {
        if (all || (noted[leaf >>> 6] & 1L << leaf) != 0) {
            return;
        }
        if (count == limit) {
            all = true;
            return;
        }
        noted[leaf >>> 6] |= 1L << leaf;
        if (count == list.length) {
            list = Arrays.copyOf(list, 2 * count);
        }
        list[count++] = leaf;
    }

    /**
     * Recomputes, level by level from the leaves up, the nodes of {@code tree} ({@code ints} ints a node) over
     * the leaves noted, each once, or all of them; then starts over.
     */
    void apply(int[][] tree, int ints, NodeUpdate update) {
        for (int l = 1; l < tree.length; l++) {
            if (all) {
                int nodes = Math.max(1, (tree[l - 1].length / ints) >>> LineTree.FAN_BITS); // the nodes over the level below
                for (int node = 0; node < nodes; node++) {
                    update.node(l, node);
                }
            } else {
                for (int i = 0; i < count; i++) {
                    int node = list[i] >>> (LineTree.FAN_BITS * l);
                    if (first(l, node)) {
                        update.node(l, node);
                    }
                }
            }
        }
        clear();
    }

    /** True the first time node {@code node} of level {@code l} is asked for since the last {@link #clear}. */
    private boolean first(int l, int node) {
        if (stamps[l][node] == stamp) {
            return false;
        }
        stamps[l][node] = stamp;
        return true;
    }

    private void clear() {
        for (int i = 0; i < count; i++) {
            noted[list[i] >>> 6] = 0;
        }
        count = 0;
        all = false;
        if (++stamp == Integer.MAX_VALUE) {
            for (int[] level : stamps) {
                if (level != null) {
                    Arrays.fill(level, 0);
                }
            }
            stamp = 1;
        }
    }

    /** Recomputes node {@code node} of level {@code l} of a tree from the nodes below it. */
    @FunctionalInterface
    interface NodeUpdate {
        void node(int l, int node);
    }
}
