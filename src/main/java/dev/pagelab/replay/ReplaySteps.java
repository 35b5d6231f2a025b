package dev.pagelab.replay;

import dev.pagelab.engine.PageAwarePolicy;
import dev.pagelab.engine.ReplacementPolicy;
import dev.pagelab.policy.Clock;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.Trace;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A replay kept step by step, for reference strings a student works through by hand: after each reference, the
 * page in every frame <em>slot</em> (a new page takes its victim's slot, as in textbook tables; an empty slot is
 * -1), whether it faulted and which page it evicted. CLOCK's steps also keep the reference bits and where the hand
 * rests. The replay calls the policy exactly as {@link Replay} does, so the faults are the replay's.
 *
 * <p>{@code machine().frames(3).policy(FIFO).steps(trace(7, 0, 1, 2, 0, 3, 0, 4))} prints the frame table.
 */
public final class ReplaySteps {
    /** The most references a step-by-step replay keeps; longer traces are for the timeline and curve pictures. */
    public static final int MAX_REFERENCES = 10_000;

    private final String policy;
    private final int frames;
    private final String trace;
    private final long[] pages;
    private final boolean[] faults;
    private final long[] victims;
    private final long[] slots; // frames entries per step
    private final boolean[] bits; // CLOCK only: frames entries per step
    private final int[] hands; // CLOCK only
    private final long faultCount;

    private ReplaySteps(String policy, int frames, String trace, long[] pages, boolean[] faults, long[] victims,
            long[] slots, boolean[] bits, int[] hands) {
        this.policy = policy;
        this.frames = frames;
        this.trace = trace;
        this.pages = pages;
        this.faults = faults;
        this.victims = victims;
        this.slots = slots;
        this.bits = bits;
        this.hands = hands;
        long n = 0;
        for (boolean f : faults) {
            n += f ? 1 : 0;
        }
        this.faultCount = n;
    }

    /**
     * Replays {@code trace} (pages are values shifted right by {@code pageShift} unless the trace holds page
     * numbers) with {@code frames} frames under {@code policy}, keeping every step.
     *
     * @throws IllegalArgumentException if the trace has more than {@value #MAX_REFERENCES} references
     */
    public static ReplaySteps of(Trace trace, int pageShift, int frames, Policy policy) throws IOException {
        if (frames < 1) {
            throw new IllegalArgumentException("a step-by-step replay needs at least 1 frame, not " + frames);
        }
        if (frames > MAX_REFERENCES) {
            throw new IllegalArgumentException("a step-by-step replay shows at most " + MAX_REFERENCES + " frames, not "
                    + frames + "; for more, draw the replay's timeline (replay(...)) or its miss-ratio curve (curve(...))");
        }
        long[] values = new long[MAX_REFERENCES + 1];
        byte[] kinds = new byte[MAX_REFERENCES + 1];
        long[] chunkValues = new long[1024];
        byte[] chunkKinds = new byte[1024];
        int n = 0;
        try (ReferenceReader r = trace.open()) {
            int got;
            while (n <= MAX_REFERENCES && (got = r.read(chunkValues, chunkKinds,
                    Math.min(chunkValues.length, MAX_REFERENCES + 1 - n))) > 0) {
                System.arraycopy(chunkValues, 0, values, n, got);
                System.arraycopy(chunkKinds, 0, kinds, n, got);
                n += got;
            }
        }
        if (n > MAX_REFERENCES) {
            throw new IllegalArgumentException(trace.describe() + " has more than " + MAX_REFERENCES + " references, "
                    + "too many to step through; draw its timeline (machine()...replay(trace)) or its miss-ratio curve "
                    + "(machine()...curve(trace)) instead");
        }
        int shift = trace.pageNumbers() ? 0 : pageShift;
        long[] pages = new long[n];
        for (int i = 0; i < n; i++) {
            pages[i] = values[i] >>> shift;
        }
        return run(policy, frames, trace.describe(), pages, Arrays.copyOf(kinds, n));
    }

