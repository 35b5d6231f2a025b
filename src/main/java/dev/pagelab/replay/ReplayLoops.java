package dev.pagelab.replay;

import dev.pagelab.engine.PageAwarePolicy;
import dev.pagelab.engine.ReplacementPolicy;
import dev.pagelab.policy.Clock;
import dev.pagelab.policy.Lru;
import dev.pagelab.policy.Opt;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.ReferenceReader;

/**
 * The inner loop of a replay: resident pages in a {@link PageFrameMap} from page to frame, and the counts. Each
 * policy that matters for speed has a loop of its own, so that its calls are monomorphic and inlined; every other
 * policy goes through {@link Generic}. All of them hand frames out in order {@code 0, 1, 2, ...} while memory is
 * not full, and ask for a victim after that.
 *
 * <p>The loops are near-copies of one another on purpose: folding them into one loop over the policy interface
 * would make every call megamorphic and cost the replay its speed (see the replay benchmarks), so a change to the
 * fault handling goes into each of them.
 */
abstract class ReplayLoops {
    final int frames;
    final int shift;
    final PageFrameMap resident;
    int used;
    long now;
    long faults;
    long evictions;

    ReplayLoops(int frames, int shift) {
        this.frames = frames;
        this.shift = shift;
        this.resident = new PageFrameMap(frames);
    }

    /** Replays {@code values[from .. to)} (pages, or addresses shifted by {@code shift}). */
    abstract void run(long[] values, byte[] kinds, int from, int to);

    static ReplayLoops of(ReplacementPolicy policy, int frames, int shift) {
        policy.reset(frames);
        if (policy instanceof Lru lru) {
            return new LruLoop(lru, frames, shift);
        }
        if (policy instanceof Clock clock) {
            return new ClockLoop(clock, frames, shift);
        }
        if (policy instanceof Opt opt) {
            return new OptLoop(opt, frames, shift);
        }
        return new Generic(policy, frames, shift);
    }

    /**
     * The heap of the replay of {@code policy} on {@code frames} frames: the resident table, the policy instance
     * ({@link FifoLoop} needs none), and CLOCK's reference bits kept again in {@link ClockLoop}.
     */
    static long heapBytes(Policy policy, int frames) {
        long table = PageFrameMap.heapBytes(frames);
        switch (policy.kind()) {
            case FIFO:
                return table;
            case CLOCK:
                return table + 2 * policy.heapBytes(frames);
            default:
                return table + policy.heapBytes(frames);
        }
    }

    /** FIFO needs no policy object here: with frames filled in order and never freed, FIFO victims go round robin. */
    static final class FifoLoop extends ReplayLoops {
        private int hand;

        FifoLoop(int frames, int shift) {
            super(frames, shift);
        }

        @Override
        void run(long[] values, byte[] kinds, int from, int to) {
            final PageFrameMap table = resident;
            final int n = frames;
            final int sh = shift;
            int u = used;
            int h = hand;
            long f = faults;
            long e = evictions;
            for (int i = from; i < to; i++) {
                long key = PageFrameMap.scramble(values[i] >>> sh);
                int found = table.find(key);
                if (found >= 0) {
                    continue;
                }
                f++;
                if (u < n) {
                    table.insert(-1 - found, key, u++);
                } else {
                    table.replace(-1 - found, key, h);
                    if (++h == n) {
                        h = 0;
                    }
                    e++;
                }
            }
            used = u;
            hand = h;
            faults = f;
            evictions = e;
            now += to - from;
        }
    }

    static final class LruLoop extends ReplayLoops {
        private final Lru policy;

        LruLoop(Lru policy, int frames, int shift) {
            super(frames, shift);
            this.policy = policy;
        }

        @Override
        void run(long[] values, byte[] kinds, int from, int to) {
            final PageFrameMap table = resident;
            final Lru p = policy;
            final int n = frames;
            final int sh = shift;
            int u = used;
            long f = faults;
            long e = evictions;
            long t = now;
            for (int i = from; i < to; i++, t++) {
                long key = PageFrameMap.scramble(values[i] >>> sh);
                int found = table.find(key);
                if (found >= 0) {
                    p.referenced(found, false, t);
                    continue;
                }
                f++;
                int frame;
                if (u < n) {
                    frame = u++;
                    table.insert(-1 - found, key, frame);
                } else {
                    frame = p.victim(t);
                    table.replace(-1 - found, key, frame);
                    e++;
                }
                p.loaded(frame, false, t);
            }
            used = u;
            faults = f;
            evictions = e;
            now = t;
        }
    }

