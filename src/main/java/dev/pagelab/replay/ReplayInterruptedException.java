package dev.pagelab.replay;

/**
 * A replay (or miss-ratio curve) stopped because its thread was interrupted, for instance by a notebook's stop
 * button. The thread's interrupt status is set again before this is thrown. A replay's partial result, up to
 * the last reference replayed, comes with it.
 */
public class ReplayInterruptedException extends RuntimeException {
    private final transient ReplayResult partial;

    public ReplayInterruptedException(String message, ReplayResult partial) {
        super(message);
        this.partial = partial;
    }

    /** What was counted before the interrupt; {@code null} when there is no single replay to report. */
    public ReplayResult partial() {
        return partial;
    }
}
