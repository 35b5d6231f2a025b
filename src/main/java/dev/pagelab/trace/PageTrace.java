package dev.pagelab.trace;

import dev.pagelab.internal.PageIds;
import java.util.Arrays;
import java.util.Objects;

/**
 * A page-number trace held in memory: {@code PageTrace.of(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5)}. Every reference
 * is a read unless access kinds are given. Immutable; re-readable as often as needed.
 */
public final class PageTrace implements Trace {
    private final long[] pages;
    private final byte[] kinds;
    private int distinct = -1;

    private PageTrace(long[] pages, byte[] kinds) {
        this.pages = pages;
        this.kinds = kinds;
    }

    /** A trace of these page numbers, all reads. The array is copied. */
    public static PageTrace of(long... pages) {
        return new PageTrace(pages.clone(), null);
    }

    /**
     * A trace of these page numbers with their access kinds ({@link ReferenceReader#READ}, {@link ReferenceReader#WRITE}
     * or {@link ReferenceReader#EXECUTE}). Both arrays are copied.
     */
    public static PageTrace of(long[] pages, byte[] kinds) {
        if (pages.length != kinds.length) {
            throw new IllegalArgumentException(pages.length + " pages but " + kinds.length + " access kinds");
        }
        for (int i = 0; i < kinds.length; i++) {
            byte k = kinds[i];
            if (k != ReferenceReader.READ && k != ReferenceReader.WRITE && k != ReferenceReader.EXECUTE) {
                throw new IllegalArgumentException("access kind " + k + " at index " + i
                        + " is none of READ 0, WRITE 1, EXECUTE 8");
            }
        }
        return new PageTrace(pages.clone(), kinds.clone());
    }

    /**
     * This trace followed by {@code next}: program phases one after another,
     * {@code trace(1, 2, 1, 2).then(trace(7, 8, 9, 7, 8, 9))}. Access kinds are kept.
     */
    public PageTrace then(PageTrace next) {
        if (next == null) {
            throw new IllegalArgumentException("then(null): give the trace that follows");
        }
        if ((long) pages.length + next.pages.length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a trace of " + pages.length + " and one of " + next.pages.length
                    + " references together are too long to hold in memory");
        }
        long[] p = Arrays.copyOf(pages, pages.length + next.pages.length);
        System.arraycopy(next.pages, 0, p, pages.length, next.pages.length);
        byte[] k = null;
        if (kinds != null || next.kinds != null) {
            k = Arrays.copyOf(kindsOrReads(), p.length);
            System.arraycopy(next.kindsOrReads(), 0, k, pages.length, next.pages.length);
        }
        return new PageTrace(p, k);
    }

    /** The number of references. */
    public int size() {
        return pages.length;
    }

    /** The page of reference {@code index}. */
    public long page(int index) {
        return pages[index];
    }

    /** The access kind of reference {@code index}. */
    public byte kind(int index) {
        return kinds == null ? ReferenceReader.READ : kinds[index];
    }

    /** A copy of the page numbers. */
    public long[] pages() {
        return pages.clone();
    }

    /** The number of distinct pages. */
    public int distinctPages() {
        int d = distinct;
        if (d < 0) {
            PageIds seen = new PageIds();
            for (long page : pages) {
                seen.idOf(page);
            }
            d = seen.size();
            distinct = d;
        }
        return d;
    }

    @Override
    public ReferenceReader open() {
        return new Reader();
    }

    @Override
    public boolean pageNumbers() {
        return true;
    }

    @Override
    public String describe() {
        return "trace of " + count(size(), "reference") + " over " + count(distinctPages(), "page");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PageTrace that && Arrays.equals(pages, that.pages)
                && Arrays.equals(kindsOrReads(), that.kindsOrReads());
    }

    private byte[] kindsOrReads() {
        return kinds != null ? kinds : new byte[pages.length];
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(pages), Arrays.hashCode(kindsOrReads()));
    }

    @Override
    public String toString() {
        return describe();
    }

    private final class Reader extends MemoryReader {
        private int next;

        Reader() {
            super(PageTrace.this);
        }

        @Override
        int fill(long[] values, byte[] kindsOut, int max) {
            int n = Math.min(max, pages.length - next);
            if (n <= 0) {
                return max == 0 && next < pages.length ? 0 : -1;
            }
            System.arraycopy(pages, next, values, 0, n);
            if (kinds == null) {
                Arrays.fill(kindsOut, 0, n, READ);
            } else {
                System.arraycopy(kinds, next, kindsOut, 0, n);
            }
            next += n;
            return n;
        }
    }
}
