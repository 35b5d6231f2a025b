package dev.pagelab.jupyter;

/**
 * Thrown in place of {@code System.exit(status)} written in a notebook cell: the cell stops, the kernel reports
 * the call and keeps its state. An {@link Error}, so a {@code catch (Exception e)} in the cell does not swallow it.
 */
public final class ExitRequested extends Error {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** The exit the cell asked for, with its status. */
    public ExitRequested(int status) {
        super("System.exit(" + status + ")", null, false, false);
        this.status = status;
    }

    /** The status passed to {@code System.exit}. */
    public int status() {
        return status;
    }
}
