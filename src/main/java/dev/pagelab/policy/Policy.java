package dev.pagelab.policy;

import dev.pagelab.engine.ReplacementPolicy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A replacement policy as a value: what a machine spec holds and a DSL shows as a constant ({@code LRU}).
 * It is immutable and makes a fresh {@link ReplacementPolicy} for every machine or replay with {@link #create()}.
 * The seeded policies, {@link #RANDOM} and {@link #NRU}, use {@link #DEFAULT_SEED}; {@link #random(long)} and
 * {@link #nru(long)} choose another seed.
 *
 * @param kind which algorithm
 * @param seed the seed of RANDOM and NRU ({@link #DEFAULT_SEED} for the others, which ignore it)
 * @param interval the NRU tick interval in references, or {@code 0} for "the number of frames"
 */
public record Policy(Kind kind, long seed, int interval) {

    /** The policy families. */
    public enum Kind { FIFO, LRU, CLOCK, NRU, RANDOM, OPT, ARC }

    /** The seed of {@link #RANDOM} and {@link #NRU}. */
    public static final long DEFAULT_SEED = 42;

    /** First in, first out ({@link Fifo}). */
    public static final Policy FIFO = new Policy(Kind.FIFO, DEFAULT_SEED, 0);
    /** Least recently used ({@link Lru}). */
    public static final Policy LRU = new Policy(Kind.LRU, DEFAULT_SEED, 0);
    /** Second chance ({@link Clock}). */
    public static final Policy CLOCK = new Policy(Kind.CLOCK, DEFAULT_SEED, 0);
    /** Not recently used, R bits cleared every {@code frames} references, seed {@link #DEFAULT_SEED} ({@link Nru}). */
    public static final Policy NRU = new Policy(Kind.NRU, DEFAULT_SEED, 0);
    /** Uniformly random victim, seed {@link #DEFAULT_SEED} ({@link RandomPolicy}). */
    public static final Policy RANDOM = new Policy(Kind.RANDOM, DEFAULT_SEED, 0);
    /** Belady's optimal policy; needs the future of the trace ({@link Opt}). */
    public static final Policy OPT = new Policy(Kind.OPT, DEFAULT_SEED, 0);
    /** Adaptive replacement cache ({@link Arc}). */
    public static final Policy ARC = new Policy(Kind.ARC, DEFAULT_SEED, 0);

    private static final List<Policy> ALL = List.of(FIFO, LRU, CLOCK, NRU, RANDOM, OPT, ARC);

    /**
     * A policy of {@code kind}; {@code seed} matters to RANDOM and NRU, {@code interval} (0 for "the number of
     * frames") to NRU alone.
     *
     * @throws IllegalArgumentException if the interval is negative, or not 0 for a policy other than NRU
     */
    public Policy {
        Objects.requireNonNull(kind, "kind");
        if (interval < 0 || (interval != 0 && kind != Kind.NRU)) {
            throw new IllegalArgumentException("a tick interval of " + interval + " references: only NRU has one, "
                    + "at least 1 (or 0 for the number of frames)");
        }
    }

    /** RANDOM with the given seed. */
    public static Policy random(long seed) {
        return new Policy(Kind.RANDOM, seed, 0);
    }

    /** NRU with the given seed, R bits cleared every {@code frames} references. */
    public static Policy nru(long seed) {
        return new Policy(Kind.NRU, seed, 0);
    }

    /** NRU with the given seed, R bits cleared every {@code interval} references. */
    public static Policy nru(long seed, int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("NRU tick interval must be at least 1 reference, not " + interval);
        }
        return new Policy(Kind.NRU, seed, interval);
    }

    /** Every policy with its default settings, in the order FIFO, LRU, CLOCK, NRU, RANDOM, OPT, ARC. */
    public static List<Policy> values() {
        return ALL;
    }

    /** The policy of that name, ignoring case: {@code "lru"} gives {@link #LRU}. */
    public static Policy named(String name) {
        Objects.requireNonNull(name, "name");
        for (Policy policy : ALL) {
            if (policy.kind.name().equalsIgnoreCase(name.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("no replacement policy named \"" + name + "\"; known: "
                + String.join(", ", ALL.stream().map(Policy::name).toList()));
    }

    /** The short name, e.g. {@code LRU}. */
    public String name() {
        return kind.name();
    }

    /** Whether the policy reads the future of the trace (OPT): it cannot be {@link #create() created} without one. */
    public boolean needsFuture() {
        return kind == Kind.OPT;
    }

    /**
     * Whether the policy is a stack algorithm (LRU, OPT): memory of {@code n+1} frames always holds what {@code n}
     * frames would, so one pass over a trace gives the fault count for every size, and no Belady anomaly.
     */
    public boolean isStackAlgorithm() {
        return kind == Kind.LRU || kind == Kind.OPT;
    }

    /** The most frames an instance holds: NRU keeps four entries per frame and ARC two ghosts, in Java arrays. */
    public int maxFrames() {
        int arrays = Integer.MAX_VALUE - 8;
        return kind == Kind.NRU ? arrays / 4 : kind == Kind.ARC ? arrays / 2 : arrays;
    }

    /**
     * The heap an instance of this policy takes for {@code frames} frames, at most: what its
     * {@link ReplacementPolicy#reset reset} allocates, so that a caller can refuse a size the JVM cannot hold.
     */
    public long heapBytes(int frames) {
        long f = frames;
        switch (kind) {
            case FIFO:
                return 9 * f;                     // IntLists over the frames: next, prev, owner
            case CLOCK:
                return 8 * ((f + 63) >>> 6);      // one reference bit per frame
            case NRU:
                return 21 * f;                    // four classes of members, a position and a class per frame
            case OPT:
                return 12 * f;                    // heap, slot and key per frame
            case ARC:
                return 188 * f;                   // T1/T2 and 2c ghosts in IntLists, pages, and a ghost map of 4c slots
            case LRU:
            case RANDOM:
            default:
                return 8 * f;                     // two ints per frame
        }
    }

    /**
     * A fresh instance for one machine or replay.
     *
     * @throws IllegalStateException for OPT, which needs the future: use {@link #create(long[])} or a replay
     */
    public ReplacementPolicy create() {
        switch (kind) {
            case FIFO:
                return new Fifo();
            case LRU:
                return new Lru();
            case CLOCK:
                return new Clock();
            case NRU:
                return new Nru(seed, interval);
            case RANDOM:
                return new RandomPolicy(seed);
            case ARC:
                return new Arc();
            case OPT:
            default:
                throw new IllegalStateException("OPT chooses by the future of a trace: replay a trace with it, "
                        + "or create it with Policy.OPT.create(futurePages)");
        }
    }

    /**
     * A fresh instance that will see the references {@code futurePages} (page numbers, in order, with
     * {@code now} = index). OPT reads its future from them; the other policies ignore them.
     */
    public ReplacementPolicy create(long[] futurePages) {
        Objects.requireNonNull(futurePages, "futurePages");
        return kind == Kind.OPT ? Opt.forPages(futurePages) : create();
    }

    /** The name, with a non-default seed or interval in parentheses: {@code LRU}, {@code RANDOM(7)}. */
    @Override
    public String toString() {
        if (kind == Kind.RANDOM && seed != DEFAULT_SEED) {
            return "RANDOM(" + seed + ")";
        }
        if (kind == Kind.NRU && (seed != DEFAULT_SEED || interval != 0)) {
            return interval == 0 ? "NRU(" + seed + ")"
                    : String.format(Locale.ROOT, "NRU(%d, every %d)", seed, interval);
        }
        return name();
    }
}
