package dev.pagelab.trace;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

/**
 * Reads {@link TraceFormat#BINARY} (see {@code docs/trace-formats.md}): a 10-byte header, one record per
 * reference holding the zigzag delta from the previous value and the kind, then an end record with the
 * reference count and a CRC-32 of everything before it. Errors name the byte offset of the bad record.
 */
final class BinaryReader extends BatchReader {
    /** {@code 0x89 'P' 'L' 'T' '\r' '\n' 0x1A '\n'}: not text, and damaged by text-mode transfers. */
    static final byte[] MAGIC = {(byte) 0x89, 'P', 'L', 'T', '\r', '\n', 0x1A, '\n'};
    static final int VERSION = 1;
    static final int HEADER = MAGIC.length + 2;
    /** Header flag: the values are page numbers. */
    static final int FLAG_PAGE_NUMBERS = 1;
    /** The end record: kind code 3, payload 0. */
    static final int END = 0x03;
    /** The end record, count and CRC. */
    static final int TRAILER = 1 + 8 + 4;
    /** The longest reference record: 5 + 8 * 7 + 3 bits. */
    static final int MAX_RECORD = 10;
    static final byte[] KINDS = {READ, WRITE, EXECUTE};

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** File offset of {@code buf[0]}. */
    private long base;
    private final CRC32 crc = new CRC32();
    /** Bytes before {@code buf[crcFrom]} are in {@link #crc}. */
    private int crcFrom;
    private final boolean pageNumbers;
    private long previous;
    private long count;
    private boolean finished;

