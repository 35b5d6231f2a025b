package dev.pagelab.policy;

/**
 * Least recently used: the victim is the page whose last reference is oldest. Frames sit in an intrusive
 * doubly linked list in two int arrays, most recent first; a reference moves its frame to the front in O(1).
 */
public final class Lru extends NamedPolicy {
    private static final int NONE = -1;
    private static final int OUT = -2;

    private int[] prev;
    private int[] next;
    private int head = NONE;
    private int tail = NONE;

    /** A policy with no frames yet; {@link #reset} gives it some. */
    public Lru() {
        super("LRU");
    }

    @Override
    public void reset(int frames) {
        prev = new int[Frames.check(frames)];
        next = new int[frames];
        java.util.Arrays.fill(prev, OUT);
        head = NONE;
        tail = NONE;
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        touch(frame);
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
        touch(frame);
    }

    private void touch(int frame) {
        int h = head;
        if (frame == h) {
            return;
        }
        if (prev[frame] != OUT) {
            unlink(frame);
            h = head;
        }
        prev[frame] = NONE;
        next[frame] = h;
        if (h == NONE) {
            tail = frame;
        } else {
            prev[h] = frame;
        }
        head = frame;
    }

    private void unlink(int frame) {
        int p = prev[frame];
        int n = next[frame];
        if (p == NONE) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NONE) {
            tail = p;
        } else {
            prev[n] = p;
        }
        prev[frame] = OUT;
    }

    @Override
    public void freed(int frame) {
        if (prev[frame] != OUT) {
            unlink(frame);
        }
    }

    @Override
    public int victim(long now) {
        int frame = Frames.victim(tail, name());
        unlink(frame);
        return frame;
    }
}
