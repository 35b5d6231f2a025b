package dev.pagelab.trace;

import java.io.IOException;

/**
 * A reader of page numbers held or made in memory ({@link PageTrace}, {@link TraceGenerator}): the checks on each
 * call that the file readers make too, and no reading after {@link #close()}.
 */
abstract class MemoryReader implements ReferenceReader {
    /** The trace read, which messages name by its description (made only for a message: it may count pages). */
    private final Trace trace;
    private boolean closed;

    MemoryReader(Trace trace) {
        this.trace = trace;
    }

    @Override
    public final int read(long[] values, byte[] kinds, int max) throws IOException {
        if (closed) {
            throw new IOException(trace.describe() + ": the reader is closed");
        }
        Traces.checkBatch(values, kinds, max);
        return fill(values, kinds, max);
    }

    /** Puts up to {@code max} references into the arrays and returns how many, or -1 when none are left. */
    abstract int fill(long[] values, byte[] kinds, int max);

    @Override
    public final boolean pageNumbers() {
        return true;
    }

    @Override
    public final void close() {
        closed = true;
    }
}