    /**
     * CLOCK with its state in this loop's locals: the reference bits one per frame in words of 64, and the hand.
     * The rule is {@link Clock}'s exactly (the bit set by every reference, the loading one included; on a fault
     * with memory full the hand sweeps on from where it stopped, clearing set bits, and evicts the first frame
     * whose bit is clear, then rests one past it), kept here so that the hand and the bits stay in registers and
     * the first-level cache instead of another object's fields. The {@link Clock} instance given is not used.
     */
    static final class ClockLoop extends ReplayLoops {
        private final long[] bits;
        private final long lastWordFrames;
        private int hand;

        ClockLoop(Clock policy, int frames, int shift) {
            super(frames, shift);
            this.bits = new long[(frames + 63) >>> 6];
            this.lastWordFrames = Clock.lastWordFrames(frames);
        }

        @Override
        void run(long[] values, byte[] kinds, int from, int to) {
            final PageFrameMap table = resident;
            final long[] b = bits;
            final int n = frames;
            final long lastMask = lastWordFrames;
            final int sh = shift;
            int u = used;
            int h = hand;
            long f = faults;
            long e = evictions;
            for (int i = from; i < to; i++) {
                long key = PageFrameMap.scramble(values[i] >>> sh);
                int found = table.find(key);
                if (found >= 0) {
                    b[found >>> 6] |= 1L << found;
                    continue;
                }
                f++;
                int frame;
                if (u < n) {
                    frame = u++;
                    table.insert(-1 - found, key, frame);
                } else {
                    long swept = Clock.sweep(b, h, n, lastMask);
                    frame = (int) swept;
                    h = (int) (swept >>> 32);
                    table.replace(-1 - found, key, frame);
                    e++;
                }
                b[frame >>> 6] |= 1L << frame;
            }
            used = u;
            hand = h;
            faults = f;
            evictions = e;
            now += to - from;
        }
    }

    static final class OptLoop extends ReplayLoops {
        private final Opt policy;

        OptLoop(Opt policy, int frames, int shift) {
            super(frames, shift);
            this.policy = policy;
        }

        @Override
        void run(long[] values, byte[] kinds, int from, int to) {
            final PageFrameMap table = resident;
            final Opt p = policy;
            final int n = frames;
            final int sh = shift;
            int u = used;
            long f = faults;
            long e = evictions;
            long t = now;
            for (int i = from; i < to; i++, t++) {
                long key = PageFrameMap.scramble(values[i] >>> sh);
                int found = table.find(key);
                if (found >= 0) {
                    p.referenced(found, false, t);
                    continue;
                }
                f++;
                int frame;
                if (u < n) {
                    frame = u++;
                    table.insert(-1 - found, key, frame);
                } else {
                    frame = p.victim(t);
                    table.replace(-1 - found, key, frame);
                    e++;
                }
                p.loaded(frame, false, t);
            }
            used = u;
            faults = f;
            evictions = e;
            now = t;
        }
    }

    /** Any policy through the interface: references only when it wants them, the page when it is page-aware. */
    static final class Generic extends ReplayLoops {
        private final ReplacementPolicy policy;
        private final PageAwarePolicy aware;
        private final boolean references;

        Generic(ReplacementPolicy policy, int frames, int shift) {
            super(frames, shift);
            this.policy = policy;
            this.aware = policy instanceof PageAwarePolicy a ? a : null;
            this.references = policy.needsReferences();
        }

        @Override
        void run(long[] values, byte[] kinds, int from, int to) {
            final PageFrameMap table = resident;
            final ReplacementPolicy p = policy;
            final int n = frames;
            final int sh = shift;
            int u = used;
            long f = faults;
            long e = evictions;
            long t = now;
            for (int i = from; i < to; i++, t++) {
                long page = values[i] >>> sh;
                boolean write = kinds[i] == ReferenceReader.WRITE;
                long key = PageFrameMap.scramble(page);
                int found = table.find(key);
                if (found >= 0) {
                    if (references) {
                        p.referenced(found, write, t);
                    }
                    continue;
                }
                f++;
                if (aware != null) {
                    aware.faulting(page, t);
                }
                int frame;
                if (u < n) {
                    frame = u++;
                    table.insert(-1 - found, key, frame);
                } else {
                    frame = p.victim(t);
                    if (frame < 0 || frame >= n) {
                        throw new IllegalStateException(p.name() + " chose frame " + frame + " as a victim, but the "
                                + "frames are 0.." + (n - 1));
                    }
                    table.replace(-1 - found, key, frame);
                    e++;
                }
                p.loaded(frame, write, t);
            }
            used = u;
            faults = f;
            evictions = e;
            now = t;
        }
    }
}
