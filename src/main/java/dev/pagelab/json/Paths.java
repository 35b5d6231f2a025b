package dev.pagelab.json;

/** JSON paths ({@code $.operations[3].size}) and safe excerpts of input text for messages. */
final class Paths {
    private Paths() {}

    static final String ROOT = "$";

    /** The path of field {@code name} in the object at {@code parent}. */
    static String field(String parent, String name) {
        if (plain(name)) {
            return parent + "." + name;
        }
        return parent + "[" + quote(name, 60) + "]";
    }

    /** The path of element {@code index} in the array at {@code parent}. */
    static String index(String parent, long index) {
        return parent + "[" + index + "]";
    }

    private static boolean plain(String name) {
        if (name.isEmpty() || name.length() > 60) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Input text in double quotes, control and non-ASCII characters escaped, cut at {@code max} characters. */
    static String quote(String s, int max) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), max);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
        if (s.length() > max) {
            sb.append("...(").append(s.length()).append(" characters)");
        }
        return sb.toString();
    }

    /** Text cut at {@code max} characters, non-printable characters escaped. */
    static String clip(String s, int max) {
        String q = quote(s, max);
        int end = q.lastIndexOf('"');
        return q.substring(1, end) + q.substring(end + 1);
    }
}
