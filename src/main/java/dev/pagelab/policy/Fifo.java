package dev.pagelab.policy;

/** First in, first out: the victim is the page that has been in memory longest. References change nothing. */
public final class Fifo extends NamedPolicy {
    private static final int QUEUE = 0;
    private IntLists arrivals;

    /** A policy with no frames yet; {@link #reset} gives it some. */
    public Fifo() {
        super("FIFO");
    }

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
        return Frames.victim(arrivals.removeLast(QUEUE), name());
    }

    @Override
    public boolean needsReferences() {
        return false;
    }
}
