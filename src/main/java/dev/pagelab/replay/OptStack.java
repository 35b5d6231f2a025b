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
 * <p>Layout, so that the hot state stays in the second-level cache: the line is {@code capacity} slots, a power
 * of two, as two bitmaps (page marks and markers; a slot holds at most one); each reference but a depth-0 one
 * takes two fresh slots at the end, the marker's and then the page mark's. A segment tree over the 64-slot words,
 * two ints per node, keeps for each node the sum of its slots (-1 per page mark, +1 per marker) and the least
 * suffix sum inside it that starts at a page mark; within a word both come from popcounts. Finding the critical
 * mark is one walk right over the nodes and one descent, then a scan of one word's page marks. A second tree, over
 * the depths, keeps the least marker slot of each range of depths, so the smallest depth whose marker lies before
 * a slot is one descent. A reference costs O(log pages). When the line fills, the live marks (two per page) are
 * renumbered in order, and the line is kept at least four times as long as they are.
 */
final class OptStack extends DistanceStack {
    /** A least suffix where there is no page mark: above any real sum, and far from overflow when added to. */
    private static final int NONE = 1 << 29;
    private static final int NO_SLOT = Integer.MAX_VALUE;

    private int[] slotOfPage = new int[1024];
    private int[] slotOfMarker = new int[1024]; // by depth, from 1
    private int capacity;
    private int words;
    private long[] pageBits;
    private long[] markerBits;
    private int[] wordTree; // node k at [2k] (sum) and [2k + 1] (least page suffix); root 1, word w at words + w
    private int depthLeaves = 1024;
    private int[] depthTree = new int[2 * depthLeaves]; // least marker slot; root 1, depth c at depthLeaves + c
    private int end; // the next free slot

    OptStack() {
        allocate(4096);
        Arrays.fill(depthTree, NO_SLOT);
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
        end += 2;
        if (x == pages) {
            pages++;
            if (x == slotOfPage.length) {
                slotOfPage = Arrays.copyOf(slotOfPage, 2 * x);
                slotOfMarker = Arrays.copyOf(slotOfMarker, 2 * x);
            }
            if (pages + 1 >= histogram.length) {
                histogram = Arrays.copyOf(histogram, 2 * histogram.length);
            }
            slotOfPage[x] = mark;
            pageBits[mark >>> 6] |= 1L << mark;
            if (x > 0) { // the marker of the new depth x
                slotOfMarker[x] = marker;
                markerBits[marker >>> 6] |= 1L << marker;
                setMarker(x, marker);
            }
            refresh(marker >>> 6, mark >>> 6, marker >>> 6, mark >>> 6);
            return;
        }
        int old = slotOfPage[x];
        int depth = markerBefore(critical(old + 1));
        histogram[depth + 1]++;
        int from = slotOfMarker[depth];
        pageBits[old >>> 6] &= ~(1L << old);
        markerBits[from >>> 6] &= ~(1L << from);
        slotOfMarker[depth] = marker;
        markerBits[marker >>> 6] |= 1L << marker;
        slotOfPage[x] = mark;
        pageBits[mark >>> 6] |= 1L << mark;
        setMarker(depth, marker);
        refresh(old >>> 6, from >>> 6, marker >>> 6, mark >>> 6);
    }

    /**
     * The oldest slot at or after {@code from} holding a page mark from which the marks to the end of the line sum
     * to -1. The walk goes right over the nodes that tile the words from {@code from}'s on, keeping the sum of
     * everything before each; the first node whose least suffix, plus what follows it, reaches -1 holds the answer.
     */
    private int critical(int from) {
        int[] t = wordTree;
        int total = t[2];
        int first = from >>> 6;
        int leaf = words + first;
        int before = 0;
        for (int k = leaf; k > 1; k >>>= 1) {
            if ((k & 1) == 1) {
                before += t[2 * (k - 1)];
            }
        }
        int sum = t[2 * leaf];
        int found = firstInWord(first, pageBits[first] & (-1L << from), total - before - sum);
        if (found >= 0) {
            return found;
        }
        before += sum;
        int k = leaf;
        while (true) {
            while ((k & 1) == 1) {
                k >>>= 1;
            }
            if (k == 0) {
                throw new IllegalStateException("no critical mark after slot " + from);
            }
            k++;
            sum = t[2 * k];
            int after = total - before - sum;
            if (t[2 * k + 1] + after <= -1) {
                while (k < words) {
                    int left = 2 * k;
                    int rightSum = t[2 * left + 2];
                    if (t[2 * left + 1] + rightSum + after <= -1) {
                        k = left;
                        after += rightSum;
                    } else {
                        k = left + 1;
                    }
                }
                int w = k - words;
                return firstInWord(w, pageBits[w], after);
            }
            before += sum;
        }
    }

