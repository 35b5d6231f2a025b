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
 * <p>When both trees are read on most references (references spread over many pages), keeping the set of critical
 * marks costs more than it saves: in <em>tree mode</em> the critical mark is found by one walk down the tree over the
 * words instead (along the path to the old mark's word, over the later siblings at each level, noting the oldest
 * node that holds one, then a descent into it), both trees are updated at once, and the set is not kept. One
 * reference in 64 is probed for whether the line alone would have answered it; after a run of such probes the set
 * is made again from the line, in one pass from its newest end, and the mode ends.
 *
 * <p>Each reference but a depth-0 one takes two fresh slots at the end, the marker's and then the page mark's.
 * When the line fills, the live marks (two per page) are renumbered in order, and the line is kept four times as
 * long as they are (twice, past a million of them).
 */
final class OptStack extends DistanceStack {
    private static final int NO_SLOT = Integer.MAX_VALUE;
    private static final int FAN_BITS = LineTree.FAN_BITS;
    private static final int FAN = LineTree.FAN;
    /** Markers read from either end of the line for the depth before the tree over the depths is asked. */
    private static final int FEW = 8;
    /** Words walked one by one when looking for new critical marks before the tree over the words is asked. */
    private static final int SHORT = 8;
    /** Failures in a row after which a way of reading the depth from the line is tried on one reference in 16 only. */
    private static final int FAILS = 4;
    /** References that do not read the tree over the words after which it is no longer updated at once. */
    private static final int IDLE = 16;
    /** Probes in a row, in tree mode, that the line would have answered alone, after which the mode ends. */
    private static final int PROBES = 8;

    private int[] slotOfPage = new int[1024];
    private int capacity;
    private int words;
    private int end; // the next free slot
    private int fromOldest; // the reads of the depth from either end of the line that failed in a row
    private int fromNewest;
    /** The tree over the depths was read by the last reference: it is kept up to date at once, while that lasts. */
    private boolean depthTreeLive;
    /** Both trees are read on most references: the critical mark is found with the tree over the words. */
    private boolean treeMode;
    private int cheapProbes;
    /** The line: for word {@code w}, its page marks at [2w] and its markers at [2w + 1], side by side. */
    private long[] line;
    private BitLine markers;
    private BitLine critical;
    /** By slot: the depth of the marker there. */
    private int[] depthAt;

    /** The tree over the words of the line. */
    private LineTree tree;
    /** The tree over the words is updated at once (it was read lately); it was read by this reference. */
    private boolean wordTreeLive;
    private boolean wordTreeRead;
    private int wordTreeIdle;
    /** Level 0 holds the marker slot of each depth; above, the least slot of the {@value #FAN} nodes below. */
    private int[][] depthTree;
    private final TreeChanges changedDepths = new TreeChanges();

    private final TreeChanges.NodeUpdate pullLeast = this::pullLeast;

    OptStack() {
        allocate(4096);
        depthTree = LineTree.levels(1024, 1);
        Arrays.fill(depthTree[0], NO_SLOT);
        changedDepths.reset(depthTree, depthTree[0].length);
    }

    static MissRatioCurve curve(Replay replay) throws IOException {
        return new OptStack().curve(replay, "OPT");
    }

    @Override
    void reference(int x) {
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
        if (treeMode) {
            treeReference(x, old, marker, mark);
            return;
        }
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
        line[2 * (old >>> 6)] &= ~(1L << old);
        markers.remove(from);
        placeMarker(depth, marker, from);
        line[2 * (mark >>> 6)] |= 1L << mark;
        critical.add(mark); // the newest page mark: G is -1 there
        slotOfPage[x] = mark;
        wordsChanged(old >>> 6, from >>> 6, marker >>> 6, mark >>> 6);
        if (wordTreeLive && depthTreeLive) {
            treeMode = true; // both trees are read: find the critical mark with them too, and keep no set of them
            cheapProbes = 0;
        }
    }

