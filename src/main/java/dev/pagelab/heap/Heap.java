package dev.pagelab.heap;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.VirtualMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One heap: PageLab's own allocator on VirtualAlloc (docs/windows-rules.md, section H; the rule numbers below are
 * its H-n). The Java maps here are the authority; headers are also written into simulated memory so that
 * allocating touches pages and faults them in, but they are never read back.
 *
 * <pre>
 * segment  [ segment header 64 B | block | block | ... | last block ][ reserved, not committed ... ]
 *            ^ base (64 KiB aligned)                                 ^ base + committed
 * block    [ header 16 B: size | busy bit, bytes asked ][ payload, 16-byte aligned, at least 16 B ]
 * big      [ 16 B: signature, reservation size ][ block header 16 B ][ payload ... ]   its own reservation
 * </pre>
 *
 * Every method that fails throws {@link Refused} before it changes anything. The engine is passed to each call; a
 * heap holds no reference to it, so a process's table of heaps does not keep its space alive.
 */
final class Heap {
    static final int HEADER = 16;
    static final int SEGMENT_HEADER = 64;
    static final int LARGE_HEADER = 32;
    static final int MIN_BLOCK = 32;
    /** Requests of this many bytes or more get a reservation of their own, or fail in a fixed heap (H-6). */
    static final long LARGE_REQUEST = 0x7FFF8;
    /** What the first segment of a growable heap reserves at least (H-3). */
    static final long FIRST_RESERVE = 1L << 20;
    /** The most a later segment of a growable heap reserves, unless one block needs more (H-4). */
    static final long MAX_SEGMENT_RESERVE = 64L << 20;
    /** Free committed bytes at the end of a segment are decommitted from this many on (H-9). */
    static final long DECOMMIT_THRESHOLD = 64L << 10;

    private static final long SEGMENT_SIGNATURE = 0x5447_4553_5041_4548L; // "HEAPSEGT" little-endian
    private static final long LARGE_SIGNATURE = 0x4b43_4f4c_4247_4942L;   // "BIGBLOCK"
    private static final long BUSY = 1;

    /** A reservation of the heap; {@code floor} is the commit it never drops below. */
    static final class Segment {
        final long base;
        final long reserved;
        long committed;
        final long floor;
        final boolean large;
        /** Header address → block, lowest first; covers [base + header, base + committed) without gaps. */
        final TreeMap<Long, Block> blocks = new TreeMap<>();

        Segment(long base, long reserved, long committed, long floor, boolean large) {
            this.base = base;
            this.reserved = reserved;
            this.committed = committed;
            this.floor = floor;
            this.large = large;
        }

        long committedEnd() {
            return base + committed;
        }

        long end() {
            return base + reserved;
        }
    }

    /** A block: free when made, busy once {@link #take taken}, free again once {@link #release released}. */
    static final class Block {
        long size;
        /** For a busy block, the bytes the caller asked for. */
        long requested;
        boolean free = true;

        Block(long size) {
            this.size = size;
        }

        /** Marks the block busy, holding {@code bytes} the caller asked for. */
        Block take(long bytes) {
            free = false;
            requested = bytes;
            return this;
        }

        /** Marks the block free again. */
        void release() {
            free = true;
            requested = 0;
        }
    }

    final long handle;
    final int options;
    final long maximum;
    final boolean process;
    private final int protect;
    private final int pageSize;
    private final long granularity;
    /** Base → segment, lowest first. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();

    private Heap(long handle, int options, long maximum, boolean process, int protect, int pageSize, long granularity) {
        this.handle = handle;
        this.options = options;
        this.maximum = maximum;
        this.process = process;
        this.protect = protect;
        this.pageSize = pageSize;
        this.granularity = granularity;
    }

    /** HeapCreate on {@code vm} (H-1 to H-3); refused with ERROR_NOT_ENOUGH_MEMORY when the memory is not there. */
    static Heap create(VirtualMemory vm, int options, long initial, long maximum, boolean process) {
        int page = vm.layout().pageSize();
        long granularity = vm.layout().granularity();
        long limit = vm.layout().maxAddress();
        if (Long.compareUnsigned(initial, limit) > 0 || Long.compareUnsigned(maximum, limit) > 0) {
            throw new Refused(ERROR_NOT_ENOUGH_MEMORY, "HeapCreate(" + Hex.address(initial) + ", " + Hex.address(maximum)
                    + "): larger than the whole user address space (" + Hex.size(limit) + ")");
        }
        if (maximum != 0 && initial > maximum) {
            maximum = initial; // H-2
        }
        long commit = Math.max(page, roundUp(initial, page));
        long reserve = maximum != 0 ? Math.max(commit, roundUp(maximum, page))
                : Math.max(FIRST_RESERVE, roundUp(commit, granularity));
        int protect = (options & ProcessHeaps.HEAP_CREATE_ENABLE_EXECUTE) != 0 ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
        long base = reserve(vm, reserve, commit, protect, "HeapCreate");
        Heap heap = new Heap(base, options, maximum, process, protect, page, granularity);
        Segment s = new Segment(base, reserve, commit, commit, false);
        heap.segments.put(base, s);
        heap.writeSegmentHeader(vm, s);
        heap.putBlock(vm, s, base + SEGMENT_HEADER, new Block(commit - SEGMENT_HEADER));
        return heap;
    }

