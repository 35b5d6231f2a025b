package dev.pagelab;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.MemoryRegion;

import java.util.ArrayList;
import java.util.List;

/**
 * A page-aligned range inside a region: what a commit returned, or {@code region.pages(offset, size)}.
 * Protect or decommit it, read and write at offsets from its start, or go back to its {@link #region()}.
 */
public final class Pages {
    private final Region region;
    private final long start;
    private final long end;
    private int oldProtection;

    Pages(Region region, long start, long end) {
        this.region = region;
        this.start = start;
        this.end = end;
    }

    /** Changes the protection of every page (all must be committed); {@link #oldProtection()} then tells the first page's old one. */
    public Pages protect(Protection protection) {
        synchronized (region.space().lock) {
            region.alive();
            AddressSpace space = region.space();
            space.check(space.vm().protect(start, end - start, AddressSpace.code(protection)));
            oldProtection = (int) space.vm().result();
            return this;
        }
    }

    /** Decommits these pages; they stay reserved. */
    public Pages decommit() {
        synchronized (region.space().lock) {
            region.alive();
            AddressSpace space = region.space();
            space.check(space.vm().free(start, end - start, MEM_DECOMMIT));
            return this;
        }
    }

    /** Commits these pages (again) with a protection. */
    public Pages commit(Protection protection) {
        synchronized (region.space().lock) {
            region.alive();
            AddressSpace space = region.space();
            space.check(space.vm().allocate(start, end - start, MEM_COMMIT, AddressSpace.code(protection)));
            return this;
        }
    }

    /** The first page's protection before the last {@link #protect}, as VirtualProtect's lpflOldProtect; null before any. */
    public Protection oldProtection() {
        synchronized (region.space().lock) {
            return Protection.of(oldProtection);
        }
    }

    public Access read(long offset) { return read(offset, 1); }
    public Access read(long offset, int width) {
        synchronized (region.space().lock) {
            return region.space().access(Access.Kind.READ, at(offset), width, 0);
        }
    }
    public Access write(long offset, long value) { synchronized (region.space().lock) { return region.space().write(at(offset), value); } }
    public Access write(long offset, long value, int width) {
        synchronized (region.space().lock) {
            return region.space().access(Access.Kind.WRITE, at(offset), width, value);
        }
    }
    public Access execute(long offset) { synchronized (region.space().lock) { return region.space().access(Access.Kind.EXECUTE, at(offset), 1, 0); } }

    private long at(long offset) {
        region.alive();
        if (offset < 0 || offset >= end - start) {
            throw new IllegalArgumentException("offset " + Hex.address(offset) + " is outside the pages "
                    + Hex.range(start, end) + " of " + Hex.size(end - start));
        }
        return start + offset;
    }

    /** The region these pages belong to. */
    public Region region() { return region; }
    public long start() { return start; }
    public long end() { return end; }
    public Size size() { synchronized (region.space().lock) { return Size.bytes(end - start); } }
    public long count() { synchronized (region.space().lock) { return (end - start) / region.space().pageSize(); } }

    /** The VirtualQuery regions covering these pages. */
    public List<MemoryRegion> queryAll() {
        synchronized (region.space().lock) {
            region.alive();
            List<MemoryRegion> list = new ArrayList<>();
            for (long a = start; a < end; ) {
                MemoryRegion r = region.space().vm().query(a);
                MemoryRegion clipped = r.end() > end
                        ? new MemoryRegion(r.baseAddress(), r.allocationBase(), r.allocationProtect(), end - r.baseAddress(),
                        r.state(), r.protect(), r.type())
                        : r;
                list.add(clipped);
                a = clipped.end();
            }
            return list;
        }
    }

    @Override
    public String toString() {
        synchronized (region.space().lock) {
            String head = "pages " + Hex.range(start, end) + " " + Hex.size(end - start);
            if (region.released()) {
                return head + " (released)";
            }
            return head + ": " + TextMap.summary(queryAll(), region.space().pageSize());
        }
    }
}
