package dev.pagelab.policy;

import dev.pagelab.engine.ReplacementPolicy;

/** First in, first out: the victim is the page that has been in memory longest. References change nothing. */
public final class Fifo implements ReplacementPolicy {
    private static final int QUEUE = 0;
    private IntLists arrivals;

    @Override
    public void reset(int frames) {
        arrivals = new IntLists(Frames.check(frames), 1);
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        arrivals.remove(frame);
        arrivals.addFirst(QUEUE, frame);
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
        // Arrival order is all FIFO knows.
    }

    @Override
    public void freed(int frame) {
        arrivals.remove(frame);
    }

    @Override
    public int victim(long now) {
        return Frames.victim(arrivals.removeLast(QUEUE), "FIFO");
    }

    @Override
    public boolean needsReferences() {
        return false;
    }

    @Override
    public String name() {
        return "FIFO";
    }

    @Override
    public String toString() {
        return name();
    }
}
