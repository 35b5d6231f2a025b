package dev.pagelab.replay;

import java.io.IOException;
import java.util.Arrays;

/**
 * OPT stack distances in one forward pass, without the future: the critical-stack view of Bilardi, Ekanadham and
 * Pattnaik ("Optimal on-line computation of stack distances for MIN and OPT", 2017). The OPT distance of a
 * reference depends on the past only, so no next-use array is needed and memory follows the distinct pages.
 *
 * <p>The state is a time line holding two kinds of marks: every page's last reference (as in {@link LruStack}),
 * and for every OPT depth {@code c >= 1} a <em>critical marker</em>, put down just before the page mark of the
 * last reference whose OPT depth was {@code c} (or of the first reference to the {@code c+1}-th page). Reading the
 * line from its newest end, let {@code G(u)} be the number of markers minus the number of page marks from position
 * {@code u} on; at a page mark it is never below -1. The OPT depth of a reference to a page seen before that is
 * not the last one referenced: find the oldest page mark {@code u} newer than the page's own where {@code G(u)}
 * is -1; the depth is the smallest {@code c} whose marker lies before {@code u}. Then marker {@code c} and the
 * page's mark move to the end of the line, in that order. A first reference puts the marker of the new depth
 * (the number of pages seen before) and its page mark at the end; a reference to the last page referenced has
 * depth 0 and changes nothing. (In the paper's terms: a marker's LRU depth is the number of page marks after it,
 * and {@code G} read at the page of LRU depth {@code i} is their imbalance function at {@code i}, less one.)
 *
 * <p>Layout: the line is {@code capacity} slots, a power of two; each reference but a depth-0 one takes two fresh
 * slots at the end, a marker's and a page mark's. A segment tree
 * over the slots, four ints per node in one array ({@code sum, suffix, depth}, and one unused for alignment),
 * keeps for each node the sum of its leaves (-1 per page mark, +1 per marker), the least suffix sum inside the
 * node that starts at a page mark, and the least depth of a marker in it. Finding the critical mark is one walk
 * right and one descent, the depth one walk up, and the four moved leaves update their paths together; a
 * reference costs O(log pages). When the line fills, the live marks (two per page) are packed to its start and
 * the line is kept at least four times as long as they are.
 */
final class OptStack extends DistanceStack {
    /** A suffix sum or depth that is not there: larger than any real one, and far from overflow when summed. */
    private static final int NONE = 1 << 29;
    /** {@link #owner} of an empty slot. */
    private static final int EMPTY = Integer.MIN_VALUE;
    private static final int SUM = 0;
    private static final int SUFFIX = 1;
    private static final int DEPTH = 2;

    private int[] slotOfPage = new int[1024];
    private int[] slotOfMarker = new int[1024]; // by depth, from 1
    private int capacity;
    private int[] node; // 4 ints per node, root at 1, leaf of slot s at capacity + s
    private int[] owner; // by slot: the page id, ~depth for a marker, or EMPTY
    private int end; // the next free slot

    OptStack() {
        allocate(4096);
    }

    static MissRatioCurve curve(Replay replay) throws IOException {
        return new OptStack().curve(replay, "OPT");
    }

    @Override
    void access(long page) {
        references++;
        int x = ids.idOf(page);
        if (x < pages && slotOfPage[x] == end - 1) {
            histogram[1]++; // the last page referenced: depth 0, and nothing moves
            return;
        }
        if (end + 2 > capacity) {
            compact();
        }
        int marker = end;
        int mark = end + 1;
        if (x == pages) {
            pages++;
            if (x == slotOfPage.length) {
                slotOfPage = Arrays.copyOf(slotOfPage, 2 * x);
                slotOfMarker = Arrays.copyOf(slotOfMarker, 2 * x);
            }
            if (pages + 1 >= histogram.length) {
                histogram = Arrays.copyOf(histogram, 2 * histogram.length);
            }
            put(mark, x);
            if (x > 0) {
                put(marker, ~x); // the marker of the new depth x
            }
            update(capacity + marker, capacity + mark, capacity + marker, capacity + mark);
        } else {
            int old = slotOfPage[x];
            int critical = critical(old + 1);
            int depth = markerBefore(critical);
            histogram[depth + 1]++;
            int from = slotOfMarker[depth];
            clear(old);
            clear(from);
            put(marker, ~depth);
            put(mark, x);
            update(capacity + old, capacity + from, capacity + marker, capacity + mark);
        }
        end += 2;
    }

