package dev.pagelab.json;

import dev.pagelab.Machine;
import dev.pagelab.PageLab;
import dev.pagelab.Size;
import dev.pagelab.engine.Journal;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.policy.Policy;

import java.util.EnumSet;
import java.util.Set;

/**
 * Reads and writes a machine's {@link Machine.Settings}: geometry, frames ({@code "unlimited"} for "as many as
 * pages touched"), page file and commit limit in bytes, replacement policy and TLB entries. What it reads builds an
 * equal machine, so a file rebuilds the machine it came from.
 */
final class MachineCodec {
    private MachineCodec() {}

    /**
     * The fields, in the order PageLab writes them. {@code SEED} and {@code INTERVAL} are written for the policies
     * that have them, {@code FRAMES_PER_SPACE} and {@code WINDOWS_WORKING_SETS} only when set (absent: global
     * replacement, no working sets); {@code ADDRESS_BITS} and {@code MEMORY} are never written, and scenarios may
     * use them for the user range and the frame count.
     */
    enum Field {
        PAGE_SIZE, GRANULARITY, MIN_ADDRESS, MAX_ADDRESS, LEVELS, WINE_GUARD_RULE, FRAMES, PAGE_FILE, COMMIT_LIMIT,
        POLICY, SEED, INTERVAL, TLB, FRAMES_PER_SPACE, WINDOWS_WORKING_SETS, ADDRESS_BITS, MEMORY
    }

    /** A complete machine (snapshots, journals): what a file written by PageLab always holds is required. */
    private static final Fields<Field> COMPLETE = Fields.of(Field.class, Field.SEED, Field.INTERVAL,
            Field.FRAMES_PER_SPACE, Field.WINDOWS_WORKING_SETS, Field.ADDRESS_BITS, Field.MEMORY);
    /** The fields a complete machine may have: all that PageLab writes. */
    private static final Set<String> WRITTEN = Fields.names(EnumSet.range(Field.PAGE_SIZE, Field.WINDOWS_WORKING_SETS));
    /** The fields a scenario's machine may have: any, every one optional. */
    private static final Set<String> ANY = Fields.names(EnumSet.allOf(Field.class));

    /** {@code machine} as a file keeps it: its journal limit is not written, so it reads back as the default. */
    static Machine asWritten(Machine machine) {
        return machine.journalLimit(Journal.DEFAULT_LIMIT);
    }

    static void write(Out out, Machine machine) {
        Machine.Settings settings = machine.settings();
        Layout layout = settings.layout();
        Policy policy = settings.policy();
        out.startObject()
                .field(Field.PAGE_SIZE, layout.pageSize())
                .field(Field.GRANULARITY, layout.granularity())
                .hex(Field.MIN_ADDRESS, layout.minAddress())
                .hex(Field.MAX_ADDRESS, layout.maxAddress())
                .field(Field.LEVELS, layout.levels())
                .field(Field.WINE_GUARD_RULE, layout.guardWithNoAccess());
        if (settings.unlimited()) {
            out.field(Field.FRAMES, "unlimited");
        } else {
            out.field(Field.FRAMES, settings.frames());
        }
        out.field(Field.PAGE_FILE, settings.pageFileBytes()).field(Field.COMMIT_LIMIT, machine.commitLimit().bytes())
                .field(Field.POLICY, policy.name());
        if (seeded(policy)) {
            out.field(Field.SEED, policy.seed());
        }
        if (policy.kind() == Policy.Kind.NRU) {
            out.field(Field.INTERVAL, policy.interval());
        }
        out.field(Field.TLB, settings.tlbEntries());
        if (settings.framesPerSpace() > 0) {
            out.field(Field.FRAMES_PER_SPACE, settings.framesPerSpace());
        }
        if (settings.windowsWorkingSets()) {
            out.field(Field.WINDOWS_WORKING_SETS, true);
        }
        out.endObject();
    }

    private static boolean seeded(Policy p) {
        return p.kind() == Policy.Kind.RANDOM || p.kind() == Policy.Kind.NRU;
    }

