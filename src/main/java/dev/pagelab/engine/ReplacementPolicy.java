package dev.pagelab.engine;

/**
 * A page-replacement policy over physical frame indices {@code 0 .. frames-1}. The engine tells it what
 * happens to frames and asks it for a victim when memory is full. Implementations keep their state in
 * primitive arrays and allocate nothing per call; one instance serves one machine (or one replay) only.
 *
 * <p>Call order for a frame: {@link #loaded} when a page is placed in it, then {@link #referenced} on each
 * later access to that page, then either {@link #victim} chooses it or {@link #freed} returns it when its page
 * is decommitted or released. The logical time {@code now} grows by one per simulated reference and equals
 * the reference's index when a trace is replayed (which is what lets OPT look into the future).
 */
public interface ReplacementPolicy {

    /** Prepares for {@code frames} frames, all free. Called once, before any other method. */
    void reset(int frames);

    /** A page was placed in {@code frame} (after a fault); this counts as its first reference. */
    void loaded(int frame, boolean write, long now);

    /** The page in {@code frame} was referenced again; {@code write} tells a store from a load. */
    void referenced(int frame, boolean write, long now);

    /** The page in {@code frame} left memory without being chosen as a victim (decommit, release). */
    void freed(int frame);

    /**
     * Chooses the frame whose page leaves memory; every frame is in use when this is called. The policy
     * forgets the frame as if {@link #freed} had been called; {@link #loaded} follows for the new page.
     */
    int victim(long now);

    /** Whether {@link #referenced} has any effect, so a replay may skip it on hits (FIFO, RANDOM). */
    default boolean needsReferences() {
        return true;
    }

    /** A short name for pictures and tables, e.g. {@code LRU}. */
    String name();
}
