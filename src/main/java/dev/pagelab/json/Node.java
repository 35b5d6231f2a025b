package dev.pagelab.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON value read from untrusted input, with the place it came from (JSON path, line, column), and typed
 * getters that fail with a {@link JsonInputException} naming that place and what was expected. Values are plain
 * data: nothing here ever chooses a Java type from the input.
 */
record Node(Place place, Type type, Object value) {
    enum Type { OBJECT, ARRAY, STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("(0[xX][0-9a-fA-F_]+|[0-9]{1,19})\\s*([A-Za-z]*)");
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    JsonInputException fail(String problem) {
        return new JsonInputException(place, problem);
    }

    private JsonInputException expected(String what) {
        return fail("expected " + what + ", found " + describe());
    }

    /** The value, which must be of type {@code wanted}, else fails saying it expected {@code what}. */
    @SuppressWarnings("unchecked")
    private <T> T value(Type wanted, String what) {
        if (type != wanted) {
            throw expected(what);
        }
        return (T) value;
    }

    /** What the value is, for messages: its type, and a short excerpt of a scalar. */
    String describe() {
        return switch (type) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "the string " + Paths.quote((String) value, 40);
            case INTEGER, DECIMAL -> "the number " + Paths.clip(String.valueOf(value), 40);
            case BOOLEAN -> String.valueOf(value);
            case NULL -> "null";
        };
    }

    // ---- objects ----

    Map<String, Node> fields() {
        return value(Type.OBJECT, "an object");
    }

