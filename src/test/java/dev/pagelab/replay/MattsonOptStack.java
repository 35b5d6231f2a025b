package dev.pagelab.replay;

import dev.pagelab.internal.PageIds;
import dev.pagelab.trace.ReferenceReader;
import java.io.IOException;
import java.util.Arrays;

/**
 * The OPT curve as it was computed before the critical-stack algorithm of {@link OptStack}, kept as a test oracle.
 * OPT stack distances in one pass, by Mattson's priority stack (Mattson, Gecsei, Slutz and Traiger, 1970):
 * Belady's MIN is a stack algorithm whose priority is the next use, sooner first. The top {@code c} entries of
 * the stack are what OPT keeps in {@code c} frames, so a reference to the page at depth {@code d} hits in any
 * memory of at least {@code d} frames.
 *
 * <p>The update for a reference to the page {@code x} at depth {@code d}: {@code x} goes on top, and the pages
 * above it that are "records" (each with a later next use than every page above it) shift down, each to the
 * next record's place and the last into the hole {@code x} left; all other pages stay where they are. Records
 * come in runs of consecutive places, since the stack is nearly sorted by next use; a run shifts down by one
 * place as a block ({@code System.arraycopy}). The next uses sit in a max segment tree over stack positions, so
 * finding the next run ("the first position after this one with a later next use") costs O(log pages). A
 * reference costs O(runs log pages + records): a few runs on real and random traces, one on loops; the records
 * are many only for a first reference, which shifts the runs of the whole stack.
 */
final class MattsonOptStack {
    private static final int EMPTY = -1;

    private final PageIds ids = new PageIds();
    private int pages;
    private int[] positionOf = new int[1024];
    private int capacity = 1024;
    private int[] pageAt = new int[capacity];
    private int[] tree = new int[2 * capacity];
    private long[] histogram = new long[1026];
    private long references;

    private MattsonOptStack() {
        Arrays.fill(tree, EMPTY);
    }

    static MissRatioCurve curve(Replay replay, int[] nextUse) throws IOException {
        MattsonOptStack stack = new MattsonOptStack();
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
                DistanceStack.faultsBySize(stack.histogram, stack.pages, stack.pages));
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
        if (depth == 0) {
            pageAt[0] = x;
            positionOf[x] = 0;
            set(0, nextUse);
            return;
        }
        // The records above depth form runs of consecutive positions (each later than the one before). A run
        // shifts down by one place as a block; its last page moves on to the next run's first place, and the
        // page leaving the last run fills the hole at depth. The new page enters the first run at the top.
        int[] at = pageAt;
        int[] t = tree;
        int leaves = capacity;
        int carry = x;
        int carried = nextUse;
        int start = 0;
        while (true) {
            int end = start;
            while (end + 1 < depth && t[leaves + end + 1] > t[leaves + end]) {
                end++;
            }
            int leaving = at[end];
            int leavingUse = t[leaves + end];
            System.arraycopy(at, start, at, start + 1, end - start);
            System.arraycopy(t, leaves + start, t, leaves + start + 1, end - start);
            at[start] = carry;
            t[leaves + start] = carried;
            for (int q = start; q <= end; q++) {
                positionOf[at[q]] = q;
            }
            rebuild(start, end);
            carry = leaving;
            carried = leavingUse;
            int next = firstLater(end + 1, leavingUse);
            if (next < 0 || next >= depth) {
                break;
            }
            start = next;
        }
        at[depth] = carry;
        positionOf[carry] = depth;
        set(depth, carried);
    }

    /** Recomputes the maxima above the leaves {@code from .. to}. */
    private void rebuild(int from, int to) {
        int[] t = tree;
        int lo = (capacity + from) >>> 1;
        int hi = (capacity + to) >>> 1;
        while (lo > 0) {
            boolean changed = false;
            for (int i = lo; i <= hi; i++) {
                int left = t[2 * i];
                int right = t[2 * i + 1];
                int max = left >= right ? left : right;
                if (t[i] != max) {
                    t[i] = max;
                    changed = true;
                }
            }
            if (!changed) {
                return; // nothing above can change either
            }
            lo >>>= 1;
            hi >>>= 1;
        }
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
