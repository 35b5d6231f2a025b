package dev.pagelab.policy;

import dev.pagelab.engine.ReplacementPolicy;

/**
 * Least recently used: the victim is the page whose last reference is oldest. Frames sit in an intrusive
 * doubly linked list, most recent first; a reference moves its frame to the front in O(1).
 */
public final class Lru implements ReplacementPolicy {
    private static final int RECENCY = 0;
    private IntLists recency;

    @Override
    public void reset(int frames) {
        recency = new IntLists(Frames.check(frames), 1);
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        recency.moveToFirst(RECENCY, frame);
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
        recency.moveToFirst(RECENCY, frame);
    }

    @Override
    public void freed(int frame) {
        recency.remove(frame);
    }

    @Override
    public int victim(long now) {
        return Frames.victim(recency.removeLast(RECENCY), "LRU");
    }

    @Override
    public String name() {
        return "LRU";
    }

    @Override
    public String toString() {
        return name();
    }
}
