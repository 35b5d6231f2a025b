package dev.pagelab.replay;

import dev.pagelab.internal.PageIds;
import dev.pagelab.policy.Policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Miss-ratio curves of policies that are not stack algorithms: one replay per memory size, on a small pool. */
final class Curves {
    private Curves() {}

    static MissRatioCurve simulate(Replay options, Policy policy, int[] requested) throws IOException {
        Replay replay = options.silent();
        long[] counted = countPages(replay);
        long references = counted[0];
        long pages = counted[1];
        int[] sizes = requested == null ? MissRatioCurve.defaultSizes(pages) : normalize(requested);
        long[] faults = new long[sizes.length];
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), sizes.length));
        if (threads == 1) {
            for (int i = 0; i < sizes.length; i++) {
                faults[i] = replay.run(sizes[i], policy, pages).faults();
            }
        } else {
            runParallel(replay, policy, pages, sizes, faults, threads);
        }
        return new MissRatioCurve(policy.name(), replay.trace().describe(), references, pages, sizes, faults, false);
    }

    /**
     * Faults of {@code policy} at exactly {@code frameCounts}, one replay each in the order given: the points of a
     * comparison of policies at a few sizes. Unlike {@link #simulate} the sizes are kept as given, so they must
     * ascend from at least one frame.
     */
    static MissRatioCurve atSizes(Replay options, Policy policy, int[] frameCounts) throws IOException {
        if (frameCounts == null || frameCounts.length == 0) {
            throw new IllegalArgumentException("a comparison of policies needs at least one frame count");
        }
        for (int i = 0; i < frameCounts.length; i++) {
            if (frameCounts[i] < 1 || (i > 0 && frameCounts[i] <= frameCounts[i - 1])) {
                throw new IllegalArgumentException("frame counts must be at least 1 and ascend, but " + frameCounts[i]
                        + (i > 0 ? " comes after " + frameCounts[i - 1] : " comes first"));
            }
        }
        Replay replay = options.silent();
        long[] counted = countPages(replay);
        long[] faults = new long[frameCounts.length];
        for (int i = 0; i < frameCounts.length; i++) {
            faults[i] = replay.run(frameCounts[i], policy).faults();
        }
        return new MissRatioCurve(policy.name(), replay.trace().describe(), counted[0], counted[1], frameCounts.clone(),
                faults, false);
    }

    private static void runParallel(Replay replay, Policy policy, long pages, int[] sizes, long[] faults, int threads)
            throws IOException {
        AtomicInteger serial = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "pagelab-curve-" + serial.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            // Largest sizes first: they are no cheaper, and this keeps the tail of the run short.
            List<Future<Long>> futures = new ArrayList<>(sizes.length);
            for (int i = 0; i < sizes.length; i++) {
                int frames = sizes[sizes.length - 1 - i];
                futures.add(pool.submit(() -> {
                    try {
                        return replay.run(frames, policy, pages).faults();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            for (int i = 0; i < sizes.length; i++) {
                faults[sizes.length - 1 - i] = futures.get(i).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayInterruptedException(policy.name() + " miss-ratio curve of " + replay.trace().describe()
                    + " interrupted", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sorted, without duplicates, all at least one frame. */
    static int[] normalize(int[] sizes) {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("a miss-ratio curve needs at least one memory size");
        }
        int[] sorted = sizes.clone();
        Arrays.sort(sorted);
        if (sorted[0] < 1) {
            throw new IllegalArgumentException("memory needs at least 1 frame, not " + sorted[0]);
        }
        int n = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    /** References and distinct pages of the replay's trace. */
    static long[] countPages(Replay replay) throws IOException {
        PageIds seen = new PageIds();
        int shift = replay.valueShift();
        long references = replay.eachBatch("page count", (values, got, before) -> {
            for (int i = 0; i < got; i++) {
                seen.idOf(values[i] >>> shift);
            }
        });
        return new long[] {references, seen.size()};
    }
}