    BinaryReader(InputStream in, String source) throws IOException {
        super(in, source, MAX_RECORD + TRAILER);
        refill();
        if (limit < HEADER) {
            for (int i = 0; i < limit && i < MAGIC.length; i++) {
                if (buf[i] != MAGIC[i]) {
                    throw badMagic();
                }
            }
            throw error(limit, "truncated header: the file has " + limit + " bytes, a binary trace starts with "
                    + HEADER);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf[i] != MAGIC[i]) {
                throw badMagic();
            }
        }
        int version = buf[MAGIC.length] & 0xFF;
        if (version != VERSION) {
            throw error(MAGIC.length, "unsupported binary trace version " + version + " (this reader knows version "
                    + VERSION + ")");
        }
        int flags = buf[MAGIC.length + 1] & 0xFF;
        if ((flags & ~FLAG_PAGE_NUMBERS) != 0) {
            throw error(MAGIC.length + 1, String.format("unknown header flags 0x%02X", flags));
        }
        pageNumbers = (flags & FLAG_PAGE_NUMBERS) != 0;
        pos = HEADER;
    }

    private TraceFormatException badMagic() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(limit, MAGIC.length); i++) {
            sb.append(String.format(" %02X", buf[i] & 0xFF));
        }
        return error(0, "not a PageLab binary trace: it starts with bytes" + sb + " instead of"
                + " 89 50 4C 54 0D 0A 1A 0A");
    }

    @Override
    public boolean pageNumbers() {
        return pageNumbers;
    }

    @Override
    int fill(long[] values, byte[] kinds, int max) throws IOException {
        if (finished) {
            return -1;
        }
        int n = decode(values, kinds, max);
        return n == 0 ? -1 : n;
    }

    /**
     * Decodes up to {@code max} references and returns how many, 0 only at the end. An error ends the batch
     * early and is kept in {@link #failure}, so the references before it are returned first.
     */
    private int decode(long[] values, byte[] kinds, int max) throws IOException {
        byte[] b = buf;
        long prev = previous;
        int n = 0;
        int p = pos;
        int end = -1;
        try {
            while (n < max) {
                if (limit - p < MAX_RECORD + TRAILER && !eof) {
                    pos = p;
                    refill();
                    p = pos;
                }
                if (p >= limit) {
                    throw error(p, "truncated: the file ends after " + (count + n)
                            + " references without the end record");
                }
                if (limit - p >= MAX_RECORD + TRAILER) {
                    // The common records, in a loop of their own that the compiler keeps small and tight.
                    pos = p;
                    previous = prev;
                    n = decodeShort(values, kinds, n, max);
                    p = pos;
                    prev = previous;
                    if (n == max) {
                        break;
                    }
                    if (limit - p < MAX_RECORD + TRAILER && !eof) {
                        continue;
                    }
                }
                int start = p;
                int first = b[p++];
                long zz = (first >>> 2) & 0x1F;
                if (first < 0) {
                    int shift = 5;
                    while (true) {
                        int c = b[p++];
                        if (shift == 61) {
                            if ((c & 0xFF) > 7 && p <= limit) {
                                throw error(start, "a reference record longer than 64 bits");
                            }
                            zz |= (long) c << 61;
                            break;
                        }
                        zz |= (long) (c & 0x7F) << shift;
                        if (c >= 0) {
                            break;
                        }
                        shift += 7;
                    }
                    if (p > limit) {
                        throw error(start, "truncated: the file ends inside a reference record");
                    }
                }
                int code = first & 3;
                if (code == 3) {
                    if (zz != 0) {
                        throw error(start, "unknown control record " + zz + " (version " + VERSION
                                + " knows only the end record, 0x03)");
                    }
                    end = start;
                    break;
                }
                prev += (zz >>> 1) ^ -(zz & 1);
                if (prev < 0 && pageNumbers) {
                    throw error(start, "negative page number " + prev);
                }
                values[n] = prev;
                kinds[n] = KINDS[code];
                n++;
            }
        } catch (TraceFormatException e) {
            failure = e;
        }
        count += n;
        previous = prev;
        pos = p;
        if (end >= 0 && failure == null) {
            try {
                finish(end);
            } catch (TraceFormatException e) {
                failure = e;
            }
        }
        return n;
    }

    /**
     * Decodes the common records from {@link #pos} on, into {@code values} and {@code kinds} from index {@code n}
     * up to {@code max}, while a whole record of at most 8 bytes starts more than a record and the end record before
     * the limit; returns the new count, with {@link #pos} and {@link #previous} moved past what it decoded. It stops
     * without consuming at anything else (a longer record, the end record, a negative page number), which the caller
     * decodes or reports. Each record is read as one little-endian long: its last byte is the first with the top bit
     * clear, and the payload's 7-bit groups are gathered by shifts and masks, so no branch depends on its length.
     */
    private int decodeShort(long[] values, byte[] kinds, int n, int max) {
        byte[] b = buf;
        int p = pos;
        long prev = previous;
        int safe = limit - (MAX_RECORD + TRAILER);
        boolean pages = pageNumbers;
        while (n < max && p <= safe) {
            long word = (long) LONGS.get(b, p);
            long stops = ~word & 0x8080_8080_8080_8080L;
            int code = (int) word & 3;
            if (stops == 0 || code == 3) {
                break;
            }
            int length = (Long.numberOfTrailingZeros(stops) >>> 3) + 1;
            long x = word & (-1L >>> (64 - (length << 3)));
            long zz = ((x >>> 2) & 0x1F)
                    | ((x >>> 3) & (0x7FL << 5))
                    | ((x >>> 4) & (0x7FL << 12))
                    | ((x >>> 5) & (0x7FL << 19))
                    | ((x >>> 6) & (0x7FL << 26))
                    | ((x >>> 7) & (0x7FL << 33))
                    | ((x >>> 8) & (0x7FL << 40))
                    | ((x >>> 9) & (0x7FL << 47));
            long value = prev + ((zz >>> 1) ^ -(zz & 1));
            if (value < 0 && pages) {
                break;
            }
            prev = value;
            p += length;
            values[n] = value;
            // Codes 0, 1, 2 are READ 0, WRITE 1, EXECUTE 8.
            kinds[n] = (byte) ((code | (code << 2)) & 9);
            n++;
        }
        pos = p;
        previous = prev;
        return n;
    }

    /** Checks the end record at {@code start} (already consumed up to {@link #pos}): count, CRC, end of file. */
    private void finish(int start) throws IOException {
        if (limit - pos < TRAILER - 1) {
            throw error(start, "truncated: the file ends inside the end record");
        }
        long stated = 0;
        for (int i = 7; i >= 0; i--) {
            stated = (stated << 8) | (buf[pos + i] & 0xFF);
        }
        crc.update(buf, crcFrom, pos + 8 - crcFrom);
        long sum = 0;
        for (int i = 3; i >= 0; i--) {
            sum = (sum << 8) | (buf[pos + 8 + i] & 0xFF);
        }
        if (stated != count) {
            throw error(start, "the end record says " + Long.toUnsignedString(stated) + " references, but the file has "
                    + count);
        }
        if (sum != crc.getValue()) {
            throw error(start + 9, String.format("checksum mismatch: the file says CRC-32 %08X, its bytes give %08X",
                    sum, crc.getValue()));
        }
        pos += TRAILER - 1;
        crcFrom = pos;
        if (pos == limit && !eof) {
            refill();
        }
        if (pos < limit) {
            throw error(pos, "unexpected data after the end record");
        }
        finished = true;
    }

    private void refill() throws IOException {
        crc.update(buf, crcFrom, pos - crcFrom);
        base += pos;
        crcFrom = 0;
        try {
            refillBuffer();
        } catch (ZipException | EOFException e) {
            throw error(limit, "the compressed data is corrupt or truncated (" + e.getMessage() + ")");
        }
    }

    private TraceFormatException error(int index, String problem) {
        long offset = base + index;
        return new TraceFormatException(source, offset, problem + " (byte offset " + offset + ")");
    }
}
