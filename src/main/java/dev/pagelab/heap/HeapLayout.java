package dev.pagelab.heap;

import dev.pagelab.engine.Hex;

import java.util.List;

/**
 * One heap as it is now, read-only: its segments (the reservations it holds) and every block in them, lowest address
 * first. Pictures and the DSL read it; it does not follow the heap.
 *
 * @param handle   the heap's handle, the base of its first segment
 * @param options  the HeapCreate options it was made with
 * @param maximum  the fixed size of the heap in bytes, or 0 for a growable heap
 * @param process  whether it is the process's default heap
 * @param segments its reservations, lowest first
 * @param blocks   every block, used and free, lowest first
 */
public record HeapLayout(long handle, int options, long maximum, boolean process, List<Segment> segments,
                         List<Block> blocks) {

    /** Bytes of header in front of every block. */
    public static final int BLOCK_HEADER = Heap.HEADER;

    /**
     * A reservation of the heap.
     *
     * @param base      where it starts (64 KiB aligned)
     * @param reserved  its size in bytes
     * @param committed how many bytes from its base are committed
     * @param header    bytes of segment header at its base, before the first block
     * @param large     whether it holds one big block of its own (a request above the threshold)
     */
    public record Segment(long base, long reserved, long committed, int header, boolean large) {
        /** The end of its committed part. */
        public long committedEnd() {
            return base + committed;
        }

        /** The end of the reservation. */
        public long end() {
            return base + reserved;
        }

        @Override
        public String toString() {
            return (large ? "big block " : "segment ") + Hex.range(base, end()) + ", " + Hex.size(committed)
                    + " committed";
        }
    }

    /**
     * A block: a header and the bytes after it.
     *
     * @param address   where its header starts
     * @param size      its size in bytes, header included
     * @param requested for a used block, the bytes asked for (what HeapSize returns); 0 for a free one
     * @param free      whether it is free
     */
    public record Block(long address, long size, long requested, boolean free) {
        /** The pointer HeapAlloc returned for it: just past its header. */
        public long pointer() {
            return address + BLOCK_HEADER;
        }

        /** The end of the block. */
        public long end() {
            return address + size;
        }

        @Override
        public String toString() {
            return (free ? "free " : "used ") + Hex.range(address, end()) + (free ? "" : ", " + requested + " asked");
        }
    }

    /** Whether the heap can grow (HeapCreate with a maximum of 0). */
    public boolean growable() {
        return maximum == 0;
    }

    /** The used blocks. */
    public long usedBlocks() {
        return blocks.stream().filter(b -> !b.free()).count();
    }

    /** Bytes asked for by the used blocks. */
    public long requestedBytes() {
        return blocks.stream().filter(b -> !b.free()).mapToLong(Block::requested).sum();
    }

    /** Bytes of the used blocks, headers and padding included. */
    public long usedBytes() {
        return blocks.stream().filter(b -> !b.free()).mapToLong(Block::size).sum();
    }

    /** Bytes in free blocks (committed, ready to hand out). */
    public long freeBytes() {
        return blocks.stream().filter(Block::free).mapToLong(Block::size).sum();
    }

    /** The largest free block in bytes, header included (0 when none). */
    public long largestFree() {
        return blocks.stream().filter(Block::free).mapToLong(Block::size).max().orElse(0);
    }

    /** External fragmentation: 1 − largest free block / all free bytes (0 when nothing or one block is free). */
    public double fragmentation() {
        long free = freeBytes();
        return free == 0 ? 0 : 1.0 - (double) largestFree() / free;
    }

    /** Bytes committed over all segments. */
    public long committedBytes() {
        return segments.stream().mapToLong(Segment::committed).sum();
    }

    /** Bytes reserved over all segments. */
    public long reservedBytes() {
        return segments.stream().mapToLong(Segment::reserved).sum();
    }

    @Override
    public String toString() {
        return (process ? "process heap " : "heap ") + Hex.address(handle) + ": " + usedBlocks() + (usedBlocks() == 1 ? " used block (" : " used blocks (")
                + Hex.size(requestedBytes()) + " asked), " + Hex.size(freeBytes()) + " free (largest "
                + Hex.size(largestFree()) + "), " + Hex.size(committedBytes()) + " committed of "
                + Hex.size(reservedBytes()) + " reserved" + (growable() ? "" : ", fixed");
    }
}
