package dev.pagelab.internal;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014), written out here so that a seed gives the same sequence on
 * every JDK. This is the one copy: seeded policies and the trace generator both draw from it, so a seed
 * means the same numbers everywhere.
 *
 * <p>The two bounded draws use different methods on purpose, each kept so that seeded outputs never change:
 * {@link #nextInt(int)} (the policies' victims) is Lemire's multiply-and-reject, {@link #nextLong(long)} (the
 * generator's pages) rejects the top of the 63-bit range; both are unbiased.
 */
public final class SplitMix64 {
    private long state;

    /** A generator whose first value is the one {@code splitmix64.c} gives for {@code seed}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform integer in {@code [0, bound)}; {@code bound} must be positive. */
    public int nextInt(int bound) {
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFF_FFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFF_FFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A uniform {@code long} in {@code [0, bound)}; {@code bound} must be positive. */
    public long nextLong(long bound) {
        long m = bound - 1;
        long r = nextLong() >>> 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        for (long u = r; u - (r = u % bound) + m < 0; u = nextLong() >>> 1) {
            // reject the top of the range that would favour small values
        }
        return r;
    }

    /** A uniform {@code double} in {@code [0, 1)}, from 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
