package dev.pagelab.trace;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of memory references read in batches into caller-owned arrays, so that replaying a
 * 100-million-reference file allocates nothing per reference and never holds the file in memory.
 */
public interface ReferenceReader extends Closeable {

    /** Access kinds, as stored in the {@code kinds} array. */
    byte READ = 0;
    byte WRITE = 1;
    byte EXECUTE = 8;

    /**
     * Reads up to {@code max} references: {@code values[i]} is a page number when {@link #pageNumbers()},
     * otherwise a byte address; {@code kinds[i]} is {@link #READ}, {@link #WRITE} or {@link #EXECUTE}.
     *
     * @return how many were read, or {@code -1} at the end of the trace
     * @throws TraceFormatException for a malformed record, naming its line (or byte offset) and the problem
     */
    int read(long[] values, byte[] kinds, int max) throws IOException;

    /** Whether the values are page numbers (page-number traces) rather than byte addresses. */
    boolean pageNumbers();
}
