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
 * {@code u} on; at a page mark it is never below -1, and the page marks where it is -1 are the <em>critical</em>
 * ones. The OPT depth of a reference to a page seen before that is not the last one referenced: find the oldest
 * critical page mark {@code u} newer than the page's own; the depth is the smallest {@code c} whose marker lies
 * before {@code u}. Then marker {@code c} and the page's mark move to the end of the line, in that order. A first
 * reference puts the marker of the new depth (the number of pages seen before) and its page mark at the end; a
 * reference to the last page referenced has depth 0 and changes nothing. (In the paper's terms: a marker's LRU
 * depth is the number of page marks after it, and {@code G} read at the page of LRU depth {@code i} is their
 * imbalance function at {@code i}, less one.)
 *
 * <p>Most of that is kept so that the common cases are local. The critical page marks are a set of their own
 * ({@link BitLine}), so {@code u} is the next member after the old page mark. Moving the two marks changes
 * {@code G} on one stretch only, and the set with it: if the marker lay before the old page mark, {@code G} rises
 * by one between them and the critical marks there stop being critical; if it lay after (between the old mark and
 * {@code u}), {@code G} falls by one between the old mark and the marker, and the page marks there where it was 0
 * become critical. Those are found walking back from {@code u}, where {@code G} is -1: word by word with byte
 * tables (a byte's slots read as a base-3 number give its sum and its least suffix sum at a page mark), and over a
 * long stretch through a tree of fan-out 8 over the words that keeps each node's sum and least suffix sum, so
 * whole nodes without such a mark are passed in one step. The smallest depth whose marker lies before {@code u} is
 * read from the line when few markers lie before {@code u} (their least depth) or few lie after it (the least depth
 * missing among theirs), and otherwise from a tree of fan-out 8 over the depths keeping the least marker slot of
 * each range (its leaves are the markers' slots), climbed up its left edge and descended. A way of reading that
 * keeps failing is tried on one reference in 16 only. The tree over the words, and the tree over the depths while
 * the line answers, are brought up to date only when asked: the words and depths that changed since are noted,
 * and their nodes recomputed once each, or the whole tree when many changed; while the depths come from their
 * tree, it is kept up to date at once. A reference costs O(log pages) at most, and a few word reads where the marks
 * it moves lie close to either end of the line, as in loops and scans.
 *
 * <p>Each reference but a depth-0 one takes two fresh slots at the end, the marker's and then the page mark's.
 * When the line fills, the live marks (two per page) are renumbered in order, and the line is kept four times as
 * long as they are (twice, past a million of them).
 */
final class OptStack extends DistanceStack {
    /** A least suffix where there is no page mark: above any real sum, and far from overflow when added to. */
    private static final int NONE = 1 << 29;
    private static final int NO_SLOT = Integer.MAX_VALUE;
    private static final int FAN_BITS = 3;
    private static final int FAN = 1 << FAN_BITS;
    /** Markers read from either end of the line for the depth before the tree over the depths is asked. */
    private static final int FEW = 8;
    /** Words walked one by one when looking for new critical marks before the tree over the words is asked. */
    private static final int SHORT = 8;
    /** Failures in a row after which a way of reading the depth from the line is tried on one reference in 16 only. */
    private static final int FAILS = 4;

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
            int digits = index;
            int[] digit = new int[8];
            for (int i = 0; i < 8; i++) {
                digit[i] = digits % 3;
                digits /= 3;
            }
            for (int i = 7; i >= 0; i--) {
                sum += digit[i] == 2 ? 1 : digit[i] == 1 ? -1 : 0;
                if (digit[i] == 1) {
                    least = Math.min(least, sum);
                }
            }
            BYTE_SUM[index] = (byte) sum;
            BYTE_LEAST[index] = least;
        }
    }

    /** The base-3 number of byte {@code k} of a word with page marks {@code pages} and markers {@code markers}. */
    private static int byteIndex(long pages, long markers, int k) {
        return TERNARY[(int) (pages >>> (8 * k)) & 0xFF] + 2 * TERNARY[(int) (markers >>> (8 * k)) & 0xFF];
    }

    private int[] slotOfPage = new int[1024];
    private int capacity;
    private int words;
    private int end; // the next free slot
    private int fromOldest; // the reads of the depth from either end of the line that failed in a row
    private int fromNewest;
    /** The tree over the depths was read by the last reference: it is kept up to date at once, while that lasts. */
    private boolean depthTreeLive;
    private long[] pageMarks;
    private BitLine markers;
    private BitLine critical;
    /** By slot: the depth of the marker there. */
    private int[] depthAt;

    /** Over the words: node {@code i} of level {@code l} at [2i] (sum) and [2i + 1] (least page suffix). */
    private int[][] wordTree;
    private final Changes changedWords = new Changes();
    /** Level 0 holds the marker slot of each depth; above, the least slot of the {@value #FAN} nodes below. */
    private int[][] depthTree;
    private final Changes changedDepths = new Changes();

    private final NodeUpdate pullSums = this::pull;
    private final NodeUpdate pullLeast = this::pullLeast;

    /** Left-side nodes of a walk over the words, kept to be visited after the right side (level, node). */
    private final int[] pendingLevel = new int[128];
    private final int[] pendingNode = new int[128];

    OptStack() {
        allocate(4096);
        depthTree = levels(1024, 1);
        Arrays.fill(depthTree[0], NO_SLOT);
        changedDepths.reset(depthTree, depthTree[0].length);
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
            firstReference(x, marker, mark);
            return;
        }
        int old = slotOfPage[x];
        int u = critical.next(old + 1);
        int depth = depthBefore(u);
        histogram[depth + 1]++;
        int from = depthTree[0][depth];
        if (from < old) { // G rises by one between the marker and the old mark
            for (int v = critical.next(from + 1); v >= 0 && v < old; v = critical.next(v + 1)) {
                critical.remove(v);
            }
        } else { // G falls by one between the old mark and the marker
            promote(old + 1, from, sum(from, u));
        }
        critical.remove(old);
        pageMarks[old >>> 6] &= ~(1L << old);
        markers.remove(from);
        placeMarker(depth, marker, from);
        pageMarks[mark >>> 6] |= 1L << mark;
        critical.add(mark); // the newest page mark: G is -1 there
        slotOfPage[x] = mark;
        changedWords.note(old >>> 6);
        changedWords.note(from >>> 6);
        changedWords.note(mark >>> 6);
    }

    /** Puts the marker of {@code depth} in slot {@code slot}, from {@code previous} (or {@link #NO_SLOT}). */
    private void placeMarker(int depth, int slot, int previous) {
        markers.add(slot);
        depthAt[slot] = depth;
        if (depthTreeLive) {
            setMarker(depth, slot, previous);
        } else {
            depthTree[0][depth] = slot;
            changedDepths.note(depth);
        }
        changedWords.note(slot >>> 6);
    }

    /** Page {@code x}, new: the marker of depth {@code x} (for every page but the first) and its page mark. */
    private void firstReference(int x, int marker, int mark) {
        pages++;
        if (x == slotOfPage.length) {
            slotOfPage = Arrays.copyOf(slotOfPage, 2 * x);
        }
        if (pages + 1 >= histogram.length) {
            histogram = Arrays.copyOf(histogram, 2 * histogram.length);
        }
        if (x > 0) {
            if (x >= depthTree[0].length) {
                int[] leaves = depthTree[0];
                depthTree = levels(2 * leaves.length, 1);
                Arrays.fill(depthTree[0], NO_SLOT);
                System.arraycopy(leaves, 0, depthTree[0], 0, leaves.length);
                changedDepths.reset(depthTree, depthTree[0].length);
                depthTreeLive = false;
            }
            placeMarker(x, marker, NO_SLOT);
        }
        pageMarks[mark >>> 6] |= 1L << mark;
        critical.add(mark);
        slotOfPage[x] = mark;
        changedWords.note(mark >>> 6);
    }

    /**
     * The least depth whose marker lies before slot {@code u}: read from the oldest end of the line when few markers
     * lie before it, from the newest end when few lie after it (all depths below the answer have their markers
     * there, and the answer's does not), else from the tree over the depths.
     */
    private int depthBefore(int u) {
        if (fromOldest < FAILS || (references & 15) == 0) {
            int least = Integer.MAX_VALUE;
            int m = markers.next(0);
            for (int k = 0; k < FEW && m >= 0 && m < u; k++) {
                least = Math.min(least, depthAt[m]);
                m = markers.next(m + 1);
            }
            if (m < 0 || m >= u) {
                fromOldest = 0;
                depthTreeLive = false;
                return least;
            }
            fromOldest++;
        }
        if (fromNewest < FAILS || (references & 15) == 0) {
            long seen = 1L; // bit d: the marker of depth d lies at or after u (depth 0 has none, nor is the answer)
            int m = markers.previous(end - 1);
            for (int k = 0; k < FEW && m >= u; k++) {
                int d = depthAt[m];
                if (d < 64) {
                    seen |= 1L << d;
                }
                m = markers.previous(m - 1);
            }
            if (m < u) {
                fromNewest = 0;
                depthTreeLive = false;
                return Long.numberOfTrailingZeros(~seen);
            }
            fromNewest++;
        }
        bringDepthTreeUpToDate();
        depthTreeLive = true;
        return markerBefore(u);
    }

    /** The sum of the slots {@code a .. b - 1} (+1 a marker, -1 a page mark). */
    private int sum(int a, int b) {
        long[] markerWords = markers.words();
        int wa = a >>> 6;
        int wb = (b - 1) >>> 6;
        if (wa == wb) {
            long mask = (-1L << a) & (-1L >>> (63 - ((b - 1) & 63)));
            return Long.bitCount(markerWords[wa] & mask) - Long.bitCount(pageMarks[wa] & mask);
        }
        int s = Long.bitCount(markerWords[wa] & (-1L << a)) - Long.bitCount(pageMarks[wa] & (-1L << a));
        long last = -1L >>> (63 - ((b - 1) & 63));
        s += Long.bitCount(markerWords[wb] & last) - Long.bitCount(pageMarks[wb] & last);
        if (wb - wa - 1 <= SHORT) {
            for (int w = wa + 1; w < wb; w++) {
                s += Long.bitCount(markerWords[w]) - Long.bitCount(pageMarks[w]);
            }
            return s;
        }
        bringWordTreeUpToDate();
        return s + wordsSum(wa + 1, wb);
    }

    /** The sum of the words {@code lo .. hi - 1}, from the fewest nodes of the tree over the words. */
    private int wordsSum(int lo, int hi) {
        int s = 0;
        for (int l = 0; lo < hi; l++) {
            int[] level = wordTree[l];
            while (lo < hi && (lo & (FAN - 1)) != 0) {
                s += level[2 * lo++];
            }
            while (lo < hi && (hi & (FAN - 1)) != 0) {
                s += level[2 * --hi];
            }
            lo >>>= FAN_BITS;
            hi >>>= FAN_BITS;
        }
        return s;
    }

    /**
     * Makes critical the page marks in slots {@code lo .. hi - 1} where the slots from there to {@code u} sum to 1,
     * given their sum {@code r} from {@code hi} on (none of them sums to less).
     */
    private void promote(int lo, int hi, int r) {
        if (lo >= hi) {
            return;
        }
        int wl = lo >>> 6;
        int wh = (hi - 1) >>> 6;
        long top = -1L >>> (63 - ((hi - 1) & 63));
        if (wl == wh) {
            promoteInWord(wh, top & (-1L << lo), r);
            return;
        }
        r = promoteInWord(wh, top, r);
        if (wh - wl - 1 <= SHORT) {
            for (int w = wh - 1; w > wl; w--) {
                r = promoteInWord(w, -1L, r);
            }
        } else {
            bringWordTreeUpToDate();
            r = promoteInWords(wl + 1, wh, r);
        }
        promoteInWord(wl, -1L << lo, r);
    }

    /**
     * {@link #promote} over the whole words {@code lo .. hi - 1}, newest first, in the fewest nodes of the tree: the
     * right side's nodes as they come, the left side's kept and visited last, in reverse.
     */
    private int promoteInWords(int lo, int hi, int r) {
        int pending = 0;
        for (int l = 0; lo < hi; l++) {
            while (lo < hi && (hi & (FAN - 1)) != 0) {
                r = promoteInNode(l, --hi, r);
            }
            while (lo < hi && (lo & (FAN - 1)) != 0) {
                pendingLevel[pending] = l;
                pendingNode[pending++] = lo++;
            }
            lo >>>= FAN_BITS;
            hi >>>= FAN_BITS;
        }
        while (pending > 0) {
            pending--;
            r = promoteInNode(pendingLevel[pending], pendingNode[pending], r);
        }
        return r;
    }

    /** {@link #promote} over node {@code node} of level {@code l}: passed in one step unless it holds such a mark. */
    private int promoteInNode(int l, int node, int r) {
        int[] level = wordTree[l];
        if (level[2 * node + 1] + r > 1) {
            return r + level[2 * node];
        }
        if (l == 0) {
            return promoteInWord(node, -1L, r);
        }
        int first = node << FAN_BITS;
        for (int j = first + FAN - 1; j >= first; j--) {
            r = promoteInNode(l - 1, j, r);
        }
        return r;
    }

    /** {@link #promote} over the slots {@code mask} of word {@code w}; returns the sum from the first of them on. */
    private int promoteInWord(int w, long mask, int r) {
        long pagesHere = pageMarks[w] & mask;
        long markersHere = markers.words()[w] & mask;
        int pageCount = Long.bitCount(pagesHere);
        if (r - pageCount > 1) { // no suffix in the word can fall to 1
            return r + Long.bitCount(markersHere) - pageCount;
        }
        for (int k = 7; k >= 0; k--) {
            int index = byteIndex(pagesHere, markersHere, k);
            if (BYTE_LEAST[index] + r <= 1) {
                int acc = r;
                for (int bit = 8 * k + 7; bit >= 8 * k; bit--) {
                    if ((markersHere >>> bit & 1) != 0) {
                        acc++;
                    } else if ((pagesHere >>> bit & 1) != 0 && --acc == 1) {
                        critical.add((w << 6) + bit);
                    }
                }
            }
            r += BYTE_SUM[index];
        }
        return r;
    }

    /** The least depth whose marker lies before {@code slot}, from the tree over the depths. */
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

    /** Recomputes the tree over the depths where a marker moved since it was last read (its leaves are current). */
    private void bringDepthTreeUpToDate() {
        changedDepths.apply(depthTree, 1, pullLeast);
    }

    private void pullLeast(int l, int node) {
        int[] below = depthTree[l - 1];
        int first = node << FAN_BITS;
        int least = below[first];
        for (int j = first + 1; j < first + FAN; j++) {
            least = Math.min(least, below[j]);
        }
        depthTree[l][node] = least;
    }

    /** Recomputes the tree over the words where marks changed since it was last read. */
    private void bringWordTreeUpToDate() {
        if (changedWords.all) {
            for (int w = 0; w < words; w++) {
                summarize(w);
            }
        } else {
            for (int i = 0; i < changedWords.count; i++) {
                summarize(changedWords.list[i]);
            }
        }
        changedWords.apply(wordTree, 2, pullSums);
    }

    /** The leaf of word {@code w}: its sum, and its least suffix sum starting at a page mark. */
    private void summarize(int w) {
        long pagesHere = pageMarks[w];
        long markersHere = markers.words()[w];
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
        level[2 * node + 1] = Math.min(least, NONE);
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

    /** Renumbers the live marks {@code 0, 1, ...} in order; the line grows to at least four times their number. */
    private void compact() {
        long[] markerWords = markers.words();
        int[] before = new int[words + 1];
        for (int w = 0; w < words; w++) {
            before[w + 1] = before[w] + Long.bitCount(pageMarks[w] | markerWords[w]);
        }
        int live = before[words];
        int wanted = capacity;
        while (wanted < (live < 1 << 20 ? 4 : 2) * (live + 2)) {
            wanted *= 2;
        }
        long[] oldPages = pageMarks;
        BitLine oldCritical = critical;
        allocate(wanted);
        for (int id = 0; id < pages; id++) {
            int slot = slotOfPage[id];
            int renumbered = rank(before, oldPages, markerWords, slot);
            slotOfPage[id] = renumbered;
            pageMarks[renumbered >>> 6] |= 1L << renumbered;
            if (oldCritical.contains(slot)) {
                critical.add(renumbered);
            }
        }
        int[] slotOfMarker = depthTree[0];
        for (int c = 1; c < pages; c++) {
            int renumbered = rank(before, oldPages, markerWords, slotOfMarker[c]);
            depthAt[renumbered] = c;
            slotOfMarker[c] = renumbered;
            markers.add(renumbered);
        }
        end = live;
        changedDepths.all = true;
        depthTreeLive = false;
    }

    /** The number of live marks before {@code slot}, from the counts {@code before} of the words before each. */
    private static int rank(int[] before, long[] pageWords, long[] markerWords, int slot) {
        int w = slot >>> 6;
        return before[w] + Long.bitCount((pageWords[w] | markerWords[w]) & ((1L << slot) - 1));
    }

    private void allocate(int slots) {
        capacity = slots;
        words = slots >>> 6;
        pageMarks = new long[words];
        markers = new BitLine(slots);
        critical = new BitLine(slots);
        depthAt = new int[slots];
        wordTree = levels(words, 2);
        for (int[] level : wordTree) {
            for (int k = 1; k < level.length; k += 2) {
                level[k] = NONE;
            }
        }
        changedWords.reset(wordTree, wordTree[0].length >>> 1);
    }

    /**
     * The leaves of a tree changed since it was last read, each noted once, and a mark per node so that a node over
     * several of them is recomputed once; past a limit, the whole tree is recomputed instead.
     */
    private static final class Changes {
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
                    int nodes = Math.max(1, (tree[l - 1].length / ints) >>> FAN_BITS); // the nodes over the level below
                    for (int node = 0; node < nodes; node++) {
                        update.node(l, node);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        int node = list[i] >>> (FAN_BITS * l);
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
    }

    /** Recomputes node {@code node} of level {@code l} of a tree from the nodes below it. */
    @FunctionalInterface
    private interface NodeUpdate {
        void node(int l, int node);
    }
}