    /** Reserves {@code reserve} bytes and commits the first {@code commit}; the base, or refused with nothing kept. */
    private static long reserve(VirtualMemory vm, long reserve, long commit, int protect, String what) {
        int error = vm.allocate(0, reserve, MEM_RESERVE, protect);
        if (error != 0) {
            throw new Refused(ERROR_NOT_ENOUGH_MEMORY, what + ": no room to reserve " + Hex.size(reserve) + " ("
                    + vm.lastMessage() + ")");
        }
        long base = vm.result();
        error = vm.allocate(base, commit, MEM_COMMIT, protect);
        if (error != 0) {
            String why = vm.lastMessage();
            vm.free(base, 0, MEM_RELEASE);
            throw new Refused(ERROR_NOT_ENOUGH_MEMORY, what + ": cannot commit " + Hex.size(commit) + " (" + why + ")");
        }
        return base;
    }

    // ---- HeapAlloc ----

    /** HeapAlloc: the pointer to {@code bytes} new bytes, zeroed with HEAP_ZERO_MEMORY (H-5 to H-8). */
    long alloc(VirtualMemory vm, int flags, long bytes) {
        checkSize(vm, bytes, "HeapAlloc");
        if (bytes >= LARGE_REQUEST) {
            return allocLarge(vm, flags, bytes);
        }
        long size = blockSize(bytes);
        // H-5: first fit over the free blocks, lowest address first.
        for (Segment s : segments.values()) {
            if (s.large) {
                continue;
            }
            for (Map.Entry<Long, Block> e : s.blocks.entrySet()) {
                Block b = e.getValue();
                if (b.free && b.size >= size) {
                    return take(vm, s, e.getKey(), size, bytes, flags, Long.MAX_VALUE);
                }
            }
        }
        // H-7: commit more of a segment that has room left in its reservation, lowest first.
        for (Segment s : segments.values()) {
            if (s.large) {
                continue;
            }
            long start = tailStart(s);
            if (start + size <= s.end()) {
                long fresh = s.committedEnd();
                grow(vm, s, start + size);
                return take(vm, s, start, size, bytes, flags, fresh);
            }
        }
        if (maximum != 0) {
            throw new Refused(ERROR_NOT_ENOUGH_MEMORY, "HeapAlloc(" + bytes + " bytes): the fixed heap " + Hex.address(handle)
                    + " of " + Hex.size(maximum) + " is full (largest free block " + Hex.size(largestFree()) + ")");
        }
        return allocInNewSegment(vm, flags, bytes, size);
    }

    private long allocInNewSegment(VirtualMemory vm, int flags, long bytes, long size) {
        // H-4: a new segment twice the size of the last one, up to 64 MiB, or what this block needs.
        long last = segments.values().stream().filter(s -> !s.large).mapToLong(s -> s.reserved).max().orElse(FIRST_RESERVE);
        long needed = roundUp(SEGMENT_HEADER + size, granularity);
        long reserve = Math.max(Math.min(last * 2, MAX_SEGMENT_RESERVE), needed);
        long commit = roundUp(SEGMENT_HEADER + size, pageSize);
        long base;
        try {
            base = reserve(vm, reserve, commit, protect, "HeapAlloc(" + bytes + " bytes)");
        } catch (Refused r) {
            if (reserve == needed) {
                throw r;
            }
            reserve = needed; // a small address space: settle for what this block needs
            base = reserve(vm, reserve, commit, protect, "HeapAlloc(" + bytes + " bytes)");
        }
        Segment s = new Segment(base, reserve, commit, pageSize, false);
        segments.put(base, s);
        writeSegmentHeader(vm, s);
        putBlock(vm, s, base + SEGMENT_HEADER, new Block(commit - SEGMENT_HEADER));
        return take(vm, s, base + SEGMENT_HEADER, size, bytes, flags, base);
    }

