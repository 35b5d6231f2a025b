package dev.pagelab.heap;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.VirtualMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The heaps of one process (one engine address space): its default heap, made on first use, and the heaps
 * HeapCreate made, by handle. Internal, not API: the Win32 facade and the DSL call it holding the space's lock, and
 * each call leaves its outcome in {@link #error()} and {@link #message()}. A failed call changes nothing.
 *
 * <p>{@code ProcessHeaps.of(vm)} is cheap: the table lives in a weak map keyed by the engine, so a space nobody
 * holds any more takes its heaps with it.
 */
public final class ProcessHeaps {
    public static final int HEAP_NO_SERIALIZE = 0x1;
    public static final int HEAP_GENERATE_EXCEPTIONS = 0x4;
    public static final int HEAP_ZERO_MEMORY = 0x8;
    public static final int HEAP_REALLOC_IN_PLACE_ONLY = 0x10;
    public static final int HEAP_CREATE_ENABLE_EXECUTE = 0x40000;
    /** The HeapCreate options PageLab keeps; other bits are ignored (H-1). */
    public static final int CREATE_OPTIONS = HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS | HEAP_CREATE_ENABLE_EXECUTE;
    public static final int ERROR_INVALID_HANDLE = Flags.ERROR_INVALID_HANDLE;
    /** STATUS_NO_MEMORY, what HEAP_GENERATE_EXCEPTIONS raises when a request cannot be met. */
    public static final int STATUS_NO_MEMORY = 0xC0000017;

    /** Engine → its heaps. Looked up only, never iterated; a table holds no reference to its engine. */
    private static final Map<VirtualMemory, Table> TABLES = new WeakHashMap<>();

    private static final class Table {
        final TreeMap<Long, Heap> heaps = new TreeMap<>();
        long process;
    }

    private final VirtualMemory vm;
    private final Table table;
    private int error;
    private String message = "";

    private ProcessHeaps(VirtualMemory vm, Table table) {
        this.vm = vm;
        this.table = table;
    }

    /** The heaps of the process whose engine is {@code vm}. */
    public static ProcessHeaps of(VirtualMemory vm) {
        synchronized (TABLES) {
            return new ProcessHeaps(vm, TABLES.computeIfAbsent(vm, k -> new Table()));
        }
    }

    /** GetProcessHeap: the default heap's handle, made on first use (growable, H-3), or 0 with {@link #error()}. */
    public long processHeap() {
        if (table.process == 0) {
            try {
                Heap h = Heap.create(vm, 0, 0, 0, true);
                table.heaps.put(h.handle, h);
                table.process = h.handle;
            } catch (Refused r) {
                return refused(r, 0L);
            }
        }
        return table.process;
    }

    /** HeapCreate: a new heap's handle, or 0 with {@link #error()} (ERROR_NOT_ENOUGH_MEMORY). */
    public long create(int options, long initial, long maximum) {
        try {
            Heap h = Heap.create(vm, options & CREATE_OPTIONS, initial, maximum, false);
            table.heaps.put(h.handle, h);
            return h.handle;
        } catch (Refused r) {
            return refused(r, 0L);
        }
    }

    /** HeapAlloc: a pointer to {@code bytes} bytes, or 0 with {@link #error()}. */
    public long alloc(long heap, int flags, long bytes) {
        try {
            return heap(heap, "HeapAlloc").alloc(vm, flags, bytes);
        } catch (Refused r) {
            return refused(r, 0L);
        }
    }

    /** HeapReAlloc: the block's pointer after the change (maybe moved), or 0 with {@link #error()}. */
    public long realloc(long heap, int flags, long p, long bytes) {
        try {
            return heap(heap, "HeapReAlloc").realloc(vm, flags, p, bytes);
        } catch (Refused r) {
            return refused(r, 0L);
        }
    }

    /** HeapSize: the bytes asked for the block at {@code p}, or -1 with {@link #error()}. */
    public long size(long heap, long p) {
        try {
            return heap(heap, "HeapSize").size(p);
        } catch (Refused r) {
            return refused(r, -1L);
        }
    }

    /** HeapFree: whether the block at {@code p} was freed (NULL frees nothing and succeeds, H-10). */
    public boolean free(long heap, long p) {
        try {
            Heap h = heap(heap, "HeapFree");
            if (p != 0) {
                h.free(vm, p);
            }
            return true;
        } catch (Refused r) {
            return refused(r, false);
        }
    }

    /** HeapDestroy: whether the heap is gone with all its reservations; the process heap stays (H-13). */
    public boolean destroy(long heap) {
        try {
            Heap h = heap(heap, "HeapDestroy");
            if (h.process) {
                throw new Refused(ERROR_INVALID_HANDLE, "HeapDestroy(" + Hex.address(heap)
                        + "): the process heap cannot be destroyed");
            }
            h.destroy(vm);
            table.heaps.remove(heap);
            return true;
        } catch (Refused r) {
            return refused(r, false);
        }
    }

    /** Whether {@code heap} is a live heap of this process. */
    public boolean isHeap(long heap) {
        return table.heaps.containsKey(heap);
    }

    /** The options {@code heap} was created with, or 0 when it is no heap. */
    public int options(long heap) {
        Heap h = table.heaps.get(heap);
        return h == null ? 0 : h.options;
    }

    /** The heap as it is now, or null when {@code heap} is no heap of this process. */
    public HeapLayout layout(long heap) {
        Heap h = table.heaps.get(heap);
        return h == null ? null : h.layout();
    }

    /** Every live heap of the process, lowest handle first. */
    public List<HeapLayout> layouts() {
        List<HeapLayout> list = new ArrayList<>();
        for (Heap h : table.heaps.values()) {
            list.add(h.layout());
        }
        return list;
    }

    /** The Win32 error of the last call that failed here (0 after a success). */
    public int error() {
        return error;
    }

    /** What the last failed call says about its failure. */
    public String message() {
        return message;
    }

    private Heap heap(long handle, String call) {
        Heap h = table.heaps.get(handle);
        if (h == null) {
            throw new Refused(ERROR_INVALID_HANDLE, call + ": " + Hex.address(handle) + " is not a heap of this process"
                    + (handle == 0 ? " (NULL)" : " (never created, or destroyed)"));
        }
        return h;
    }

    private <T> T refused(Refused r, T result) {
        error = r.error;
        message = r.getMessage();
        return result;
    }
}
