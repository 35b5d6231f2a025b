package dev.pagelab.trace;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@link TraceFormat#RWX}: {@code R}, {@code W} or {@code X} (either case), blanks, then a byte address
 * that is always hexadecimal, with or without {@code 0x}, at most {@code 2^64-1}.
 */
final class RwxReader extends TextReader {

    RwxReader(InputStream in, String source) {
        super(in, source, false);
    }

    /** The kind of each first byte for the quick path: R, W, X in either case; -1 for the rest. */
    private static final byte[] KIND_OF = new byte[256];

    static {
        java.util.Arrays.fill(KIND_OF, (byte) -1);
        KIND_OF['R'] = READ;
        KIND_OF['r'] = READ;
        KIND_OF['W'] = WRITE;
        KIND_OF['w'] = WRITE;
        KIND_OF['X'] = EXECUTE;
        KIND_OF['x'] = EXECUTE;
    }

    @Override
    int lines(long[] values, byte[] kinds, int max) throws IOException {
        byte[] b = buf;
        int n = 0;
        while (n < max && startLine()) {
            int p = pos;
            byte c = b[p];
            // The common line, "R 0x7ff612340000\n" (a letter, one space, up to 15 hex digits), quickly;
            // anything else, and every error, the general way below.
            byte quick = KIND_OF[c & 0xFF];
            if (quick >= 0 && b[p + 1] == ' ') {
                int q = p + 2;
                if (b[q] == '0' && b[q + 1] == 'x') {
                    q += 2;
                }
                int end = quickHex(q);
                if (end > 0 && quickEnd(end)) {
                    n = accept(values, kinds, n, quick, end);
                    continue;
                }
            }
            n = otherLine(values, kinds, n, max);
        }
        return n;
    }

    @Override
    int general(long[] values, byte[] kinds, int n, int max) throws TraceFormatException {
        byte[] b = buf;
        int p = skipBlanks(pos);
        byte c = b[p];
        byte kind;
        switch (c) {
            case 'R':
            case 'r':
                kind = READ;
                break;
            case 'W':
            case 'w':
                kind = WRITE;
                break;
            case 'X':
            case 'x':
                kind = EXECUTE;
                break;
            case '\n':
            case '\r':
            case '#':
                endLine(p, true, "a blank line");
                return n;
            default:
                throw error(p, "expected R, W or X before the address, found " + found(p));
        }
        if (isLineEnd(p + 1)) {
            throw error(p + 1, "expected an address after '" + (char) c + "', found the end of the line");
        }
        int q = addressStart(p, c);
        int end = parseAddress(q, c);
        endValue(end, q, "the address", " (addresses are hexadecimal)");
        return put(values, kinds, n, kind);
    }
}