    private static ReplaySteps run(Policy policy, int frames, String trace, long[] pages, byte[] kinds) {
        ReplacementPolicy p = policy.needsFuture() ? policy.create(pages) : policy.create();
        p.reset(frames);
        PageAwarePolicy aware = p instanceof PageAwarePolicy a ? a : null;
        Clock clock = p instanceof Clock c ? c : null;
        boolean references = p.needsReferences();
        int n = pages.length;
        boolean[] faults = new boolean[n];
        long[] victims = new long[n];
        long[] slots = new long[n * frames];
        boolean[] bits = clock == null ? null : new boolean[n * frames];
        int[] hands = clock == null ? null : new int[n];
        long[] slot = new long[frames];
        Arrays.fill(slot, -1);
        Map<Long, Integer> resident = new HashMap<>();
        int used = 0;
        for (int i = 0; i < n; i++) {
            long page = pages[i];
            boolean write = kinds[i] == ReferenceReader.WRITE;
            Integer found = resident.get(page);
            victims[i] = -1;
            if (found != null) {
                if (references) {
                    p.referenced(found, write, i);
                }
            } else {
                faults[i] = true;
                if (aware != null) {
                    aware.faulting(page, i);
                }
                int frame;
                if (used < frames) {
                    frame = used++;
                } else {
                    frame = p.victim(i);
                    if (frame < 0 || frame >= frames) {
                        throw new IllegalStateException(p.name() + " chose frame " + frame + " as a victim, but the "
                                + "frames are 0.." + (frames - 1));
                    }
                    victims[i] = slot[frame];
                    resident.remove(slot[frame]);
                }
                slot[frame] = page;
                resident.put(page, frame);
                p.loaded(frame, write, i);
            }
            System.arraycopy(slot, 0, slots, i * frames, frames);
            if (clock != null) {
                for (int f = 0; f < frames; f++) {
                    bits[i * frames + f] = slot[f] >= 0 && clock.referenceBit(f);
                }
                hands[i] = clock.hand();
            }
        }
        return new ReplaySteps(p.name(), frames, trace, pages, faults, victims, slots, bits, hands);
    }

    /** The policy's name, e.g. {@code FIFO}. */
    public String policy() {
        return policy;
    }

    /** The number of frame slots. */
    public int frames() {
        return frames;
    }

    /** The number of references (steps). */
    public int size() {
        return pages.length;
    }

    /** How many references faulted. */
    public long faults() {
        return faultCount;
    }

    /** How many references found their page in a frame. */
    public long hits() {
        return pages.length - faultCount;
    }

    /** What the trace was, as its description. */
    public String trace() {
        return trace;
    }

    /** The step of reference {@code i} (from 0): what it referenced and what the frames held after it. */
    public Step step(int i) {
        if (i < 0 || i >= pages.length) {
            throw new IndexOutOfBoundsException("step " + i + " of a replay of " + pages.length + " references (0.."
                    + (pages.length - 1) + ")");
        }
        long[] f = Arrays.copyOfRange(slots, i * frames, (i + 1) * frames);
        boolean[] b = bits == null ? null : Arrays.copyOfRange(bits, i * frames, (i + 1) * frames);
        return new Step(i, pages[i], faults[i], victims[i], f, b, hands == null ? -1 : hands[i]);
    }

    /**
     * One reference and the frames after it.
     *
     * @param index the reference's position, from 0
     * @param page  the page it referenced
     * @param fault whether it faulted
     * @param victim the page it evicted, or -1
     * @param frameSlots the page in each frame slot after it, -1 for an empty slot
     * @param referenceBits CLOCK's reference bit of each slot after it; null for other policies
     * @param hand the slot CLOCK's hand rests at after it; -1 for other policies
     */
    public record Step(int index, long page, boolean fault, long victim, long[] frameSlots, boolean[] referenceBits,
            int hand) {

        /** The page in each frame slot after this reference, -1 for an empty slot (a copy). */
        public long[] frames() {
            return frameSlots.clone();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("step ").append(index + 1).append(": page ").append(page)
                    .append(fault ? " faults" : " hits");
            if (victim >= 0) {
                sb.append(", evicts ").append(victim);
            }
            sb.append("; frames");
            for (int f = 0; f < frameSlots.length; f++) {
                sb.append(' ').append(frameSlots[f] < 0 ? "-" : Long.toString(frameSlots[f]));
                if (referenceBits != null && referenceBits[f]) {
                    sb.append('*');
                }
            }
            if (hand >= 0) {
                sb.append(", hand at slot ").append(hand);
            }
            return sb.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Step s && s.index == index && s.page == page && s.fault == fault && s.victim == victim
                    && Arrays.equals(s.frameSlots, frameSlots) && Arrays.equals(s.referenceBits, referenceBits)
                    && s.hand == hand;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(page) * 31 + index + Arrays.hashCode(frameSlots);
        }
    }

    /** The totals on one line, e.g. {@code FIFO, 3 frames: 20 references, 15 faults, 5 hits (75.0% faults)}. */
    public String summary() {
        return StepTable.heading(this);
    }

    /** The textbook frame table: the reference string across the top, a row per slot, the faults and totals. */
    @Override
    public String toString() {
        return StepTable.of(this);
    }
}
