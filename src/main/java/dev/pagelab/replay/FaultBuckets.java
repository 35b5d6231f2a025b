package dev.pagelab.replay;

/**
 * Fault counts per bucket of consecutive references, at most {@link ReplayResult#MAX_BUCKETS} buckets: the
 * width starts at one reference and doubles (merging neighbours) whenever the next reference would need
 * another bucket, so the buckets depend on the reference count only.
 */
final class FaultBuckets {
    private final long[] faults = new long[ReplayResult.MAX_BUCKETS];
    private long width = 1;

    /** How many references, starting at index {@code position}, fall in the same bucket (making room first). */
    int room(long position, int wanted) {
        long bucket = position / width;
        while (bucket >= faults.length) {
            merge();
            bucket = position / width;
        }
        long end = (bucket + 1) * width;
        return (int) Math.min(wanted, end - position);
    }

    /** Counts {@code count} faults in the bucket of reference {@code position}. */
    void add(long position, long count) {
        faults[(int) (position / width)] += count;
    }

    private void merge() {
        int half = faults.length / 2;
        for (int i = 0; i < half; i++) {
            faults[i] = faults[2 * i] + faults[2 * i + 1];
        }
        java.util.Arrays.fill(faults, half, faults.length, 0L);
        width *= 2;
    }

    long width() {
        return width;
    }

    /** The buckets covering {@code references} references. */
    long[] buckets(long references) {
        int used = (int) ((references + width - 1) / width);
        return java.util.Arrays.copyOf(faults, used);
    }
}
