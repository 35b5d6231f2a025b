package dev.pagelab;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A running computer, booted from a {@link Machine}: it owns the physical frames, the page file, the logical clock
 * and the commit charge, and the address spaces (processes) made by its {@link #space()} share them. Each
 * {@code boot()} starts a fresh computer, so re-running a notebook cell never piles up state.
 *
 * <p>{@code var c = machine().frames(4).boot(); var a = c.space(); var b = c.space();  // a and b compete for 4 frames}
 */
public final class Computer {
    private final Machine machine;
    private final PhysicalMemory memory;
    /** The spaces made here, by their engine: whose page a frame holds. */
    private final Map<VirtualMemory, AddressSpace> spaces = new IdentityHashMap<>();
    private final FrameView view = new Frames();

    Computer(Machine machine, PhysicalMemory memory) {
        this.machine = machine;
        this.memory = memory;
    }

    /**
     * A new address space (a process) on this computer, sharing its frames, page file and commit limit with the
     * computer's other spaces. With {@link Machine#framesPerSpace} the computer has room for
     * {@code frames / framesPerSpace} spaces.
     */
    public AddressSpace space() {
        synchronized (memory) {
            VirtualMemory vm = SpaceAccess.newSpace(machine.layout(), memory, machine.tlbEntries());
            vm.journal().limit(machine.journalLimit());
            AddressSpace space = new AddressSpace(this, vm);
            spaces.put(vm, space);
            return space;
        }
    }

    /**
     * A section of {@code size} (rounded up to pages) backed by the page file, which this computer's spaces
     * {@link AddressSpace#map map} and share; its commit is charged now.
     * {@code var shm = machine().boot().section(kb(64))}
     */
    public Section section(Size size) {
        return section(size, null);
    }

    /**
     * A named section: a name this computer knows already gives that section (as CreateFileMapping opens an existing
     * name), to be closed once more.
     */
    public Section section(Size size, String name) {
        if (size == null) {
            throw new IllegalArgumentException("section size is missing (null)");
        }
        synchronized (memory) {
            String[] refusal = new String[1];
            var s = memory.newSection(size.bytes(memory.pageSize()), dev.pagelab.engine.Flags.PAGE_READWRITE,
                    name == null || name.isEmpty() ? null : name, refusal);
            if (s == null) {
                int error = memory.framesPerSpace() > 0 ? dev.pagelab.engine.Flags.ERROR_NOT_SUPPORTED
                        : refusal[0].contains("commit limit") ? dev.pagelab.engine.Flags.ERROR_COMMITMENT_LIMIT
                        : dev.pagelab.engine.Flags.ERROR_NOT_ENOUGH_MEMORY;
                throw new MemoryException(error, "section(" + size + "): " + refusal[0]);
            }
            return new Section(this, s);
        }
    }

    /** How many spaces this computer has made. */
    int spaceCount() {
        synchronized (memory()) {
            return spaces.size();
        }
    }

    /** The machine this computer was booted from. */
    public Machine machine() {
        return machine;
    }

    /** Frames holding a page now. */
    public int framesInUse() {
        return (int) read(PhysicalMemory::framesInUse);
    }

    /** What all its spaces have committed together (the commit charge). */
    public Size committed() {
        return Size.bytes(read(m -> m.commitCharge() * m.pageSize()));
    }

    /** The page file in use now. */
    public Size pageFileInUse() {
        return Size.bytes(read(m -> m.pageFileInUse() * m.pageSize()));
    }

    /** Pages written to the page file so far. */
    public long pageFileWrites() {
        return read(PhysicalMemory::pageFileWrites);
    }

    /** Pages evicted from frames so far, in all spaces. */
    public long evictions() {
        return read(PhysicalMemory::evictions);
    }

    /**
     * Windows working sets (docs/windows-rules.md W4): frames on the standby list now, frames on the modified list
     * now, soft faults and pages the modified-page writer wrote so far, in all spaces; all 0 with textbook replacement.
     * Printed as {@code standby 3, modified 2, soft faults 7, written by the writer 12}.
     */
    public String workingSets() {
        return get(m -> "standby " + m.standbyFrames() + ", modified " + m.modifiedFrames() + ", soft faults "
                + m.softFaults() + ", written by the writer " + m.writerPages());
    }

    /** Frames on the standby list now (clean pages that left their working sets); 0 with textbook replacement. */
    public int standbyFrames() {
        return (int) read(PhysicalMemory::standbyFrames);
    }

    /** Frames on the modified list now (dirty pages waiting for the writer); 0 with textbook replacement. */
    public int modifiedFrames() {
        return (int) read(PhysicalMemory::modifiedFrames);
    }

    /** Soft faults so far, in all spaces: pages taken back from the standby or modified list. */
    public long softFaults() {
        return read(PhysicalMemory::softFaults);
    }

    /** The logical clock: one tick per operation or access in any of its spaces. */
    public long clock() {
        return read(PhysicalMemory::clock);
    }

    /** A read-only view of this computer's frames, what a frame map reads; it follows the computer as it runs. */
    public FrameView view() {
        return view;
    }

    /** The engine's physical memory under this computer, for the DSL's own classes. */
    PhysicalMemory memory() {
        return memory;
    }

    /** One number read from the memory under its lock. */
    private long read(ToLongFunction<PhysicalMemory> what) {
        synchronized (memory) {
            return what.applyAsLong(memory);
        }
    }

    /** One value read from the memory under its lock. */
    private <T> T get(Function<PhysicalMemory, T> what) {
        synchronized (memory) {
            return what.apply(memory);
        }
    }

    @Override
    public String toString() {
        synchronized (memory) {
            int inUse = memory.framesInUse();
            String frames = machine.unlimited() ? inUse + (inUse == 1 ? " frame" : " frames") + " in use (unlimited memory)"
                    : inUse + " of " + memory.frames() + (memory.frames() == 1 ? " frame" : " frames") + " in use";
            return "computer: " + frames + ", " + Hex.size(memory.commitCharge() * memory.pageSize()) + " of "
                    + machine.commitLimit() + " committed, clock " + memory.clock() + "; booted from " + machine;
        }
    }

    /** The read-only view of the frames: each call reads the memory under its lock. */
    private final class Frames implements FrameView {
        @Override
        public boolean unlimited() {
            return memory.unlimited();
        }

        @Override
        public int frames() {
            return (int) read(m -> m.unlimited() ? m.framesTouched() : m.frames());
        }

        @Override
        public int framesTouched() {
            return (int) read(PhysicalMemory::framesTouched);
        }

        @Override
        public int pageSize() {
            return memory.pageSize();
        }

        @Override
        public String policyName() {
            return memory.policyName();
        }

        @Override
        public boolean windowsWorkingSets() {
            return memory.windowsWorkingSets();
        }

        @Override
        public FrameView.ListState list(int frame) {
            return get(m -> FrameView.ListState.values()[m.frameList(frame)]);
        }

        @Override
        public boolean locked(int frame) {
            return get(m -> m.frameLocked(frame));
        }

        @Override
        public SpaceView owner(int frame) {
            return get(m -> {
                VirtualMemory vm = m.owner(frame);
                return vm == null ? null : spaces.get(vm).view();
            });
        }

        @Override
        public long page(int frame) {
            return read(m -> m.page(frame));
        }

        @Override
        public String section(int frame) {
            return get(m -> {
                var s = m.section(frame);
                return s == null ? null : s.label();
            });
        }

        @Override
        public int mappings(int frame) {
            return (int) read(m -> {
                var s = m.section(frame);
                return s == null ? 0 : s.mappingsOf(m.page(frame));
            });
        }

        @Override
        public String toString() {
            return "frames of the " + Computer.this;
        }
    }
}