    private long allocLarge(VirtualMemory vm, int flags, long bytes) {
        if (maximum != 0) {
            throw new Refused(ERROR_NOT_ENOUGH_MEMORY, "HeapAlloc(" + bytes + " bytes): a fixed-size heap gives blocks"
                    + " under 0x7FFF8 bytes only; create the heap with a maximum of 0 to get big blocks");
        }
        long total = roundUp(LARGE_HEADER + bytes, pageSize);
        long base = reserve(vm, total, total, protect, "HeapAlloc(" + bytes + " bytes)");
        Segment s = new Segment(base, total, total, total, true);
        segments.put(base, s);
        put(vm, base, LARGE_SIGNATURE);
        put(vm, base + 8, total);
        putBlock(vm, s, base + HEADER, new Block(total - HEADER).take(bytes));
        return base + LARGE_HEADER; // fresh pages read zero: nothing to clear (H-8)
    }

    /** Hands out {@code size} bytes of the free block at {@code at}, splitting off the rest (H-5). */
    private long take(VirtualMemory vm, Segment s, long at, long size, long bytes, int flags, long freshFrom) {
        Block b = s.blocks.get(at);
        split(vm, s, at, b, size);
        b.take(bytes);
        writeHeader(vm, at, b);
        long p = at + HEADER;
        if ((flags & ProcessHeaps.HEAP_ZERO_MEMORY) != 0) {
            zero(vm, p, Math.min(p + bytes, Math.max(p, freshFrom)));
        }
        return p;
    }

    /** Cuts block {@code b} at {@code at} down to {@code size}, the rest becoming a free block if it can hold one. */
    private void split(VirtualMemory vm, Segment s, long at, Block b, long size) {
        long rest = b.size - size;
        if (rest >= MIN_BLOCK) {
            b.size = size;
            Block tail = new Block(rest);
            s.blocks.put(at + size, tail);
            Map.Entry<Long, Block> next = s.blocks.higherEntry(at + size);
            if (next != null && next.getValue().free) {
                tail.size += next.getValue().size;
                s.blocks.remove(next.getKey());
            }
            writeHeader(vm, at + size, tail);
        }
    }

    /** Where a block at the end of the committed part would start: the last free block, or the committed end. */
    private static long tailStart(Segment s) {
        Map.Entry<Long, Block> last = s.blocks.lastEntry();
        return last != null && last.getValue().free ? last.getKey() : s.committedEnd();
    }

    /** Commits {@code s} up to {@code end} (rounded up to a page) and lets its last free block run there (H-7). */
    private void grow(VirtualMemory vm, Segment s, long end) {
        long newEnd = Math.min(roundUp(end, pageSize), s.end());
        long oldEnd = s.committedEnd();
        if (newEnd <= oldEnd) {
            return;
        }
        int error = vm.allocate(oldEnd, newEnd - oldEnd, MEM_COMMIT, protect);
        if (error != 0) {
            throw new Refused(ERROR_NOT_ENOUGH_MEMORY, "the heap " + Hex.address(handle) + " cannot commit "
                    + Hex.size(newEnd - oldEnd) + " more (" + vm.lastMessage() + ")");
        }
        s.committed = newEnd - s.base;
        Map.Entry<Long, Block> last = s.blocks.lastEntry();
        if (last.getValue().free) {
            last.getValue().size += newEnd - oldEnd;
            writeHeader(vm, last.getKey(), last.getValue());
        } else {
            putBlock(vm, s, oldEnd, new Block(newEnd - oldEnd));
        }
    }

    // ---- HeapFree ----

    /** HeapFree: the block at {@code p} becomes free and joins its free neighbours (H-9, H-10). */
    void free(VirtualMemory vm, long p) {
        Segment s = segmentOf(p, "HeapFree");
        if (s.large) {
            vm.free(s.base, 0, MEM_RELEASE);
            segments.remove(s.base);
            return;
        }
        long at = p - HEADER;
        Block b = s.blocks.get(at);
        b.release();
        Map.Entry<Long, Block> next = s.blocks.higherEntry(at);
        if (next != null && next.getValue().free) {
            b.size += next.getValue().size;
            s.blocks.remove(next.getKey());
        }
        Map.Entry<Long, Block> prev = s.blocks.lowerEntry(at);
        if (prev != null && prev.getValue().free) {
            prev.getValue().size += b.size;
            s.blocks.remove(at);
            at = prev.getKey();
            b = prev.getValue();
        }
        writeHeader(vm, at, b);
        trim(vm, s);
    }

