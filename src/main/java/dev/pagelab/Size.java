package dev.pagelab;

import dev.pagelab.engine.Hex;

/**
 * An amount of memory: a byte count ({@code kb(16)} prints {@code 16 KiB}) or a page count ({@code sizeInPages(3)}),
 * which a space turns into bytes with its own page size.
 */
public final class Size implements Comparable<Size> {
    private final long amount;
    private final boolean inPages;

    private Size(long amount, boolean inPages) {
        if (amount < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + amount + (inPages ? " pages" : " bytes"));
        }
        this.amount = amount;
        this.inPages = inPages;
    }

    /** {@code n} bytes. */
    public static Size bytes(long n) {
        return new Size(n, false);
    }

    /** {@code n} pages of whatever size the space uses. */
    public static Size pages(long n) {
        return new Size(n, true);
    }

    static Size scaled(long n, long unit, String name) {
        if (n < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + n + " " + name);
        }
        if (n > Long.MAX_VALUE / unit) {
            throw new IllegalArgumentException(n + " " + name + " is more than a 64-bit byte count can hold");
        }
        return new Size(n * unit, false);
    }

    /** Whether this size counts pages rather than bytes. */
    public boolean inPages() {
        return inPages;
    }

    /** The byte count; for a page count, use {@link #bytes(int)}. */
    public long bytes() {
        if (inPages) {
            throw new IllegalStateException(this + " is a page count: its bytes depend on the page size; call bytes(pageSize)");
        }
        return amount;
    }

    /** The byte count with pages of {@code pageSize} bytes. */
    public long bytes(int pageSize) {
        if (!inPages) {
            return amount;
        }
        if (amount > Long.MAX_VALUE / pageSize) {
            throw new IllegalArgumentException(amount + " pages of " + pageSize + " bytes is more than a 64-bit byte count can hold");
        }
        return amount * pageSize;
    }

    /** The amount: bytes, or pages for a page count. */
    public long amount() {
        return amount;
    }

    /** This size plus another (both bytes, or both pages). */
    public Size plus(Size other) {
        if (inPages != other.inPages) {
            throw new IllegalArgumentException("cannot add " + other + " to " + this + ": one counts pages, the other bytes");
        }
        return new Size(Math.addExact(amount, other.amount), inPages);
    }

    /** This size times {@code n}. */
    public Size times(long n) {
        return new Size(Math.multiplyExact(amount, n), inPages);
    }

    @Override
    public int compareTo(Size o) {
        if (inPages != o.inPages) {
            throw new IllegalArgumentException("cannot compare " + this + " with " + o + ": one counts pages, the other bytes");
        }
        return Long.compare(amount, o.amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Size s && s.amount == amount && s.inPages == inPages;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(amount) * 31 + (inPages ? 1 : 0);
    }

    @Override
    public String toString() {
        return inPages ? amount + (amount == 1 ? " page" : " pages") : Hex.size(amount);
    }
}
