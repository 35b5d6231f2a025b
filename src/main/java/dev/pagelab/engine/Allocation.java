package dev.pagelab.engine;

/**
 * One reservation (Windows: a VAD): its base, size, the protection given at reservation time and type.
 * Read-only to everyone but the engine, which keeps the committed-page count current.
 */
public final class Allocation {
    private final long base;
    private final long size;
    private final int protect;
    private final int type;
    private final int allocationType;
    long committedPages;

    Allocation(long base, long size, int protect, int type, int allocationType) {
        this.base = base;
        this.size = size;
        this.protect = protect;
        this.type = type;
        this.allocationType = allocationType;
    }

    /** AllocationBase. */
    public long base() { return base; }
    /** The reserved size in bytes (a whole number of pages). */
    public long size() { return size; }
    /** The first address past the reservation. */
    public long end() { return base + size; }
    /** AllocationProtect: the protection given at reservation time, modifiers included. */
    public int protect() { return protect; }
    /** MEM_PRIVATE for VirtualAlloc. */
    public int type() { return type; }
    /** The flAllocationType the reservation was made with (MEM_RESERVE, MEM_TOP_DOWN, MEM_WRITE_WATCH, ...). */
    public int allocationType() { return allocationType; }
    /** How many of its pages are committed. */
    public long committedPages() { return committedPages; }

    boolean contains(long address) {
        return address >= base && address - base < size;
    }

    @Override
    public String toString() {
        return "allocation " + Hex.range(base, end()) + " " + Hex.size(size) + " " + Flags.protectionName(protect);
    }
}