    /** Releases a later segment once all of it is free; else decommits a large free tail (H-9). */
    private void trim(VirtualMemory vm, Segment s) {
        Map.Entry<Long, Block> last = s.blocks.lastEntry();
        if (!last.getValue().free) {
            return;
        }
        if (s.base != handle && s.blocks.size() == 1) {
            vm.free(s.base, 0, MEM_RELEASE);
            segments.remove(s.base);
            return;
        }
        long at = last.getKey();
        long cut = Math.max(roundUp(at, pageSize), s.base + s.floor);
        if (cut != at && cut - at < MIN_BLOCK) {
            cut += pageSize; // the free block left below the cut must hold a header and 16 bytes
        }
        long end = s.committedEnd();
        if (end - cut < DECOMMIT_THRESHOLD) {
            return;
        }
        vm.free(cut, end - cut, MEM_DECOMMIT);
        s.committed = cut - s.base;
        if (cut == at) {
            s.blocks.remove(at);
        } else {
            last.getValue().size = cut - at;
            writeHeader(vm, at, last.getValue());
        }
    }

    // ---- HeapReAlloc ----

    /** HeapReAlloc (H-11, H-12): in place when it can, else moved unless HEAP_REALLOC_IN_PLACE_ONLY. */
    long realloc(VirtualMemory vm, int flags, long p, long bytes) {
        Segment s = segmentOf(p, "HeapReAlloc");
        checkSize(vm, bytes, "HeapReAlloc");
        boolean inPlaceOnly = (flags & ProcessHeaps.HEAP_REALLOC_IN_PLACE_ONLY) != 0;
        boolean zero = (flags & ProcessHeaps.HEAP_ZERO_MEMORY) != 0;
        long at = p - HEADER;
        Block b = s.blocks.get(at);
        long old = b.requested;
        if (s.large) {
            if (LARGE_HEADER + bytes <= s.reserved) {
                b.requested = bytes;
                writeHeader(vm, at, b);
                if (zero && bytes > old) {
                    zero(vm, p + old, p + bytes);
                }
                return p;
            }
        } else if (bytes < LARGE_REQUEST && resizeInPlace(vm, s, at, b, blockSize(bytes))) {
            b.requested = bytes;
            writeHeader(vm, at, b);
            if (zero && bytes > old) {
                zero(vm, p + old, p + bytes);
            }
            trim(vm, s);
            return p;
        }
        if (inPlaceOnly) {
            throw new Refused(ERROR_NOT_ENOUGH_MEMORY, "HeapReAlloc(" + Hex.address(p) + ", " + bytes
                    + " bytes, HEAP_REALLOC_IN_PLACE_ONLY): the block cannot grow where it is");
        }
        long q = alloc(vm, flags & ~ProcessHeaps.HEAP_ZERO_MEMORY, bytes);
        copy(vm, p, q, Math.min(old, bytes));
        if (zero && bytes > old) {
            zero(vm, q + old, q + bytes);
        }
        free(vm, p);
        return q;
    }

    /** Makes the block at {@code at} {@code size} bytes long without moving it, or says it cannot (nothing changed). */
    private boolean resizeInPlace(VirtualMemory vm, Segment s, long at, Block b, long size) {
        if (size <= b.size) {
            split(vm, s, at, b, size);
            return true;
        }
        Map.Entry<Long, Block> next = s.blocks.higherEntry(at);
        boolean nextFree = next != null && next.getValue().free;
        long room = b.size + (nextFree ? next.getValue().size : 0);
        boolean atTail = at + room == s.committedEnd();
        if (room < size && !(atTail && at + size <= s.end())) {
            return false;
        }
        if (room < size) {
            grow(vm, s, at + size); // may refuse; nothing changed yet
            next = s.blocks.higherEntry(at);
            nextFree = next != null && next.getValue().free;
        }
        if (nextFree) {
            b.size += next.getValue().size;
            s.blocks.remove(next.getKey());
        }
        split(vm, s, at, b, size);
        return true;
    }

    // ---- HeapSize, HeapDestroy, looking ----

    /** HeapSize: the bytes asked for the block at {@code p}. */
    long size(long p) {
        Segment s = segmentOf(p, "HeapSize");
        return s.blocks.get(p - HEADER).requested;
    }

