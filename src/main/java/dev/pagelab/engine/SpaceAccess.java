package dev.pagelab.engine;

/**
 * The one door from the outer packages (the Win32 facade, journal replay, snapshots) to the engine under a DSL
 * address space or computer. Internal, not API: the DSL registers its bridge once, from {@code AddressSpace}'s
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
