package dev.pagelab.bench;

import java.util.SplittableRandom;

/** Seeded synthetic page traces for the benchmarks. */
final class Traces {
    private Traces() {}

    /** {@code length} references drawn from a Zipf distribution with exponent {@code s} over {@code pages} pages. */
    static long[] zipf(int length, int pages, double s, long seed) {
        double[] cumulative = new double[pages];
        double total = 0;
        for (int k = 0; k < pages; k++) {
            total += 1 / Math.pow(k + 1, s);
            cumulative[k] = total;
        }
        SplittableRandom random = new SplittableRandom(seed);
        // Scatter the ranks over the page numbers, so that the hot pages are not 0, 1, 2, ...
        long[] pageOfRank = new long[pages];
        for (int k = 0; k < pages; k++) {
            pageOfRank[k] = k;
        }
        for (int k = pages - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            long swap = pageOfRank[k];
            pageOfRank[k] = pageOfRank[j];
            pageOfRank[j] = swap;
        }
        long[] trace = new long[length];
        for (int i = 0; i < length; i++) {
            double u = random.nextDouble() * total;
            int lo = 0;
            int hi = pages - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            trace[i] = 0x7ff6_0000L + pageOfRank[lo];
        }
        return trace;
    }

    /** {@code length} references looping over {@code pages} pages: the worst case for LRU and FIFO. */
    static long[] loop(int length, int pages) {
        long[] trace = new long[length];
        for (int i = 0; i < length; i++) {
            trace[i] = 0x7ff6_0000L + i % pages;
        }
        return trace;
    }
}
