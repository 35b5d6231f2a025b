package dev.pagelab.policy;

import dev.pagelab.internal.SplitMix64;

/**
 * Not recently used. Each frame has a referenced bit R (set by every reference, including the loading one)
 * and a modified bit M (set by a write, kept until the page leaves memory). Every {@code interval} references
 * a clock tick clears all R bits; by default the interval is the number of frames, so memory turns over about
 * once per tick. The victim is drawn, by a seeded SplitMix64 generator, uniformly from the lowest non-empty
 * class: 0 (not referenced, clean), 1 (not referenced, modified), 2 (referenced, clean), 3 (referenced,
 * modified).
 *
 * <p>The four classes are kept as sets in one int array with a position index, so a reference, a victim and
 * a tick are O(1) amortized: a tick moves only the frames referenced since the previous tick.
 */
public final class Nru extends NamedPolicy {
    private static final int NONE = -1;

    private final long seed;
    private final int fixedInterval;
    private int interval;
    private int untilTick;
    private int frames;
    private SplitMix64 random;
    private int[] members; // class c occupies members[c * frames .. c * frames + size[c])
    private int[] position;
    private byte[] classOf;
    private final int[] size = new int[4];

    /** NRU whose R bits clear every {@code frames} references. */
    public Nru(long seed) {
        this(seed, 0);
    }

    /** NRU whose R bits clear every {@code interval} references ({@code 0}: every {@code frames} references). */
    public Nru(long seed, int interval) {
        super("NRU");
        if (interval < 0) {
            throw new IllegalArgumentException("NRU tick interval " + interval + " is negative");
        }
        this.seed = seed;
        this.fixedInterval = interval;
    }

    public long seed() {
        return seed;
    }

    /** The references between two clearings of the R bits; {@code 0} before {@link #reset} when it follows the frame count. */
    public int interval() {
        return interval != 0 ? interval : fixedInterval;
    }

    @Override
    public void reset(int frames) {
        this.frames = Frames.check(frames);
        members = new int[4 * frames];
        position = new int[frames];
        classOf = new byte[frames];
        java.util.Arrays.fill(classOf, (byte) NONE);
        java.util.Arrays.fill(size, 0);
        random = new SplitMix64(seed);
        interval = fixedInterval != 0 ? fixedInterval : frames;
        untilTick = interval;
    }

    @Override
    public void loaded(int frame, boolean write, long now) {
        move(frame, write ? 3 : 2);
        tick();
    }

    @Override
    public void referenced(int frame, boolean write, long now) {
        int c = classOf[frame];
        int target = 2 | (write ? 1 : c & 1);
        if (c != target) {
            move(frame, target);
        }
        tick();
    }

    @Override
    public void freed(int frame) {
        take(frame);
    }

    @Override
    public int victim(long now) {
        for (int c = 0; c < 4; c++) {
            if (size[c] > 0) {
                int frame = members[c * frames + random.nextInt(size[c])];
                take(frame);
                return frame;
            }
        }
        return Frames.victim(NONE, name());
    }

    private void tick() {
        if (--untilTick == 0) {
            untilTick = interval;
            while (size[2] > 0) {
                move(members[2 * frames + size[2] - 1], 0);
            }
            while (size[3] > 0) {
                move(members[3 * frames + size[3] - 1], 1);
            }
        }
    }

    private void move(int frame, int target) {
        take(frame);
        int at = size[target]++;
        members[target * frames + at] = frame;
        position[frame] = at;
        classOf[frame] = (byte) target;
    }

    private void take(int frame) {
        int c = classOf[frame];
        if (c == NONE) {
            return;
        }
        int at = position[frame];
        int last = --size[c];
        int moved = members[c * frames + last];
        members[c * frames + at] = moved;
        position[moved] = at;
        classOf[frame] = (byte) NONE;
    }

    @Override
    public String toString() {
        return fixedInterval == 0 ? name() + "(" + seed + ")" : name() + "(" + seed + ", every " + fixedInterval + ")";
    }
}
