package dev.pagelab.cli;

/** A bad command line or a bad input: its message is the one line the user sees, and the exit code is 2. */
final class UsageException extends RuntimeException {
    private final boolean showUsage;

    UsageException(String message, boolean showUsage) {
        super(message, null, false, false);
        this.showUsage = showUsage;
    }

    /** Whether the usage line follows the message (an error in the arguments, not in a file). */
    boolean showUsage() {
        return showUsage;
    }
}
