package dev.pagelab;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;
import dev.pagelab.heap.HeapFault;
import dev.pagelab.heap.HeapLayout;
import dev.pagelab.heap.ProcessHeaps;

import java.util.function.ToLongFunction;

/**
 * A heap of an address space, on VirtualAlloc: the process's default heap ({@link AddressSpace#heap()}, the one
 * {@code malloc} uses) or one of its own ({@link AddressSpace#createHeap}). Allocating reserves and commits pages of
 * the space, writes block headers into them and so faults them in; a notebook cell ending in a heap shows its blocks.
 * Refused calls throw {@link MemoryException} naming the reason and change nothing.
 *
 * <p>{@code var h = space().heap(); long p = h.alloc(100); h.alloc(kb(1)); h.free(p); h}
 */
public final class Heap {
    private final AddressSpace space;
    private final long handle;

    Heap(AddressSpace space, long handle) {
        this.space = space;
        this.handle = handle;
    }

    /** Allocates {@code bytes} (uninitialised: a reused block keeps old bytes); returns the 16-byte aligned pointer. */
    public long alloc(long bytes) {
        return call(h -> h.alloc(handle, 0, bytes), 0);
    }

    /** Allocates {@code size}. */
    public long alloc(Size size) {
        return alloc(bytes(size));
    }

    /** Allocates {@code bytes} set to zero (HEAP_ZERO_MEMORY). */
    public long allocZeroed(long bytes) {
        return call(h -> h.alloc(handle, ProcessHeaps.HEAP_ZERO_MEMORY, bytes), 0);
    }

    /** Resizes the block at {@code p}, in place when it can; returns where it is now (its bytes kept). */
    public long realloc(long p, long bytes) {
        return call(h -> h.realloc(handle, 0, p, bytes), 0);
    }

    /** Resizes the block at {@code p} to {@code size}. */
    public long realloc(long p, Size size) {
        return realloc(p, bytes(size));
    }

    /** Frees the block at {@code p}; returns this heap. */
    public Heap free(long p) {
        if (p == 0) {
            throw new IllegalArgumentException("free(0): NULL is no block (HeapFree accepts it and does nothing)");
        }
        call(h -> h.free(handle, p) ? 1 : 0, 0);
        return this;
    }

    /** The bytes asked for the block at {@code p} (HeapSize). */
    public long size(long p) {
        return call(h -> h.size(handle, p), -1);
    }

    /** Whether {@code p} is a block of this heap now. */
    public boolean holds(long p) {
        synchronized (space.lock) {
            HeapLayout l = heaps().layout(handle);
            return l != null && l.blocks().stream().anyMatch(b -> !b.free() && b.pointer() == p);
        }
    }

    /** Destroys the heap: every reservation it holds is released (the process heap cannot be destroyed). */
    public AddressSpace destroy() {
        call(h -> h.destroy(handle) ? 1 : 0, 0);
        return space;
    }

    /** The heap's handle: the base of its first reservation. */
    public long handle() {
        return handle;
    }

    /** The space the heap lives in. */
    public AddressSpace space() {
        return space;
    }

    /** The heap as it is now (segments and blocks), what pictures draw; it does not follow the heap. */
    public HeapLayout layout() {
        synchronized (space.lock) {
            HeapLayout l = heaps().layout(handle);
            if (l == null) {
                throw new IllegalStateException("heap " + Hex.address(handle) + " was destroyed");
            }
            return l;
        }
    }

    private ProcessHeaps heaps() {
        return ProcessHeaps.of(space.vm());
    }

    private long bytes(Size size) {
        if (size == null) {
            throw new IllegalArgumentException("size is missing (null)");
        }
        return size.bytes(space.pageSize());
    }

    /** Runs a heap call under the space's lock; a failure becomes a {@link MemoryException} with the heap's message. */
    private long call(ToLongFunction<ProcessHeaps> op, long failure) {
        synchronized (space.lock) {
            ProcessHeaps heaps = heaps();
            long result;
            try {
                result = op.applyAsLong(heaps);
            } catch (HeapFault f) {
                throw new MemoryException(Flags.ERROR_NOACCESS, f.getMessage());
            }
            if (result == failure && heaps.error() != 0) {
                throw new MemoryException(heaps.error(), heaps.message());
            }
            return result;
        }
    }

    /** Two heaps are equal when they are the same heap of the same space. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Heap other && other.space == space && other.handle == handle;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(handle) * 31 + System.identityHashCode(space);
    }

    @Override
    public String toString() {
        synchronized (space.lock) {
            HeapLayout l = heaps().layout(handle);
            return l == null ? "heap " + Hex.address(handle) + " (destroyed)" : l.toString();
        }
    }
}
