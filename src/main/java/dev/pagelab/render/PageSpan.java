package dev.pagelab.render;

import dev.pagelab.engine.Hex;
import dev.pagelab.engine.Layout;

/**
 * An address range widened to whole pages and checked against the user range: what a picture of {@code [from, to)}
 * in a space shows.
 *
 * @param from the first page's address
 * @param to   the end of the last page
 */
record PageSpan(long from, long to) {

    /**
     * {@code [from, to)} widened to whole pages of {@code layout}; {@code picture} names the picture in the message
     * when the range is empty or leaves the user range.
     */
    static PageSpan of(Layout layout, long from, long to, String picture) {
        long mask = layout.pageSize() - 1L;
        long a = from & ~mask;
        long b = (to + mask) & ~mask;
        if (to <= from || a < 0 || b > layout.maxAddress()) {
            throw new IllegalArgumentException(picture + " " + Hex.range(from, to) + " must be non-empty and inside the user range "
                    + Hex.range(layout.minAddress(), layout.maxAddress()));
        }
        return new PageSpan(a, b);
    }

    /** The range and its size, as a title says it: {@code 0x10000-0x20000 64 KiB}. */
    @Override
    public String toString() {
        return Hex.range(from, to) + " " + Hex.size(to - from);
    }
}
