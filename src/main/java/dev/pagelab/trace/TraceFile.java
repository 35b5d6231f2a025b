package dev.pagelab.trace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A trace in a file, in one of the {@link TraceFormat}s, possibly gzip-compressed. Each {@link #open()}
 * streams the file from the start with a fixed-size buffer, so a file of any length can be replayed.
 * Immutable; made by {@link Traces#open(Path)}.
 */
public final class TraceFile implements Trace {
    /**
     * What opening the file found out, and how a reader reads it.
     *
     * @param source what messages and descriptions call the trace: the path, or what the trace was copied from
     * @param references the count the file states, or -1
     * @param splitPageSize for lackey records: the page size accesses are split at, or 0
     */
    record Facts(Path path, String source, TraceFormat format, boolean gzip, boolean pageNumbers, long references,
            int splitPageSize) {
        /** The same file, its accesses split at pages of {@code pageSize} bytes. */
        Facts splitAt(int pageSize) {
            return new Facts(path, source, format, gzip, pageNumbers, references, pageSize);
        }
    }

    private final Facts facts;

    TraceFile(Facts facts) {
        this.facts = facts;
    }

    public Path path() {
        return facts.path();
    }

    public TraceFormat format() {
        return facts.format();
    }

    /** Whether the file is gzip-compressed (told by its first bytes, not its name). */
    public boolean compressed() {
        return facts.gzip();
    }

    /**
     * The number of references, when the file states it without being read through: an uncompressed binary
     * trace, whose end record holds the count (checked again when the file is read). Otherwise empty.
     */
    public OptionalLong references() {
        long stated = facts.references();
        return stated < 0 ? OptionalLong.empty() : OptionalLong.of(stated);
    }

    /**
     * For a valgrind lackey trace: the same file, read so that an access whose bytes cross a boundary of
     * pages of {@code pageSize} bytes yields one reference per page it touches (its start address, then the
     * first address of each further page). Without this each lackey record yields its start address only.
     *
     * @throws IllegalArgumentException if this is not a lackey trace or the size is not a power of two
     */
    public TraceFile splitAccessesAt(int pageSize) {
        if (facts.format() != TraceFormat.LACKEY) {
            throw new IllegalArgumentException("only lackey records carry access sizes; " + facts.source() + " is a "
                    + facts.format().label());
        }
        if (pageSize <= 0 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size " + pageSize + " is not a power of two");
        }
        return new TraceFile(facts.splitAt(pageSize));
    }

    /**
     * A reader from the start of the file. For a file of {@value #READ_AHEAD_BYTES} bytes or more, on a machine with
     * more than one processor, the reader decodes ahead on a thread of its own (same references, same errors), so
     * that decoding overlaps the replay; close it to stop that thread.
     */
    @Override
    public ReferenceReader open() throws IOException {
        return open(null);
    }

    /**
     * The same trace, adding to {@code bytesRead} the bytes its readers take from the file (compressed bytes for a
     * gzip file), so that a long pass can report how far it has come against {@link #size()}. Readers opened at
     * the same time add to the same counter.
     */
    public Trace metered(LongAdder bytesRead) {
        Objects.requireNonNull(bytesRead, "bytesRead");
        return new Trace() {
            @Override
            public ReferenceReader open() throws IOException {
                return TraceFile.this.open(bytesRead);
            }

            @Override
            public boolean pageNumbers() {
                return facts.pageNumbers();
            }

            @Override
            public String describe() {
                return TraceFile.this.describe();
            }

            @Override
            public String toString() {
                return describe();
            }
        };
    }

    /** The size of the file in bytes, as stored (compressed for a gzip file). */
    public long size() throws IOException {
        return Files.size(facts.path());
    }

    private ReferenceReader open(LongAdder bytesRead) throws IOException {
        Facts f = facts;
        InputStream in = Files.newInputStream(f.path());
        if (bytesRead != null) {
            in = new CountingStream(in, bytesRead);
        }
        ReferenceReader reader;
        try {
            if (f.gzip()) {
                in = Traces.gunzip(in, f.source());
            }
            reader = Traces.reader(in, f.source(), f.format(), f.splitPageSize());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        if (Runtime.getRuntime().availableProcessors() > 1 && Files.size(f.path()) >= READ_AHEAD_BYTES) {
            return new ReadAheadReader(reader, f.source());
        }
        return reader;
    }

    /** Adds the bytes read through it to a counter. */
    private static final class CountingStream extends FilterInputStream {
        private final LongAdder count;

        CountingStream(InputStream in, LongAdder count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count.add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count.add(skipped);
            return skipped;
        }
    }

    /** Files from this size on are read ahead. */
    static final long READ_AHEAD_BYTES = 1 << 20;

    @Override
    public boolean pageNumbers() {
        return facts.pageNumbers();
    }

    /** For example {@code valgrind lackey trace prog.lackey} or {@code binary trace zipf.trace, 10000000 references}. */
    @Override
    public String describe() {
        String source = facts.source();
        long references = facts.references();
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf(java.io.File.separatorChar));
        String name = slash >= 0 && slash < source.length() - 1 ? source.substring(slash + 1) : source;
        String s = facts.format().label() + " " + name;
        if (references >= 0) {
            s += ", " + references + (references == 1 ? " reference" : " references");
        }
        if (facts.splitPageSize() > 0) {
            s += ", accesses split at " + facts.splitPageSize() + "-byte pages";
        }
        return s;
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TraceFile)) {
            return false;
        }
        Facts other = ((TraceFile) o).facts;
        return other.path().equals(facts.path()) && other.format() == facts.format()
                && other.splitPageSize() == facts.splitPageSize();
    }

    @Override
    public int hashCode() {
        return Objects.hash(facts.path(), facts.format(), facts.splitPageSize());
    }
}
