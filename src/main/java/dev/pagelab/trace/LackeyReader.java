package dev.pagelab.trace;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@link TraceFormat#LACKEY}, the output of {@code valgrind --tool=lackey --trace-mem=yes}:
 * {@code I  ADDR,SIZE} (an instruction fetch, {@link #EXECUTE}), {@code  L} ({@link #READ}), {@code  S}
 * ({@link #WRITE}) and {@code  M} (a read then a write of the same bytes: two references). Addresses are hex,
 * sizes decimal. Valgrind's own lines, which start with {@code ==}, {@code --} or {@code **}, are skipped, as
 * are blank lines.
 *
 * <p>Without a page size each record yields its start address only. With one, an access whose bytes
 * {@code [addr, addr+size)} cross page boundaries also yields the first address of every further page it
 * touches, in order; an {@code M} record reads all its pages, then writes them.
 */
final class LackeyReader extends TextReader {
    /** The largest access size accepted (1 MiB); valgrind reports a few bytes, rarely more than 64. */
    static final long MAX_SIZE = 1 << 20;

    private final int pageShift;

    /** The kind of the byte after a leading space for the quick path: L a read, S a write; -1 for the rest. */
    private static final byte[] LOAD_STORE = new byte[256];

    static {
        java.util.Arrays.fill(LOAD_STORE, (byte) -1);
        LOAD_STORE['L'] = READ;
        LOAD_STORE['S'] = WRITE;
    }

    /* An access not yet fully returned: next address to return, its last byte, its kind, and for M the write still to come. */
    private boolean pending;
    private long pendingNext;
    private long pendingStart;
    private long pendingLast;
    private byte pendingKind;
    private boolean pendingWrite;

    /**
     * @param pageSize 0 for start addresses only, or a power of two: split accesses that cross its pages
     */
    LackeyReader(InputStream in, String source, int pageSize) {
        super(in, source, false);
        if (pageSize != 0 && (pageSize < 0 || Integer.bitCount(pageSize) != 1)) {
            throw new IllegalArgumentException("page size " + pageSize + " is not a power of two");
        }
        this.pageShift = pageSize == 0 ? 64 : Integer.numberOfTrailingZeros(pageSize); // 64: never split
    }

    @Override
    int lines(long[] values, byte[] kinds, int max) throws IOException {
        byte[] b = buf;
        int n = pending ? drain(values, kinds, 0, max) : 0;
        while (n < max && startLine()) {
            int p = pos;
            byte c = b[p];
            // The common records, " L 0402b8a0,4", " S ...,8" and "I  0401ab70,3", quickly when they touch one
            // page; M records, accesses that cross pages, anything else and every error the general way.
            byte quick = c == ' ' ? LOAD_STORE[b[p + 1] & 0xFF] : c == 'I' && b[p + 1] == ' ' ? EXECUTE : -1;
            if (quick >= 0 && b[p + 2] == ' ') {
                int end = quickHex(p + 3);
                if (end > 0 && b[end] == ',') {
                    long address = number;
                    int sizeEnd = quickDecimal(end + 1);
                    if (sizeEnd > 0 && quickEnd(sizeEnd) && number <= MAX_SIZE
                            && (pageShift == 64 || number <= 1
                                    || ((address + number - 1) >>> pageShift) == (address >>> pageShift))) {
                        values[n] = address;
                        kinds[n] = quick;
                        n++;
                        pos = sizeEnd + 1;
                        continue;
                    }
                }
            }
            n = otherLine(values, kinds, n, max);
        }
        return n;
    }

    @Override
    int general(long[] values, byte[] kinds, int n, int max) throws TraceFormatException {
        byte[] b = buf;
        int p = pos;
        byte c = b[p];
        if ((c == '=' || c == '-' || c == '*') && b[p + 1] == c) {
            skipLine(p);
            return n;
        }
        p = skipBlanks(p);
        c = b[p];
        byte kind;
        boolean modify = false;
        switch (c) {
            case 'I':
                kind = EXECUTE;
                break;
            case 'L':
                kind = READ;
                break;
            case 'S':
                kind = WRITE;
                break;
            case 'M':
                kind = READ;
                modify = true;
                break;
            case '\n':
            case '\r':
                endLine(p, false, "a blank line");
                return n;
            default:
                throw error(p, "expected I, L, S or M (a valgrind lackey record), found " + found(p));
        }
        int q = addressStart(p, c);
        int end = parseAddress(q, c);
        long address = number;
        if (b[end] != ',') {
            throw error(end, "expected ',' and the access size after the address " + token(q) + ", found "
                    + found(end));
        }
        int sizeAt = end + 1;
        end = parseDecimal(sizeAt, "access size");
        if (end == sizeAt) {
            throw error(end, "expected the access size (decimal) after ',', found " + found(end));
        }
        long size = number;
        if (size > MAX_SIZE) {
            throw error(sizeAt, "access size " + size + " is larger than " + MAX_SIZE);
        }
        endLine(end, false, "the access size");
        long last = address;
        if (pageShift < 64 && size > 1) {
            last = address + (size - 1);
            if (Long.compareUnsigned(last, address) < 0) {
                last = -1L; // the access runs past 2^64-1: up to the last page
            }
        }
        if (!modify && (last >>> pageShift) == (address >>> pageShift)) {
            values[n] = address;
            kinds[n] = kind;
            return n + 1;
        }
        pending = true;
        pendingNext = address;
        pendingStart = address;
        pendingLast = last;
        pendingKind = kind;
        pendingWrite = modify;
        return drain(values, kinds, n, max);
    }

    /** Returns references of the pending access into the batch from {@code n}; returns the new count. */
    private int drain(long[] values, byte[] kinds, int n, int max) {
        while (n < max) {
            long address = pendingNext;
            values[n] = address;
            kinds[n] = pendingKind;
            n++;
            if ((address >>> pageShift) != (pendingLast >>> pageShift)) {
                pendingNext = ((address >>> pageShift) + 1) << pageShift;
            } else if (pendingWrite) {
                pendingWrite = false;
                pendingKind = WRITE;
                pendingNext = pendingStart;
            } else {
                pending = false;
                break;
            }
        }
        return n;
    }
}
