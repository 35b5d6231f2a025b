package dev.pagelab.replay;

import dev.pagelab.internal.PageIds;
import dev.pagelab.trace.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Denning's working set as a metric: W(t, tau) is the number of distinct pages among the last {@code tau}
 * references up to and including reference {@code t}. Feed the pages in order to {@link #add}; each call is
 * O(1) amortized and allocates nothing once the page table has grown. Memory: {@code tau} ints for the window,
 * and an int and a long per distinct page.
 */
public final class WorkingSet {
    private final int tau;
    private final int[] window;
    private final PageIds ids = new PageIds();
    private long[] lastSeen = new long[1024];
    private long time;
    private int size;

    /** A working-set meter with window {@code tau} references. */
    public WorkingSet(int tau) {
        if (tau < 1) {
            throw new IllegalArgumentException("the working-set window must be at least 1 reference, not " + tau);
        }
        this.tau = tau;
        this.window = new int[tau];
    }

    /** The working-set sizes of a page sequence: element {@code t} is W(t, tau). */
    public static int[] sizes(long[] pages, int tau) {
        WorkingSet ws = new WorkingSet(tau);
        int[] out = new int[pages.length];
        for (int t = 0; t < pages.length; t++) {
            out[t] = ws.add(pages[t]);
        }
        return out;
    }

    /**
     * W(t, tau) after every reference of {@code trace} (4 KiB pages for address traces), one array per window
     * in {@code taus}, in that order: the lines of a working-set chart.
     *
     * @throws IllegalArgumentException if there is no trace, no window, or a window under 1 reference
     * @throws UncheckedIOException if the trace cannot be read
     */
    public static int[][] sizes(Trace trace, int... taus) {
        if (trace == null) {
            throw new IllegalArgumentException("no trace to draw (null)");
        }
        if (taus == null || taus.length == 0) {
            throw new IllegalArgumentException("give at least one window τ, such as workingSet(trace, 10)");
        }
        for (int tau : taus) {
            if (tau < 1) {
                throw new IllegalArgumentException("the working-set window τ must be at least 1 reference, not " + tau);
            }
        }
        int[][] sizes = new int[taus.length][];
        for (int i = 0; i < taus.length; i++) {
            try {
                sizes[i] = Replay.of(trace).workingSet(taus[i]);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + trace.describe() + ": " + e.getMessage(), e);
            }
        }
        return sizes;
    }

    public int tau() {
        return tau;
    }

    /** References added so far. */
    public long references() {
        return time;
    }

    /** The current working-set size, W(t, tau) for the last reference added ({@code 0} before the first). */
    public int size() {
        return size;
    }

    /** Adds the next reference, to {@code page}, and returns W(t, tau) including it. */
    public int add(long page) {
        long t = time;
        int slot = (int) (t % tau);
        if (t >= tau) {
            int leaving = window[slot];
            if (lastSeen[leaving] == t - tau) {
                size--;
            }
        }
        int fresh = ids.size();
        int id = ids.idOf(page);
        if (id == fresh) {
            if (id == lastSeen.length) {
                lastSeen = java.util.Arrays.copyOf(lastSeen, Replay.grow(lastSeen.length, id + 1L));
            }
            size++;
        } else if (lastSeen[id] <= t - tau) {
            size++;
        }
        lastSeen[id] = t;
        window[slot] = id;
        time = t + 1;
        return size;
    }

    @Override
    public String toString() {
        return "working set W(t, " + tau + ") = " + size + " pages after " + time + " references";
    }
}
