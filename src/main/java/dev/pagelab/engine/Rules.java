package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;

/** The validation rules of the VirtualAlloc family, each returning a message or null when the value is valid. */
final class Rules {
    private Rules() {}

    static final int KNOWN_ALLOCATION_TYPES = MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO | MEM_TOP_DOWN
            | MEM_WRITE_WATCH | MEM_PHYSICAL | MEM_LARGE_PAGES;

    /** Checks a protection value for private memory; null when valid. */
    static String protection(int protect, boolean guardWithNoAccess) {
        int unknown = protect & ~0x7FF;
        if (unknown != 0) {
            return "protection 0x" + Integer.toHexString(protect) + " has unknown bits 0x" + Integer.toHexString(unknown);
        }
        int base = protect & 0xFF;
        switch (base) {
            case PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE -> {
            }
            case PAGE_WRITECOPY, PAGE_EXECUTE_WRITECOPY -> {
                return Flags.protectionName(base) + " is only valid for mapped views, not private memory";
            }
            case 0 -> {
                return protect == 0 ? "protection 0 is not a protection"
                        : Flags.protectionName(protect) + " has a modifier but no base protection";
            }
            default -> {
                return "protection 0x" + Integer.toHexString(base) + " combines several base protections; give exactly one";
            }
        }
        boolean guard = (protect & PAGE_GUARD) != 0;
        boolean nocache = (protect & PAGE_NOCACHE) != 0;
        boolean combine = (protect & PAGE_WRITECOMBINE) != 0;
        if (guard && base == PAGE_NOACCESS && !guardWithNoAccess) {
            return "PAGE_GUARD cannot be combined with PAGE_NOACCESS";
        }
        if (nocache && (guard || combine || base == PAGE_NOACCESS)) {
            return "PAGE_NOCACHE cannot be combined with PAGE_GUARD, PAGE_NOACCESS or PAGE_WRITECOMBINE";
        }
        if (combine && (guard || base == PAGE_NOACCESS)) {
            return "PAGE_WRITECOMBINE cannot be combined with PAGE_NOACCESS, PAGE_GUARD or PAGE_NOCACHE";
        }
        return null;
    }

    /**
     * Checks VirtualAlloc's allocation type and protection, which Windows refuses with ERROR_INVALID_PARAMETER
     * before it looks at any address; null when valid (MEM_RESET and MEM_RESET_UNDO go their own way).
     */
    static String allocation(int type, int protect, boolean guardWithNoAccess) {
        int unknown = type & ~KNOWN_ALLOCATION_TYPES;
        if (unknown != 0) {
            return "allocation type " + typeName(type) + " has bits VirtualAlloc does not take: "
                    + typeName(unknown);
        }
        if ((type & (MEM_RESET | MEM_RESET_UNDO)) != 0) {
            if (type != MEM_RESET && type != MEM_RESET_UNDO) {
                return typeName(type) + ": MEM_RESET and MEM_RESET_UNDO cannot be combined with other types";
            }
            String bad = protection(protect, guardWithNoAccess);
            if (bad != null) {
                return bad + " (MEM_RESET ignores the protection but it must still be valid)";
            }
            return null;
        }
        if ((type & (MEM_COMMIT | MEM_RESERVE)) == 0) {
            return "allocation type " + typeName(type) + " needs MEM_COMMIT or MEM_RESERVE";
        }
        String bad = protection(protect, guardWithNoAccess);
        if (bad != null) {
            return bad;
        }
        if ((type & MEM_LARGE_PAGES) != 0 && (type & (MEM_COMMIT | MEM_RESERVE)) != (MEM_COMMIT | MEM_RESERVE)) {
            return "MEM_LARGE_PAGES needs both MEM_RESERVE and MEM_COMMIT";
        }
        if ((type & MEM_PHYSICAL) != 0 && ((type & ~MEM_TOP_DOWN) != (MEM_RESERVE | MEM_PHYSICAL) || protect != PAGE_READWRITE)) {
            return "MEM_PHYSICAL goes with MEM_RESERVE alone and PAGE_READWRITE";
        }
        if ((type & MEM_WRITE_WATCH) != 0 && (type & MEM_RESERVE) == 0) {
            return "MEM_WRITE_WATCH goes with MEM_RESERVE (a new reservation)";
        }
        return null;
    }

