package dev.pagelab.policy;

import dev.pagelab.engine.ReplacementPolicy;

/**
 * CLOCK, or second chance. Each frame has one reference bit, set by every reference to its page, including
 * the reference that loads it (as hardware sets the accessed bit when the faulting access is retried). The
 * frames form the clock face in index order. On a fault with memory full the hand sweeps on from where it
 * stopped, clearing set bits, and evicts the first frame whose bit is clear; the new page takes that frame
 * and the hand rests one past it, so the next sweep starts after the newest page.
 */
public final class Clock implements ReplacementPolicy {
    private boolean[] referenced;
    private int hand;

    @Override
    public void reset(int frames) {
        referenced = new boolean[Frames.check(frames)];
        hand = 0;
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        referenced[frame] = true;
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
        referenced[frame] = true;
    }

    @Override
    public void freed(int frame) {
        referenced[frame] = false;
    }

    @Override
    public int victim(long now) {
        boolean[] bits = referenced;
        int h = hand;
        while (bits[h]) {
            bits[h] = false;
            if (++h == bits.length) {
                h = 0;
            }
        }
        int chosen = h;
        if (++h == bits.length) {
            h = 0;
        }
        hand = h;
        return chosen;
    }

    /** Where the hand rests: the frame the next sweep looks at first. */
    public int hand() {
        return hand;
    }

    @Override
    public String name() {
        return "CLOCK";
    }

    @Override
    public String toString() {
        return name();
    }
}
