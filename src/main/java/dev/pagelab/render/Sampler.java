package dev.pagelab.render;

import org.jfree.data.xy.XYSeries;

/**
 * Feeds a step series, keeping at most one point per bucket of {@code bucket} ticks: the last value in it. A
 * timeline of a million events so draws as fast as one of a hundred, and a step line through the kept points
 * is exact at each of them.
 */
final class Sampler {
    private final XYSeries series;
    private final long bucket;
    private long pendingBucket = Long.MIN_VALUE;
    private long pendingTime;
    private double pendingValue;
    private boolean pending;

    Sampler(XYSeries series, long bucket) {
        this.series = series;
        this.bucket = Math.max(1, bucket);
    }

    void add(long time, double value) {
        long b = Math.floorDiv(time, bucket);
        if (pending && b != pendingBucket) {
            flush();
        }
        pendingBucket = b;
        pendingTime = time;
        pendingValue = value;
        pending = true;
    }

    void flush() {
        if (pending) {
            series.add(pendingTime, pendingValue, false);
            pending = false;
        }
    }

    XYSeries series() {
        return series;
    }
}
