package dev.pagelab.bench;

import dev.pagelab.trace.PageTrace;
import dev.pagelab.trace.Trace;
import dev.pagelab.trace.TraceFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Seeded synthetic page traces for the benchmarks. */
final class Traces {
    private Traces() {}

    static final int REFERENCES = 10_000_000;

    /**
     * The benchmarks' trace: {@code zipf} (Zipf(0.99) over 100,000 pages) or {@code loop} (over 1.2 times the
     * frames), 10 million references, read from a file in the binary form ({@code form} {@code binary}, written
     * to {@code dir}) or from memory ({@code memory}).
     */
    static Trace of(String trace, int frames, String form, Path dir) {
        long[] refs = switch (trace) {
            case "zipf" -> zipf(REFERENCES, 100_000, 0.99, 1);
            case "loop" -> loop(REFERENCES, frames * 6 / 5);
            default -> throw new IllegalArgumentException("trace " + trace + ": zipf or loop");
        };
        PageTrace pages = PageTrace.of(refs);
        switch (form) {
            case "memory":
                return pages;
            case "binary":
                try {
                    Path file = dir.resolve(trace + "-" + frames + ".trace");
                    dev.pagelab.trace.Traces.write(pages, file, TraceFormat.BINARY);
                    return dev.pagelab.trace.Traces.open(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            default:
                throw new IllegalArgumentException("form " + form + ": binary or memory");
        }
    }

    /** A fresh folder for a benchmark's trace files. */
    static Path folder() {
        try {
            return Files.createTempDirectory("pagelab-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder made by {@link #folder()} and the files in it. */
    static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
