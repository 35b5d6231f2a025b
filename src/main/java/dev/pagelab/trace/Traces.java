package dev.pagelab.trace;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening, detecting, converting and writing trace files. The formats are described in
 * {@code docs/trace-formats.md}.
 *
 * <pre>{@code
 * TraceFile t = Traces.open(Path.of("ls.lackey"));           // format told from the first bytes
 * Traces.write(t, Path.of("ls.trace"), TraceFormat.BINARY);   // convert
 * }</pre>
 */
public final class Traces {
    /** How much of a file {@link #detect} looks at. */
    static final int HEAD = 1 << 16;

    private Traces() {}

    /**
     * Opens a trace file, telling its format from its first bytes: the binary magic, valgrind lackey output
     * ({@code ==} lines or {@code I}/{@code L}/{@code S}/{@code M} records), {@code R}/{@code W}/{@code X}
     * records or page numbers; gzip-compressed files are read transparently. The header is checked now;
     * records are checked as they are read.
     *
     * @throws TraceFormatException if the format cannot be told, or a binary header is bad
     */
    public static TraceFile open(Path path) throws IOException {
        return open(path, null);
    }

    /** Opens a trace file in the given format ({@code null}: tell it from the first bytes, as {@link #open(Path)}). */
    public static TraceFile open(Path path, TraceFormat format) throws IOException {
        return open(path, format, path.toString());
    }

    /** As {@link #open(Path, TraceFormat)}, for a copy of a trace: {@code source} names the original in messages. */
    public static TraceFile open(Path path, TraceFormat format, String source) throws IOException {
        byte[] head = new byte[HEAD];
        int len;
        try (InputStream in = Files.newInputStream(path)) {
            len = readFully(in, head, source);
        }
        boolean gzip = isGzip(head, len);
        if (format == null) {
            format = detect(head, len, source);
        }
        if (format != TraceFormat.BINARY) {
            return new TraceFile(new TraceFile.Facts(path, source, format, gzip, format.holdsPageNumbers(), -1, 0));
        }
        TraceFile probe = new TraceFile(new TraceFile.Facts(path, source, format, gzip, false, -1, 0));
        boolean pageNumbers;
        try (ReferenceReader r = probe.open()) {
            pageNumbers = r.pageNumbers();
        }
        long references = gzip ? -1 : statedCount(path);
        return new TraceFile(new TraceFile.Facts(path, source, format, gzip, pageNumbers, references, 0));
    }

    /** The format of a trace file, told from its first bytes as {@link #open(Path)} does. */
    public static TraceFormat detect(Path path) throws IOException {
        byte[] head = new byte[HEAD];
        int len;
        try (InputStream in = Files.newInputStream(path)) {
            len = readFully(in, head, path.toString());
        }
        return detect(head, len, path.toString());
    }

    /**
     * A reader over a stream holding a trace in any format, told from its first bytes (gzip included), for
     * traces that are not files. It reads the stream once; {@code source} names it in error messages.
     */
    public static ReferenceReader reader(InputStream in, String source) throws IOException {
        byte[] head = new byte[HEAD];
        int len = readFully(in, head, source);
        InputStream all = new SequenceInputStream(new ByteArrayInputStream(head, 0, len), in);
        if (isGzip(head, len)) {
            all = gunzip(all, source);
            len = readFully(all, head, source);
            if (isGzip(head, len)) {
                throw new TraceFormatException(source, 1, "a gzip file inside a gzip file");
            }
            all = new SequenceInputStream(new ByteArrayInputStream(head, 0, len), all);
        }
        return reader(all, source, detect(head, len, source), 0);
    }

    /** A reader over a stream holding a trace in the given format; {@code source} names it in error messages. */
    public static ReferenceReader reader(InputStream in, String source, TraceFormat format) throws IOException {
        return reader(in, source, format, 0);
    }

    static ReferenceReader reader(InputStream in, String source, TraceFormat format, int splitPageSize)
            throws IOException {
        switch (format) {
            case PAGES:
                return new PageNumberReader(in, source);
            case RWX:
                return new RwxReader(in, source);
            case LACKEY:
                return new LackeyReader(in, source, splitPageSize);
            case BINARY:
                return new BinaryReader(in, source);
            default:
                throw new AssertionError(format);
        }
    }

    /**
     * Writes a trace to a file in a format (gzip-compressed if the name ends in {@code .gz}), replacing the
     * file. {@link TraceFormat#PAGES} keeps no kinds; see {@link TraceWriter}.
     *
     * @return the number of references written
     * @throws IllegalArgumentException if the format cannot hold the trace's values (page numbers as
     *     {@code RWX} or lackey, byte addresses as {@code PAGES}: see {@link #pages})
     */
    public static long write(Trace trace, Path path, TraceFormat format) throws IOException {
        if (trace instanceof TraceFile && Files.exists(path) && Files.isSameFile(((TraceFile) trace).path(), path)) {
            throw new IllegalArgumentException("cannot write " + trace.describe() + " over itself");
        }
        try (TraceWriter out = TraceWriter.create(path, format, trace.pageNumbers())) {
            return copy(trace, out);
        }
    }

    /** Writes a trace to a stream in a format, and closes the stream. */
    public static long write(Trace trace, OutputStream stream, TraceFormat format) throws IOException {
        try (TraceWriter out = TraceWriter.create(stream, format, trace.pageNumbers())) {
            return copy(trace, out);
        }
    }

    private static long copy(Trace trace, TraceWriter out) throws IOException {
        long[] values = new long[4096];
        byte[] kinds = new byte[4096];
        try (ReferenceReader in = trace.open()) {
            int n;
            while ((n = in.read(values, kinds, values.length)) >= 0) {
                out.write(values, kinds, n);
            }
        }
        return out.count();
    }

