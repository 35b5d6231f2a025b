package dev.pagelab.replay;

import java.util.Arrays;

/**
 * The tree over the words of {@link OptStack}'s time line: for each word (64 slots, a marker counting +1 and a page
 * mark -1) its sum and its least suffix sum starting at a page mark, and for each node of fan-out {@value #FAN} the
 * same over its children, level by level, so that the 8 children of a node are 64 contiguous bytes. Within a word
 * both come a byte at a time from tables indexed by the byte's slots read as a base-3 number. It finds the critical
 * mark after a slot in one walk, sums a stretch of words, and finds the page marks of a stretch whose suffix sum
 * reaches a value, passing whole nodes that hold none in one step. It is updated at once ({@link #refresh}) or from
 * the words noted in {@link #changedWords} when next read ({@link #bringUpToDate}).
 */
final class LineTree {
    /** A least suffix where there is no page mark: above any real sum, and far from overflow when added to. */
    static final int NONE = 1 << 29;
    static final int FAN_BITS = 3;
    static final int FAN = 1 << FAN_BITS;

    /** A byte's slots as a base-3 number, one digit a slot (0 empty, 1 page mark, 2 marker): page bits' part. */
    static final int[] TERNARY = new int[256];
    /** By a byte's base-3 number: the sum of its slots, and its least suffix sum starting at a page mark. */
    static final byte[] BYTE_SUM = new byte[6561];
    static final int[] BYTE_LEAST = new int[6561];

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
    static int byteIndex(long pages, long markers, int k) {
        return TERNARY[(int) (pages >>> (8 * k)) & 0xFF] + 2 * TERNARY[(int) (markers >>> (8 * k)) & 0xFF];
    }

    /** The line: for word {@code w}, its page marks at [2w] and its markers at [2w + 1], side by side. */
    private final long[] line;
    private final int words;
    /** Where {@link #markReaching} adds the page marks it finds. */
    BitLine critical;
    /** Over the words: node {@code i} of level {@code l} at [2i] (sum) and [2i + 1] (least page suffix). */
    private int[][] wordTree;
    final TreeChanges changedWords = new TreeChanges();
    /** Left-side nodes of a walk over the words, kept to be visited after the right side (level, node). */
    private final int[] pendingLevel = new int[128];
    private final int[] pendingNode = new int[128];
    private final TreeChanges.NodeUpdate pullSums = this::pull;

    /** The tree over the {@code words} words of {@code line}, all to be computed when first read. */
    LineTree(long[] line, int words, BitLine critical) {
        this.line = line;
        this.words = words;
        this.critical = critical;
        wordTree = levels(words, 2);
        for (int[] level : wordTree) {
            for (int k = 1; k < level.length; k += 2) {
                level[k] = NONE;
            }
        }
        changedWords.reset(wordTree, wordTree[0].length >>> 1);
    }

    /**
     * Updates the tree over the words, level by level, as {@link #wordsChanged} says: {@code a} and {@code b} and
     * their ancestors are summed again; {@code c} and {@code d}, and theirs, are updated in place where no other
     * change touched them.
     */
    void refresh(int a, int b, int c, int d) {
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

    /**
     * The oldest slot at or after {@code from} holding a page mark from which the marks to the end of the line sum
     * to -1. One walk down the path to {@code from}'s word reads, level by level, the later siblings from the
     * newest, summing what follows each and noting the oldest whose least suffix, plus what follows it, reaches -1;
     * if {@code from}'s own word holds no answer, the one noted at the lowest level does, found by a descent.
     */
    int criticalAfter(int from, int end) {
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
        int found = firstInWord(first, line[2 * first] & (-1L << from), line[2 * first + 1] & (-1L << from), after);
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
        return firstInWord(node, line[2 * node], line[2 * node + 1], after);
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

    /** The sum of the words {@code lo .. hi - 1}, from the fewest nodes of the tree over the words. */
    int wordsSum(int lo, int hi) {
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
     * {@link #promote} over the whole words {@code lo .. hi - 1}, newest first, in the fewest nodes of the tree: the
     * right side's nodes as they come, the left side's kept and visited last, in reverse.
     */
    int promoteInWords(int lo, int hi, int r) {
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
    int promoteInWord(int w, long mask, int r) {
        return markReaching(w, mask, r, 1);
    }

    /**
     * Adds to {@link #critical} the page marks among the slots {@code mask} of word {@code w} where the sum from
     * there on, given the sum {@code r} after the word, is {@code target} (none of them being below it); returns the
     * sum from the first of the slots on. Bytes are read from the newest through the tables, and only the bits of a
     * byte that reaches the target are read one by one.
     */
    int markReaching(int w, long mask, int r, int target) {
        long pagesHere = line[2 * w] & mask;
        long markersHere = line[2 * w + 1] & mask;
        int pageCount = Long.bitCount(pagesHere);
        if (r - pageCount > target) { // no suffix in the word can fall to the target
            return r + Long.bitCount(markersHere) - pageCount;
        }
        for (int k = 7; k >= 0; k--) {
            int index = byteIndex(pagesHere, markersHere, k);
            if (BYTE_LEAST[index] + r <= target) {
                int acc = r;
                for (int bit = 8 * k + 7; bit >= 8 * k; bit--) {
                    if ((markersHere >>> bit & 1) != 0) {
                        acc++;
                    } else if ((pagesHere >>> bit & 1) != 0 && --acc == target) {
                        critical.add((w << 6) + bit);
                    }
                }
            }
            r += BYTE_SUM[index];
        }
        return r;
    }

    /** Recomputes the tree over the words where marks changed since it was last read. */
    void bringUpToDate() {
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
        long pagesHere = line[2 * w];
        long markersHere = line[2 * w + 1];
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
    static int[][] levels(int leaves, int ints) {
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
}
