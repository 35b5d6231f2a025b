package dev.pagelab.trace;

import java.io.IOException;
import java.util.Arrays;

/**
 * OPT stack distances in one pass, by Mattson's priority stack (Mattson, Gecsei, Slutz and Traiger, 1970):
 * Belady's MIN is a stack algorithm whose priority is the next use, sooner first. The top {@code c} entries of
 * the stack are what OPT keeps in {@code c} frames, so a reference to the page at depth {@code d} hits in any
 * memory of at least {@code d} frames.
 *
 * <p>The update for a reference to the page {@code x} at depth {@code d}: {@code x} goes on top, and the pages
 * above it that are "records" (each with a later next use than every page above it) shift down, each to the
 * next record's place and the last into the hole {@code x} left; all other pages stay where they are. The next
 * uses sit in a max segment tree over stack positions, so finding each next record ("the first position after
 * this one with a later next use") and moving a page cost O(log pages). A reference costs
 * O((1 + records) log pages): the record count is small on real and random traces (on the order of log of the
 * depth) and 1 on loops, though an adversarial trace can make it as large as the depth.
 */
final class OptStack {
    private static final int EMPTY = -1;

    private final PageIds ids = new PageIds();
    private int pages;
    private int[] positionOf = new int[1024];
    private int capacity = 1024;
    private int[] pageAt = new int[capacity];
    private int[] tree = new int[2 * capacity];
    private long[] histogram = new long[1026];
    private long references;

    private OptStack() {
        Arrays.fill(tree, EMPTY);
    }

    static MissRatioCurve curve(Replay replay, int[] nextUse) throws IOException {
        OptStack stack = new OptStack();
        long[] values = new long[Replay.BATCH];
        byte[] kinds = new byte[Replay.BATCH];
        int shift = replay.valueShift();
        int t = 0;
        try (ReferenceReader reader = replay.trace().open()) {
            int got;
            while ((got = reader.read(values, kinds, Replay.BATCH)) >= 0) {
                replay.checkInterrupt("OPT miss-ratio curve", t);
                if ((long) t + got > nextUse.length) {
                    throw new IllegalStateException(replay.trace().describe() + " grew between two readings");
                }
                for (int i = 0; i < got; i++, t++) {
                    stack.access(values[i] >>> shift, nextUse[t]);
                }
            }
        }
        return MissRatioCurve.everySize("OPT", replay.trace().describe(), stack.references, stack.pages,
                LruStack.faultsBySize(stack.histogram, stack.pages, stack.pages));
    }

    /** Records a reference to {@code page}, whose next reference after this one is at {@code nextUse}. */
    void access(long page, int nextUse) {
        references++;
        int x = ids.idOf(page);
        int depth;
        if (x == pages) {
            depth = pages++;
            if (pages > capacity) {
                grow();
            }
            if (x == positionOf.length) {
                positionOf = Arrays.copyOf(positionOf, 2 * x);
            }
            if (pages + 1 >= histogram.length) {
                histogram = Arrays.copyOf(histogram, 2 * histogram.length);
            }
        } else {
            depth = positionOf[x];
            histogram[depth + 1]++;
        }
        if (depth > 0) {
            // Shift the records above depth down, each into the next record's place, the last into the hole.
            int[] at = pageAt;
            int carry = at[0];
            int carried = tree[capacity];
            int position = 0;
            while (true) {
                int next = firstLater(position + 1, carried);
                if (next < 0 || next >= depth) {
                    break;
                }
                int displaced = at[next];
                int displacedUse = tree[capacity + next];
                at[next] = carry;
                positionOf[carry] = next;
                set(next, carried);
                carry = displaced;
                carried = displacedUse;
                position = next;
            }
            at[depth] = carry;
            positionOf[carry] = depth;
            set(depth, carried);
        }
        pageAt[0] = x;
        positionOf[x] = 0;
        set(0, nextUse);
    }

    /** The first stack position at or after {@code from} whose next use is later than {@code use}, or -1. */
    private int firstLater(int from, int use) {
        if (from >= capacity) {
            return -1;
        }
        int[] t = tree;
        int i = from + capacity;
        if (t[i] <= use) {
            while (true) {
                while ((i & 1) == 1) {
                    i >>>= 1;
                    if (i == 0) {
                        return -1;
                    }
                }
                i++;
                if (t[i] > use) {
                    break;
                }
            }
        }
        while (i < capacity) {
            i <<= 1;
            if (t[i] <= use) {
                i++;
            }
        }
        return i - capacity;
    }

    private void set(int position, int use) {
        int[] t = tree;
        int i = position + capacity;
        t[i] = use;
        for (i >>>= 1; i > 0; i >>>= 1) {
            int left = t[2 * i];
            int right = t[2 * i + 1];
            int max = left >= right ? left : right;
            if (t[i] == max) {
                break;
            }
            t[i] = max;
        }
    }

    private void grow() {
        int old = capacity;
        capacity = 2 * old;
        pageAt = Arrays.copyOf(pageAt, capacity);
        int[] t = new int[2 * capacity];
        Arrays.fill(t, EMPTY);
        System.arraycopy(tree, old, t, capacity, old);
        for (int i = capacity - 1; i > 0; i--) {
            t[i] = Math.max(t[2 * i], t[2 * i + 1]);
        }
        tree = t;
    }
}
