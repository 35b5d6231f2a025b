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
 * <p>Layout, so that the hot state stays in the second-level cache and a walk is a few dependent loads: the line
 * is {@code capacity} slots, a power of two, as two bitmaps (page marks and markers; a slot holds at most one)
 * whose words are interleaved, so a word's two halves share a cache line; each reference but a depth-0 one takes
 * two fresh slots at the end, the marker's and then the page mark's. A tree of fan-out 8 over the 64-slot words
 * keeps for each node the sum of its slots (-1 per page mark, +1 per marker) and the least suffix sum inside it
 * that starts at a page mark, as two ints side by side, level by level, so the 8 children of a node are 64
 * contiguous bytes; within a word both come a byte at a time from tables indexed by the byte's slots read as a
 * base-3 number. Finding the critical mark is one walk down the path to the old page mark's word, over the later
 * siblings at each level, then at most one descent and a scan of one byte's page marks. A second tree of fan-out
 * 8, over the depths, keeps the least marker slot of each range of depths, so the smallest depth whose marker
 * lies before a slot is a climb up the tree's left edge and one descent. A reference costs O(log pages). When the
 * line fills, the live marks (two per page) are renumbered in order, and the line is kept at least twice as
 * long as they are.
 */
final class OptStack extends DistanceStack {
    /** A least suffix where there is no page mark: above any real sum, and far from overflow when added to. */
    private static final int NONE = 1 << 29;
    private static final int NO_SLOT = Integer.MAX_VALUE;
    private static final int FAN_BITS = 3;
    private static final int FAN = 1 << FAN_BITS;

    /** A byte's slots as a base-3 number, one digit a slot (0 empty, 1 page mark, 2 marker): page bits' part. */
    private static final int[] TERNARY = new int[256];
    /** By a byte's base-3 number: the sum of its slots, and its least suffix sum starting at a page mark. */
    private static final byte[] BYTE_SUM = new byte[6561];
    private static final int[] BYTE_LEAST = new int[6561];

    static {
        for (int b = 0; b < 256; b++) {
            int t = 0;
            for (int i = 7; i >= 0; i--) {
                t = 3 * t + (b >>> i & 1);
            }
            TERNARY[b] = t;
        }
        for (int index = 0; index < 6561; index++) {
            int sum = 0;
            int least = NONE;
            for (int i = 7; i >= 0; i--) {
                int digit = index / pow3(i) % 3;
                sum += digit == 2 ? 1 : digit == 1 ? -1 : 0;
                if (digit == 1) {
                    least = Math.min(least, sum);
                }
            }
            BYTE_SUM[index] = (byte) sum;
            BYTE_LEAST[index] = least;
        }
    }

    private static int pow3(int i) {
        int p = 1;
        for (int k = 0; k < i; k++) {
            p *= 3;
        }
        return p;
    }

    /** The base-3 number of byte {@code k} of a word with page marks {@code pages} and markers {@code markers}. */
    private static int byteIndex(long pages, long markers, int k) {
        return TERNARY[(int) (pages >>> (8 * k)) & 0xFF] + 2 * TERNARY[(int) (markers >>> (8 * k)) & 0xFF];
    }

    private int[] slotOfPage = new int[1024];
    private int[] slotOfMarker = new int[1024]; // by depth, from 1
    private int capacity;
    private int words;
    /** The line: for word {@code w}, its page marks at [2w] and its markers at [2w + 1], side by side. */
    private long[] bits;
    /** Level 0 holds the words; node {@code i} of level {@code l} at [2i] (sum) and [2i + 1] (least page suffix). */
    private int[][] wordTree;
    /** Level 0 holds the marker slot of each depth; above, the least slot of the {@value #FAN} nodes below. */
    private int[][] depthTree;
    private int end; // the next free slot

