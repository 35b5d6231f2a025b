package dev.pagelab.engine;

import java.util.function.Supplier;

/**
 * The one door from the outer packages to the engine: the DSL makes its memories and spaces here, and the Win32
 * facade, journal replay and snapshots reach the engine under a DSL address space or computer. Internal, not API: the DSL registers its bridge once, from {@code AddressSpace}'s
 * static initializer, and the types here are {@link Object} so that the engine does not depend on the DSL.
 */
public final class SpaceAccess {
    private SpaceAccess() {}

    /** What the DSL registers: the engine objects under its spaces and computers. */
    public interface Bridge {
        /** The engine under {@code space}, a {@code dev.pagelab.AddressSpace}. */
        VirtualMemory engine(Object space);

        /** The physical memory under {@code computer}, a {@code dev.pagelab.Computer}. */
        PhysicalMemory memory(Object computer);
    }

    private static volatile Bridge bridge;

    /** Registers the DSL's bridge; a second registration is refused. */
    public static synchronized void register(Bridge dsl) {
        if (bridge != null) {
            throw new IllegalStateException("the DSL's bridge to the engine is registered already");
        }
        bridge = java.util.Objects.requireNonNull(dsl, "bridge");
    }

    /** The engine under a DSL address space. */
    public static VirtualMemory engine(Object space) {
        return bridge().engine(space);
    }

    /** The physical memory under a DSL computer. */
    public static PhysicalMemory memory(Object computer) {
        return bridge().memory(computer);
    }

    /**
     * A physical memory whose spaces share every frame (global replacement).
     *
     * @param pageSize      bytes per page and frame
     * @param frames        how many frames, or {@link PhysicalMemory#UNLIMITED}
     * @param pageFilePages how many pages the page file holds
     * @param commitLimit   the commit limit in pages
     * @param policy        a fresh replacement policy for this memory alone (null with unlimited frames)
     */
    public static PhysicalMemory newMemory(int pageSize, int frames, long pageFilePages, long commitLimit,
                                           ReplacementPolicy policy) {
        return new PhysicalMemory(pageSize, frames, pageFilePages, commitLimit, policy);
    }

    /**
     * A physical memory whose spaces each get {@code spaceFrames} frames of their own (local replacement), each
     * with a fresh policy from {@code policies}.
     */
    public static PhysicalMemory newMemory(int pageSize, int frames, long pageFilePages, long commitLimit,
                                           int spaceFrames, Supplier<ReplacementPolicy> policies) {
        return new PhysicalMemory(pageSize, frames, pageFilePages, commitLimit, spaceFrames, policies);
    }

    /**
     * A physical memory with Windows working sets: one pool of every frame, each space's working set replacing among
     * its own pages with a fresh policy from {@code policies} (docs/windows-rules.md W4).
     */
    public static PhysicalMemory newWorkingSetMemory(int pageSize, int frames, long pageFilePages, long commitLimit,
                                                     Supplier<ReplacementPolicy> policies) {
        return new PhysicalMemory(pageSize, frames, pageFilePages, commitLimit, policies, true);
    }

    /** A new address space on {@code memory} with a TLB of {@code tlbEntries} entries (0 for none). */
    public static VirtualMemory newSpace(Layout layout, PhysicalMemory memory, int tlbEntries) {
        return new VirtualMemory(layout, memory, tlbEntries);
    }

    private static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            try {
                // Whoever holds a space or computer has loaded its class; initializing it registers the bridge.
                Class.forName("dev.pagelab.AddressSpace", true, SpaceAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the DSL (dev.pagelab.AddressSpace) is not on the class path", e);
            }
            b = bridge;
        }
        return b;
    }
}
