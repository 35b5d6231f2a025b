package dev.pagelab.trace;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A reader that decodes ahead on a thread of its own: while the caller replays one batch, the next ones are read
 * and parsed from the file, so on a machine with two or more processors a replay costs what its simulation costs,
 * not that plus the decoding. The references, their order and the errors are exactly the source's: batches
 * arrive in order, and a malformed record's error comes after the references before it, as from the source.
 *
 * <p>Batches go round a fixed ring of {@value #BATCHES} arrays of {@value #BATCH} references, so reading ahead
 * allocates nothing per reference. The reading thread is a daemon that stops at the end of the trace, at an
 * error, or when the reader is closed (which waits for it, then closes the source).
 */
final class ReadAheadReader implements ReferenceReader {
    static final int BATCH = 16_384;
    static final int BATCHES = 4;

    private static final class Batch {
        final long[] values = new long[BATCH];
        final byte[] kinds = new byte[BATCH];
        int count;
        Throwable error;
    }

    private final ReferenceReader source;
    private final String name;
    private final boolean pageNumbers;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile boolean stopping;
    private Batch current;
    private int position;
    private boolean finished;
    private Throwable failure;
    private boolean closed;

    ReadAheadReader(ReferenceReader source, String name) {
        this.source = source;
        this.name = name;
        this.pageNumbers = source.pageNumbers();
        for (int i = 0; i < BATCHES; i++) {
            empty.add(new Batch());
        }
        thread = new Thread(this::readAhead, "pagelab-read-ahead " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void readAhead() {
        try {
            while (!stopping) {
                Batch b = empty.take();
                try {
                    b.count = source.read(b.values, b.kinds, BATCH);
                    b.error = null;
                } catch (IOException | RuntimeException | Error e) {
                    b.count = -1;
                    b.error = e;
                }
                full.put(b);
                if (b.count < 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Closed while waiting for room or for the caller: nothing more to read.
        }
    }

    @Override
    public int read(long[] values, byte[] kinds, int max) throws IOException {
        if (closed) {
            throw new IOException(name + ": the reader is closed");
        }
        Traces.checkBatch(values, kinds, max);
        if (failure != null) {
            throw rethrow(failure);
        }
        if (finished) {
            return -1;
        }
        if (current == null || position == current.count) {
            if (current != null) {
                empty.add(current);
                current = null;
            }
            Batch next = takeUninterruptibly();
            if (next.error != null) {
                failure = next.error;
                throw rethrow(failure);
            }
            if (next.count < 0) {
                finished = true;
                return -1;
            }
            current = next;
            position = 0;
        }
        if (max == 0) {
            return 0;
        }
        int n = Math.min(max, current.count - position);
        System.arraycopy(current.values, position, values, 0, n);
        System.arraycopy(current.kinds, position, kinds, 0, n);
        position += n;
        return n;
    }

    /**
     * The next batch. The wait is short (the reading thread always makes progress or fails), so an interrupt does
     * not cut it: the interrupt status is set again for the caller, whose loop checks it between batches.
     */
    private Batch takeUninterruptibly() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return full.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }

    @Override
    public boolean pageNumbers() {
        return pageNumbers;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        thread.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