    /**
     * Reads a machine. {@code complete}: every field is required, as PageLab writes them (snapshots, journals);
     * otherwise every field is optional with the default machine's value, and {@code addressBits} and
     * {@code memory} may stand for the user range and the frame count (scenarios).
     */
    static Machine read(Node n, boolean complete) {
        n.only(complete ? WRITTEN : ANY);
        if (complete) {
            COMPLETE.require(n);
        }
        Layout layout = Layout.WINDOWS_X64;
        Node pageSize = n.optional(Field.PAGE_SIZE);
        if (pageSize != null) {
            long bytes = pageSize.size(0);
            layout = apply(pageSize, () -> Layout.WINDOWS_X64.pageSize((int) Math.min(bytes, Integer.MAX_VALUE)));
        }
        Node granularity = n.optional(Field.GRANULARITY);
        Node min = n.optional(Field.MIN_ADDRESS);
        Node max = n.optional(Field.MAX_ADDRESS);
        Node bits = n.optional(Field.ADDRESS_BITS);
        if (bits != null && (min != null || max != null)) {
            throw bits.fail("give either addressBits or minAddress and maxAddress, not both");
        }
        long gran = granularity == null ? layout.granularity() : granularity.size(0);
        // A coarser granularity needs the user range first (its bounds are multiples of both); a finer one after.
        boolean rangeFirst = gran > layout.granularity();
        if (rangeFirst) {
            layout = range(layout, min, max, bits);
        }
        if (granularity != null && gran != layout.granularity()) {
            Layout base = layout;
            layout = apply(granularity, () -> base.granularity(gran));
        }
        if (!rangeFirst) {
            layout = range(layout, min, max, bits);
        }
        Node levels = n.optional(Field.LEVELS);
        // Levels chosen from the range may exceed 6 with small pages; set them only when they differ.
        if (levels != null && levels.integer(1, 16) != layout.levels()) {
            int count = levels.integer(1, 6);
            Layout base = layout;
            layout = apply(levels, () -> base.levels(count));
        }
        Node wine = n.optional(Field.WINE_GUARD_RULE);
        if (wine != null) {
            layout = layout.guardWithNoAccess(wine.bool());
        }

        int frames = 0;
        Node f = n.optional(Field.FRAMES);
        Node memory = n.optional(Field.MEMORY);
        if (f != null && memory != null) {
            throw memory.fail("give either frames or memory, not both");
        }
        if (f != null) {
            if (f.isString() && f.string().equals("unlimited")) {
                frames = 0;
            } else if (f.isNumber()) {
                frames = f.integer(1, PhysicalMemory.UNLIMITED - 1);
            } else {
                throw f.fail("expected a frame count from 1 to " + (PhysicalMemory.UNLIMITED - 1)
                        + " or \"unlimited\", found " + f.describe());
            }
        } else if (memory != null) {
            long count = memory.size(layout.pageSize()) / layout.pageSize();
            if (count < 1 || count >= PhysicalMemory.UNLIMITED) {
                throw memory.fail("memory of " + memory.describe() + " makes " + count + " frames of "
                        + layout.pageSize() + " bytes; give at least one frame and fewer than 2^31");
            }
            frames = (int) count;
        }

        Machine defaults = PageLab.machine().layout(layout);
        Node pf = n.optional(Field.PAGE_FILE);
        long pageFile = pf == null ? defaults.pageFile().bytes() : pf.size(layout.pageSize());
        Node cl = n.optional(Field.COMMIT_LIMIT);
        long commitLimit = -1;
        if (cl != null) {
            commitLimit = cl.size(layout.pageSize());
            Machine m = frames == 0 ? defaults : defaults.frames(frames);
            if (commitLimit == m.pageFile(Size.bytes(pageFile)).commitLimit().bytes()) {
                commitLimit = -1; // memory plus page file, as the machine would choose
            }
        }
        Policy policy = policy(n, complete);
        Node t = n.optional(Field.TLB);
        int tlb = defaults.tlbEntries();
        if (t != null) {
            tlb = t.integer(0, 1 << 20);
            if (tlb != 0 && Integer.bitCount(tlb) != 1) {
                throw t.fail("TLB entries must be 0 (no TLB) or a power of two, not " + tlb);
            }
        }
        int framesPerSpace = 0;
        Node perSpace = n.optional(Field.FRAMES_PER_SPACE);
        if (perSpace != null) {
            if (frames == 0) {
                throw perSpace.fail("frames per space need a finite memory (frames or memory)");
            }
            framesPerSpace = perSpace.integer(1, frames);
        }
        Node ws = n.optional(Field.WINDOWS_WORKING_SETS);
        boolean workingSets = ws != null && ws.bool();
        if (workingSets && frames == 0) {
            throw ws.fail("Windows working sets need a finite memory (frames or memory)");
        }
        return Machine.of(new Machine.Settings(layout, frames, pageFile, commitLimit, policy, tlb, framesPerSpace,
                defaults.journalLimit(), workingSets));
    }

    private static Policy policy(Node n, boolean complete) {
        Node p = n.optional(Field.POLICY);
        Policy policy = Policy.CLOCK;
        if (p != null) {
            String name = p.string(20);
            try {
                policy = Policy.named(name);
            } catch (IllegalArgumentException e) {
                throw p.fail(e.getMessage());
            }
        }
        Node seed = n.optional(Field.SEED);
        Node interval = n.optional(Field.INTERVAL);
        if (!seeded(policy)) {
            if (seed != null) {
                throw seed.fail("a seed applies to RANDOM and NRU only, not " + policy.name());
            }
        } else if (complete && seed == null) {
            throw n.fail("missing field \"" + Fields.name(Field.SEED) + "\" (" + policy.name() + " is seeded)");
        }
        if (interval != null && policy.kind() != Policy.Kind.NRU) {
            throw interval.fail("an interval applies to NRU only, not " + policy.name());
        }
        if (complete && policy.kind() == Policy.Kind.NRU && interval == null) {
            throw n.fail("missing field \"" + Fields.name(Field.INTERVAL)
                    + "\" (NRU clears its R bits every interval references; 0: every frames)");
        }
        long s = seed == null ? Policy.DEFAULT_SEED : seed.integer(Long.MIN_VALUE, Long.MAX_VALUE);
        int every = interval == null ? 0 : interval.integer(0, Integer.MAX_VALUE);
        return switch (policy.kind()) {
            case RANDOM -> Policy.random(s);
            case NRU -> every == 0 ? Policy.nru(s) : Policy.nru(s, every);
            default -> policy;
        };
    }

    private static Layout range(Layout layout, Node min, Node max, Node bits) {
        if (min != null || max != null) {
            long lo = min == null ? layout.minAddress() : min.address();
            long hi = max == null ? layout.maxAddress() : max.address();
            if (lo == layout.minAddress() && hi == layout.maxAddress()) {
                return layout;
            }
            return apply(max != null ? max : min, () -> layout.userRange(lo, hi));
        }
        if (bits != null) {
            int b = bits.integer(20, 62);
            return apply(bits, () -> layout.addressBits(b));
        }
        return layout;
    }

    private static Layout apply(Node at, java.util.function.Supplier<Layout> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw at.fail(e.getMessage());
        }
    }
}
