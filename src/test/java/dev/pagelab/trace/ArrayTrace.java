package dev.pagelab.trace;

import java.io.IOException;
import java.util.Arrays;

/** References held in arrays, for tests: values and kinds, as page numbers or addresses. */
final class ArrayTrace implements Trace {
    final long[] values;
    final byte[] kinds;
    private final boolean pageNumbers;

    ArrayTrace(long[] values, byte[] kinds, boolean pageNumbers) {
        this.values = values;
        this.kinds = kinds;
        this.pageNumbers = pageNumbers;
    }

    static ArrayTrace pages(long... pages) {
        return new ArrayTrace(pages, new byte[pages.length], true);
    }

    /** Everything a trace yields, read with batches of {@code batch}. */
    static ArrayTrace readAll(Trace trace, int batch) throws IOException {
        try (ReferenceReader r = trace.open()) {
            return readAll(r, batch);
        }
    }

    static ArrayTrace readAll(ReferenceReader r, int batch) throws IOException {
        long[] values = new long[16];
        byte[] kinds = new byte[16];
        long[] v = new long[batch];
        byte[] k = new byte[batch];
        int size = 0;
        int n;
        while ((n = r.read(v, k, batch)) >= 0) {
            if (size + n > values.length) {
                values = Arrays.copyOf(values, Math.max(size + n, values.length * 2));
                kinds = Arrays.copyOf(kinds, values.length);
            }
            System.arraycopy(v, 0, values, size, n);
            System.arraycopy(k, 0, kinds, size, n);
            size += n;
        }
        return new ArrayTrace(Arrays.copyOf(values, size), Arrays.copyOf(kinds, size), r.pageNumbers());
    }

    @Override
    public ReferenceReader open() {
        return new ReferenceReader() {
            private int at;

            @Override
            public int read(long[] v, byte[] k, int max) {
                if (at == values.length) {
                    return -1;
                }
                int n = Math.min(max, values.length - at);
                System.arraycopy(values, at, v, 0, n);
                System.arraycopy(kinds, at, k, 0, n);
                at += n;
                return n;
            }

            @Override
            public boolean pageNumbers() {
                return pageNumbers;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean pageNumbers() {
        return pageNumbers;
    }

    @Override
    public String describe() {
        return "array trace of " + values.length + " references";
    }
}
