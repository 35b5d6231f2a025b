package dev.pagelab.trace;

import java.io.IOException;
import java.io.InputStream;

/**
 * The part every file reader shares: the checks on each call, and a format error held back until the references
 * before it are returned, then thrown by that call and every call after it, so that what a caller sees never
 * depends on its batch size.
 */
abstract class BatchReader implements ReferenceReader {
    /** What messages call the trace: its path, or what it was read from. */
    final String source;
    final InputStream in;
    /** The error that ends this trace, once met; thrown when the references before it have been returned. */
    TraceFormatException failure;
    private boolean closed;

    BatchReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public final int read(long[] values, byte[] kinds, int max) throws IOException {
        if (closed) {
            throw new IOException(source + ": the reader is closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (max < 0 || values.length < max || kinds.length < max) {
            throw new IllegalArgumentException("a batch of " + max + " references does not fit arrays of "
                    + values.length + " values and " + kinds.length + " kinds");
        }
        int n = fill(values, kinds, max);
        if (n < 0 && failure != null) {
            throw failure;
        }
        return n;
    }

    /**
     * Reads up to {@code max} references and returns how many, or -1 when none are left. A format error is kept in
     * {@link #failure} and ends the batch early, so the references before it are returned first.
     */
    abstract int fill(long[] values, byte[] kinds, int max) throws IOException;

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            in.close();
        }
    }
}
