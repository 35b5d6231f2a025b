package dev.pagelab;

import dev.pagelab.engine.Flags;

/**
 * An operation the address space refused, as Windows would: the message names both sides of the conflict and
 * {@link #error()} is the Win32 error code GetLastError would give. Nothing changed.
 */
public class MemoryException extends IllegalStateException {
    private final int error;

    public MemoryException(int error, String message) {
        super(message);
        this.error = error;
    }

    /** The Win32 error code, e.g. 487 (ERROR_INVALID_ADDRESS). */
    public int error() {
        return error;
    }

    /** The Win32 name of the error, e.g. {@code ERROR_INVALID_ADDRESS}. */
    public String errorName() {
        return Flags.errorName(error);
    }
}
