package dev.pagelab;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Allocation;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.MemoryRegion;

import java.util.ArrayList;
import java.util.List;

/**
 * A reservation: one allocation of an address space. Commit pages in it, protect, decommit, release it, and
 * read or write at offsets from its base. After {@link #release()} every operation is refused.
 *
 * <p>{@code var r = space().reserve(kb(16)); r.commit(0, kb(4)).protect(READONLY); r.write(kb(4), 42)}
 */
public final class Region {
    // Each method that reads or changes the space takes the space's lock; an overload that only turns a Size into
    // bytes and calls another takes none of its own.
    private final AddressSpace space;
    private final Allocation allocation;

    Region(AddressSpace space, Allocation allocation) {
        this.space = space;
        this.allocation = allocation;
    }

    /** Whether this region is a view of a section ({@link AddressSpace#map}) rather than reserved memory. */
    public boolean isView() {
        return allocation.isView();
    }

    /** Unmaps this view (UnmapViewOfFile): the same as {@code space.unmap(view)}. */
    public void unmap() {
        synchronized (space.lock) {
            alive();
            space.unmap(this);
        }
    }

    // ---- commit, decommit, release ----

    /** Commits the whole region read-write. */
    public Pages commit() {
        return commit(Protection.READWRITE);
    }

    /** Commits the whole region with a protection. */
    public Pages commit(Protection protection) {
        synchronized (space.lock) {
            return commitRange(0, allocation.size(), protection);
        }
    }

    /** Commits {@code size} bytes from {@code offset} read-write (rounded out to whole pages). */
    public Pages commit(long offset, Size size) {
        return commit(offset, size, Protection.READWRITE);
    }

    /** Commits {@code size} bytes from {@code offset} with a protection (rounded out to whole pages). */
    public Pages commit(long offset, Size size, Protection protection) {
        synchronized (space.lock) {
            return commitRange(offset, space.bytes(size, "size"), protection);
        }
    }

    /** Commits {@code size} bytes from {@code offset}, both sizes. */
    public Pages commit(Size offset, Size size) {
        return commit(space.bytes(offset, "offset"), size, Protection.READWRITE);
    }

    /** Commits {@code size} bytes from {@code offset} with a protection, both sizes. */
    public Pages commit(Size offset, Size size, Protection protection) {
        return commit(space.bytes(offset, "offset"), size, protection);
    }

    private Pages commitRange(long offset, long size, Protection protection) {
        range("commit", offset, size);
        space.check(space.vm().allocate(base() + offset, size, MEM_COMMIT, AddressSpace.code(protection)));
        return pagesOf(offset, size);
    }

    /** Decommits every page; the region stays reserved. */
    public Region decommit() {
        synchronized (space.lock) {
            alive();
            space.check(space.vm().free(base(), 0, MEM_DECOMMIT));
            return this;
        }
    }

    /** Decommits the pages of {@code size} bytes from {@code offset}. */
    public Pages decommit(long offset, Size size) {
        synchronized (space.lock) {
            long bytes = bytes("decommit", offset, size);
            space.check(space.vm().free(base() + offset, bytes, MEM_DECOMMIT));
            return pagesOf(offset, bytes);
        }
    }

    /** Decommits the pages of {@code size} bytes from {@code offset}, both sizes: {@code r.decommit(kb(4), kb(4))}. */
    public Pages decommit(Size offset, Size size) {
        return decommit(space.bytes(offset, "offset"), size);
    }

    /** Releases the whole reservation (MEM_RELEASE); the addresses become free. */
    public AddressSpace release() {
        synchronized (space.lock) {
            alive();
            space.check(space.vm().free(base(), 0, MEM_RELEASE));
            return space;
        }
    }

    /** Protects every page of the region; all of them must be committed. */
    public Pages protect(Protection protection) {
        synchronized (space.lock) {
            return pages().protect(protection);
        }
    }

    /** The page range covering {@code size} bytes from {@code offset}, without changing anything. */
    public Pages pages(long offset, Size size) {
        synchronized (space.lock) {
            return pagesOf(offset, bytes("pages", offset, size));
        }
    }

    /** The page range covering {@code size} bytes from {@code offset}, both sizes. */
    public Pages pages(Size offset, Size size) {
        return pages(space.bytes(offset, "offset"), size);
    }

    /** All the region's pages. */
    public Pages pages() {
        synchronized (space.lock) {
            alive();
            return pagesOf(0, allocation.size());
        }
    }

