package dev.pagelab.replay;

import java.io.IOException;
import java.util.Arrays;

/**
 * LRU stack distances in one pass (Mattson, Gecsei, Slutz and Traiger, 1970), counted as in Bennett and
 * Kruskal (1975): every page's last access leaves a mark on a time line, and the stack distance of a reference
 * is one more than the number of marks after the previous access to its page, that is, the number of distinct
 * pages touched since. A reference with distance {@code d} hits in any LRU memory of at least {@code d} frames.
 *
 * <p>The marks are bits in a {@code long[]}, with a Fenwick tree over the bit counts of the words, so both stay in
 * the fastest caches: counting the marks up to a position is a Fenwick prefix over the words before it and one
 * popcount. When the time line fills, the live marks (one per distinct page) are renumbered in order and the
 * line is kept at least four times as long as the number of pages; so memory follows the distinct pages, not the
 * references, and a reference costs O(log pages).
 */
final class LruStack extends DistanceStack {
    private int[] lastMark = new int[1024];
    private int capacity = 4096;
    private long[] marks = new long[capacity >>> 6];
    private int[] wordCounts = new int[(capacity >>> 6) + 1]; // Fenwick tree over the popcounts, 1-based
    private int nextMark;

    static MissRatioCurve curve(Replay replay) throws IOException {
        return new LruStack().curve(replay, "LRU");
    }

    @Override
    void reference(int id) {
        if (nextMark == capacity) {
            compact();
        }
        if (id == pages) {
            pages++;
            if (id == lastMark.length) {
                lastMark = Arrays.copyOf(lastMark, 2 * id);
            }
            if (pages + 1 >= histogram.length) {
                histogram = Arrays.copyOf(histogram, 2 * histogram.length);
            }
        } else {
            int previous = lastMark[id];
            int word = previous >>> 6;
            int newest = (nextMark - 1) >>> 6;
            int after = Long.bitCount(marks[word] & (-2L << previous)); // marks after it in its own word
            if (word != newest) {
                after += Long.bitCount(marks[newest]) + marksInWords(word + 1, newest);
            }
            histogram[after + 1]++;
            marks[word] &= ~(1L << previous);
            int mark = nextMark++;
            marks[mark >>> 6] |= 1L << mark;
            moveCount(word, mark >>> 6);
            lastMark[id] = mark;
            return;
        }
        int mark = nextMark++;
        marks[mark >>> 6] |= 1L << mark;
        for (int i = (mark >>> 6) + 1; i < wordCounts.length; i += i & -i) {
            wordCounts[i]++;
        }
        lastMark[id] = mark;
    }

    /**
     * The marks in words {@code from .. to-1}: the difference of two Fenwick prefixes, walked down together until
     * the paths meet, so a short span costs little.
     */
    private int marksInWords(int from, int to) {
        int[] tree = wordCounts;
        int a = from;
        int b = to;
        int sum = 0;
        while (a != b) {
            if (b > a) {
                sum += tree[b];
                b -= b & -b;
            } else {
                sum -= tree[a];
                a -= a & -a;
            }
        }
        return sum;
    }

    /**
     * One mark moves from word {@code from} to the later word {@code to}: -1 and +1 on the two Fenwick paths, walked
     * up together and stopped where they meet, since from there on the changes cancel.
     */
    private void moveCount(int from, int to) {
        int[] tree = wordCounts;
        int n = tree.length;
        int a = from + 1;
        int b = to + 1;
        while (a != b) {
            if (a < b) {
                if (a >= n) {
                    return;
                }
                tree[a]--;
                a += a & -a;
            } else {
                if (b >= n) {
                    return;
                }
                tree[b]++;
                b += b & -b;
            }
        }
    }

    /** The number of marks at positions up to and including {@code position}. */
    private int rank(int position) {
        int word = position >>> 6;
        int count = Long.bitCount(marks[word] & (-1L >>> (63 - (position & 63))));
        int[] tree = wordCounts;
        for (int i = word; i > 0; i -= i & -i) {
            count += tree[i];
        }
        return count;
    }

    /** Renumbers the live marks 0..pages-1 in order, growing the line to at least four times the pages. */
    private void compact() {
        for (int id = 0; id < pages; id++) {
            lastMark[id] = rank(lastMark[id]) - 1;
        }
        int wanted = capacity;
        while (wanted < 4 * (pages + 1)) {
            wanted *= 2;
        }
        if (wanted != capacity) {
            capacity = wanted;
            marks = new long[wanted >>> 6];
            wordCounts = new int[(wanted >>> 6) + 1];
        } else {
            Arrays.fill(marks, 0L);
            Arrays.fill(wordCounts, 0);
        }
        int full = pages >>> 6;
        Arrays.fill(marks, 0, full, -1L);
        if ((pages & 63) != 0) {
            marks[full] = (1L << pages) - 1;
        }
        int[] tree = wordCounts;
        for (int i = 1; i < tree.length; i++) {
            tree[i] += Long.bitCount(marks[i - 1]);
            int parent = i + (i & -i);
            if (parent < tree.length) {
                tree[parent] += tree[i];
            }
        }
        nextMark = pages;
    }
}
