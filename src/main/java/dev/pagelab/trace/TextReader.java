package dev.pagelab.trace;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * The common part of the line-oriented readers: a byte buffer that always holds at least one whole line
 * (or the rest of the input), followed by a {@code '\n'} sentinel so that every scan stops without a bounds
 * test. Numbers are parsed straight from the bytes; nothing is allocated per line.
 *
 * <p>An error met in the middle of a batch is held back: the references before it are returned first and
 * the error is thrown by the next call (and every call after it), so what a caller sees never depends on
 * its batch size.
 */
abstract class TextReader implements ReferenceReader {
    /** The longest line accepted, in bytes, not counting the line ending. */
    static final int MAX_LINE = 4096;
    private static final int BUFFER = 1 << 16;

    /** Hex digit values, -1 for bytes that are not hex digits. */
    static final byte[] HEX = new byte[256];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
            HEX['A' + i] = (byte) (10 + i);
        }
    }

    final String source;
    private final InputStream in;
    /** Unread input is {@code buf[pos, limit)}; {@code buf[limit] == '\n'}. */
    final byte[] buf = new byte[BUFFER + 1];
    int pos;
    int limit;
    boolean eof;
    /** The number of the line being parsed (1-based), or of the last one parsed. */
    long line;
    /** Where the line being parsed starts. */
    int lineStart;
    /** The value found by the last {@link #parseHex} or {@link #parseDecimal}. */
    long number;
    private TraceFormatException failure;
    private boolean closed;

    TextReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
        buf[0] = '\n';
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
        if (max == 0) {
            return 0;
        }
        int n = fill(values, kinds, max);
        if (n == 0) {
            if (failure != null) {
                throw failure;
            }
            return -1;
        }
        return n;
    }

    /**
     * Reads up to {@code max} references and returns how many, 0 only at the end of the trace. A format
     * error is passed to {@link #fail} and ends the batch early, so the references before it are returned.
     */
    abstract int fill(long[] values, byte[] kinds, int max) throws IOException;

    /** Records the error that ends this trace; it is thrown once the references before it are returned. */
    final void fail(TraceFormatException e) {
        failure = e;
    }

    /**
     * Starts the next line: makes sure it is wholly in the buffer and sets {@link #lineStart}.
     *
     * @return whether there is a line; {@code false} at the end of the input
     */
    final boolean startLine() throws IOException {
        if (limit - pos <= MAX_LINE + 2 && !eof) {
            refill();
        }
        if (pos >= limit) {
            return false;
        }
        line++;
        lineStart = pos;
        return true;
    }

    private void refill() throws IOException {
        int rest = limit - pos;
        System.arraycopy(buf, pos, buf, 0, rest);
        pos = 0;
        limit = rest;
        try {
            while (limit < BUFFER) {
                int got = in.read(buf, limit, BUFFER - limit);
                if (got < 0) {
                    eof = true;
                    break;
                }
                limit += got;
            }
        } catch (ZipException | EOFException e) {
            throw new TraceFormatException(source, line + 1, "the compressed data is corrupt or truncated ("
                    + e.getMessage() + ")");
        } finally {
            buf[limit] = '\n';
        }
    }

    /**
     * Ends the line at {@code p}: skips spaces and tabs, then a {@code #} comment if {@code comments},
     * then expects the line ending ({@code \n}, {@code \r\n} or the end of the input) and moves past it.
     *
     * @param after what came before {@code p}, for the message, e.g. {@code the address}
     */
    final void endLine(int p, boolean comments, String after) throws TraceFormatException {
        byte[] b = buf;
        while (b[p] == ' ' || b[p] == '\t') {
            p++;
        }
        if (b[p] == '#' && comments) {
            while (b[p] != '\n') {
                p++;
            }
        } else if (b[p] == '\r' && b[p + 1] == '\n') {
            p++;
        }
        if (b[p] != '\n') {
            throw error(p, "unexpected " + found(p) + " after " + after);
        }
        nextLine(p);
    }

    /** Skips the rest of the line from {@code p}, whatever it holds. */
    final void skipLine(int p) throws TraceFormatException {
        byte[] b = buf;
        while (b[p] != '\n') {
            p++;
        }
        nextLine(p);
    }

    /** Moves past the line ending at {@code nl} ({@code '\n'} or the sentinel), checking the line's length. */
    private void nextLine(int nl) throws TraceFormatException {
        if (nl >= limit && !eof) {
            throw longLine();
        }
        int end = nl > lineStart && buf[nl - 1] == '\r' ? nl - 1 : nl;
        if (end - lineStart > MAX_LINE) {
            throw longLine();
        }
        pos = nl < limit ? nl + 1 : limit;
    }

    private TraceFormatException longLine() {
        return new TraceFormatException(source, line, "line is longer than " + MAX_LINE + " bytes");
    }

    /** Index of the first byte at or after {@code p} that is not a space or tab. */
    final int skipBlanks(int p) {
        byte[] b = buf;
        while (b[p] == ' ' || b[p] == '\t') {
            p++;
        }
        return p;
    }

    static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    /** Whether the line is over at {@code p} (line ending, possibly after {@code \r}). */
    final boolean isLineEnd(int p) {
        return buf[p] == '\n' || (buf[p] == '\r' && buf[p + 1] == '\n');
    }

    /**
     * Parses hex digits from {@code p} into {@link #number} as an unsigned 64-bit value.
     *
     * @param token where the number starts, with its {@code 0x} if any, for the message
     * @return the index past the last digit, equal to {@code p} if there is none
     * @throws TraceFormatException if the value exceeds {@code 2^64 - 1}
     */
    final int parseHex(int p, int token, String what) throws TraceFormatException {
        byte[] b = buf;
        long v = 0;
        int d;
        while ((d = HEX[b[p] & 0xFF]) >= 0) {
            if ((v >>> 60) != 0) {
                throw error(p, what + " " + token(token) + " is larger than 2^64-1");
            }
            v = (v << 4) | d;
            p++;
        }
        number = v;
        return p;
    }

    /**
     * Parses decimal digits from {@code p} into {@link #number}, at most {@code 2^63 - 1}.
     *
     * @return the index past the last digit, equal to {@code p} if there is none
     */
    final int parseDecimal(int p, String what) throws TraceFormatException {
        byte[] b = buf;
        int start = p;
        long v = 0;
        int d;
        while ((d = b[p] - '0') >= 0 && d <= 9) {
            if (v >= 922_337_203_685_477_580L && (v > 922_337_203_685_477_580L || d > 7)) {
                throw error(start, what + " " + token(start) + " is larger than 2^63-1");
            }
            v = v * 10 + d;
            p++;
        }
        number = v;
        return p;
    }

    /** An error in the current line at {@code p}; past the length cap, the error is that the line is too long. */
    final TraceFormatException error(int p, String problem) {
        if (p - lineStart > MAX_LINE) {
            return longLine();
        }
        return new TraceFormatException(source, line, problem);
    }

    /** The byte at {@code p} for a message: {@code 'Q'}, {@code a tab}, {@code the end of the line}, {@code byte 0x00}. */
    final String found(int p) {
        if (isLineEnd(p)) {
            return "the end of the line";
        }
        return describe(buf[p]);
    }

    static String describe(byte c) {
        if (c == ' ') {
            return "a space";
        }
        if (c == '\t') {
            return "a tab";
        }
        if (c == '\r') {
            return "a carriage return";
        }
        if (c == '\'') {
            return "\"'\"";
        }
        if (c > ' ' && c < 127) {
            return "'" + (char) c + "'";
        }
        return String.format("byte 0x%02X", c & 0xFF);
    }

    /** The word starting at {@code p} (up to a blank or the line ending), quoted and shortened, for messages. */
    final String token(int p) {
        StringBuilder sb = new StringBuilder();
        byte[] b = buf;
        while (b[p] != '\n' && b[p] != '\r' && !isBlank(b[p]) && b[p] != '#' && b[p] != ',') {
            if (sb.length() == 40) {
                sb.append("...");
                break;
            }
            int c = b[p] & 0xFF;
            sb.append(c >= ' ' && c < 127 ? (char) c : '?');
            p++;
        }
        return "'" + sb + "'";
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            in.close();
        }
    }
}
