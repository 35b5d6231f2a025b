package dev.pagelab.replay;

import dev.pagelab.internal.PageIds;
import java.io.IOException;

/**
 * A one-pass stack-distance count over a trace ({@link LruStack}, {@link OptStack}): each reference adds one to
 * the histogram at its distance (a cold miss adds nothing), and the histogram gives the faults at every size.
 */
abstract class DistanceStack {
    final PageIds ids = new PageIds();
    int pages;
    long references;
    /** References by stack distance: a reference at depth {@code d} (0 on top) counts at {@code d + 1}. */
    long[] histogram = new long[1026];

    /** Records a reference to {@code page}. */
    final void access(long page) {
        references++;
        reference(ids.idOf(page));
    }

    /** Records a reference to the page numbered {@code id} by {@link #ids}, after {@link #references} counted it. */
    abstract void reference(int id);

    /** Counts the whole trace of {@code replay} and returns the curve of {@code policy} at every size. */
    final MissRatioCurve curve(Replay replay, String policy) throws IOException {
        int shift = replay.valueShift();
        replay.eachBatch(policy + " miss-ratio curve", (values, got, before) -> {
            for (int i = 0; i < got; i++) {
                access(values[i] >>> shift);
            }
        });
        return MissRatioCurve.everySize(policy, replay.trace().describe(), references, pages,
                faultsBySize(histogram, pages, pages));
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
}
