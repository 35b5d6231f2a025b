package dev.pagelab.engine;

/**
 * The heap a machine's memory may still take for page contents and page tables, asked before each allocation so
 * that a full heap refuses the operation cleanly (nothing changed) instead of throwing {@link OutOfMemoryError}
 * half-way through it. {@link #jvm()} follows this JVM's heap: it hands out allowances of a few MiB, each one
 * only while the heap would keep a reserve free after it (collecting garbage once before saying no), so the
 * check costs one comparison per allocation. {@link #of(long)} is a fixed number of bytes, for tests and tools.
 *
 * <p>{@code SpaceAccess.engine(space).memory().budget(HeapBudget.of(mb(1).bytes()))}
 */
public final class HeapBudget {
    private static final long MIN_CHUNK = 1 << 20;
    private static final long MIN_RESERVE = 16 << 20;

    private final long fixed;
    private long allowance;
    private long taken;

    private HeapBudget(long fixed) {
        this.fixed = fixed;
        this.allowance = Math.max(0, fixed);
    }

    /** The budget of this JVM's heap ({@code -Xmx}), keeping an eighth of it (at least 16 MiB) free. */
    public static HeapBudget jvm() {
        return new HeapBudget(-1);
    }

    /** A budget of {@code bytes} in all, whatever the heap holds. */
    public static HeapBudget of(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a heap budget of " + bytes + " bytes must not be negative");
        }
        return new HeapBudget(bytes);
    }

    /** Whether {@code bytes} can be taken without asking the heap: the check of the hot path. */
    boolean ready(long bytes) {
        return bytes <= allowance;
    }

    /**
     * Whether {@code bytes} can be taken now: from the allowance, or from a new one the heap can give. Takes
     * nothing; {@link #take} follows the allocation.
     */
    boolean room(long bytes) {
        if (bytes <= allowance) {
            return true;
        }
        if (fixed >= 0) {
            return false;
        }
        long max = HostMemory.maxHeap();
        long chunk = Math.max(bytes - allowance, Math.max(MIN_CHUNK, max >> 8));
        long reserve = Math.max(MIN_RESERVE, max >> 3);
        if (HostMemory.available() - reserve < chunk) {
            System.gc();
            if (HostMemory.available() - reserve < chunk) {
                return false;
            }
        }
        allowance += chunk;
        return true;
    }

    /** Counts {@code bytes} just allocated. */
    void take(long bytes) {
        allowance -= bytes;
        taken += bytes;
    }

    /** Bytes taken so far. */
    public long taken() {
        return taken;
    }

    /** The message of a refusal: {@code what} cannot be held, with what is held and what the heap has. */
    String refusal(String what) {
        String held = Hex.size(taken) + " of page contents and tables held";
        if (fixed >= 0) {
            return "host memory: this machine's budget of " + Hex.size(fixed) + " cannot hold " + what + "; "
                    + held;
        }
        return "host memory: this JVM cannot hold " + what + "; " + held + ", " + Hex.size(Math.max(0,
                HostMemory.available())) + " free of " + Hex.size(HostMemory.maxHeap()) + " (-Xmx)";
    }
}
