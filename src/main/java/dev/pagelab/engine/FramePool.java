package dev.pagelab.engine;

/**
 * Frames {@code [base, base + size)} of a memory with the replacement policy that chooses victims among them. With
 * global replacement a memory has one pool of every frame, shared by its spaces; with fixed allocation and local
 * replacement each space has a pool of its own. The policy sees local frame numbers ({@code 0..size-1}); the
 * methods here take and return the memory's frame numbers. A pool without a policy (unlimited frames) never
 * replaces.
 */
final class FramePool {
    private final int base;
    private final int size;
    private final ReplacementPolicy policy;
    private final PageAwarePolicy pageAware;
    private final FreeList free = new FreeList();
    private int highWater;

    /** A pool of {@code size} frames from {@code base} on; {@code policy} is fresh, or null to never replace. */
    FramePool(int base, int size, ReplacementPolicy policy) {
        this.base = base;
        this.size = size;
        this.policy = policy;
        this.pageAware = policy instanceof PageAwarePolicy p ? p : null;
        if (policy != null) {
            policy.reset(size);
        }
    }

    /** The frame the next {@link #take} gives when it is one never used before, or -1 when it reuses one. */
    int nextFresh() {
        return !free.isEmpty() || highWater >= size ? -1 : base + highWater;
    }

    /**
     * A frame for the page with the policy key {@code key}: a freed one, a never-used one, or the policy's victim,
     * whose page the caller evicts (it still has an owner).
     */
    int take(long key, long now) {
        if (pageAware != null) {
            pageAware.faulting(key, now);
        }
        if (!free.isEmpty()) {
            return base + free.pop();
        }
        if (highWater < size) {
            return base + highWater++;
        }
        int local = policy.victim(now);
        if (local < 0 || local >= size) {
            throw new IllegalStateException(policy.name() + " chose frame " + local + " as a victim, but the "
                    + "frames it replaces among are 0.." + (size - 1));
        }
        return base + local;
    }

    /** Frame {@code frame}, just taken, holds its page: the policy starts following it. */
    void loaded(int frame, boolean write, long now) {
        if (policy != null) {
            policy.loaded(frame - base, write, now);
        }
    }

    /** A resident page in {@code frame} was used (the hot path). */
    void referenced(int frame, boolean write, long now) {
        if (policy != null) {
            policy.referenced(frame - base, write, now);
        }
    }

    /** Frame {@code frame} is free again (its page was decommitted or released). */
    void release(int frame) {
        free.push(frame - base);
        if (policy != null) {
            policy.freed(frame - base);
        }
    }

    /** The policy forgets frame {@code frame}, still in use, as it forgets a victim: it is taken for another page. */
    void forget(int frame) {
        policy.freed(frame - base);
    }

    /** Whether frame {@code frame} is one of this pool's. */
    boolean holds(int frame) {
        return frame >= base && frame - base < size;
    }

    /** Whether frame {@code frame} of this pool was used and is not free now (a linear scan, for checks). */
    boolean used(int frame) {
        return holds(frame) && frame - base < highWater && !free.contains(frame - base);
    }

    /** The policy's name, or {@code none}. */
    String policyName() {
        return policy == null ? "none" : policy.name();
    }

    /**
     * Locked pages are never evicted (W4-13): {@code f}, the victim {@link #take} named for {@code key}, is given back
     * to the policy as just loaded while it holds a locked page of {@code memory}, and another is asked for; should the
     * policy keep naming locked pages (a random choice may), the lowest unlocked frame of the pool is taken instead and
     * the policy told to forget it.
     */
    int unlockedVictim(PhysicalMemory memory, long key, int f, long now) {
        for (int tries = 0; memory.holdsPage(f) && memory.locked(f); tries++) {
            loaded(f, false, now);
            if (tries > 2 * Math.min(memory.frames(), memory.framesTouched())) {
                return lowestUnlocked(memory);
            }
            f = take(key, now);
        }
        return f;
    }

    private int lowestUnlocked(PhysicalMemory memory) {
        for (int g = 0; g < memory.framesTouched(); g++) {
            if (memory.holdsPage(g) && holds(g) && !memory.locked(g)) {
                forget(g);
                return g;
            }
        }
        throw new IllegalStateException("every frame holds a locked page");
    }
}