    /**
     * A reference in tree mode: the critical mark is found by a walk over the tree of words, the depth from the tree
     * of depths, and both are updated at once; the set of critical marks is not kept. One reference in 64 is probed
     * for whether the line would have answered it alone; after {@value #PROBES} such probes in a row, the set is
     * made again from the line and the mode ends.
     */
    private void treeReference(int x, int old, int marker, int mark) {
        int u = tree.criticalAfter(old + 1, end);
        int depth = markerBefore(u);
        histogram[depth + 1]++;
        int from = depthTree[0][depth];
        if ((references & 63) == 0) {
            boolean local = from < old || u - old <= 64 * SHORT;
            cheapProbes = local && depthFromEnds(u) >= 0 ? cheapProbes + 1 : 0;
        }
        line[2 * (old >>> 6)] &= ~(1L << old);
        markers.remove(from);
        placeMarker(depth, marker, from);
        line[2 * (mark >>> 6)] |= 1L << mark;
        slotOfPage[x] = mark;
        tree.refresh(old >>> 6, from >>> 6, marker >>> 6, mark >>> 6);
        if (cheapProbes == PROBES) {
            treeMode = false;
            remakeCriticalSet();
        }
    }

    /** Makes the set of critical page marks again from the line: those where G, read from the newest end, is -1. */
    private void remakeCriticalSet() {
        critical = new BitLine(capacity);
        tree.critical = critical;
        int after = 0;
        for (int w = (end - 1) >>> 6; w >= 0; w--) {
            after = tree.markReaching(w, -1L, after, -1);
        }
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
    }

