package dev.pagelab.jupyter;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.publish.PublishStream.StreamType;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's {@code System.out} and {@code System.err}. What a cell prints is gathered and sent as stream
 * messages every {@value #PERIOD_MS} ms, or as soon as {@value #BATCH_BYTES} bytes wait, stdout and stderr in the
 * order they were written: a cell printing 200,000 lines sends a few dozen messages, not 200,000. Text from a
 * thread that does not work for the running cell ({@link CellThreads}) goes to the kernel's log instead, never
 * under another cell; closing either stream only flushes it, so a cell cannot silence the cells after it.
 */
final class CellStreams {
    /** How often waiting text is sent, in milliseconds. */
    static final int PERIOD_MS = 50;
    /** How much text may wait before it is sent at once, in bytes. */
    static final int BATCH_BYTES = 64 * 1024;

    private final PrintStream log;
    private final PrintStream out = new CellPrintStream(new Sink(StreamType.OUT));
    private final PrintStream err = new CellPrintStream(new Sink(StreamType.ERR));

    private final Object lock = new Object();
    /** The running cell's mark and replies; null between cells. Guarded by {@link #lock}, like what follows. */
    private Object cell;
    private ShellReplyEnvironment env;
    /** How many messages the running cell's output has had so far. */
    private int sent;
    /** Text written and not yet sent: runs of one stream each, in the order written. */
    private final List<Run> pending = new ArrayList<>();
    private int pendingBytes;

    /** Streams whose text outside a cell goes to {@code log} (the kernel's stderr, which Jupyter logs). */
    CellStreams(PrintStream log) {
        this.log = log;
    }

    /** Makes these the JVM's {@code System.out} and {@code System.err}, and starts sending every period. */
    void install() {
        System.setOut(out);
        System.setErr(err);
        Thread sender = new Thread(this::sendEveryPeriod, "pagelab-output");
        sender.setDaemon(true);
        sender.start();
    }

    /** The stream that {@link #install()} makes {@code System.out}. */
    PrintStream out() {
        return out;
    }

    /** The stream that {@link #install()} makes {@code System.err}. */
    PrintStream err() {
        return err;
    }

    /** From now on, text from the threads working for {@code cell} goes to its output, through {@code replies}. */
    void open(Object cell, ShellReplyEnvironment replies) {
        synchronized (lock) {
            this.cell = cell;
            this.env = replies;
            this.sent = 0;
        }
    }

    /**
     * Sends what {@code cell} printed and detaches it: later text from its threads goes to the log. Returns how many
     * messages (streams and displays) its output had; 0 when it was closed already.
     */
    int close(Object cell) {
        synchronized (lock) {
            if (this.cell != cell) {
                return 0;
            }
            send();
            this.cell = null;
            this.env = null;
            return sent;
        }
    }

    /**
     * Publishes {@code content} (a display) in the running cell's output after the text printed before it; false,
     * publishing nothing, when the calling thread does not work for the running cell.
     */
    <T extends ContentType<T>> boolean publish(T content) {
        Object caller = CellThreads.runningCellOfThisThread();
        synchronized (lock) {
            if (env == null || caller != cell) {
                return false;
            }
            send();
            env.publish(content);
            sent++;
            return true;
        }
    }

    private void write(StreamType stream, byte[] b, int off, int len) {
        Object caller = CellThreads.runningCellOfThisThread();
        synchronized (lock) {
            if (env == null || caller != cell) {
                log.write(b, off, len);
                log.flush();
                return;
            }
            Run last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
            if (last == null || last.stream != stream) {
                last = new Run(stream);
                pending.add(last);
            }
            last.bytes.write(b, off, len);
            pendingBytes += len;
            if (pendingBytes >= BATCH_BYTES) {
                send();
            }
        }
    }

    private void sendEveryPeriod() {
        while (true) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                send();
            }
        }
    }

    /**
     * Publishes the waiting runs, in order, as one stream message each; the bytes of a character cut in two at the
     * end stay for the next time. Called holding {@link #lock}.
     */
    private void send() {
        if (pending.isEmpty() || env == null) {
            return;
        }
        Run tail = null;
        for (int i = 0; i < pending.size(); i++) {
            Run run = pending.get(i);
            byte[] bytes = run.bytes.toByteArray();
            int whole = i == pending.size() - 1 ? wholeCharacters(bytes) : bytes.length;
            if (whole > 0) {
                env.publish(new PublishStream(run.stream, new String(bytes, 0, whole, StandardCharsets.UTF_8)));
                sent++;
            }
            if (whole < bytes.length) {
                tail = new Run(run.stream);
                tail.bytes.write(bytes, whole, bytes.length - whole);
            }
        }
        pending.clear();
        pendingBytes = 0;
        if (tail != null) {
            pending.add(tail);
            pendingBytes = tail.bytes.size();
        }
    }

    /** How many of the bytes make whole UTF-8 characters: all but an unfinished sequence at the end. */
    static int wholeCharacters(byte[] b) {
        for (int back = 1; back <= Math.min(3, b.length); back++) {
            int x = b[b.length - back] & 0xFF;
            if ((x & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for the sequence's first byte
            }
            int length = x >= 0xF0 ? 4 : x >= 0xE0 ? 3 : x >= 0xC0 ? 2 : 1;
            return length > back ? b.length - back : b.length;
        }
        return b.length;
    }

    /** Bytes written to one stream, one after the other. */
    private static final class Run {
        final StreamType stream;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Run(StreamType stream) {
            this.stream = stream;
        }
    }

    /** One stream's bytes into the waiting runs; flushing does nothing, the period sends them. */
    private final class Sink extends OutputStream {
        private final StreamType stream;

        Sink(StreamType stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CellStreams.this.write(stream, b, off, len);
        }
    }

    /** A print stream that a cell cannot close: {@code System.out.close()} only flushes. */
    private static final class CellPrintStream extends PrintStream {
        CellPrintStream(OutputStream sink) {
            super(sink, false, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            flush();
        }
    }
}
