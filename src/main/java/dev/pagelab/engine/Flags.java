package dev.pagelab.engine;

/**
 * The numeric vocabulary the engine speaks: Win32 allocation types, protections, states, error codes
 * and exception statuses, with the values Windows gives them.
 */
public final class Flags {
    private Flags() {}

    // Allocation types (flAllocationType) and free types (dwFreeType).
    public static final int MEM_COMMIT = 0x1000;
    public static final int MEM_RESERVE = 0x2000;
    public static final int MEM_DECOMMIT = 0x4000;
    public static final int MEM_RELEASE = 0x8000;
    public static final int MEM_FREE = 0x10000;
    public static final int MEM_PRIVATE = 0x20000;
    public static final int MEM_MAPPED = 0x40000;
    public static final int MEM_RESET = 0x80000;
    public static final int MEM_TOP_DOWN = 0x100000;
    public static final int MEM_WRITE_WATCH = 0x200000;
    public static final int MEM_PHYSICAL = 0x400000;
    public static final int MEM_RESET_UNDO = 0x1000000;
    public static final int MEM_IMAGE = 0x1000000;
    public static final int MEM_LARGE_PAGES = 0x20000000;
    public static final int AT_ROUND_TO_PAGE = 0x40000000;

    // Page protections and modifiers (flProtect).
    public static final int PAGE_NOACCESS = 0x01;
    public static final int PAGE_READONLY = 0x02;
    public static final int PAGE_READWRITE = 0x04;
    public static final int PAGE_WRITECOPY = 0x08;
    public static final int PAGE_EXECUTE = 0x10;
    public static final int PAGE_EXECUTE_READ = 0x20;
    public static final int PAGE_EXECUTE_READWRITE = 0x40;
    public static final int PAGE_EXECUTE_WRITECOPY = 0x80;
    public static final int PAGE_GUARD = 0x100;
    public static final int PAGE_NOCACHE = 0x200;
    public static final int PAGE_WRITECOMBINE = 0x400;

    // GetLastError codes.
    public static final int ERROR_SUCCESS = 0;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_NOT_ENOUGH_MEMORY = 8;
    public static final int ERROR_BAD_LENGTH = 24;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_INVALID_ADDRESS = 487;
    public static final int ERROR_NOACCESS = 998;
    public static final int ERROR_PRIVILEGE_NOT_HELD = 1314;
    public static final int ERROR_COMMITMENT_LIMIT = 1455;
    // GetLastError codes of sections and handles (docs/windows-rules.md, Sections).
    public static final int ERROR_FILE_NOT_FOUND = 2;
    public static final int ERROR_INVALID_HANDLE = 6;
    public static final int ERROR_NOT_SUPPORTED = 50;
    public static final int ERROR_ALREADY_EXISTS = 183;
    public static final int ERROR_MAPPED_ALIGNMENT = 1132;

    // Section protections' attributes (CreateFileMapping) and view access (MapViewOfFile).
    public static final int SEC_FILE = 0x800000;
    public static final int SEC_IMAGE = 0x1000000;
    public static final int SEC_RESERVE = 0x4000000;
    public static final int SEC_COMMIT = 0x8000000;
    public static final int SEC_NOCACHE = 0x10000000;
    public static final int SEC_WRITECOMBINE = 0x40000000;
    public static final int SEC_LARGE_PAGES = 0x80000000;
    public static final int FILE_MAP_COPY = 0x1;
    public static final int FILE_MAP_WRITE = 0x2;
    public static final int FILE_MAP_READ = 0x4;
    public static final int FILE_MAP_EXECUTE = 0x20;
    public static final int FILE_MAP_ALL_ACCESS = 0xF001F;
    // Working sets and VirtualLock (docs/windows-rules.md W4).
    public static final int ERROR_NOT_LOCKED = 158;
    public static final int ERROR_WORKING_SET_QUOTA = 1453;

    // Exception statuses raised by accesses.
    public static final int STATUS_ACCESS_VIOLATION = 0xC0000005;
    public static final int STATUS_GUARD_PAGE_VIOLATION = 0x80000001;

    // Access types, as in EXCEPTION_RECORD.ExceptionInformation[0].
    public static final int ACCESS_READ = 0;
    public static final int ACCESS_WRITE = 1;
    public static final int ACCESS_EXECUTE = 8;

