package dev.pagelab;

import static dev.pagelab.engine.Flags.*;

/** The MapViewOfFile access that mapping a view with a page protection asks for. */
final class ViewAccess {
    private ViewAccess() {}

    /** FILE_MAP_* for {@code access}: READONLY, READWRITE or WRITECOPY, or their EXECUTE forms; others are refused. */
    static int fileMap(Protection access) {
        return switch (AddressSpace.code(access) & 0xFF) {
            case PAGE_READONLY -> FILE_MAP_READ;
            case PAGE_READWRITE -> FILE_MAP_WRITE;
            case PAGE_WRITECOPY -> FILE_MAP_COPY;
            case PAGE_EXECUTE_READ -> FILE_MAP_READ | FILE_MAP_EXECUTE;
            case PAGE_EXECUTE_READWRITE -> FILE_MAP_WRITE | FILE_MAP_EXECUTE;
            case PAGE_EXECUTE_WRITECOPY -> FILE_MAP_COPY | FILE_MAP_EXECUTE;
            default -> throw new IllegalArgumentException("a view is mapped READONLY, READWRITE or WRITECOPY (or their "
                    + "EXECUTE forms), not " + access);
        };
    }
}
