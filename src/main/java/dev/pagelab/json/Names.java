package dev.pagelab.json;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Flags;

import java.util.Locale;

/**
 * Win32 flag values as names and back: protections ({@code PAGE_READWRITE|PAGE_GUARD}), allocation and free
 * types ({@code MEM_RESERVE|MEM_COMMIT}), page states and access types. Written with their Win32 names; read
 * from names (the {@code PAGE_}/{@code MEM_} prefix optional, any case), numbers or {@code "0x"} strings.
 */
public final class Names {
    private Names() {}

    private static final String[] PROTECTIONS = {"PAGE_NOACCESS", "PAGE_READONLY", "PAGE_READWRITE", "PAGE_WRITECOPY",
            "PAGE_EXECUTE", "PAGE_EXECUTE_READ", "PAGE_EXECUTE_READWRITE", "PAGE_EXECUTE_WRITECOPY", "PAGE_GUARD",
            "PAGE_NOCACHE", "PAGE_WRITECOMBINE"};
    private static final int[] PROTECTION_VALUES = {PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY,
            PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY, PAGE_GUARD, PAGE_NOCACHE,
            PAGE_WRITECOMBINE};

    private static final String[] TYPES = {"MEM_COMMIT", "MEM_RESERVE", "MEM_DECOMMIT", "MEM_RELEASE", "MEM_RESET",
            "MEM_TOP_DOWN", "MEM_WRITE_WATCH", "MEM_PHYSICAL", "MEM_RESET_UNDO", "MEM_LARGE_PAGES", "AT_ROUND_TO_PAGE",
            "MEM_PRIVATE", "MEM_MAPPED", "MEM_FREE"};
    private static final int[] TYPE_VALUES = {MEM_COMMIT, MEM_RESERVE, MEM_DECOMMIT, MEM_RELEASE, MEM_RESET,
            MEM_TOP_DOWN, MEM_WRITE_WATCH, MEM_PHYSICAL, MEM_RESET_UNDO, MEM_LARGE_PAGES, AT_ROUND_TO_PAGE,
            MEM_PRIVATE, MEM_MAPPED, MEM_FREE};

    /** A protection as its Win32 name, {@code 0} for none. */
    static String protection(int value) {
        return Flags.protectionName(value);
    }

    /** An allocation, free or page type as Win32 names joined by {@code |}, as files write it; {@code 0} for none. */
    public static String type(int value) {
        if (value == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        int rest = value;
        for (int i = 0; i < TYPES.length; i++) {
            if ((rest & TYPE_VALUES[i]) == TYPE_VALUES[i]) {
                sb.append(sb.length() > 0 ? "|" : "").append(TYPES[i]);
                rest &= ~TYPE_VALUES[i];
            }
        }
        if (rest != 0) {
            sb.append(sb.length() > 0 ? "|" : "").append("0x").append(Integer.toHexString(rest));
        }
        return sb.toString();
    }

    static int protection(Node n) {
        return flags(n, "a protection such as \"PAGE_READWRITE\" or \"PAGE_READONLY|PAGE_GUARD\"", "PAGE_",
                PROTECTIONS, PROTECTION_VALUES);
    }

    static int type(Node n) {
        return flags(n, "an allocation type such as \"MEM_RESERVE|MEM_COMMIT\"", "MEM_", TYPES, TYPE_VALUES);
    }

    /** A page state: MEM_FREE, MEM_RESERVE or MEM_COMMIT. */
    static int state(Node n) {
        int v = type(n);
        if (v != MEM_FREE && v != MEM_RESERVE && v != MEM_COMMIT) {
            throw n.fail("expected a page state: MEM_FREE, MEM_RESERVE or MEM_COMMIT, found " + n.describe());
        }
        return v;
    }

    /** An access type: {@code "read"} (0), {@code "write"} (1) or {@code "execute"} (8). */
    static int access(Node n) {
        if (n.isString()) {
            switch (n.string().toLowerCase(Locale.ROOT)) {
                case "read":
                    return ACCESS_READ;
                case "write":
                    return ACCESS_WRITE;
                case "execute":
                    return ACCESS_EXECUTE;
                default:
                    break;
            }
        } else if (n.isNumber()) {
            int v = n.integer(0, 8);
            if (v == ACCESS_READ || v == ACCESS_WRITE || v == ACCESS_EXECUTE) {
                return v;
            }
        }
        throw n.fail("expected an access type: \"read\", \"write\" or \"execute\" (or 0, 1, 8), found " + n.describe());
    }

    static String access(int type) {
        return Flags.accessName(type);
    }

    private static int flags(Node n, String what, String prefix, String[] names, int[] values) {
        if (n.isNumber()) {
            return (int) n.integer(0, 0xFFFF_FFFFL);
        }
        if (!n.isString()) {
            throw n.fail("expected " + what + ", found " + n.describe());
        }
        String text = n.string();
        if (text.isEmpty() || text.length() > 200) {
            throw n.fail("expected " + what + ", found " + n.describe());
        }
        int result = 0;
        for (String part : text.split("\\|", -1)) {
            String token = part.trim().toUpperCase(Locale.ROOT);
            Long hex = Node.hex(token.toLowerCase(Locale.ROOT));
            if (hex != null && (hex >>> 32) == 0) {
                result |= (int) (long) hex;
                continue;
            }
            if (token.equals("0")) {
                continue;
            }
            int found = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(token) || names[i].equals(prefix + token)) {
                    found = values[i];
                    break;
                }
            }
            if (found < 0) {
                throw n.fail("unknown name " + Paths.quote(part.trim(), 40) + " in " + what.replaceFirst("^an? ", "the ")
                        + "; known: " + String.join(", ", names));
            }
            result |= found;
        }
        return result;
    }
}
