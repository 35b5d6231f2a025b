package dev.pagelab.render;

import static dev.pagelab.engine.Flags.*;

/**
 * What a stretch of address space is, as the pictures tell it: free, unusable (the tail of a reservation below
 * the allocation granularity, which no other reservation can take), reserved, or committed with one of the base
 * protections. Each has a colour from the Okabe-Ito palette, safe for colour-blind readers, and a pattern of its
 * own, so the two cues agree. When several share one pixel of a map, committed pages win over reserved ones,
 * reserved over unusable, unusable over free (see {@code Columns.category}), so no state hides in a sea of free
 * space.
 */
enum Category {
    FREE("free", "", Fill.solid("#ffffff")),
    UNUSABLE("unusable (granularity tail)", "", Fill.of("#e6e6e6", Fill.Pattern.DOTS, "#8c8c8c")),
    RESERVED("reserved", "res", Fill.of("#ffffff", Fill.Pattern.DIAGONAL, "#7a7a7a")),
    NOACCESS("committed NOACCESS", "NA", Fill.of("#c4c4c4", Fill.Pattern.CROSS, "#4d4d4d")),
    READONLY("committed READONLY", "R", Fill.of("#56b4e9", Fill.Pattern.HLINES, "#1f6f9f")),
    READWRITE("committed READWRITE", "RW", Fill.solid("#009e73")),
    WRITECOPY("committed WRITECOPY", "WC", Fill.of("#f0e442", Fill.Pattern.BACKDIAGONAL, "#8a8200")),
    EXECUTE("committed EXECUTE", "X", Fill.of("#cc79a7", Fill.Pattern.GRID, "#8a3f6a")),
    EXECUTE_READ("committed EXECUTE_READ", "RX", Fill.of("#e69f00", Fill.Pattern.VLINES, "#8f6300")),
    EXECUTE_READWRITE("committed EXECUTE_READWRITE", "RWX", Fill.of("#d55e00", Fill.Pattern.DOTS, "#5c2900")),
    EXECUTE_WRITECOPY("committed EXECUTE_WRITECOPY", "XWC", Fill.of("#f0e442", Fill.Pattern.VLINES, "#8a8200"));

    static final Category[] VALUES = values();

    private final String label;
    private final String code;
    private final Fill fill;

    Category(String label, String code, Fill fill) {
        this.label = label;
        this.code = code;
        this.fill = fill;
    }

    String label() { return label; }
    /** A short code for cells and blocks: {@code RW}, {@code RX}, ... */
    String code() { return code; }
    Fill fill() { return fill; }

    boolean committed() {
        return ordinal() >= NOACCESS.ordinal();
    }

    /** The category of committed pages with Win32 protection {@code protect} (modifiers ignored). */
    static Category committed(int protect) {
        return switch (protect & 0xFF) {
            case PAGE_READONLY -> READONLY;
            case PAGE_READWRITE -> READWRITE;
            case PAGE_WRITECOPY -> WRITECOPY;
            case PAGE_EXECUTE -> EXECUTE;
            case PAGE_EXECUTE_READ -> EXECUTE_READ;
            case PAGE_EXECUTE_READWRITE -> EXECUTE_READWRITE;
            case PAGE_EXECUTE_WRITECOPY -> EXECUTE_WRITECOPY;
            default -> NOACCESS;
        };
    }

    /** The category for a VirtualQuery state and protection. */
    static Category of(int state, int protect) {
        return switch (state) {
            case MEM_COMMIT -> committed(protect);
            case MEM_RESERVE -> RESERVED;
            default -> FREE;
        };
    }
}
