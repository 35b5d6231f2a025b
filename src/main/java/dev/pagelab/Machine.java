package dev.pagelab;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.ReplacementPolicy;
import dev.pagelab.engine.VirtualMemory;

/**
 * A machine: page geometry, physical memory, page file, commit limit and TLB. The settings are immutable —
 * every setter returns a new machine — and the address spaces made by one machine's {@link #space()} share its
 * frames, so re-running a notebook cell that builds a machine starts from nothing.
 *
 * <p>{@code machine().pageSize(kb(64)).commitLimit(mb(1)).space()}
 */
public final class Machine {
    /** The commit limit of the default machine: a 16 GiB computer with a 16 GiB page file. */
    static final long DEFAULT_COMMIT_BYTES = 32L << 30;
    static final int DEFAULT_TLB_ENTRIES = 64;

    private final Layout layout;
    private final long commitLimitBytes;
    private final int tlbEntries;
    private PhysicalMemory memory;

    Machine(Layout layout, long commitLimitBytes, int tlbEntries) {
        this.layout = layout;
        this.commitLimitBytes = commitLimitBytes;
        this.tlbEntries = tlbEntries;
    }

    /** The default machine: Windows x64 geometry, a 32 GiB commit limit, a 64-entry TLB. */
    static Machine standard() {
        return new Machine(Layout.WINDOWS_X64, DEFAULT_COMMIT_BYTES, DEFAULT_TLB_ENTRIES);
    }

    /** The same machine with another page size (a power of two; the granularity grows to at least a page). */
    public Machine pageSize(Size size) {
        long bytes = size.bytes(layout.pageSize());
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("page size " + size + " is larger than 1 GiB");
        }
        return new Machine(layout.pageSize((int) bytes), commitLimitBytes, tlbEntries);
    }

    /** The same machine with another allocation granularity (Windows: 64 KiB). */
    public Machine granularity(Size size) {
        return new Machine(layout.granularity(size.bytes(layout.pageSize())), commitLimitBytes, tlbEntries);
    }

    /** The same machine with a user range below {@code 2^bits} (Windows x64: 47). */
    public Machine addressBits(int bits) {
        return new Machine(layout.addressBits(bits), commitLimitBytes, tlbEntries);
    }

    /** The same machine with a page table of {@code count} levels. */
    public Machine levels(int count) {
        return new Machine(layout.levels(count), commitLimitBytes, tlbEntries);
    }

    /** The same machine with another commit limit (what all its spaces may commit together). */
    public Machine commitLimit(Size size) {
        return new Machine(layout, size.bytes(layout.pageSize()), tlbEntries);
    }

    /** The same machine with a TLB of {@code entries} translations (a power of two; 0 for none). */
    public Machine tlb(int entries) {
        if (entries < 0 || (entries != 0 && Integer.bitCount(entries) != 1)) {
            throw new IllegalArgumentException("TLB entries must be 0 or a power of two, not " + entries);
        }
        return new Machine(layout, commitLimitBytes, entries);
    }

    /**
     * The same machine accepting {@code PAGE_GUARD|PAGE_NOACCESS}, as Wine does; Windows (the default) refuses
     * it with error 87.
     */
    public Machine wineGuardRule(boolean accept) {
        return new Machine(layout.guardWithNoAccess(accept), commitLimitBytes, tlbEntries);
    }

    /** A new address space on this machine, sharing its physical memory with the machine's other spaces. */
    public AddressSpace space() {
        return new AddressSpace(this, new VirtualMemory(layout, memory(), tlbEntries));
    }

    /** This machine's physical memory, made on first use. */
    public PhysicalMemory memory() {
        if (memory == null) {
            memory = newMemory();
        }
        return memory;
    }

    private PhysicalMemory newMemory() {
        ReplacementPolicy policy = null;
        return new PhysicalMemory(layout.pageSize(), PhysicalMemory.UNLIMITED, 0,
                commitLimitBytes / layout.pageSize(), policy);
    }

    public Layout layout() {
        return layout;
    }

    public int pageSize() {
        return layout.pageSize();
    }

    public Size commitLimit() {
        return Size.bytes(commitLimitBytes);
    }

    public int tlbEntries() {
        return tlbEntries;
    }

    @Override
    public String toString() {
        return "machine: " + Hex.size(layout.pageSize()) + " pages, " + Hex.size(layout.granularity()) + " granularity, "
                + "commit limit " + Hex.size(commitLimitBytes) + ", " + (tlbEntries == 0 ? "no TLB" : tlbEntries + "-entry TLB");
    }
}