    private Pages pagesOf(long offset, long size) {
        long mask = space.pageSize() - 1L;
        long start = (base() + offset) & ~mask;
        long end = (base() + offset + size + mask) & ~mask;
        return new Pages(this, start, end);
    }

    // ---- accesses at offsets ----

    public Access read(long offset) { return read(offset, 1); }
    public Access read(long offset, int width) { synchronized (space.lock) { return space.access(Access.Kind.READ, at(offset, width), width, 0); } }
    public Access read(Size offset) { return read(space.bytes(offset, "offset")); }
    public Access write(long offset, long value) { synchronized (space.lock) { at(offset, 1); return space.write(base() + offset, value); } }
    public Access write(long offset, long value, int width) {
        synchronized (space.lock) {
            return space.access(Access.Kind.WRITE, at(offset, width), width, value);
        }
    }
    public Access write(Size offset, long value) { return write(space.bytes(offset, "offset"), value); }
    public Access execute(long offset) { synchronized (space.lock) { return space.access(Access.Kind.EXECUTE, at(offset, 1), 1, 0); } }
    public Access touch(long offset) { synchronized (space.lock) { return space.access(Access.Kind.TOUCH, at(offset, 1), 1, 0); } }

    long at(long offset, int width) {
        alive();
        if (offset < 0 || offset >= allocation.size()) {
            throw new IllegalArgumentException("offset " + Hex.address(offset) + " is outside the region "
                    + Hex.range(base(), end()) + " of " + Hex.size(allocation.size()));
        }
        return base() + offset;
    }

    /** The bytes of {@code size}, checked to lie inside the region from {@code offset}. */
    private long bytes(String what, long offset, Size size) {
        long bytes = space.bytes(size, "size");
        range(what, offset, bytes);
        return bytes;
    }

    private void range(String what, long offset, long size) {
        alive();
        if (offset < 0) {
            throw new IllegalArgumentException(what + ": offset " + offset + " is negative");
        }
        if (size <= 0) {
            throw new IllegalArgumentException(what + ": size " + size + " must be positive");
        }
        if (offset >= allocation.size() || size > allocation.size() - offset) {
            throw new IllegalArgumentException(what + " " + Hex.range(base() + offset, base() + offset + size)
                    + " runs past the reservation " + Hex.range(base(), end()));
        }
    }

    void alive() {
        if (space.vm().allocationAt(allocation.base()) != allocation) {
            throw new IllegalStateException("region " + Hex.range(base(), end()) + " was released");
        }
    }

    // ---- looking ----

    public long base() { synchronized (space.lock) { return allocation.base(); } }
    public long end() { synchronized (space.lock) { return allocation.end(); } }
    public Size size() { synchronized (space.lock) { return Size.bytes(allocation.size()); } }
    /** The protection given at reservation time (AllocationProtect). */
    public Protection allocationProtection() { synchronized (space.lock) { return Protection.of(allocation.protect()); } }
    public long pageCount() { synchronized (space.lock) { return allocation.size() / space.pageSize(); } }
    public long committedPages() { synchronized (space.lock) { return allocation.committedPages(); } }
    public boolean released() { synchronized (space.lock) { return space.vm().allocationAt(allocation.base()) != allocation; } }
    public AddressSpace space() { return space; }

    /** The VirtualQuery regions inside this reservation, lowest first. */
    public List<MemoryRegion> queryAll() {
        synchronized (space.lock) {
            alive();
            List<MemoryRegion> list = new ArrayList<>();
            for (long a = base(); a < end(); ) {
                MemoryRegion r = space.vm().query(a);
                list.add(r);
                a = r.end();
            }
            return list;
        }
    }

    @Override
    public boolean equals(Object o) {
        synchronized (space.lock) {
            return o instanceof Region r && r.allocation == allocation;
        }
    }

    @Override
    public int hashCode() {
        synchronized (space.lock) {
            return Long.hashCode(allocation.base());
        }
    }

    @Override
    public String toString() {
        synchronized (space.lock) {
            String head = (allocation.isView() ? "view of " + allocation.section().label() + " " : "region ")
                    + Hex.range(base(), end()) + " " + Hex.size(allocation.size());
            if (released()) {
                return head + (allocation.isView() ? " (unmapped)" : " (released)");
            }
            return head + ": " + TextMap.summary(queryAll(), space.pageSize());
        }
    }
}
