package dev.pagelab.trace;

import java.io.IOException;

/**
 * A trace that reads another and passes every batch through {@link #filter}, as {@code java.io.FilterInputStream}
 * does for bytes: a view of addresses as page numbers, a trace that counts what its readers take. Page numbers,
 * description and closing are the source's unless a subclass says otherwise.
 */
public abstract class FilterTrace implements Trace {
    /** The trace read. */
    protected final Trace source;

    protected FilterTrace(Trace source) {
        this.source = source;
    }

    /** Sees (and may change in place) the {@code n > 0} references a reader of this trace just read. */
    protected abstract void filter(long[] values, byte[] kinds, int n);

    @Override
    public ReferenceReader open() throws IOException {
        ReferenceReader in = source.open();
        boolean pageNumbers = pageNumbers();
        return new ReferenceReader() {
            @Override
            public int read(long[] values, byte[] kinds, int max) throws IOException {
                int n = in.read(values, kinds, max);
                if (n > 0) {
                    filter(values, kinds, n);
                }
                return n;
            }

            @Override
            public boolean pageNumbers() {
                return pageNumbers;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public boolean pageNumbers() {
        return source.pageNumbers();
    }

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