    /**
     * After a reference: words {@code a} and {@code b} lost a mark, {@code c} gained the new marker at its newest end
     * and {@code d} the new page mark, after it. The tree over the words is updated at once while it is being read,
     * else the words are noted; it stops being updated at once after {@value #IDLE} references that did not read it.
     */
    private void wordsChanged(int a, int b, int c, int d) {
        if (wordTreeLive) {
            tree.refresh(a, b, c, d);
            if (wordTreeRead) {
                wordTreeRead = false;
                wordTreeIdle = 0;
            } else if (!treeMode && ++wordTreeIdle == IDLE) {
                wordTreeLive = false;
            }
        } else {
            tree.changedWords.note(a);
            tree.changedWords.note(b);
            tree.changedWords.note(c);
            tree.changedWords.note(d);
        }
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
                depthTree = LineTree.levels(2 * leaves.length, 1);
                Arrays.fill(depthTree[0], NO_SLOT);
                System.arraycopy(leaves, 0, depthTree[0], 0, leaves.length);
                changedDepths.reset(depthTree, depthTree[0].length);
                depthTreeLive = false;
                if (treeMode) {
                    bringDepthTreeUpToDate();
                    depthTreeLive = true;
                }
            }
            placeMarker(x, marker, NO_SLOT);
        }
        line[2 * (mark >>> 6)] |= 1L << mark;
        if (!treeMode) {
            critical.add(mark); // the newest page mark: G is -1 there (tree mode keeps no set)
        }
        slotOfPage[x] = mark;
        wordsChanged(marker >>> 6, marker >>> 6, marker >>> 6, mark >>> 6);
    }

    /**
     * The least depth whose marker lies before slot {@code u}: read from the oldest end of the line when few markers
     * lie before it, from the newest end when few lie after it (all depths below the answer have their markers
     * there, and the answer's does not), else from the tree over the depths.
     */
    private int depthBefore(int u) {
        int depth = depthFromEnds(u);
        if (depth >= 0) {
            depthTreeLive = false;
            return depth;
        }
        bringDepthTreeUpToDate();
        depthTreeLive = true;
        return markerBefore(u);
    }

    /**
     * The least depth whose marker lies before slot {@code u} if few markers lie before it or after it, else -1. A
     * side that failed {@value #FAILS} times in a row is read on one reference in 16 only.
     */
    private int depthFromEnds(int u) {
        if (fromOldest < FAILS || (references & 15) == 0) {
            int least = Integer.MAX_VALUE;
            int m = markers.next(0);
            for (int k = 0; k < FEW && m >= 0 && m < u; k++) {
                least = Math.min(least, depthAt[m]);
                m = markers.next(m + 1);
            }
            if (m < 0 || m >= u) {
                fromOldest = 0;
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
                return Long.numberOfTrailingZeros(~seen);
            }
            fromNewest++;
        }
        return -1;
    }

    /** Brings the tree over the words up to date to be read; it is then updated at once for a while. */
    private void readWordTree() {
        tree.bringUpToDate();
        wordTreeLive = true;
        wordTreeRead = true;
    }

    /** The sum of the slots {@code a .. b - 1} (+1 a marker, -1 a page mark). */
    private int sum(int a, int b) {
        int wa = a >>> 6;
        int wb = (b - 1) >>> 6;
        if (wa == wb) {
            long mask = (-1L << a) & (-1L >>> (63 - ((b - 1) & 63)));
            return Long.bitCount(line[2 * wa + 1] & mask) - Long.bitCount(line[2 * wa] & mask);
        }
        int s = Long.bitCount(line[2 * wa + 1] & (-1L << a)) - Long.bitCount(line[2 * wa] & (-1L << a));
        long last = -1L >>> (63 - ((b - 1) & 63));
        s += Long.bitCount(line[2 * wb + 1] & last) - Long.bitCount(line[2 * wb] & last);
        if (wb - wa - 1 <= SHORT) {
            for (int w = wa + 1; w < wb; w++) {
                s += Long.bitCount(line[2 * w + 1]) - Long.bitCount(line[2 * w]);
            }
            return s;
        }
        readWordTree();
        return s + tree.wordsSum(wa + 1, wb);
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
            tree.promoteInWord(wh, top & (-1L << lo), r);
            return;
        }
        r = tree.promoteInWord(wh, top, r);
        if (wh - wl - 1 <= SHORT) {
            for (int w = wh - 1; w > wl; w--) {
                r = tree.promoteInWord(w, -1L, r);
            }
        } else {
            readWordTree();
            r = tree.promoteInWords(wl + 1, wh, r);
        }
        tree.promoteInWord(wl, -1L << lo, r);
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

    /** Renumbers the live marks {@code 0, 1, ...} in order; the line grows to at least four times their number. */
    private void compact() {
        long[] oldLine = line;
        int[] before = new int[words + 1];
        for (int w = 0; w < words; w++) {
            before[w + 1] = before[w] + Long.bitCount(oldLine[2 * w] | oldLine[2 * w + 1]);
        }
        int live = before[words];
        int wanted = capacity;
        while (wanted < (live < 1 << 20 ? 4 : 2) * (live + 2)) {
            wanted *= 2;
        }
        BitLine oldCritical = critical;
        allocate(wanted);
        for (int id = 0; id < pages; id++) {
            int slot = slotOfPage[id];
            int renumbered = rank(before, oldLine, slot);
            slotOfPage[id] = renumbered;
            line[2 * (renumbered >>> 6)] |= 1L << renumbered;
            if (!treeMode && oldCritical.contains(slot)) { // tree mode keeps no set: it is made again after
                critical.add(renumbered);
            }
        }
        int[] slotOfMarker = depthTree[0];
        for (int c = 1; c < pages; c++) {
            int renumbered = rank(before, oldLine, slotOfMarker[c]);
            depthAt[renumbered] = c;
            slotOfMarker[c] = renumbered;
            markers.add(renumbered);
        }
        end = live;
        changedDepths.all = true;
        depthTreeLive = false;
        if (treeMode) { // its trees are always up to date (the set of critical marks is made again when it ends)
            readWordTree();
            bringDepthTreeUpToDate();
            depthTreeLive = true;
        }
    }

    /** The number of live marks before {@code slot}, from the counts {@code before} of the words before each. */
    private static int rank(int[] before, long[] line, int slot) {
        int w = slot >>> 6;
        return before[w] + Long.bitCount((line[2 * w] | line[2 * w + 1]) & ((1L << slot) - 1));
    }

    private void allocate(int slots) {
        capacity = slots;
        words = slots >>> 6;
        line = new long[2 * words];
        markers = BitLine.interleaved(line, 1, slots);
        critical = new BitLine(slots);
        // The depths are read only at markers' slots, each written when its marker is placed (or renumbered), so a
        // line of the same length keeps its array: a compaction then clears no 4-byte slot it does not use.
        if (depthAt == null || depthAt.length != slots) {
            depthAt = new int[slots];
        }
        tree = new LineTree(line, words, critical);
        wordTreeLive = false;
    }
}
