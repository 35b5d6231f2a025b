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
abstract class TextReader extends BatchReader {
    /** The longest line accepted, in bytes, not counting the line ending. */
    static final int MAX_LINE = 4096;

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

    /** The number of the line being parsed (1-based), or of the last one parsed. */
    long line;
    /** Where the line being parsed starts. */
    int lineStart;
    /** The value found by the last {@link #parseHex} or {@link #parseDecimal}. */
    long number;
    private final boolean pageNumbers;

    TextReader(InputStream in, String source, boolean pageNumbers) {
        super(in, source, 1 + 16); // buf[limit] is always a '\n' sentinel; the quick paths read 8 bytes at a time
        this.pageNumbers = pageNumbers;
        buf[0] = '\n';
    }

    @Override
    public final boolean pageNumbers() {
        return pageNumbers;
    }

    @Override
    final int fill(long[] values, byte[] kinds, int max) throws IOException {
        if (max == 0) {
            return 0;
        }
        int n = lines(values, kinds, max);
        return n == 0 ? -1 : n;
    }

    /**
     * Reads up to {@code max} references, line after line while {@link #startLine()} finds one, and returns how
     * many. A format error is held back by {@link #otherLine} or {@link #startLine()}, which then finds no more
     * lines, so the batch ends early and the references before the error are returned first.
     *
     * <p>Each format keeps this loop, with its quick path for the common line, in a method of its own, and hands
     * every other line to {@link #otherLine}. A shared loop calling a per-line method was tried: the JIT would not
     * inline that method once its quick path was compiled, and a lackey trace decoded at half the speed.
     */
    abstract int lines(long[] values, byte[] kinds, int max) throws IOException;

    /**
     * Parses the line at {@link #pos} the general way, with every check: what the quick path leaves. Puts what it
     * yields into the batch from {@code n} (up to {@code max}), moves past the line and returns the new count.
     */
    abstract int general(long[] values, byte[] kinds, int n, int max) throws TraceFormatException;

    /** Parses the line at {@link #pos} by {@link #general}; a format error is held back and ends the input. */
    final int otherLine(long[] values, byte[] kinds, int n, int max) {
        try {
            return general(values, kinds, n, max);
        } catch (TraceFormatException e) {
            stop(e);
            return n;
        }
    }

    /** Holds {@code e} back, to be thrown once the references before it are returned, and reads no further. */
    private void stop(TraceFormatException e) {
        failure = e;
        pos = limit;
        eof = true;
    }

    /**
     * Starts the next line: makes sure it is wholly in the buffer and sets {@link #lineStart}.
     *
     * @return whether there is a line; {@code false} at the end of the input, or after a format error
     */
    final boolean startLine() throws IOException {
        if (limit - pos <= MAX_LINE + 2 && !eof) {
            try {
                refill();
            } catch (TraceFormatException e) {
                stop(e);
            }
        }
        if (pos >= limit) {
            return false;
        }
        line++;
        lineStart = pos;
        return true;
    }

