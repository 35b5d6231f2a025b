package dev.pagelab.engine;

/**
 * A replacement policy that also learns which page is faulting, for policies that remember pages after
 * they leave memory (ARC keeps "ghost" lists of recently evicted pages and adapts when one of them comes
 * back). Plain {@link ReplacementPolicy} callers keep working: a page-aware policy that is never told the
 * page simply never sees a ghost hit.
 *
 * <p>Call order on a fault: {@link #faulting} with the page, then {@link #victim} if every frame is in use,
 * then {@link #loaded} for the frame that receives the page.
 */
public interface PageAwarePolicy extends ReplacementPolicy {

    /**
     * The page {@code page} faults and is about to be loaded. {@code page} is any key that identifies a
     * virtual page: its page number for a single address space, or a key that also tells the address spaces
     * apart when several share the frames.
     */
    void faulting(long page, long now);
}
