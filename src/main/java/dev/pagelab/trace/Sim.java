package dev.pagelab.trace;

import dev.pagelab.engine.PageAwarePolicy;
import dev.pagelab.engine.ReplacementPolicy;
import dev.pagelab.policy.Clock;
import dev.pagelab.policy.LongIntMap;
import dev.pagelab.policy.Lru;
import dev.pagelab.policy.Opt;

/**
 * The inner loop of a replay: resident pages in a {@link LongIntMap} from page to frame, the page of each frame
 * in a {@code long[]}, a fault count. Each policy that matters for speed has a loop of its own, so that its
 * calls are monomorphic and inlined; every other policy goes through {@link Generic}. All of them hand frames
 * out in order {@code 0, 1, 2, ...} while memory is not full, and ask for a victim after that.
 */
abstract class Sim {
    final int frames;
    final int shift;
    final LongIntMap resident;
    final long[] pageOf;
    int used;
    long now;
    long faults;
    long evictions;

    Sim(int frames, int shift) {
        this.frames = frames;
        this.shift = shift;
        this.resident = new LongIntMap(frames);
        this.pageOf = new long[frames];
    }

    /** Replays {@code values[from .. to)} (pages, or addresses shifted by {@code shift}). */
    abstract void run(long[] values, byte[] kinds, int from, int to);

    static Sim of(ReplacementPolicy policy, int frames, int shift) {
        policy.reset(frames);
        if (policy instanceof Lru lru) {
            return new LruSim(lru, frames, shift);
        }
        if (policy instanceof Clock clock) {
            return new ClockSim(clock, frames, shift);
        }
        if (policy instanceof Opt opt) {
            return new OptSim(opt, frames, shift);
        }
        return new Generic(policy, frames, shift);
    }

    /** FIFO needs no policy object here: with frames filled in order and never freed, FIFO victims go round robin. */
    static final class FifoSim extends Sim {
        private int hand;

        FifoSim(int frames, int shift) {
            super(frames, shift);
        }

        @Override
        void run(long[] values, byte[] kinds, int from, int to) {
            final LongIntMap map = resident;
            final long[] pages = pageOf;
            final int n = frames;
            final int sh = shift;
            int u = used;
            int h = hand;
            long f = faults;
            long e = evictions;
            for (int i = from; i < to; i++) {
                long page = values[i] >>> sh;
                if (map.get(page) >= 0) {
                    continue;
                }
                f++;
                int frame;
                if (u < n) {
                    frame = u++;
                } else {
                    frame = h;
                    if (++h == n) {
                        h = 0;
                    }
                    map.remove(pages[frame]);
                    e++;
                }
                map.put(page, frame);
                pages[frame] = page;
            }
            used = u;
            hand = h;
            faults = f;
            evictions = e;
            now += to - from;
        }
    }

    static final class LruSim extends Sim {
        private final Lru policy;

        LruSim(Lru policy, int frames, int shift) {
            super(frames, shift);
            this.policy = policy;
        }

        @Override
        void run(long[] values, byte[] kinds, int from, int to) {
            final LongIntMap map = resident;
            final long[] pages = pageOf;
            final Lru p = policy;
            final int n = frames;
            final int sh = shift;
            int u = used;
            long f = faults;
            long e = evictions;
            long t = now;
            for (int i = from; i < to; i++, t++) {
                long page = values[i] >>> sh;
                int frame = map.get(page);
                if (frame >= 0) {
                    p.referenced(frame, false, t);
                    continue;
                }
                f++;
                if (u < n) {
                    frame = u++;
                } else {
                    frame = p.victim(t);
                    map.remove(pages[frame]);
                    e++;
                }
                map.put(page, frame);
                pages[frame] = page;
                p.loaded(frame, false, t);
            }
            used = u;
            faults = f;
            evictions = e;
            now = t;
        }
    }

    static final class ClockSim extends Sim {
        private final Clock policy;

        ClockSim(Clock policy, int frames, int shift) {
            super(frames, shift);
            this.policy = policy;
        }

        @Override
        void run(long[] values, byte[] kinds, int from, int to) {
            final LongIntMap map = resident;
            final long[] pages = pageOf;
            final Clock p = policy;
            final int n = frames;
            final int sh = shift;
            int u = used;
            long f = faults;
            long e = evictions;
            long t = now;
            for (int i = from; i < to; i++, t++) {
                long page = values[i] >>> sh;
                int frame = map.get(page);
                if (frame >= 0) {
                    p.referenced(frame, false, t);
                    continue;
                }
                f++;
                if (u < n) {
                    frame = u++;
                } else {
                    frame = p.victim(t);
                    map.remove(pages[frame]);
                    e++;
                }
                map.put(page, frame);
                pages[frame] = page;
                p.loaded(frame, false, t);
            }
            used = u;
            faults = f;
            evictions = e;
            now = t;
        }
    }

    static final class OptSim extends Sim {
        private final Opt policy;

        OptSim(Opt policy, int frames, int shift) {
            super(frames, shift);
            this.policy = policy;
        }

        @Override
        void run(long[] values, byte[] kinds, int from, int to) {
            final LongIntMap map = resident;
            final long[] pages = pageOf;
            final Opt p = policy;
            final int n = frames;
            final int sh = shift;
            int u = used;
            long f = faults;
            long e = evictions;
            long t = now;
            for (int i = from; i < to; i++, t++) {
                long page = values[i] >>> sh;
                int frame = map.get(page);
                if (frame >= 0) {
                    p.referenced(frame, false, t);
                    continue;
                }
                f++;
                if (u < n) {
                    frame = u++;
                } else {
                    frame = p.victim(t);
                    map.remove(pages[frame]);
                    e++;
                }
                map.put(page, frame);
                pages[frame] = page;
                p.loaded(frame, false, t);
            }
            used = u;
            faults = f;
            evictions = e;
            now = t;
        }
    }

    /** Any policy through the interface: references only when it wants them, the page when it is page-aware. */
    static final class Generic extends Sim {
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
            final LongIntMap map = resident;
            final long[] pages = pageOf;
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
                int frame = map.get(page);
                if (frame >= 0) {
                    if (references) {
                        p.referenced(frame, write, t);
                    }
                    continue;
                }
                f++;
                if (aware != null) {
                    aware.faulting(page, t);
                }
                if (u < n) {
                    frame = u++;
                } else {
                    frame = p.victim(t);
                    if (frame < 0 || frame >= n) {
                        throw new IllegalStateException(p.name() + " chose frame " + frame + " as a victim, but the "
                                + "frames are 0.." + (n - 1));
                    }
                    map.remove(pages[frame]);
                    e++;
                }
                map.put(page, frame);
                pages[frame] = page;
                p.loaded(frame, write, t);
            }
            used = u;
            faults = f;
            evictions = e;
            now = t;
        }
    }
}
