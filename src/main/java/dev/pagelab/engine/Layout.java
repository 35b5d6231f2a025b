package dev.pagelab.engine;

/**
 * The geometry of an address space: page size, allocation granularity, the user address range and the
 * shape of the page table. Immutable; the defaults are those of Windows x64.
 *
 * <p>The page table has {@code levels} levels; every table page holds {@code pageSize / 8} entries, as on
 * x86-64, so the number of levels follows from the page size unless it is set.
 */
public final class Layout {
    /** Windows x64: 4 KiB pages, 64 KiB granularity, user range {@code 0x1_0000 .. 0x7fff_fffe_ffff}. */
    public static final Layout WINDOWS_X64 =
            new Layout(4096, 65536, 0x10000L, 0x7FFF_FFFF_0000L, 0, false);

    private final int pageSize;
    private final int pageShift;
    private final long granularity;
    private final long minAddress;
    private final long maxAddress;
    private final int levels;
    private final int bitsPerLevel;
    private final boolean guardWithNoAccess;

    private Layout(int pageSize, long granularity, long minAddress, long maxAddress, int levels,
                   boolean guardWithNoAccess) {
        if (pageSize < 256 || Integer.bitCount(pageSize) != 1 || pageSize > (1 << 30)) {
            throw new IllegalArgumentException("page size " + pageSize
                    + " must be a power of two between 256 bytes and 1 GiB");
        }
        if (granularity < pageSize || Long.bitCount(granularity) != 1) {
            throw new IllegalArgumentException("allocation granularity " + granularity
                    + " must be a power of two no smaller than the page size " + pageSize);
        }
        if (minAddress < 0 || minAddress % granularity != 0) {
            throw new IllegalArgumentException("lowest user address " + Hex.address(minAddress)
                    + " must be a non-negative multiple of the granularity " + Hex.size(granularity));
        }
        if (maxAddress <= minAddress || maxAddress % granularity != 0 || maxAddress > (1L << 62)) {
            throw new IllegalArgumentException("user address limit " + Hex.address(maxAddress)
                    + " must be a multiple of the granularity above the lowest address "
                    + Hex.address(minAddress) + " and at most 2^62");
        }
        this.pageSize = pageSize;
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        this.granularity = granularity;
        this.minAddress = minAddress;
        this.maxAddress = maxAddress;
        this.bitsPerLevel = Integer.numberOfTrailingZeros(pageSize / 8);
        int vpnBits = 64 - Long.numberOfLeadingZeros((maxAddress - 1) >>> pageShift);
        int needed = Math.max(1, (vpnBits + bitsPerLevel - 1) / bitsPerLevel);
        if (levels == 0) {
            levels = needed;
        } else if (levels < needed) {
            throw new IllegalArgumentException(levels + " page-table levels of " + (1 << bitsPerLevel)
                    + " entries cover " + (levels * bitsPerLevel) + " bits of page number, but the user range up to "
                    + Hex.address(maxAddress) + " needs " + vpnBits + " (at least " + needed + " levels)");
        } else if (levels > Math.max(6, needed)) {
            throw new IllegalArgumentException("at most 6 page-table levels, not " + levels);
        }
        this.levels = levels;
        this.guardWithNoAccess = guardWithNoAccess;
    }

    /** A layout with another page size (the granularity grows to stay at least one page). */
    public Layout pageSize(int bytes) {
        long gran = Math.max(granularity, bytes);
        long min = roundUp(minAddress, gran);
        long max = maxAddress / gran * gran;
        return new Layout(bytes, gran, min, max, 0, guardWithNoAccess);
    }

    /** A layout with another allocation granularity. */
    public Layout granularity(long bytes) {
        return new Layout(pageSize, bytes, minAddress, maxAddress, levels, guardWithNoAccess);
    }

    /** A layout whose user range is {@code [min, max)}. */
    public Layout userRange(long min, long max) {
        return new Layout(pageSize, granularity, min, max, 0, guardWithNoAccess);
    }

    /** A layout whose user range ends below {@code 2^bits} (less one granule, as Windows keeps the top 64 KiB). */
    public Layout addressBits(int bits) {
        if (bits < 20 || bits > 62) {
            throw new IllegalArgumentException("address width " + bits + " must be between 20 and 62 bits");
        }
        return new Layout(pageSize, granularity, minAddress, (1L << bits) - granularity, 0, guardWithNoAccess);
    }

    /** A layout with a page table of this many levels. */
    public Layout levels(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("page-table levels must be at least 1, not " + count);
        }
        return new Layout(pageSize, granularity, minAddress, maxAddress, count, guardWithNoAccess);
    }

    /**
     * Whether {@code PAGE_GUARD|PAGE_NOACCESS} is accepted. Windows rejects it (error 87), Wine accepts it;
     * PageLab follows Windows unless asked.
     */
    public Layout guardWithNoAccess(boolean accept) {
        return new Layout(pageSize, granularity, minAddress, maxAddress, levels, accept);
    }

    public int pageSize() { return pageSize; }
    public int pageShift() { return pageShift; }
    public long granularity() { return granularity; }
    public long minAddress() { return minAddress; }
    /** The first address past the user range. */
    public long maxAddress() { return maxAddress; }
    public int levels() { return levels; }
    public int bitsPerLevel() { return bitsPerLevel; }
    public boolean guardWithNoAccess() { return guardWithNoAccess; }

    static long roundUp(long value, long unit) {
        return -Math.floorDiv(-value, unit) * unit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layout l && l.pageSize == pageSize && l.granularity == granularity
                && l.minAddress == minAddress && l.maxAddress == maxAddress && l.levels == levels
                && l.guardWithNoAccess == guardWithNoAccess;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(pageSize, granularity, minAddress, maxAddress, levels, guardWithNoAccess);
    }

    @Override
    public String toString() {
        return Hex.size(pageSize) + " pages, " + Hex.size(granularity) + " granularity, user range "
                + Hex.range(minAddress, maxAddress) + ", " + levels + "-level page table";
    }
}
