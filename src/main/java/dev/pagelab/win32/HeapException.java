package dev.pagelab.win32;

/**
 * What HeapAlloc and HeapReAlloc raise instead of returning NULL when HEAP_GENERATE_EXCEPTIONS is in force and the
 * request cannot be met: STATUS_NO_MEMORY (0xC0000017). {@link #accessType()} and {@link #address()} are 0; the
 * message says what was asked of which heap and why it failed.
 */
public final class HeapException extends MemoryFault {
    private final String message;

    HeapException(int status, String message) {
        super(status, 0, 0, "");
        this.message = "STATUS_NO_MEMORY (0xC0000017): " + message;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