    /** The Win32 name of a protection value with its modifiers, e.g. {@code PAGE_READWRITE|PAGE_GUARD}. */
    public static String protectionName(int protect) {
        if (protect == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        String base = switch (protect & 0xFF) {
            case PAGE_NOACCESS -> "PAGE_NOACCESS";
            case PAGE_READONLY -> "PAGE_READONLY";
            case PAGE_READWRITE -> "PAGE_READWRITE";
            case PAGE_WRITECOPY -> "PAGE_WRITECOPY";
            case PAGE_EXECUTE -> "PAGE_EXECUTE";
            case PAGE_EXECUTE_READ -> "PAGE_EXECUTE_READ";
            case PAGE_EXECUTE_READWRITE -> "PAGE_EXECUTE_READWRITE";
            case PAGE_EXECUTE_WRITECOPY -> "PAGE_EXECUTE_WRITECOPY";
            case 0 -> null;
            default -> String.format("0x%02X", protect & 0xFF);
        };
        if (base != null) {
            sb.append(base);
        }
        appendModifier(sb, protect, PAGE_GUARD, "PAGE_GUARD");
        appendModifier(sb, protect, PAGE_NOCACHE, "PAGE_NOCACHE");
        appendModifier(sb, protect, PAGE_WRITECOMBINE, "PAGE_WRITECOMBINE");
        int unknown = protect & ~0x7FF;
        if (unknown != 0) {
            sb.append(sb.length() > 0 ? "|" : "").append(String.format("0x%X", unknown));
        }
        return sb.toString();
    }

    private static void appendModifier(StringBuilder sb, int protect, int bit, String name) {
        if ((protect & bit) != 0) {
            sb.append(sb.length() > 0 ? "|" : "").append(name);
        }
    }

    /** The VirtualAlloc and VirtualFree type bits that have a name, and their names, in the order C writes them. */
    private static final int[] TYPE_BITS = {MEM_COMMIT, MEM_RESERVE, MEM_DECOMMIT, MEM_RELEASE, MEM_RESET,
        MEM_RESET_UNDO, MEM_TOP_DOWN, MEM_WRITE_WATCH, MEM_PHYSICAL, MEM_LARGE_PAGES};
    private static final String[] TYPE_NAMES = {"MEM_COMMIT", "MEM_RESERVE", "MEM_DECOMMIT", "MEM_RELEASE", "MEM_RESET",
        "MEM_RESET_UNDO", "MEM_TOP_DOWN", "MEM_WRITE_WATCH", "MEM_PHYSICAL", "MEM_LARGE_PAGES"};

    /**
     * A VirtualAlloc or VirtualFree type as C writes it, e.g. {@code MEM_COMMIT|MEM_RESERVE}; bits without a name
     * follow in hex, and 0 is {@code 0}.
     */
    public static String allocationTypeName(int type) {
        StringBuilder sb = new StringBuilder();
        int rest = type;
        for (int i = 0; i < TYPE_BITS.length; i++) {
            if ((type & TYPE_BITS[i]) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(TYPE_NAMES[i]);
                rest &= ~TYPE_BITS[i];
            }
        }
        if (rest != 0 || sb.length() == 0) {
            sb.append(sb.length() == 0 ? "" : "|").append(rest == 0 ? "0" : "0x" + Integer.toHexString(rest));
        }
        return sb.toString();
    }

    /** The Win32 name of a page state: MEM_FREE, MEM_RESERVE or MEM_COMMIT. */
    public static String stateName(int state) {
        return switch (state) {
            case MEM_FREE -> "MEM_FREE";
            case MEM_RESERVE -> "MEM_RESERVE";
            case MEM_COMMIT -> "MEM_COMMIT";
            default -> String.format("0x%X", state);
        };
    }

    /** The Win32 name of an error code, e.g. {@code ERROR_INVALID_ADDRESS}. */
    public static String errorName(int error) {
        return switch (error) {
            case ERROR_SUCCESS -> "ERROR_SUCCESS";
            case ERROR_ACCESS_DENIED -> "ERROR_ACCESS_DENIED";
            case ERROR_NOT_ENOUGH_MEMORY -> "ERROR_NOT_ENOUGH_MEMORY";
            case ERROR_BAD_LENGTH -> "ERROR_BAD_LENGTH";
            case ERROR_INVALID_PARAMETER -> "ERROR_INVALID_PARAMETER";
            case ERROR_INVALID_ADDRESS -> "ERROR_INVALID_ADDRESS";
            case ERROR_NOACCESS -> "ERROR_NOACCESS";
            case ERROR_PRIVILEGE_NOT_HELD -> "ERROR_PRIVILEGE_NOT_HELD";
            case ERROR_COMMITMENT_LIMIT -> "ERROR_COMMITMENT_LIMIT";
            case ERROR_FILE_NOT_FOUND -> "ERROR_FILE_NOT_FOUND";
            case ERROR_INVALID_HANDLE -> "ERROR_INVALID_HANDLE";
            case ERROR_NOT_SUPPORTED -> "ERROR_NOT_SUPPORTED";
            case ERROR_ALREADY_EXISTS -> "ERROR_ALREADY_EXISTS";
            case ERROR_MAPPED_ALIGNMENT -> "ERROR_MAPPED_ALIGNMENT";
            case ERROR_NOT_LOCKED -> "ERROR_NOT_LOCKED";
            case ERROR_WORKING_SET_QUOTA -> "ERROR_WORKING_SET_QUOTA";
            case STATUS_GUARD_PAGE_VIOLATION -> "STATUS_GUARD_PAGE_VIOLATION";
            default -> "error " + error;
        };
    }

    /** The name of an exception status, e.g. {@code STATUS_ACCESS_VIOLATION}. */
    public static String statusName(int status) {
        return switch (status) {
            case 0 -> "STATUS_SUCCESS";
            case STATUS_ACCESS_VIOLATION -> "STATUS_ACCESS_VIOLATION";
            case STATUS_GUARD_PAGE_VIOLATION -> "STATUS_GUARD_PAGE_VIOLATION";
            default -> String.format("0x%08X", status);
        };
    }

    /** The name of an access type: read, write or execute. */
    public static String accessName(int accessType) {
        return switch (accessType) {
            case ACCESS_READ -> "read";
            case ACCESS_WRITE -> "write";
            case ACCESS_EXECUTE -> "execute";
            default -> "access " + accessType;
        };
    }
}