    /**
     * The oldest of the page marks {@code candidates} (bits of word {@code w}) from which the marks to the end of
     * the line sum to -1, given the sum {@code after} of the words after {@code w}; -1 if none.
     */
    private int firstInWord(int w, long candidates, int after) {
        long pagesHere = pageBits[w];
        long markersHere = markerBits[w];
        for (long c = candidates; c != 0; c &= c - 1) {
            int bit = Long.numberOfTrailingZeros(c);
            if (Long.bitCount(markersHere >>> bit) - Long.bitCount(pagesHere >>> bit) + after <= -1) {
                return (w << 6) + bit;
            }
        }
        return -1;
    }

    /** The least depth whose marker lies before {@code slot}. */
    private int markerBefore(int slot) {
        int[] t = depthTree;
        if (t[1] >= slot) {
            throw new IllegalStateException("no marker before slot " + slot);
        }
        int k = 1;
        while (k < depthLeaves) {
            k <<= 1;
            if (t[k] >= slot) {
                k++;
            }
        }
        return k - depthLeaves;
    }

    /** Moves the marker of {@code depth} to {@code slot} in the tree over the depths. */
    private void setMarker(int depth, int slot) {
        if (depth >= depthLeaves) {
            growDepths();
        }
        int[] t = depthTree;
        int k = depthLeaves + depth;
        t[k] = slot;
        for (k >>>= 1; k > 0; k >>>= 1) {
            int least = Math.min(t[2 * k], t[2 * k + 1]);
            if (t[k] == least) {
                return;
            }
            t[k] = least;
        }
    }

    private void growDepths() {
        depthLeaves *= 2;
        depthTree = new int[2 * depthLeaves];
        Arrays.fill(depthTree, NO_SLOT);
        for (int c = 1; c < pages; c++) {
            depthTree[depthLeaves + c] = slotOfMarker[c];
        }
        for (int k = depthLeaves - 1; k > 0; k--) {
            depthTree[k] = Math.min(depthTree[2 * k], depthTree[2 * k + 1]);
        }
    }

    /** Recomputes the words {@code a, b, c, d} and their ancestors, level by level. */
    private void refresh(int a, int b, int c, int d) {
        summarize(a);
        if (b != a) {
            summarize(b);
        }
        if (c != a && c != b) {
            summarize(c);
        }
        if (d != a && d != b && d != c) {
            summarize(d);
        }
        a += words;
        b += words;
        c += words;
        d += words;
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

    /** The leaf of word {@code w}: its sum, and its least suffix sum starting at a page mark. */
    private void summarize(int w) {
        long pagesHere = pageBits[w];
        long markersHere = markerBits[w];
        int least = NONE;
        for (long c = pagesHere; c != 0; c &= c - 1) {
            int bit = Long.numberOfTrailingZeros(c);
            least = Math.min(least, Long.bitCount(markersHere >>> bit) - Long.bitCount(pagesHere >>> bit));
        }
        int k = 2 * (words + w);
        wordTree[k] = Long.bitCount(markersHere) - Long.bitCount(pagesHere);
        wordTree[k + 1] = least;
    }

    private void pull(int k) {
        int[] t = wordTree;
        int left = 4 * k;
        int rightSum = t[left + 2];
        t[2 * k] = t[left] + rightSum;
        t[2 * k + 1] = Math.min(t[left + 1] + rightSum, t[left + 3]);
    }

    /** Renumbers the live marks {@code 0, 1, ...} in order; the line grows to at least four times their number. */
    private void compact() {
        int[] before = new int[words + 1];
        for (int w = 0; w < words; w++) {
            before[w + 1] = before[w] + Long.bitCount(pageBits[w] | markerBits[w]);
        }
        for (int id = 0; id < pages; id++) {
            slotOfPage[id] = rank(before, slotOfPage[id]);
        }
        for (int c = 1; c < pages; c++) {
            slotOfMarker[c] = rank(before, slotOfMarker[c]);
        }
        int live = before[words];
        int wanted = capacity;
        while (wanted < 4 * (live + 2)) {
            wanted *= 2;
        }
        allocate(wanted);
        for (int id = 0; id < pages; id++) {
            pageBits[slotOfPage[id] >>> 6] |= 1L << slotOfPage[id];
        }
        for (int c = 1; c < pages; c++) {
            markerBits[slotOfMarker[c] >>> 6] |= 1L << slotOfMarker[c];
            depthTree[depthLeaves + c] = slotOfMarker[c];
        }
        for (int k = depthLeaves - 1; k > 0; k--) {
            depthTree[k] = Math.min(depthTree[2 * k], depthTree[2 * k + 1]);
        }
        for (int w = 0; w < words; w++) {
            summarize(w);
        }
        for (int k = words - 1; k > 0; k--) {
            pull(k);
        }
        end = live;
    }

    /** The number of live marks before {@code slot}, from the counts {@code before} of the words before each. */
    private int rank(int[] before, int slot) {
        int w = slot >>> 6;
        return before[w] + Long.bitCount((pageBits[w] | markerBits[w]) & ((1L << slot) - 1));
    }

    private void allocate(int slots) {
        capacity = slots;
        words = slots >>> 6;
        pageBits = new long[words];
        markerBits = new long[words];
        wordTree = new int[4 * words];
        for (int k = 1; k < 2 * words; k++) {
            wordTree[2 * k + 1] = NONE;
        }
    }
}
