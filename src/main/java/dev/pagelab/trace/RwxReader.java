package dev.pagelab.trace;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@link TraceFormat#RWX}: {@code R}, {@code W} or {@code X} (either case), blanks, then a byte address
 * that is always hexadecimal, with or without {@code 0x}, at most {@code 2^64-1}.
 */
final class RwxReader extends TextReader {

    RwxReader(InputStream in, String source) {
        super(in, source);
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
    public boolean pageNumbers() {
        return false;
    }

    @Override
    int fill(long[] values, byte[] kinds, int max) throws IOException {
        int n = 0;
        byte[] b = buf;
        try {
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
                        values[n] = number;
                        kinds[n] = quick;
                        n++;
                        pos = end + 1;
                        continue;
                    }
                }
                if (c == ' ' || c == '\t') {
                    p = skipBlanks(p);
                    c = b[p];
                }
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
                        continue;
                    default:
                        throw error(p, "expected R, W or X before the address, found " + found(p));
                }
                int q = p + 1;
                if (!isBlank(b[q])) {
                    if (isLineEnd(q)) {
                        throw error(q, "expected an address after '" + (char) c + "', found the end of the line");
                    }
                    throw error(q, "expected a blank between '" + (char) c + "' and the address, found "
                            + found(q));
                }
                q = skipBlanks(q);
                int digits = q;
                if (b[q] == '0' && (b[q + 1] | 0x20) == 'x') {
                    digits = q + 2;
                }
                int end = parseHex(digits, q, "address");
                if (end == digits) {
                    throw error(end, "expected a hexadecimal address after '" + (char) c + "', found "
                            + found(end));
                }
                byte after = b[end];
                if (after != '\n' && after != ' ' && after != '\t' && after != '#' && after != '\r') {
                    throw error(end, "unexpected " + found(end) + " in the address " + token(q)
                            + " (addresses are hexadecimal)");
                }
                endLine(end, true, "the address");
                values[n] = number;
                kinds[n] = kind;
                n++;
            }
        } catch (TraceFormatException e) {
            fail(e);
        }
        return n;
    }
}
