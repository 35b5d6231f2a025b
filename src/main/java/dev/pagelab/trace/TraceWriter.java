package dev.pagelab.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a trace file one reference at a time, formatting numbers straight into a byte buffer. Call
 * {@link #close()} to finish the file: the binary form is only complete with its end record.
 *
 * <pre>{@code
 * try (TraceWriter out = TraceWriter.create(Path.of("zipf.trace"), TraceFormat.BINARY, true)) {
 *     for (long page : pages) out.write(page);
 * }
 * }</pre>
 *
 * <p>{@link TraceFormat#PAGES} holds page numbers and no kinds: every reference reads back as
 * {@link ReferenceReader#READ}. {@link TraceFormat#RWX} and {@link TraceFormat#LACKEY} hold byte addresses;
 * lackey records are written with size 1. {@link TraceFormat#BINARY} holds either, with kinds.
 */
public final class TraceWriter implements Closeable {
    private static final int BUFFER = 1 << 16;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final TraceFormat format;
    private final boolean pageNumbers;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private long count;
    private long previous;
    private final CRC32 crc;
    private boolean closed;

    private TraceWriter(OutputStream out, TraceFormat format, boolean pageNumbers) throws IOException {
        Boolean holds = format.holdsPageNumbers();
        if (holds != null && holds != pageNumbers) {
            out.close();
            throw new IllegalArgumentException(pageNumbers
                    ? "a " + format.label() + " holds byte addresses, not page numbers; write page numbers as "
                        + TraceFormat.PAGES + " or " + TraceFormat.BINARY
                    : "a " + format.label() + " holds page numbers, not byte addresses; convert with "
                        + "Traces.pages(trace, pageSize) first, or write " + TraceFormat.BINARY);
        }
        this.out = out;
        this.format = format;
        this.pageNumbers = pageNumbers;
        if (format == TraceFormat.BINARY) {
            crc = new CRC32();
            System.arraycopy(BinaryReader.MAGIC, 0, buf, 0, BinaryReader.MAGIC.length);
            pos = BinaryReader.MAGIC.length;
            buf[pos++] = BinaryReader.VERSION;
            buf[pos++] = (byte) (pageNumbers ? BinaryReader.FLAG_PAGE_NUMBERS : 0);
        } else {
            crc = null;
        }
    }

    /**
     * A writer to a new file (replaced if it exists), gzip-compressed when the file name ends in {@code .gz}.
     *
     * @param pageNumbers whether the values written are page numbers (else byte addresses)
     * @throws IllegalArgumentException if the format cannot hold that kind of value
     */
    public static TraceWriter create(Path path, TraceFormat format, boolean pageNumbers) throws IOException {
        OutputStream stream = Files.newOutputStream(path);
        try {
            if (path.getFileName() != null && path.getFileName().toString().endsWith(".gz")) {
                stream = new GZIPOutputStream(stream, BUFFER);
            }
            return new TraceWriter(stream, format, pageNumbers);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** A writer to a stream, which {@link #close()} closes. */
    public static TraceWriter create(OutputStream out, TraceFormat format, boolean pageNumbers) throws IOException {
        return new TraceWriter(out, format, pageNumbers);
    }

    public TraceFormat format() {
        return format;
    }

    public boolean pageNumbers() {
        return pageNumbers;
    }

    /** How many references have been written. */
    public long count() {
        return count;
    }

    /** Writes one {@link ReferenceReader#READ} reference. */
    public void write(long value) throws IOException {
        write(value, ReferenceReader.READ);
    }

    /**
     * Writes one reference: a page number or a byte address, as {@link #pageNumbers()} says, and its kind.
     *
     * @throws IllegalArgumentException for a negative page number or an unknown kind
     */
    public void write(long value, byte kind) throws IOException {
        if (closed) {
            throw new IOException("the trace writer is closed");
        }
        if (pageNumbers && value < 0) {
            throw new IllegalArgumentException("negative page number " + value);
        }
        int code;
        switch (kind) {
            case ReferenceReader.READ:
                code = 0;
                break;
            case ReferenceReader.WRITE:
                code = 1;
                break;
            case ReferenceReader.EXECUTE:
                code = 2;
                break;
            default:
                throw new IllegalArgumentException("unknown reference kind " + kind
                        + " (READ 0, WRITE 1 or EXECUTE 8)");
        }
        if (BUFFER - pos < 32) {
            flushBuffer();
        }
        switch (format) {
            case BINARY:
                writeBinary(value, code);
                break;
            case PAGES:
                pos = decimal(value, buf, pos);
                buf[pos++] = '\n';
                break;
            case RWX:
                buf[pos++] = (byte) "RWX".charAt(code);
                buf[pos++] = ' ';
                buf[pos++] = '0';
                buf[pos++] = 'x';
                pos = hex(value, 1, buf, pos);
                buf[pos++] = '\n';
                break;
            case LACKEY:
                buf[pos++] = (byte) "  I".charAt(code);
                buf[pos++] = (byte) "LS ".charAt(code);
                buf[pos++] = ' ';
                pos = hex(value, 8, buf, pos);
                buf[pos++] = ',';
                buf[pos++] = '1';
                buf[pos++] = '\n';
                break;
            default:
                throw new AssertionError(format);
        }
        count++;
    }

    /** Writes {@code count} references from the arrays. */
    public void write(long[] values, byte[] kinds, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            write(values[i], kinds[i]);
        }
    }

    private void writeBinary(long value, int code) {
        long delta = value - previous;
        previous = value;
        long zz = (delta << 1) ^ (delta >> 63);
        int first = (int) ((zz & 0x1F) << 2) | code;
        zz >>>= 5;
        byte[] b = buf;
        int p = pos;
        if (zz == 0) {
            b[p++] = (byte) first;
        } else {
            b[p++] = (byte) (first | 0x80);
            while ((zz & ~0x7FL) != 0) {
                b[p++] = (byte) ((zz & 0x7F) | 0x80);
                zz >>>= 7;
            }
            b[p++] = (byte) zz;
        }
        pos = p;
    }

    static int decimal(long value, byte[] b, int p) {
        if (value == 0) {
            b[p] = '0';
            return p + 1;
        }
        int digits = 0;
        for (long v = value; v != 0; v /= 10) {
            digits++;
        }
        int end = p + digits;
        for (int i = end - 1; i >= p; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    /** Unsigned hex, lower case, at least {@code width} digits. */
    static int hex(long value, int width, byte[] b, int p) {
        int digits = Math.max(width, (64 - Long.numberOfLeadingZeros(value) + 3) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            b[p + i] = HEX_DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
        return p + digits;
    }

    private void flushBuffer() throws IOException {
        if (crc != null) {
            crc.update(buf, 0, pos);
        }
        out.write(buf, 0, pos);
        pos = 0;
    }

    /** Finishes the file (the binary end record with the count and CRC) and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (format == TraceFormat.BINARY) {
                if (BUFFER - pos < BinaryReader.TRAILER) {
                    flushBuffer();
                }
                buf[pos++] = BinaryReader.END;
                long c = count;
                for (int i = 0; i < 8; i++) {
                    buf[pos++] = (byte) c;
                    c >>>= 8;
                }
                crc.update(buf, 0, pos);
                long sum = crc.getValue();
                for (int i = 0; i < 4; i++) {
                    buf[pos++] = (byte) sum;
                    sum >>>= 8;
                }
                out.write(buf, 0, pos);
            } else {
                out.write(buf, 0, pos);
            }
            pos = 0;
        } finally {
            out.close();
        }
    }
}
