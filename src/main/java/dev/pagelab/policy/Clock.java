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
    private long[] bits; // the reference bit of frame f is bit (f & 63) of bits[f >>> 6]
    private int frames;
    private int hand;
    /** The bits of the last word that stand for frames. */
    private long lastWordFrames;

    @Override
    public void reset(int frames) {
        this.frames = Frames.check(frames);
        bits = new long[(frames + 63) >>> 6];
        lastWordFrames = (frames & 63) == 0 ? -1L : (1L << (frames & 63)) - 1;
        hand = 0;
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        bits[frame >>> 6] |= 1L << frame;
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
        bits[frame >>> 6] |= 1L << frame;
    }

    @Override
    public void freed(int frame) {
        bits[frame >>> 6] &= ~(1L << frame);
    }

    /** Whether the reference bit of {@code frame} is set. */
    public boolean referenceBit(int frame) {
        return (bits[frame >>> 6] & (1L << frame)) != 0;
    }

    @Override
    public int victim(long now) {
        // The sweep one word of 64 frames at a time: find the first clear bit at or after the hand, clearing the
        // set bits passed on the way. At most one full turn clears every bit, so the second turn finds one. The
        // first word usually has a clear bit, so the common case takes no branch that depends on one frame's bit.
        long[] b = bits;
        int n = frames;
        int h = hand;
        int last = (n - 1) >>> 6;
        while (true) {
            int w = h >>> 6;
            long fromHand = -1L << h;
            long word = b[w];
            long clear = ~word & fromHand & (w == last ? lastWordFrames : -1L);
            if (clear != 0) {
                int bit = Long.numberOfTrailingZeros(clear);
                b[w] = word & ~(fromHand & ((1L << bit) - 1));
                int chosen = (w << 6) + bit;
                hand = chosen + 1 == n ? 0 : chosen + 1;
                return chosen;
            }
            b[w] = word & ~fromHand;
            h = w == last ? 0 : (w + 1) << 6;
        }
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
