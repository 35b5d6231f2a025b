package dev.pagelab.trace;

import dev.pagelab.policy.LongIntMap;

import java.io.IOException;

/**
 * LRU stack distances in one pass (Mattson, Gecsei, Slutz and Traiger, 1970), counted with a Fenwick tree
 * (after Bennett and Kruskal, 1975). Every page's last access holds a mark at a position on a time line; the
 * stack distance of a reference is one more than the number of marks after the previous access to its page,
 * that is, the number of distinct pages touched since. A reference with distance {@code d} hits in any LRU
 * memory of at least {@code d} frames.
 *
 * <p>The time line is compacted whenever it fills: the live marks (one per distinct page) are renumbered in
 * order, and the line is kept at least twice as long as the number of pages. So memory follows the distinct
 * pages, not the references, and each reference costs O(log pages).
 */
final class LruStack {
    private final LongIntMap ids = new LongIntMap(1024);
    private int pages;
    private int[] lastMark = new int[1024];
    private int capacity = 1024;
    private int[] tree = new int[capacity + 1];
    private int[] pageAt = new int[capacity + 1];
    private int nextMark = 1;
    private long[] histogram = new long[1026];
    private long references;

    static MissRatioCurve curve(Replay replay) throws IOException {
        LruStack stack = new LruStack();
        long[] values = new long[Replay.BATCH];
        byte[] kinds = new byte[Replay.BATCH];
        int shift = replay.valueShift();
        try (ReferenceReader reader = replay.trace().open()) {
            int got;
            while ((got = reader.read(values, kinds, Replay.BATCH)) >= 0) {
                replay.checkInterrupt("LRU miss-ratio curve", stack.references);
                for (int i = 0; i < got; i++) {
                    stack.access(values[i] >>> shift);
                }
            }
        }
        return MissRatioCurve.everySize("LRU", replay.trace().describe(), stack.references, stack.pages,
                faultsBySize(stack.histogram, stack.pages, stack.cold()));
    }

    /** Faults at sizes {@code 0 .. pages} from a histogram of distances: cold misses plus distances above the size. */
    static long[] faultsBySize(long[] histogram, int pages, long cold) {
        long[] faults = new long[pages + 1];
        long deeper = cold;
        for (int c = pages; c >= 0; c--) {
            faults[c] = deeper;
            if (c < histogram.length) {
                deeper += histogram[c];
            }
        }
        return faults;
    }

    long cold() {
        return pages;
    }

    /** Records a reference to {@code page}. */
    void access(long page) {
        references++;
        int id = ids.putIfAbsent(page, pages);
        if (nextMark > capacity) {
            compact();
        }
        if (id < 0) {
            id = pages++;
            if (id == lastMark.length) {
                lastMark = java.util.Arrays.copyOf(lastMark, 2 * id);
            }
            if (pages + 1 >= histogram.length) {
                histogram = java.util.Arrays.copyOf(histogram, 2 * histogram.length);
            }
        } else {
            int previous = lastMark[id];
            int distance = pages - prefix(previous) + 1;
            histogram[distance]++;
            add(previous, -1);
            pageAt[previous] = -1;
        }
        int mark = nextMark++;
        add(mark, 1);
        pageAt[mark] = id;
        lastMark[id] = mark;
    }

    private int prefix(int position) {
        int[] t = tree;
        int sum = 0;
        for (int i = position; i > 0; i -= i & -i) {
            sum += t[i];
        }
        return sum;
    }

    private void add(int position, int delta) {
        int[] t = tree;
        int n = capacity;
        for (int i = position; i <= n; i += i & -i) {
            t[i] += delta;
        }
    }

    /** Renumbers the live marks 1..k in order, growing the line to at least twice the pages, and rebuilds the tree. */
    private void compact() {
        int live = 0;
        int[] order = pageAt;
        for (int pos = 1; pos < nextMark; pos++) {
            int id = order[pos];
            if (id >= 0) {
                order[++live] = id;
            }
        }
        int wanted = capacity;
        while (wanted < 2 * (live + 1)) {
            wanted *= 2;
        }
        if (wanted != capacity) {
            capacity = wanted;
            pageAt = java.util.Arrays.copyOf(order, wanted + 1);
            tree = new int[wanted + 1];
        } else {
            java.util.Arrays.fill(tree, 0);
        }
        java.util.Arrays.fill(pageAt, live + 1, capacity + 1, -1);
        int[] t = tree;
        for (int pos = 1; pos <= live; pos++) {
            lastMark[pageAt[pos]] = pos;
        }
        for (int pos = 1; pos <= capacity; pos++) {
            if (pos <= live) {
                t[pos] += 1;
            }
            int parent = pos + (pos & -pos);
            if (parent <= capacity) {
                t[parent] += t[pos];
            }
        }
        nextMark = live + 1;
    }
}
