package dev.pagelab.replay;

import dev.pagelab.engine.HostMemory;
import dev.pagelab.internal.PageIds;
import dev.pagelab.policy.Opt;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The next uses of a trace in a memory-mapped scratch file rather than on the heap, so that OPT replays a file
 * trace of any length in a small heap: the heap holds one int per distinct page, the file four bytes per reference.
 * A pass counts the references; a forward pass writes each reference's dense page id into the file; a backward
 * pass replaces each id by the index of the next reference to the same page ({@link Opt#NEVER} for none).
 *
 * <p>The file is a temporary file, deleted as soon as it is mapped where the system allows it (the mapping stays
 * valid and the space is freed with it), else on {@link #close}, and in any case when making it fails or is
 * interrupted.
 */
final class NextUseFile implements AutoCloseable {
    private static final int SEGMENT = 1 << Opt.SEGMENT_SHIFT;
    private static final int MASK = SEGMENT - 1;

    private final Path file;
    private final IntBuffer[] segments;
    private final long length;

    private NextUseFile(Path file, IntBuffer[] segments, long length) {
        this.file = file;
        this.segments = segments;
        this.length = length;
    }

    /** The next uses of the trace of {@code replay}, in a fresh scratch file. */
    static NextUseFile write(Replay replay) throws IOException {
        long[] counted = Curves.countPages(replay.silent());
        long references = counted[0];
        int pages = (int) counted[1];
        if (references > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("OPT replays at most " + (Integer.MAX_VALUE - 16) + " references; "
                    + replay.trace().describe() + " has " + references);
        }
        HostMemory.require(4L * pages, "OPT on " + replay.trace().describe() + ": the next use of " + pages
                + " pages");
        Path file = Files.createTempFile("pagelab-opt-", ".next");
        try {
            IntBuffer[] segments = map(file, references);
            tryDelete(file); // POSIX keeps the mapping; where a mapped file cannot go, close() deletes it
            NextUseFile future = new NextUseFile(file, segments, references);
            future.fill(replay, pages);
            return future;
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(file, e);
            throw e;
        }
    }

    private static IntBuffer[] map(Path file, long references) throws IOException {
        IntBuffer[] segments = new IntBuffer[(int) ((references + MASK) >>> Opt.SEGMENT_SHIFT)];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int s = 0; s < segments.length; s++) {
                long first = (long) s << Opt.SEGMENT_SHIFT;
                long ints = Math.min(SEGMENT, references - first);
                segments[s] = channel.map(FileChannel.MapMode.READ_WRITE, 4 * first, 4 * ints)
                        .order(ByteOrder.nativeOrder()).asIntBuffer();
            }
        }
        return segments;
    }

    private void fill(Replay replay, int pages) throws IOException {
        PageIds ids = new PageIds();
        int shift = replay.valueShift();
        long count = replay.eachBatch("next-use pass", (values, got, before) -> {
            if (before + got > length) {
                throw new IllegalStateException(replay.trace().describe() + " grew between two readings");
            }
            long at = before;
            for (int i = 0; i < got; i++, at++) {
                segments[(int) (at >>> Opt.SEGMENT_SHIFT)].put((int) (at & MASK), ids.idOf(values[i] >>> shift));
            }
        });
        if (count != length || ids.size() != pages) {
            throw new IllegalStateException(replay.trace().describe() + " changed between two readings");
        }
        int[] upcoming = new int[pages];
        Arrays.fill(upcoming, Opt.NEVER);
        for (long i = length - 1; i >= 0; i--) {
            if ((i & (Replay.BATCH - 1)) == 0) {
                replay.checkInterrupt("next-use pass", length - i);
            }
            IntBuffer segment = segments[(int) (i >>> Opt.SEGMENT_SHIFT)];
            int at = (int) (i & MASK);
            int id = segment.get(at);
            segment.put(at, upcoming[id]);
            upcoming[id] = (int) i;
        }
    }

    /** A fresh OPT policy reading these next uses. */
    Opt policy() {
        return new Opt(segments, length);
    }

    long length() {
        return length;
    }

    /** The next use of reference {@code i}. */
    int nextUse(long i) {
        return segments[(int) (i >>> Opt.SEGMENT_SHIFT)].get((int) (i & MASK));
    }

    @Override
    public void close() {
        if (!tryDelete(file)) {
            file.toFile().deleteOnExit(); // still mapped, on a system that keeps mapped files
        }
    }

    private static void deleteQuietly(Path file, Throwable cause) {
        if (!tryDelete(file)) {
            cause.addSuppressed(new IOException("could not delete the scratch file " + file));
            file.toFile().deleteOnExit();
        }
    }

    /** Deletes {@code file} if it is there; false if it is there and cannot be deleted now. */
    private static boolean tryDelete(Path file) {
        try {
            Files.deleteIfExists(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
