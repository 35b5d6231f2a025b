package dev.pagelab;

import dev.pagelab.engine.Flags;

/**
 * A page protection: one of {@code NOACCESS READONLY READWRITE EXECUTE EXECUTE_READ EXECUTE_READWRITE} (and
 * {@code WRITECOPY} for views of sections), with
 * the modifiers {@link #guard()} and {@link #noCache()}. {@code READWRITE.guard()} prints {@code READWRITE+GUARD}.
 */
public final class Protection {
    public static final Protection NOACCESS = new Protection(Flags.PAGE_NOACCESS);
    public static final Protection READONLY = new Protection(Flags.PAGE_READONLY);
    public static final Protection READWRITE = new Protection(Flags.PAGE_READWRITE);
    public static final Protection EXECUTE = new Protection(Flags.PAGE_EXECUTE);
    public static final Protection EXECUTE_READ = new Protection(Flags.PAGE_EXECUTE_READ);
    public static final Protection EXECUTE_READWRITE = new Protection(Flags.PAGE_EXECUTE_READWRITE);
    /** Copy-on-write, for views of sections only ({@link AddressSpace#map}); VirtualAlloc memory refuses it. */
    public static final Protection WRITECOPY = new Protection(Flags.PAGE_WRITECOPY);

    private final int win32;

    private Protection(int win32) {
        this.win32 = win32;
    }

    /** The protection for a Win32 value such as {@code 0x104} (PAGE_READWRITE|PAGE_GUARD); 0 gives null. */
    public static Protection of(int win32) {
        return win32 == 0 ? null : new Protection(win32);
    }

    /** This protection with PAGE_GUARD: the first access raises a guard-page fault and disarms it. */
    public Protection guard() {
        return new Protection(win32 | Flags.PAGE_GUARD);
    }

    /** This protection with PAGE_NOCACHE. */
    public Protection noCache() {
        return new Protection(win32 | Flags.PAGE_NOCACHE);
    }

    /** This protection without modifiers. */
    public Protection base() {
        return new Protection(win32 & 0xFF);
    }

    public boolean isGuard() {
        return (win32 & Flags.PAGE_GUARD) != 0;
    }

    public boolean canRead() {
        int b = win32 & 0xFF;
        return b != Flags.PAGE_NOACCESS && b != 0;
    }

    public boolean canWrite() {
        int b = win32 & 0xFF;
        return b == Flags.PAGE_READWRITE || b == Flags.PAGE_EXECUTE_READWRITE || b == Flags.PAGE_WRITECOPY
                || b == Flags.PAGE_EXECUTE_WRITECOPY;
    }

    public boolean canExecute() {
        int b = win32 & 0xFF;
        return b == Flags.PAGE_EXECUTE || b == Flags.PAGE_EXECUTE_READ || b == Flags.PAGE_EXECUTE_READWRITE
                || b == Flags.PAGE_EXECUTE_WRITECOPY;
    }

    /** The Win32 value, e.g. {@code 0x04} for READWRITE. */
    public int win32() {
        return win32;
    }

    /** The short name used in maps and pictures, e.g. {@code READWRITE+GUARD}; the Win32 name is {@link Flags#protectionName}. */
    public static String shortName(int win32) {
        String name = Flags.protectionName(win32);
        return name.replace("PAGE_", "").replace("|", "+");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Protection p && p.win32 == win32;
    }

    @Override
    public int hashCode() {
        return win32;
    }

    @Override
    public String toString() {
        return shortName(win32);
    }
}
