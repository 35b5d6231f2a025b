package dev.pagelab.replay;

import java.util.Locale;

/**
 * What a replay of a trace through finite memory counted: references, faults, hits and evictions, and a
 * fault timeline as one primitive column. The timeline splits the references into consecutive buckets of
 * {@link #bucketWidth()} references (a power of two, chosen so that there are at most
 * {@value #MAX_BUCKETS} buckets); {@code faultsPerBucket()[i]} counts the faults among references
 * {@code [i * width, (i + 1) * width)}, the last bucket possibly partial. The same trace always gives the same
 * buckets.
 */
public final class ReplayResult {
    /** The most buckets a timeline has. */
    public static final int MAX_BUCKETS = 1024;

    private final String policy;
    private final int frames;
    private final String trace;
    private final long references;
    private final long faults;
    private final long evictions;
    private final long bucketWidth;
    private final long[] faultsPerBucket;
    private final boolean complete;

    ReplayResult(String policy, int frames, String trace, long references, long faults, long evictions,
                 long bucketWidth, long[] faultsPerBucket, boolean complete) {
        this.policy = policy;
        this.frames = frames;
        this.trace = trace;
        this.references = references;
        this.faults = faults;
        this.evictions = evictions;
        this.bucketWidth = bucketWidth;
        this.faultsPerBucket = faultsPerBucket;
        this.complete = complete;
    }

    /**
     * A result counted elsewhere (for example by a run through a full address space) with the same meaning:
     * {@code faultsPerBucket[i]} counts the faults among references {@code [i * bucketWidth, (i + 1) * bucketWidth)}.
     */
    public static ReplayResult of(String policy, int frames, String trace, long references, long faults,
                                  long evictions, long bucketWidth, long[] faultsPerBucket) {
        if (bucketWidth < 1 || Long.bitCount(bucketWidth) != 1) {
            throw new IllegalArgumentException("bucket width " + bucketWidth + " must be a power of two");
        }
        return new ReplayResult(policy, frames, trace, references, faults, evictions, bucketWidth,
                faultsPerBucket.clone(), true);
    }

    /**
     * A result read back from a file: as {@link #of(String, int, String, long, long, long, long, long[])}, and
     * {@code complete} false for the partial result of an interrupted replay.
     */
    public static ReplayResult of(String policy, int frames, String trace, long references, long faults,
                                  long evictions, long bucketWidth, long[] faultsPerBucket, boolean complete) {
        ReplayResult r = of(policy, frames, trace, references, faults, evictions, bucketWidth, faultsPerBucket);
        return complete ? r : new ReplayResult(policy, frames, trace, references, faults, evictions, bucketWidth,
                r.faultsPerBucket, false);
    }

    /** The policy's short name, e.g. {@code LRU}. */
    public String policy() {
        return policy;
    }

    /** The number of physical frames. */
    public int frames() {
        return frames;
    }

    /** The replayed trace's description. */
    public String trace() {
        return trace;
    }

    /** References replayed. */
    public long references() {
        return references;
    }

    /** References that found their page absent: the first touch of each page and every reload. */
    public long faults() {
        return faults;
    }

    /** References that found their page in memory. */
    public long hits() {
        return references - faults;
    }

    /** Faults that had to evict a page because every frame was in use. */
    public long evictions() {
        return evictions;
    }

    /** Faults per reference, {@code 0} for an empty trace. */
    public double missRatio() {
        return references == 0 ? 0 : (double) faults / references;
    }

    /** Hits per reference, {@code 0} for an empty trace. */
    public double hitRatio() {
        return references == 0 ? 0 : (double) hits() / references;
    }

    /** Whether the whole trace was replayed ({@code false} for the partial result of an interrupted replay). */
    public boolean complete() {
        return complete;
    }

    /** References per timeline bucket, a power of two. */
    public long bucketWidth() {
        return bucketWidth;
    }

    /** The number of timeline buckets. */
    public int buckets() {
        return faultsPerBucket.length;
    }

    /** Faults in each timeline bucket (a copy). */
    public long[] faultsPerBucket() {
        return faultsPerBucket.clone();
    }

    /** The index of the first reference of each timeline bucket (a new array). */
    public long[] bucketStarts() {
        long[] starts = new long[faultsPerBucket.length];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = i * bucketWidth;
        }
        return starts;
    }

    /** {@code LRU, 3 frames: 12 references, 10 faults (83.3%)}. */
    @Override
    public String toString() {
        String text = String.format(Locale.ROOT, "%s, %d frame%s: %d reference%s, %d fault%s (%.1f%%)",
                policy, frames, frames == 1 ? "" : "s", references, references == 1 ? "" : "s",
                faults, faults == 1 ? "" : "s", 100 * missRatio());
        return complete ? text : text + ", interrupted";
    }
}
