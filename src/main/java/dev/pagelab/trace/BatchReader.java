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

    /** How many bytes one {@link #refillBuffer()} reads at the most. */
    static final int BUFFER = 1 << 16;
    /** Unread input is {@code buf[pos, limit)}; past {@link #BUFFER} bytes, room the format's scans may read into. */
    final byte[] buf;
    int pos;
    int limit;
    boolean eof;

    /**
     * A reader of {@code in}, named {@code source} in messages.
     *
     * @param slack the bytes after {@link #BUFFER} that the format's scans may read past the data
     */
    BatchReader(InputStream in, String source, int slack) {
        this.in = in;
        this.source = source;
        this.buf = new byte[BUFFER + slack];
    }

    /**
     * Moves the unread bytes to the front of the buffer, then reads until {@link #BUFFER} bytes are there or the
     * input ends ({@link #eof}). A stream that fails part way has what it gave in the buffer, counted in {@link #limit}.
     */
    final void refillBuffer() throws IOException {
        int rest = limit - pos;
        System.arraycopy(buf, pos, buf, 0, rest);
        pos = 0;
        limit = rest;
        while (limit < BUFFER) {
            int got = in.read(buf, limit, BUFFER - limit);
            if (got < 0) {
                eof = true;
                break;
            }
            limit += got;
        }
    }

    @Override
    public final int read(long[] values, byte[] kinds, int max) throws IOException {
        if (closed) {
            throw new IOException(source + ": the reader is closed");
        }
        if (failure != null) {
            throw failure;
        }
        Traces.checkBatch(values, kinds, max);
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