    OptStack() {
        allocate(4096);
        depthTree = levels(1024, 1);
        for (int[] level : depthTree) {
            Arrays.fill(level, NO_SLOT);
        }
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
            bits[2 * (mark >>> 6)] |= 1L << mark;
            if (x > 0) { // the marker of the new depth x
                slotOfMarker[x] = marker;
                bits[2 * (marker >>> 6) + 1] |= 1L << marker;
                setMarker(x, marker, NO_SLOT);
            }
            refresh(marker >>> 6, marker >>> 6, marker >>> 6, mark >>> 6);
            return;
        }
        int old = slotOfPage[x];
        int depth = markerBefore(critical(old + 1));
        histogram[depth + 1]++;
        int from = slotOfMarker[depth];
        bits[2 * (old >>> 6)] &= ~(1L << old);
        bits[2 * (from >>> 6) + 1] &= ~(1L << from);
        slotOfMarker[depth] = marker;
        bits[2 * (marker >>> 6) + 1] |= 1L << marker;
        slotOfPage[x] = mark;
        bits[2 * (mark >>> 6)] |= 1L << mark;
        setMarker(depth, marker, from);
        refresh(old >>> 6, from >>> 6, marker >>> 6, mark >>> 6);
    }

    /**
     * The oldest slot at or after {@code from} holding a page mark from which the marks to the end of the line sum
     * to -1. One walk down the path to {@code from}'s word reads, level by level, the later siblings from the
     * newest, summing what follows each and noting the oldest whose least suffix, plus what follows it, reaches -1;
     * if {@code from}'s own word holds no answer, the one noted at the lowest level does, found by a descent.
     */
    private int critical(int from) {
        int[][] tree = wordTree;
        int top = tree.length - 1;
        int first = from >>> 6;
        int endWord = (end - 1) >>> 6; // nodes after this one's ancestors are empty, and skipped
        int after = 0; // the sum of everything after the walk's node
        int foundLevel = -1; // the lowest level, so far, with a later sibling holding a critical mark: the oldest
        int foundNode = 0;
        int foundAfter = 0;
        for (int l = top - 1; l >= 0; l--) {
            int[] level = tree[l];
            int node = first >>> (FAN_BITS * l);
            int sum = after;
            for (int j = Math.min(node | (FAN - 1), endWord >>> (FAN_BITS * l)); j > node; j--) {
                if (level[2 * j + 1] + sum <= -1) {
                    foundLevel = l;
                    foundNode = j;
                    foundAfter = sum;
                }
                sum += level[2 * j];
            }
            after = sum;
        }
        int found = firstInWord(first, bits[2 * first] & (-1L << from), bits[2 * first + 1] & (-1L << from), after);
        if (found >= 0) {
            return found;
        }
        if (foundLevel < 0) {
            throw new IllegalStateException("no critical mark after slot " + from);
        }
        return descend(foundLevel, foundNode, foundAfter, endWord);
    }

    /**
     * The oldest critical page mark inside node {@code node} of level {@code l}, after which the line sums to
     * {@code after}; children after the ancestors of word {@code endWord} (the newest in use) are empty.
     */
    private int descend(int l, int node, int after, int endWord) {
        int[][] tree = wordTree;
        while (l > 0) {
            int[] below = tree[l - 1];
            int rest = after + tree[l][2 * node];
            int firstChild = node << FAN_BITS;
            int last = Math.min(firstChild + FAN - 1, endWord >>> (FAN_BITS * (l - 1))) + 1;
            int next = -1;
            for (int j = firstChild; j < last; j++) {
                rest -= below[2 * j];
                if (below[2 * j + 1] + rest <= -1) {
                    next = j;
                    after = rest;
                    break;
                }
            }
            if (next < 0) {
                throw new IllegalStateException("the line's tree disagrees with its words at level " + l);
            }
            node = next;
            l--;
        }
        return firstInWord(node, bits[2 * node], bits[2 * node + 1], after);
    }

    /**
     * The oldest of the page marks {@code pagesHere} of word {@code w} from which the marks to the end of the line
     * sum to -1, given the markers {@code markersHere} (both without the slots before the first one of interest) and
     * the sum {@code after} of the words after {@code w}; -1 if none. Bytes are read from the newest through the
     * tables, and the bits of the oldest byte that holds the answer are then counted.
     */
    private static int firstInWord(int w, long pagesHere, long markersHere, int after) {
        int acc = after;
        int hit = -1;
        for (int k = 7; k >= 0; k--) {
            int index = byteIndex(pagesHere, markersHere, k);
            if (BYTE_LEAST[index] + acc <= -1) {
                hit = k;
            }
            acc += BYTE_SUM[index];
        }
        if (hit < 0) {
            return -1;
        }
        for (long c = pagesHere & (0xFFL << (8 * hit)); c != 0; c &= c - 1) {
            int bit = Long.numberOfTrailingZeros(c);
            if (Long.bitCount(markersHere >>> bit) - Long.bitCount(pagesHere >>> bit) + after <= -1) {
                return (w << 6) + bit;
            }
        }
        throw new IllegalStateException("the byte tables disagree with word " + w);
    }

    /** The least depth whose marker lies before {@code slot}. */
    private int markerBefore(int slot) {
        int[][] tree = depthTree;
        int top = tree.length - 1;
        int l = 1; // most depths are small: up the left edge to the first node holding one, then down from it
        while (l < top && tree[l][0] >= slot) {
            l++;
        }
        if (tree[l][0] >= slot) {
            throw new IllegalStateException("no marker before slot " + slot);
        }
        int node = 0;
        while (l > 0) {
            int[] below = tree[--l];
            int j = node << FAN_BITS;
            int before = 0; // bit i: child j + i has a marker before the slot; no branch per child
            for (int i = 0; i < FAN; i++) {
                before |= ((below[j + i] - slot) >>> 31) << i;
            }
            node = j + Integer.numberOfTrailingZeros(before);
        }
        return node;
    }

    /**
     * Moves the marker of {@code depth} from {@code previous} (or {@link #NO_SLOT} for a new depth) to {@code slot}
     * in the tree over the depths. The new slot is the newest of all, so a node's least slot changes only where it
     * was {@code previous}, or where there was none.
     */
    private void setMarker(int depth, int slot, int previous) {
        if (depth >= depthTree[0].length) {
            growDepths(2 * depthTree[0].length);
        }
        int[][] tree = depthTree;
        tree[0][depth] = slot;
        for (int l = 1; l < tree.length; l++) {
            int node = depth >>> (FAN_BITS * l);
            int least = tree[l][node];
            if (least != previous) {
                if (least == NO_SLOT) {
                    tree[l][node] = slot;
                    continue;
                }
                return;
            }
            int[] below = tree[l - 1];
            int first = node << FAN_BITS;
            least = below[first];
            for (int j = first + 1; j < first + FAN; j++) {
                least = Math.min(least, below[j]);
            }
            tree[l][node] = least;
        }
    }

    /** Rebuilds the tree over the depths with room for {@code leaves} depths. */
    private void growDepths(int leaves) {
        depthTree = levels(leaves, 1);
        for (int[] level : depthTree) {
            Arrays.fill(level, NO_SLOT);
        }
        for (int c = 1; c < pages; c++) {
            depthTree[0][c] = slotOfMarker[c];
        }
        for (int l = 1; l < depthTree.length; l++) {
            int[] below = depthTree[l - 1];
            int[] level = depthTree[l];
            for (int j = 0; j < below.length; j++) {
                level[j >>> FAN_BITS] = Math.min(level[j >>> FAN_BITS], below[j]);
            }
        }
    }

    /**
     * Arrays for a tree of fan-out {@value #FAN} over {@code leaves} leaves of {@code ints} ints each; every level is
     * padded to whole groups of {@value #FAN} nodes, so a node's children never run past the level below.
     */
    private static int[][] levels(int leaves, int ints) {
        int height = 1;
        for (int n = leaves; n > 1; n = (n + FAN - 1) >>> FAN_BITS) {
            height++;
        }
        int[][] tree = new int[height][];
        int n = leaves;
        for (int l = 0; l < height; l++) {
            int padded = l == height - 1 ? 1 : (n + FAN - 1) & -FAN;
            tree[l] = new int[ints * padded];
            n = (n + FAN - 1) >>> FAN_BITS;
        }
        return tree;
    }

    /**
     * Recomputes the words and their ancestors, level by level, after a reference: {@code a} and {@code b} lost a
     * mark (they and their ancestors are summed again), {@code c} gained the new marker at its newest end and
     * {@code d} the new page mark, after it (the two, and their ancestors, are updated in place where no other
     * change touched them).
     */
    private void refresh(int a, int b, int c, int d) {
        summarize(a);
        if (b != a) {
            summarize(b);
        }
        int[] leaves = wordTree[0];
        if (c != a && c != b) {
            if (d == c) { // marker and page mark: no change below them, and the page mark's own suffix is -1
                leaves[2 * c + 1] = Math.min(leaves[2 * c + 1], -1);
            } else {
                leaves[2 * c] += 1;
                leaves[2 * c + 1] = Math.min(leaves[2 * c + 1] + 1, NONE);
            }
        }
        if (d != c && d != a && d != b) { // a fresh word holding the page mark alone
            leaves[2 * d] = -1;
            leaves[2 * d + 1] = -1;
        }
        for (int l = 1; l < wordTree.length; l++) {
            a >>>= FAN_BITS;
            b >>>= FAN_BITS;
            c >>>= FAN_BITS;
            d >>>= FAN_BITS;
            pull(l, a);
            if (b != a) {
                pull(l, b);
            }
            int[] level = wordTree[l];
            if (c != a && c != b) { // as for the words: only the newest end of the node changed
                if (d == c) {
                    level[2 * c + 1] = Math.min(level[2 * c + 1], -1);
                } else {
                    level[2 * c] += 1;
                    level[2 * c + 1] = Math.min(level[2 * c + 1] + 1, NONE);
                }
            }
            if (d != c) { // a node that was empty: the page mark alone (a and b lie before it)
                level[2 * d] = -1;
                level[2 * d + 1] = -1;
            }
        }
    }

    /** The leaf of word {@code w}: its sum, and its least suffix sum starting at a page mark. */
    private void summarize(int w) {
        long pagesHere = bits[2 * w];
        long markersHere = bits[2 * w + 1];
        int sum = 0;
        int least = NONE;
        for (int k = 7; k >= 0; k--) { // the bytes from the newest, through the tables
            int index = byteIndex(pagesHere, markersHere, k);
            least = Math.min(least, BYTE_LEAST[index] + sum);
            sum += BYTE_SUM[index];
        }
        int[] leaves = wordTree[0];
        leaves[2 * w] = sum;
        leaves[2 * w + 1] = least > NONE / 2 ? NONE : least;
    }

    /** Recomputes node {@code node} of level {@code l} from its {@value #FAN} children, the newest first. */
    private void pull(int l, int node) {
        int[] below = wordTree[l - 1];
        int first = 2 * (node << FAN_BITS);
        int sum = 0;
        int least = NONE;
        for (int j = first + 2 * (FAN - 1); j >= first; j -= 2) {
            least = Math.min(least, below[j + 1] + sum);
            sum += below[j];
        }
        int[] level = wordTree[l];
        level[2 * node] = sum;
        level[2 * node + 1] = least;
    }

    /** Renumbers the live marks {@code 0, 1, ...} in order; the line grows to at least twice their number. */
    private void compact() {
        int[] before = new int[words + 1];
        for (int w = 0; w < words; w++) {
            before[w + 1] = before[w] + Long.bitCount(bits[2 * w] | bits[2 * w + 1]);
        }
        for (int id = 0; id < pages; id++) {
            slotOfPage[id] = rank(before, slotOfPage[id]);
        }
        for (int c = 1; c < pages; c++) {
            slotOfMarker[c] = rank(before, slotOfMarker[c]);
        }
        int live = before[words];
        int wanted = capacity;
        while (wanted < 2 * (live + 2)) {
            wanted *= 2;
        }
        allocate(wanted);
        for (int id = 0; id < pages; id++) {
            bits[2 * (slotOfPage[id] >>> 6)] |= 1L << slotOfPage[id];
        }
        for (int c = 1; c < pages; c++) {
            bits[2 * (slotOfMarker[c] >>> 6) + 1] |= 1L << slotOfMarker[c];
        }
        growDepths(depthTree[0].length);
        for (int w = 0; w < words; w++) {
            summarize(w);
        }
        for (int l = 1; l < wordTree.length; l++) {
            int nodes = (wordTree[l - 1].length >>> 1) >>> FAN_BITS;
            for (int node = 0; node < Math.max(1, nodes); node++) {
                pull(l, node);
            }
        }
        end = live;
    }

    /** The number of live marks before {@code slot}, from the counts {@code before} of the words before each. */
    private int rank(int[] before, int slot) {
        int w = slot >>> 6;
        return before[w] + Long.bitCount((bits[2 * w] | bits[2 * w + 1]) & ((1L << slot) - 1));
    }

    private void allocate(int slots) {
        capacity = slots;
        words = slots >>> 6;
        bits = new long[2 * words];
        wordTree = levels(words, 2);
        for (int[] level : wordTree) {
            for (int k = 1; k < level.length; k += 2) {
                level[k] = NONE;
            }
        }
    }
}
