package dev.pagelab;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.VirtualMemory;

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
            VirtualMemory vm = new VirtualMemory(machine.layout(), memory, machine.tlbEntries());
            vm.journal().limit(machine.journalLimit());
            return new AddressSpace(this, vm);
        }
    }

    /** The machine this computer was booted from. */
    public Machine machine() {
        return machine;
    }

    /** Frames holding a page now. */
    public int framesInUse() {
        synchronized (memory) {
            return memory.framesInUse();
        }
    }

    /** What all its spaces have committed together (the commit charge). */
    public Size committed() {
        synchronized (memory) {
            return Size.bytes(memory.commitCharge() * memory.pageSize());
        }
    }

    /** The page file in use now. */
    public Size pageFileInUse() {
        synchronized (memory) {
            return Size.bytes(memory.pageFileInUse() * memory.pageSize());
        }
    }

    /** Pages written to the page file so far. */
    public long pageFileWrites() {
        synchronized (memory) {
            return memory.pageFileWrites();
        }
    }

    /** Pages evicted from frames so far, in all spaces. */
    public long evictions() {
        synchronized (memory) {
            return memory.evictions();
        }
    }

    /** The logical clock: one tick per operation or access in any of its spaces. */
    public long clock() {
        synchronized (memory) {
            return memory.clock();
        }
    }

    /** The engine's physical memory under this computer, for pictures and measurements. */
    public PhysicalMemory memory() {
        return memory;
    }

    @Override
    public String toString() {
        synchronized (memory) {
            String frames = machine.unlimited() ? memory.framesInUse() + " frames in use (unlimited memory)"
                    : memory.framesInUse() + " of " + memory.frames() + " frames in use";
            return "computer: " + frames + ", " + Hex.size(memory.commitCharge() * memory.pageSize()) + " of "
                    + machine.commitLimit() + " committed, clock " + memory.clock() + "; booted from " + machine;
        }
    }
}
