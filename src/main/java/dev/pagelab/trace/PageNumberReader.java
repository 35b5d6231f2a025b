package dev.pagelab.trace;

import java.io.IOException;
import java.io.InputStream;

/** Reads {@link TraceFormat#PAGES}: one page number per line, decimal or {@code 0x} hex, at most {@code 2^63-1}. */
final class PageNumberReader extends TextReader {

    PageNumberReader(InputStream in, String source) {
        super(in, source);
    }

    @Override
    public boolean pageNumbers() {
        return true;
    }

    @Override
    int fill(long[] values, byte[] kinds, int max) throws IOException {
        int n = 0;
        byte[] b = buf;
        try {
            while (n < max && startLine()) {
                int p = pos;
                byte c = b[p];
                // The common line, a decimal number of at most 18 digits (so it cannot overflow) and its '\n',
                // without the general path's checks. Anything else goes the general way below.
                if (c > '0' && c <= '9') {
                    int q = quickDecimal(p);
                    if (q > 0 && quickEnd(q)) {
                        values[n] = number;
                        kinds[n] = READ;
                        n++;
                        pos = q + 1;
                        continue;
                    }
                }
                if (c == ' ' || c == '\t') {
                    p = skipBlanks(p);
                    c = b[p];
                }
                int end;
                if (c == '0' && (b[p + 1] | 0x20) == 'x') {
                    end = parseHex(p + 2, p, "page number");
                    if (end == p + 2) {
                        throw error(end, "expected hex digits after '0x', found " + found(end));
                    }
                    if (number < 0) {
                        throw error(p, "page number " + token(p) + " is larger than 2^63-1");
                    }
                } else if (c >= '0' && c <= '9') {
                    end = parseDecimal(p, "page number");
                } else if (c == '\n' || c == '#' || c == '\r') {
                    endLine(p, true, "a blank line");
                    continue;
                } else if (c == '-') {
                    throw error(p, "a page number cannot be negative, found " + token(p));
                } else {
                    throw error(p, "expected a page number, found " + found(p));
                }
                byte after = b[end];
                if (after != '\n' && after != ' ' && after != '\t' && after != '#' && after != '\r') {
                    throw error(end, "unexpected " + found(end) + " in the page number " + token(p));
                }
                endLine(end, true, "the page number");
                values[n] = number;
                kinds[n] = READ;
                n++;
            }
        } catch (TraceFormatException e) {
            fail(e);
        }
        return n;
    }
}
