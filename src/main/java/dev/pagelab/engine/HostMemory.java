package dev.pagelab.engine;

/**
 * The heap of the JVM that runs the simulation: what it may grow to ({@code -Xmx}) and what is still free. A
 * setting that allocates per frame or per entry asks {@link #require} before allocating, so that a size the JVM
 * cannot hold is refused with a message naming the setting, instead of an {@link OutOfMemoryError} half-way.
 *
 * <p>{@code HostMemory.require(16L << 30, "frames 2147483647: the FIFO replay")} throws
 * "frames 2147483647: the FIFO replay needs 16 GiB of heap, this JVM has 4 GiB (-Xmx)" on a 4 GiB heap.
 */
public final class HostMemory {
    private HostMemory() {}

    /** The most heap this JVM will use ({@code -Xmx}). */
    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The heap this JVM can still give: its maximum minus what it holds now (garbage included). */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * Returns when {@code bytes} more fit in this heap (collecting garbage once before saying no); otherwise
     * throws an {@link IllegalArgumentException} saying that {@code what} needs them, and what the JVM has.
     */
    public static void require(long bytes, String what) {
        if (bytes <= available()) {
            return;
        }
        if (bytes < maxHeap()) {
            System.gc();
            if (bytes <= available()) {
                return;
            }
        }
        throw new IllegalArgumentException(refusal(what, bytes, available(), maxHeap()));
    }

    /** The message of {@link #require}: what needs how much, and what this JVM has. */
    static String refusal(String what, long bytes, long free, long max) {
        String has = bytes >= max ? Hex.size(max) : Hex.size(Math.max(0, free)) + " free of " + Hex.size(max);
        return what + " needs " + Hex.size(bytes) + " of heap, this JVM has " + has + " (-Xmx)";
    }
}
