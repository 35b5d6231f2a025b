package dev.pagelab.policy;

/**
 * CLOCK, or second chance. Each frame has one reference bit, set by every reference to its page, including
 * the reference that loads it (as hardware sets the accessed bit when the faulting access is retried). The
 * frames form the clock face in index order. On a fault with memory full the hand sweeps on from where it
 * stopped, clearing set bits, and evicts the first frame whose bit is clear; the new page takes that frame
 * and the hand rests one past it, so the next sweep starts after the newest page.
 */
public final class Clock extends NamedPolicy {
    private long[] bits; // the reference bit of frame f is bit (f & 63) of bits[f >>> 6]
    private int frames;
    private int hand;
    /** The bits of the last word that stand for frames. */
    private long lastWordFrames;

    /** A policy with no frames yet; {@link #reset} gives it some. */
    public Clock() {
        super("CLOCK");
    }

    @Override
    public void reset(int frames) {
        this.frames = Frames.check(frames);
        bits = new long[(frames + 63) >>> 6];
        lastWordFrames = lastWordFrames(frames);
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
        long swept = sweep(bits, hand, frames, lastWordFrames);
        hand = (int) (swept >>> 32);
        return (int) swept;
    }

    /**
     * CLOCK's sweep over reference bits kept by the caller (bit {@code f & 63} of {@code bits[f >>> 6]} for frame
     * {@code f}, the last word's frames given by {@code lastWordFrames}): from {@code hand}, clears the set bits it
     * passes and stops at the first frame whose bit is clear. Returns that frame in the low 32 bits and where the
     * hand then rests (one past it) in the high 32 bits. For replay loops that keep CLOCK's state themselves.
     *
     * <p>One word of 64 frames at a time; at most one full turn clears every bit, so the second turn finds one.
     * The first word usually has a clear bit, so the common case takes no branch that depends on one frame's bit.
     */
    public static long sweep(long[] bits, int hand, int frames, long lastWordFrames) {
        int last = (frames - 1) >>> 6;
        int h = hand;
        while (true) {
            int w = h >>> 6;
            long fromHand = -1L << h;
            long word = bits[w];
            long clear = ~word & fromHand & (w == last ? lastWordFrames : -1L);
            if (clear != 0) {
                int bit = Long.numberOfTrailingZeros(clear);
                bits[w] = word & ~(fromHand & ((1L << bit) - 1));
                int chosen = (w << 6) + bit;
                return ((long) (chosen + 1 == frames ? 0 : chosen + 1) << 32) | chosen;
            }
            bits[w] = word & ~fromHand;
            h = w == last ? 0 : (w + 1) << 6;
        }
    }

    /** The mask of the frames in the last word of reference bits, for {@link #sweep}. */
    public static long lastWordFrames(int frames) {
        return (frames & 63) == 0 ? -1L : (1L << (frames & 63)) - 1;
    }

    /** Where the hand rests: the frame the next sweep looks at first. */
    public int hand() {
        return hand;
    }
}
