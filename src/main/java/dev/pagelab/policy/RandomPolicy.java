package dev.pagelab.policy;

import dev.pagelab.internal.SplitMix64;

/**
 * RANDOM: the victim is drawn uniformly from the frames in use, by a seeded SplitMix64 generator, so a seed
 * gives the same victims on every run and every JDK. References change nothing.
 */
public final class RandomPolicy extends NamedPolicy {
    private final long seed;
    private SplitMix64 random;
    private int[] members;
    private int[] position;
    private int size;

    public RandomPolicy(long seed) {
        super("RANDOM");
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    @Override
    public void reset(int frames) {
        members = new int[Frames.check(frames)];
        position = new int[frames];
        java.util.Arrays.fill(position, -1);
        size = 0;
        random = new SplitMix64(seed);
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        if (position[frame] < 0) {
            position[frame] = size;
            members[size++] = frame;
        }
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
        // Nothing to learn.
    }

    @Override
    public void freed(int frame) {
        int at = position[frame];
        if (at >= 0) {
            int moved = members[--size];
            members[at] = moved;
            position[moved] = at;
            position[frame] = -1;
        }
    }

    @Override
    public int victim(long now) {
        if (size == 0) {
            Frames.victim(-1, name());
        }
        int frame = members[random.nextInt(size)];
        freed(frame);
        return frame;
    }

    @Override
    public boolean needsReferences() {
        return false;
    }

    @Override
    public String toString() {
        return name() + "(" + seed + ")";
    }
}
