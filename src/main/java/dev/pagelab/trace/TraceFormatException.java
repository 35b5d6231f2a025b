package dev.pagelab.trace;

import java.io.IOException;

/** A malformed trace record; the message names the source, the line (or byte offset) and the problem. */
public class TraceFormatException extends IOException {
    private final long line;

    public TraceFormatException(String source, long line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.line = line;
    }

    /** The 1-based line number (for binary traces, the byte offset) of the bad record. */
    public long line() {
        return line;
    }
}