    /**
     * A trace of byte addresses seen as page numbers of {@code pageSize}-byte pages ({@code address >>> log2
     * pageSize}), kinds unchanged; for example to write a lackey trace as {@link TraceFormat#PAGES}.
     *
     * @throws IllegalArgumentException if the trace already holds page numbers or the size is not a power of two
     */
    public static Trace pages(Trace addresses, int pageSize) {
        if (addresses.pageNumbers()) {
            throw new IllegalArgumentException(addresses.describe() + " already holds page numbers");
        }
        if (pageSize <= 0 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size " + pageSize + " is not a power of two");
        }
        int shift = Integer.numberOfTrailingZeros(pageSize);
        return new FilterTrace(addresses) {
            @Override
            protected void filter(long[] values, byte[] kinds, int n) {
                for (int i = 0; i < n; i++) {
                    values[i] >>>= shift;
                }
            }

            @Override
            public boolean pageNumbers() {
                return true;
            }

            @Override
            public String describe() {
                return addresses.describe() + " as " + pageSize + "-byte pages";
            }
        };
    }

    /** Refuses a batch of {@code max} references that the arrays cannot hold: every reader's check on a read. */
    static void checkBatch(long[] values, byte[] kinds, int max) {
        if (max < 0 || values.length < max || kinds.length < max) {
            throw new IllegalArgumentException("a batch of " + max + " references does not fit arrays of "
                    + values.length + " values and " + kinds.length + " kinds");
        }
    }

    // ---- detection

    static boolean isGzip(byte[] head, int len) {
        return len >= 2 && head[0] == (byte) 0x1F && head[1] == (byte) 0x8B;
    }

    /** A gzip stream over {@code in}; a damaged gzip header is a {@link TraceFormatException}. */
    static InputStream gunzip(InputStream in, String source) throws IOException {
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (ZipException | EOFException e) {
            throw new TraceFormatException(source, 1, "the compressed data is corrupt or truncated ("
                    + e.getMessage() + ")");
        }
    }

    /** Tells the format from the first {@code len} bytes of a file (decompressing them if they are gzip). */
    static TraceFormat detect(byte[] head, int len, String source) throws IOException {
        if (isGzip(head, len)) {
            byte[] plain = new byte[HEAD];
            int got = 0;
            try (InputStream gz = gunzip(new ByteArrayInputStream(head, 0, len), source)) {
                while (got < plain.length) {
                    int n = gz.read(plain, got, plain.length - got);
                    if (n < 0) {
                        break;
                    }
                    got += n;
                }
            } catch (EOFException e) {
                // the head ends inside the compressed stream: what came out of it is enough
            } catch (ZipException e) {
                throw new TraceFormatException(source, 1, "the compressed data is corrupt (" + e.getMessage() + ")");
            }
            if (isGzip(plain, got)) {
                throw new TraceFormatException(source, 1, "a gzip file inside a gzip file");
            }
            return detect(plain, got, source);
        }
        if (len > 0 && head[0] == BinaryReader.MAGIC[0]) {
            return TraceFormat.BINARY;
        }
        int p = 0;
        long line = 0;
        while (p < len) {
            line++;
            int s = p;
            while (p < len && head[p] != '\n') {
                p++;
            }
            p++;
            byte c0 = head[s];
            byte c1 = s + 1 < len ? head[s + 1] : 0;
            if ((c0 == '=' || c0 == '-' || c0 == '*') && c1 == c0) {
                return TraceFormat.LACKEY;
            }
            int q = s;
            while (q < len && (head[q] == ' ' || head[q] == '\t')) {
                q++;
            }
            if (q >= len || head[q] == '\n' || head[q] == '\r' || head[q] == '#') {
                continue;
            }
            byte c = head[q];
            boolean blankAfter = q + 1 < len && (head[q + 1] == ' ' || head[q + 1] == '\t');
            if (blankAfter && (c == 'I' || c == 'L' || c == 'S' || c == 'M')) {
                return TraceFormat.LACKEY;
            }
            if (blankAfter && "RWXrwx".indexOf(c) >= 0) {
                return TraceFormat.RWX;
            }
            if ((c >= '0' && c <= '9') || (c == '-' && q + 1 < len && head[q + 1] >= '0' && head[q + 1] <= '9')) {
                return TraceFormat.PAGES;
            }
            throw new TraceFormatException(source, line, "cannot tell the trace format: the first record starts with "
                    + TextReader.describe(c) + ", not a page number, R/W/X, a valgrind lackey record or the"
                    + " binary trace header");
        }
        return TraceFormat.PAGES;
    }

    private static int readFully(InputStream in, byte[] b, String source) throws IOException {
        int got = 0;
        try {
            while (got < b.length) {
                int n = in.read(b, got, b.length - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
        } catch (ZipException | EOFException e) {
            throw new TraceFormatException(source, 1, "the compressed data is corrupt or truncated ("
                    + e.getMessage() + ")");
        }
        return got;
    }

    /** The count in an uncompressed binary trace's end record, or -1 if it has none where expected. */
    private static long statedCount(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < BinaryReader.HEADER + BinaryReader.TRAILER) {
                return -1;
            }
            ByteBuffer tail = ByteBuffer.allocate(BinaryReader.TRAILER).order(ByteOrder.LITTLE_ENDIAN);
            while (tail.hasRemaining()) {
                if (ch.read(tail, size - BinaryReader.TRAILER + tail.position()) < 0) {
                    return -1;
                }
            }
            long count = tail.getLong(1);
            return tail.get(0) == BinaryReader.END && count >= 0 ? count : -1;
        }
    }
}
