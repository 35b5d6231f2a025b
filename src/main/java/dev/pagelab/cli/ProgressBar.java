package dev.pagelab.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on standard error for long runs: what is running, a bar and percentage when the total is
 * known, the rate in references per second and the time left. It draws only when standard error is a terminal
 * (the launcher says so with {@code -Dpagelab.progress=tty}), from a daemon thread five times a second, so the
 * work itself only bumps counters; standard output is never touched, and stays the same from run to run.
 */
final class ProgressBar implements AutoCloseable {
    /** The system property the launcher sets to {@code tty} when standard error is a terminal. */
    static final String PROPERTY = "pagelab.progress";
    private static final long PERIOD_MILLIS = 200;
    private static final int BAR = 24;

    private final PrintStream err;
    private final Thread thread;
    private volatile Stage stage;
    private volatile boolean closed;
    private int drawn;

    /** What is running: a label, the work done and its total (-1 when unknown), and references done. */
    private record Stage(String label, LongSupplier done, long total, LongSupplier references, long start) {}

    private ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        if (enabled) {
            thread = new Thread(this::loop, "pagelab-progress");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /** A bar on {@code err} if standard error is a terminal, else one that draws nothing. */
    static ProgressBar on(PrintStream err) {
        return new ProgressBar(err, "tty".equals(System.getProperty(PROPERTY)));
    }

    /** A bar that draws nothing. */
    static ProgressBar silent() {
        return new ProgressBar(null, false);
    }

    /**
     * Starts showing a new stage: {@code done} of {@code total} units of work (-1: unknown), and the references
     * handled so far, for the rate.
     */
    void stage(String label, LongSupplier done, long total, LongSupplier references) {
        stage = new Stage(label, done, total, references, System.nanoTime());
    }

    private void loop() {
        try {
            while (!closed) {
                Thread.sleep(PERIOD_MILLIS);
                draw();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private synchronized void draw() {
        Stage s = stage;
        if (s == null || closed) {
            return;
        }
        double seconds = (System.nanoTime() - s.start) / 1e9;
        String text = line(s.label, s.done.getAsLong(), s.total, s.references.getAsLong(), seconds);
        err.print('\r' + text + " ".repeat(Math.max(0, drawn - text.length())));
        err.flush();
        drawn = text.length();
    }

    /** Stops drawing and clears the line; again, does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (thread != null) {
            thread.interrupt();
            if (drawn > 0) {
                err.print('\r' + " ".repeat(drawn) + '\r');
                err.flush();
                drawn = 0;
            }
        }
    }

    /**
     * The text of the bar, e.g. {@code LRU curve [##########..............]  42%  31.4 M refs/s  ETA 0:12}, or without
     * bar and ETA when the total is unknown: {@code convert  123,456,789 refs  31.4 M refs/s  0:04}.
     */
    static String line(String label, long done, long total, long references, double seconds) {
        StringBuilder sb = new StringBuilder(label);
        double rate = seconds > 0 ? references / seconds : 0;
        if (total > 0) {
            double f = Math.min(1, Math.max(0, (double) done / total));
            int full = (int) (f * BAR);
            sb.append(" [").append("#".repeat(full)).append(".".repeat(BAR - full)).append(']');
            sb.append(String.format(Locale.ROOT, " %3d%%", (int) (f * 100)));
            sb.append("  ").append(rate(rate));
            sb.append("  ETA ").append(f > 0 && seconds > 0.5 ? clock(seconds * (1 - f) / f) : "-:--");
        } else {
            sb.append(String.format(Locale.ROOT, "  %,d refs", references));
            sb.append("  ").append(rate(rate));
            sb.append("  ").append(clock(seconds));
        }
        return sb.toString();
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.1f M refs/s", perSecond / 1e6)
                : String.format(Locale.ROOT, "%.0f k refs/s", perSecond / 1e3);
    }

    /** {@code 0:07}, {@code 12:34}, {@code 1:02:03}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