    /** Fails on the first field not in {@code allowed}, naming it and the fields that are known. */
    Node only(Set<String> allowed) {
        for (Map.Entry<String, Node> e : fields().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().fail("unknown field; known here: " + String.join(", ", sorted(allowed)));
            }
        }
        return this;
    }

    /** Fails on the first field not in {@code table}, naming the table's fields. */
    Node only(Fields<?> table) {
        return only(table.names());
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }

    /** The field {@code name}, which must be present. */
    Node field(String name) {
        Node n = fields().get(name);
        if (n == null) {
            throw fail("missing field \"" + name + "\"");
        }
        return n;
    }

    /** The field {@code key} of a {@link Fields} table, which must be present. */
    Node field(Enum<?> key) {
        return field(Fields.name(key));
    }

    /** The field {@code key} of a {@link Fields} table, or null when it is absent. */
    Node optional(Enum<?> key) {
        return optional(Fields.name(key));
    }

    boolean has(Enum<?> key) {
        return has(Fields.name(key));
    }

    /** The field {@code name}, or null when it is absent. */
    Node optional(String name) {
        return fields().get(name);
    }

    boolean has(String name) {
        return fields().containsKey(name);
    }

    // ---- arrays ----

    List<Node> elements() {
        return value(Type.ARRAY, "an array");
    }

    List<Node> elements(int max) {
        List<Node> list = elements();
        if (list.size() > max) {
            throw fail("an array of " + list.size() + " elements; at most " + max + " are allowed here");
        }
        return list;
    }

    // ---- scalars ----

    String string() {
        return value(Type.STRING, "a string");
    }

    String string(int maxLength) {
        String s = string();
        if (s.length() > maxLength) {
            throw fail("a string of " + s.length() + " characters; at most " + maxLength + " are allowed here");
        }
        return s;
    }

    boolean bool() {
        return this.<Boolean>value(Type.BOOLEAN, "true or false");
    }

    /** An integer in {@code [min, max]}. */
    long integer(long min, long max) {
        BigInteger v = value(Type.INTEGER, "an integer");
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw fail("the number " + Paths.clip(v.toString(), 40) + " is out of range [" + min + ", " + max + "]");
        }
        return v.longValue();
    }

    int integer(int min, int max) {
        return (int) integer((long) min, (long) max);
    }

    boolean isNumber() {
        return type == Type.INTEGER;
    }

    boolean isString() {
        return type == Type.STRING;
    }

    /**
     * A 64-bit pattern: an integer from {@code -2^63} to {@code 2^64 - 1}, or a string {@code "0x..."} of up to 16
     * hex digits (underscores allowed between digits, as PageLab prints addresses).
     */
    long bits64(String what) {
        if (type == Type.INTEGER) {
            BigInteger v = (BigInteger) value;
            if (v.bitLength() > 64 || v.compareTo(TWO_64) >= 0 || v.compareTo(BigInteger.ONE.shiftLeft(63).negate()) < 0) {
                throw fail(what + " " + Paths.clip(v.toString(), 40) + " does not fit in 64 bits");
            }
            return v.longValue();
        }
        if (type == Type.STRING) {
            Long v = hex((String) value);
            if (v == null) {
                throw fail("expected " + what + " as a number or \"0x\" and up to 16 hex digits, found "
                        + describe());
            }
            return v;
        }
        throw expected(what + " (a number, or a string \"0x...\")");
    }

    /** A user address: as {@link #bits64}. */
    long address() {
        return bits64("an address");
    }

    /**
     * A byte count: a non-negative integer, or a string such as {@code "16 KiB"}, {@code "1 MiB"}, {@code "0x1000"}
     * or (when {@code pageSize > 0}) {@code "3 pages"}.
     */
    long size(int pageSize) {
        if (type == Type.INTEGER) {
            return integer(0, Long.MAX_VALUE);
        }
        if (type != Type.STRING) {
            throw expected("a size (a byte count, or a string such as \"16 KiB\")");
        }
        String text = ((String) value).trim();
        java.util.regex.Matcher m = SIZE.matcher(text.length() > 60 ? "" : text);
        if (!m.matches()) {
            throw fail("expected a size such as 4096, \"16 KiB\" or \"0x1000\", found " + describe());
        }
        String number = m.group(1);
        String unit = m.group(2).toLowerCase(java.util.Locale.ROOT);
        long amount;
        Long hex = hex(number);
        if (hex != null) {
            amount = hex;
        } else {
            try {
                amount = Long.parseLong(number);
            } catch (NumberFormatException e) {
                throw fail("expected a size such as 4096, \"16 KiB\" or \"0x1000\", found " + describe());
            }
        }
        long scale = switch (unit) {
            case "", "b", "byte", "bytes" -> 1;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            case "page", "pages" -> pageSize > 0 ? pageSize : -1;
            default -> -1;
        };
        if (scale < 0 || amount < 0) {
            throw fail("expected a size such as 4096, \"16 KiB\", \"1 MiB\"" + (pageSize > 0 ? ", \"2 pages\"" : "")
                    + " or \"0x1000\", found " + describe());
        }
        try {
            return Math.multiplyExact(amount, scale);
        } catch (ArithmeticException e) {
            throw fail("the size " + describe() + " is more than a 64-bit byte count can hold");
        }
    }

    /** Parses {@code 0x1_0000}-style hex; null when it is not that. */
    static Long hex(String s) {
        if (s.length() < 3 || s.length() > 40 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
            return null;
        }
        long v = 0;
        int digits = 0;
        boolean lastUnderscore = true;
        for (int i = 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (lastUnderscore) {
                    return null;
                }
                lastUnderscore = true;
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') {
                return null;
            }
            if (digits > 0 || d != 0) {
                digits++;
            }
            if (digits > 16) {
                return null;
            }
            v = (v << 4) | d;
            lastUnderscore = false;
        }
        return lastUnderscore ? null : v;
    }

    /** Bytes from a base64 string (RFC 4648, with padding). */
    byte[] base64(int maxBytes) {
        String s = string();
        if (s.length() > (maxBytes + 2) / 3 * 4) {
            throw fail("base64 of " + s.length() + " characters holds more than " + maxBytes + " bytes");
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw fail("expected base64 (RFC 4648 with padding): " + e.getMessage());
        }
    }

    static Map<String, Node> newFields() {
        return new LinkedHashMap<>();
    }
}