    /**
     * Why an explicit range is refused before any allocation is looked at (error 87), or null: it starts below the
     * lowest user address (the first 64 KiB) or at/above the user limit, wraps around, or ends past the user limit.
     */
    static String outsideUserRange(Layout layout, String what, long address, long size) {
        long maxAddress = layout.maxAddress();
        if (Long.compareUnsigned(address, layout.minAddress()) < 0 || Long.compareUnsigned(address, maxAddress) >= 0) {
            return what + " address " + Hex.address(address) + " is outside the user range "
                    + Hex.range(layout.minAddress(), maxAddress);
        }
        long endByte = address + size;
        if (Long.compareUnsigned(endByte, address) < 0) {
            return what + " at " + Hex.address(address) + " of " + Long.toUnsignedString(size)
                    + " bytes wraps around the end of the address space";
        }
        if (Long.compareUnsigned(endByte, maxAddress) > 0) {
            return what + " at " + Hex.address(address) + " of " + Long.toUnsignedString(size)
                    + " bytes runs past the end of the user range " + Hex.range(layout.minAddress(), maxAddress);
        }
        return null;
    }

    /** The access a base protection allows, as PageTable ALLOW_* bits. */
    static long allowed(int protect) {
        return switch (protect & 0xFF) {
            case PAGE_READONLY -> PageTable.ALLOW_READ;
            case PAGE_READWRITE, PAGE_WRITECOPY -> PageTable.ALLOW_READ | PageTable.ALLOW_WRITE;
            case PAGE_EXECUTE, PAGE_EXECUTE_READ -> PageTable.ALLOW_READ | PageTable.ALLOW_EXECUTE;
            case PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY ->
                    PageTable.ALLOW_READ | PageTable.ALLOW_WRITE | PageTable.ALLOW_EXECUTE;
            default -> 0;
        };
    }

    /** The ALLOW bit an access type needs. */
    static long needed(int accessType) {
        return switch (accessType) {
            case ACCESS_READ -> PageTable.ALLOW_READ;
            case ACCESS_WRITE -> PageTable.ALLOW_WRITE;
            case ACCESS_EXECUTE -> PageTable.ALLOW_EXECUTE;
            default -> throw new IllegalArgumentException("access type " + accessType
                    + " must be 0 (read), 1 (write) or 8 (execute)");
        };
    }

    /** The protection pages get: the requested one, with the allocation's cache modifiers (as Windows keeps them per allocation). */
    static int effective(int requested, Allocation allocation) {
        int cache = PAGE_NOCACHE | PAGE_WRITECOMBINE;
        return (requested & ~cache) | (allocation.protect() & cache);
    }

    static String typeName(int type) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"MEM_COMMIT", "MEM_RESERVE", "MEM_RESET", "MEM_RESET_UNDO", "MEM_TOP_DOWN", "MEM_WRITE_WATCH",
                "MEM_PHYSICAL", "MEM_LARGE_PAGES", "AT_ROUND_TO_PAGE"};
        int[] bits = {MEM_COMMIT, MEM_RESERVE, MEM_RESET, MEM_RESET_UNDO, MEM_TOP_DOWN, MEM_WRITE_WATCH, MEM_PHYSICAL,
                MEM_LARGE_PAGES, AT_ROUND_TO_PAGE};
        int rest = type;
        for (int i = 0; i < bits.length; i++) {
            if ((type & bits[i]) != 0) {
                sb.append(sb.length() > 0 ? "|" : "").append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0 || sb.length() == 0) {
            sb.append(sb.length() > 0 ? "|" : "").append("0x").append(Integer.toHexString(rest));
        }
        return sb.toString();
    }
}
