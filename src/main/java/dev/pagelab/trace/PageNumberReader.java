package dev.pagelab.trace;

import java.io.IOException;
import java.io.InputStream;

/** Reads {@link TraceFormat#PAGES}: one page number per line, decimal or {@code 0x} hex, at most {@code 2^63-1}. */
final class PageNumberReader extends TextReader {

    PageNumberReader(InputStream in, String source) {
        super(in, source, true);
    }

    @Override
    int lines(long[] values, byte[] kinds, int max) throws IOException {
        byte[] b = buf;
        int n = 0;
        while (n < max && startLine()) {
            int p = pos;
            byte c = b[p];
            // The common line, a decimal number of at most 18 digits (so it cannot overflow) and its '\n',
            // without the general path's checks. Anything else goes the general way below.
            if (c > '0' && c <= '9') {
                int q = quickDecimal(p);
                if (q > 0 && quickEnd(q)) {
                    n = accept(values, kinds, n, READ, q);
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
            return n;
        } else if (c == '-') {
            throw error(p, "a page number cannot be negative, found " + token(p));
        } else {
            throw error(p, "expected a page number, found " + found(p));
        }
        endValue(end, p, "the page number", "");
        return put(values, kinds, n, READ);
    }
}
