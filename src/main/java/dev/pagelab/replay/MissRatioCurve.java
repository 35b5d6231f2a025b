package dev.pagelab.replay;

import java.util.Arrays;
import java.util.Locale;

/**
 * Fault counts of one policy on one trace over a range of memory sizes (frame counts). A stack algorithm's
 * curve (LRU, OPT) is exact at every size, from one pass over the trace; another policy's curve holds the sizes
 * it was replayed at. Beyond the number of distinct pages every policy faults exactly once per page, so
 * {@link #faultsAt} answers those sizes too.
 */
public final class MissRatioCurve {
    private final String policy;
    private final String trace;
    private final long references;
    private final long pages;
    private final int[] sizes;
    private final long[] faults;
    private final boolean everySize;

    MissRatioCurve(String policy, String trace, long references, long pages, int[] sizes, long[] faults,
                   boolean everySize) {
        this.policy = policy;
        this.trace = trace;
        this.references = references;
        this.pages = pages;
        this.sizes = sizes;
        this.faults = faults;
        this.everySize = everySize;
    }

    /** A stack algorithm's curve from its histogram: {@code faultsBySize[c]} for {@code c = 1 .. pages}. */
    static MissRatioCurve everySize(String policy, String trace, long references, int pages, long[] faultsBySize) {
        int[] sizes = new int[pages];
        long[] faults = new long[pages];
        for (int c = 1; c <= pages; c++) {
            sizes[c - 1] = c;
            faults[c - 1] = faultsBySize[c];
        }
        return new MissRatioCurve(policy, trace, references, pages, sizes, faults, true);
    }

    /**
     * A curve read back from a file: fault counts {@code faults[i]} at {@code sizes[i]} frames, sizes ascending
     * from 1 up; {@code everySize} says the sizes are exactly {@code 1 .. pages} (a stack algorithm's curve).
     *
     * @throws IllegalArgumentException if the arrays differ in length, the sizes are not ascending and positive,
     *     a count is negative or above {@code references}, or an every-size curve does not hold every size
     */
    public static MissRatioCurve of(String policy, String trace, long references, long pages, int[] sizes,
                                    long[] faults, boolean everySize) {
        if (references < 0 || pages < 0 || pages > references) {
            throw new IllegalArgumentException("a curve of " + references + " references over " + pages
                    + " distinct pages: both must be non-negative, and pages at most references");
        }
        if (sizes.length != faults.length) {
            throw new IllegalArgumentException(sizes.length + " sizes but " + faults.length + " fault counts");
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1 || (i > 0 && sizes[i] <= sizes[i - 1])) {
                throw new IllegalArgumentException("sizes must be positive and ascending: size " + sizes[i]
                        + " at index " + i + (i > 0 ? " follows " + sizes[i - 1] : ""));
            }
            if (faults[i] < 0 || faults[i] > references) {
                throw new IllegalArgumentException(faults[i] + " faults at " + sizes[i] + " frames: a count must lie in [0, "
                        + references + "]");
            }
        }
        if (everySize && (sizes.length != pages || (sizes.length > 0 && sizes[sizes.length - 1] != sizes.length))) {
            throw new IllegalArgumentException("an every-size curve over " + pages + " pages holds the sizes 1.." + pages
                    + ", not " + sizes.length + " sizes");
        }
        return new MissRatioCurve(policy, trace, references, pages, sizes.clone(), faults.clone(), everySize);
    }

    /**
     * Memory sizes worth replaying for a trace over {@code pages} distinct pages, ascending: every size up to
     * 64, then about 64 more spaced evenly on a log scale up to {@code pages}.
     */
    public static int[] defaultSizes(long pages) {
        int top = (int) Math.min(pages, Integer.MAX_VALUE);
        if (top <= 128) {
            int[] all = new int[Math.max(top, 1)];
            for (int i = 0; i < all.length; i++) {
                all[i] = i + 1;
            }
            return all;
        }
        int[] picked = new int[64 + 65];
        int n = 0;
        for (int c = 1; c <= 64; c++) {
            picked[n++] = c;
        }
        double ratio = Math.pow(top / 64.0, 1.0 / 64);
        for (int step = 1; step <= 64; step++) {
            int c = (int) Math.round(64 * Math.pow(ratio, step));
            if (c > picked[n - 1]) {
                picked[n++] = Math.min(c, top);
            }
        }
        if (picked[n - 1] != top) {
            picked[n++] = top;
        }
        return Arrays.copyOf(picked, n);
    }

    /** The policy's short name, e.g. {@code LRU}. */
    public String policy() {
        return policy;
    }

    /** The trace's description. */
    public String trace() {
        return trace;
    }

    public long references() {
        return references;
    }

    /** The number of distinct pages in the trace, which is also the fault count of any memory that holds them all. */
    public long pages() {
        return pages;
    }

    /** Whether the curve is exact at every size (a stack algorithm's), rather than at {@link #sizes()} only. */
    public boolean everySize() {
        return everySize;
    }

    /** The memory sizes the curve holds, ascending (for an every-size curve {@code 1 .. pages}). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The fault counts at {@link #sizes()}, in the same order. */
    public long[] faults() {
        return faults.clone();
    }

    /** The miss ratios at {@link #sizes()}, in the same order. */
    public double[] missRatios() {
        double[] ratios = new double[faults.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = ratio(faults[i]);
        }
        return ratios;
    }

    /**
     * The faults with {@code frames} frames.
     *
     * @throws IllegalArgumentException for fewer than one frame, or a size a replayed curve does not hold
     */
    public long faultsAt(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("memory needs at least 1 frame, not " + frames);
        }
        if (frames >= pages) {
            return pages;
        }
        if (everySize) {
            return faults[frames - 1];
        }
        int at = Arrays.binarySearch(sizes, frames);
        if (at < 0) {
            throw new IllegalArgumentException("the " + policy + " curve was replayed at " + sizeList()
                    + " frames, not at " + frames + "; ask for that size when computing it");
        }
        return faults[at];
    }

    /** Faults per reference with {@code frames} frames. */
    public double missRatioAt(int frames) {
        return ratio(faultsAt(frames));
    }

    private double ratio(long count) {
        return references == 0 ? 0 : (double) count / references;
    }

    private String sizeList() {
        if (sizes.length <= 8) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < sizes.length; i++) {
                sb.append(i == 0 ? "" : i == sizes.length - 1 ? " and " : ", ").append(sizes[i]);
            }
            return sb.toString();
        }
        return sizes.length + " sizes from " + sizes[0] + " to " + sizes[sizes.length - 1];
    }

    /** {@code LRU miss-ratio curve, 1..5 frames: 12 references, 12 faults at 1 frame, 5 at 5}. */
    @Override
    public String toString() {
        if (sizes.length == 0) {
            return policy + " miss-ratio curve: " + references + " references";
        }
        String range = everySize ? sizes[0] + ".." + sizes[sizes.length - 1] + " frames" : sizeList() + " frames";
        int first = sizes[0];
        int last = sizes[sizes.length - 1];
        return String.format(Locale.ROOT, "%s miss-ratio curve, %s: %d references, %d faults at %d frame%s, %d at %d",
                policy, range, references, faults[0], first, first == 1 ? "" : "s", faults[faults.length - 1], last);
    }
}