    /** Puts the page mark of {@code who}, or the marker of depth {@code ~who}, in the leaf of {@code slot}. */
    private void put(int slot, int who) {
        int at = (capacity + slot) << 2;
        owner[slot] = who;
        if (who >= 0) {
            slotOfPage[who] = slot;
            node[at + SUM] = -1;
            node[at + SUFFIX] = -1;
            node[at + DEPTH] = NONE;
        } else {
            slotOfMarker[~who] = slot;
            node[at + SUM] = 1;
            node[at + SUFFIX] = NONE;
            node[at + DEPTH] = ~who;
        }
    }

    private void clear(int slot) {
        int at = (capacity + slot) << 2;
        owner[slot] = EMPTY;
        node[at + SUM] = 0;
        node[at + SUFFIX] = NONE;
        node[at + DEPTH] = NONE;
    }

    /** Recomputes the ancestors of the four leaves {@code a, b, c, d} (node indices), level by level. */
    private void update(int a, int b, int c, int d) {
        while (a > 1) {
            a >>>= 1;
            b >>>= 1;
            c >>>= 1;
            d >>>= 1;
            pull(a);
            if (b != a) {
                pull(b);
            }
            if (c != a && c != b) {
                pull(c);
            }
            if (d != a && d != b && d != c) {
                pull(d);
            }
        }
    }

    private void pull(int i) {
        int[] t = node;
        int at = i << 2;
        int left = at << 1;
        int right = left + 4;
        int rightSum = t[right + SUM];
        t[at + SUM] = t[left + SUM] + rightSum;
        t[at + SUFFIX] = Math.min(t[left + SUFFIX] + rightSum, t[right + SUFFIX]);
        t[at + DEPTH] = Math.min(t[left + DEPTH], t[right + DEPTH]);
    }

    /**
     * The oldest slot at or after {@code from} holding a page mark from which the marks to the end of the line sum
     * to -1. The walk goes right over the nodes that tile {@code [from, capacity)}, keeping the sum of everything
     * before each; the first node whose least suffix, plus what follows it, reaches -1 holds the answer.
     */
    private int critical(int from) {
        int[] t = node;
        int total = t[4 + SUM];
        int before = 0;
        for (int i = capacity + from; i > 1; i >>>= 1) {
            if ((i & 1) == 1) {
                before += t[((i - 1) << 2) + SUM];
            }
        }
        int i = capacity + from;
        while (true) {
            int sum = t[(i << 2) + SUM];
            int after = total - before - sum;
            if (t[(i << 2) + SUFFIX] + after <= -1) {
                while (i < capacity) {
                    int left = i << 1;
                    int rightSum = t[((left + 1) << 2) + SUM];
                    if (t[(left << 2) + SUFFIX] + rightSum + after <= -1) {
                        i = left;
                        after += rightSum;
                    } else {
                        i = left + 1;
                    }
                }
                return i - capacity;
            }
            before += sum;
            while ((i & 1) == 1) {
                i >>>= 1;
            }
            if (i == 0) {
                throw new IllegalStateException("no critical mark after slot " + from);
            }
            i++;
        }
    }

    /** The least depth of a marker in the slots before {@code slot}. */
    private int markerBefore(int slot) {
        int[] t = node;
        int least = NONE;
        for (int i = capacity + slot; i > 1; i >>>= 1) {
            if ((i & 1) == 1) {
                least = Math.min(least, t[((i - 1) << 2) + DEPTH]);
            }
        }
        if (least == NONE) {
            throw new IllegalStateException("no marker before slot " + slot);
        }
        return least;
    }

    /** Packs the live marks to the start of the line, in order; the line grows to at least four times their number. */
    private void compact() {
        int live = 0;
        int[] order = new int[2 * pages];
        for (int s = 0; s < end; s++) {
            if (owner[s] != EMPTY) {
                order[live++] = owner[s];
            }
        }
        int wanted = capacity;
        while (wanted < 4 * (live + 2)) {
            wanted *= 2;
        }
        allocate(wanted);
        for (int k = 0; k < live; k++) {
            put(k, order[k]);
        }
        end = live;
        for (int i = capacity - 1; i > 0; i--) {
            pull(i);
        }
    }

    private void allocate(int slots) {
        capacity = slots;
        node = new int[8 * slots];
        owner = new int[slots];
        Arrays.fill(owner, EMPTY);
        for (int i = 1; i < 2 * slots; i++) {
            node[(i << 2) + SUFFIX] = NONE;
            node[(i << 2) + DEPTH] = NONE;
        }
    }
}