    /** Whether {@code p} is a pointer this heap handed out and has not taken back. */
    boolean owns(long p) {
        Map.Entry<Long, Segment> e = segments.floorEntry(p);
        if (e == null || p >= e.getValue().committedEnd()) {
            return false;
        }
        Block b = e.getValue().blocks.get(p - HEADER);
        return b != null && !b.free;
    }

    /** HeapDestroy: releases every reservation of the heap, lowest first. */
    void destroy(VirtualMemory vm) {
        for (long base : segments.keySet()) {
            vm.free(base, 0, MEM_RELEASE);
        }
        segments.clear();
    }

    HeapLayout layout() {
        List<HeapLayout.Segment> segs = new ArrayList<>();
        List<HeapLayout.Block> blocks = new ArrayList<>();
        for (Segment s : segments.values()) {
            segs.add(new HeapLayout.Segment(s.base, s.reserved, s.committed, s.large ? HEADER : SEGMENT_HEADER, s.large));
            for (Map.Entry<Long, Block> e : s.blocks.entrySet()) {
                Block b = e.getValue();
                blocks.add(new HeapLayout.Block(e.getKey(), b.size, b.requested, b.free));
            }
        }
        return new HeapLayout(handle, options, maximum, process, List.copyOf(segs), List.copyOf(blocks));
    }

    long largestFree() {
        long max = 0;
        for (Segment s : segments.values()) {
            for (Block b : s.blocks.values()) {
                if (b.free) {
                    max = Math.max(max, b.size);
                }
            }
        }
        return max;
    }

    private Segment segmentOf(long p, String call) {
        if (!owns(p)) {
            throw new Refused(ERROR_INVALID_PARAMETER, call + ": " + Hex.address(p) + " is not a block of the heap "
                    + Hex.address(handle) + " (never allocated there, or freed already)");
        }
        return segments.floorEntry(p).getValue();
    }

    private static void checkSize(VirtualMemory vm, long bytes, String call) {
        if (Long.compareUnsigned(bytes, vm.layout().maxAddress()) >= 0) {
            throw new Refused(ERROR_NOT_ENOUGH_MEMORY, call + ": " + Long.toUnsignedString(bytes)
                    + " bytes is more than the whole user address space holds");
        }
    }

    /** A block's size for {@code bytes}: header plus the bytes rounded up to 16, at least 16 (H-5). */
    static long blockSize(long bytes) {
        return HEADER + Math.max(16, roundUp(bytes, 16));
    }

    static long roundUp(long value, long unit) {
        return (value + unit - 1) / unit * unit;
    }

    // ---- memory: headers, zeroing, copying ----

    private void writeSegmentHeader(VirtualMemory vm, Segment s) {
        put(vm, s.base, SEGMENT_SIGNATURE);
        put(vm, s.base + 8, handle);
        put(vm, s.base + 16, s.reserved);
        put(vm, s.base + 24, options);
    }

    private void putBlock(VirtualMemory vm, Segment s, long at, Block b) {
        s.blocks.put(at, b);
        writeHeader(vm, at, b);
    }

    private static void writeHeader(VirtualMemory vm, long at, Block b) {
        put(vm, at, b.size | (b.free ? 0 : BUSY));
        put(vm, at + 8, b.requested);
    }

    private static void put(VirtualMemory vm, long address, long value) {
        int status = vm.write(address, 8, value);
        if (status != 0) {
            throw new HeapFault(status, vm.faultAccess(), vm.faultAddress());
        }
    }

    /** Writes zeros over [from, to). */
    private static void zero(VirtualMemory vm, long from, long to) {
        long a = from;
        for (; a + 8 <= to; a += 8) {
            put(vm, a, 0);
        }
        for (; a < to; a++) {
            int status = vm.write(a, 1, 0);
            if (status != 0) {
                throw new HeapFault(status, vm.faultAccess(), vm.faultAddress());
            }
        }
    }

    /** Copies {@code n} bytes from {@code from} to {@code to} through the engine. */
    private static void copy(VirtualMemory vm, long from, long to, long n) {
        long i = 0;
        for (; i + 8 <= n; i += 8) {
            put(vm, to + i, get(vm, from + i, 8));
        }
        for (; i < n; i++) {
            int status = vm.write(to + i, 1, get(vm, from + i, 1));
            if (status != 0) {
                throw new HeapFault(status, vm.faultAccess(), vm.faultAddress());
            }
        }
    }

    private static long get(VirtualMemory vm, long address, int width) {
        int status = vm.read(address, width);
        if (status != 0) {
            throw new HeapFault(status, vm.faultAccess(), vm.faultAddress());
        }
        return vm.value();
    }
}