    private void refill() throws IOException {
        try {
            refillBuffer();
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

    /**
     * Ends a line whose value ends at {@code end}: a blank, a comment or the line ending must follow.
     *
     * @param what the value, for messages, e.g. {@code the address}
     * @param token where the value starts, for the message
     * @param note appended to the message about an unexpected byte, or {@code ""}
     */
    final void endValue(int end, int token, String what, String note) throws TraceFormatException {
        byte after = buf[end];
        if (after != '\n' && after != ' ' && after != '\t' && after != '#' && after != '\r') {
            throw error(end, "unexpected " + found(end) + " in " + what + " " + token(token) + note);
        }
        endLine(end, true, what);
    }

    /** Where the address starts after the record letter {@code letter} at {@code p} and the blanks after it. */
    final int addressStart(int p, byte letter) throws TraceFormatException {
        int q = p + 1;
        if (!isBlank(buf[q])) {
            throw error(q, "expected a blank between '" + (char) letter + "' and the address, found " + found(q));
        }
        return skipBlanks(q);
    }

    /**
     * Parses the hexadecimal address at {@code q}, with or without {@code 0x}, that follows the record letter
     * {@code letter}; returns the index past its digits, the value in {@link #number}.
     */
    final int parseAddress(int q, byte letter) throws TraceFormatException {
        byte[] b = buf;
        int digits = q;
        if (b[q] == '0' && (b[q + 1] | 0x20) == 'x') {
            digits = q + 2;
        }
        int end = parseHex(digits, q, "address");
        if (end == digits) {
            throw error(end, "expected a hexadecimal address after '" + (char) letter + "', found " + found(end));
        }
        return end;
    }

    /** Takes a line a quick path has read, ending at {@code end}: puts its value as {@link #put} does. */
    final int accept(long[] values, byte[] kinds, int n, byte kind, int end) {
        pos = end + 1;
        return put(values, kinds, n, kind);
    }

    /** Puts {@link #number} of kind {@code kind} at {@code n} and returns the new count. */
    final int put(long[] values, byte[] kinds, int n, byte kind) {
        values[n] = number;
        kinds[n] = kind;
        return n + 1;
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
     * The quick paths' hex parser: 1 to 15 hex digits from {@code p} into {@link #number} (so no overflow is
     * possible); returns the index past them, or -1 when there are none or more (the general path then reads
     * the line, and reports what is wrong with it).
     */
    final int quickHex(int p) {
        byte[] b = buf;
        long v = 0;
        int q = p;
        int d;
        while ((d = HEX[b[q] & 0xFF]) >= 0) {
            v = (v << 4) | d;
            q++;
            if (q - p > 15) {
                return -1;
            }
        }
        if (q == p) {
            return -1;
        }
        number = v;
        return q;
    }

    /**
     * The quick paths' decimal parser: 1 to 15 digits from {@code p} into {@link #number}, or -1 as {@link #quickHex}.
     * Eight bytes at a time: the digits' count from where the first non-digit byte is, their value by a few
     * multiplications over the whole word (no loop over digits, no branch per digit).
     */
    final int quickDecimal(int p) {
        byte[] b = buf;
        long t = (long) LONGS.get(b, p) ^ 0x3030_3030_3030_3030L;
        int k = digitCount(t);
        if (k == 0) {
            return -1;
        }
        long v = eightDigits(t << ((8 - k) << 3));
        int q = p + k;
        if (k == 8) {
            long t2 = (long) LONGS.get(b, q) ^ 0x3030_3030_3030_3030L;
            int k2 = digitCount(t2);
            if (k2 == 8) {
                return -1;
            }
            if (k2 > 0) {
                v = v * POWERS_OF_TEN[k2] + eightDigits(t2 << ((8 - k2) << 3));
                q += k2;
            }
        }
        number = v;
        return q;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    /**
     * How many of the eight bytes of {@code t} (the input xor '0' in every byte, first byte lowest) are digits
     * before the first that is not. A byte is a digit when it is now 0..9: adding 0x76 sets its top bit from 10
     * on, and a byte whose top bit was set already is no digit either; carries only reach later bytes.
     */
    private static int digitCount(long t) {
        long nonDigit = ((t + 0x7676_7676_7676_7676L) | t) & 0x8080_8080_8080_8080L;
        return Long.numberOfTrailingZeros(nonDigit) >>> 3;
    }

    /** The value of eight digit bytes (0..9, the first the most significant, lowest in the word). */
    private static long eightDigits(long d) {
        d = d * 10 + (d >>> 8);
        return (((d & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32)))
                + (((d >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32)))) >>> 32;
    }

    /** Whether a quick path may take the line ending at {@code end}: a plain {@code '\n'} within the data. */
    final boolean quickEnd(int end) {
        return buf[end] == '\n' && end < limit;
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
}
