package dev.pagelab.render;

import java.util.Locale;

/**
 * A small JSON writer for the {@code application/json} part of a display bundle: objects, arrays, strings and
 * numbers written in call order (so the bytes are deterministic), strings escaped so the output can also sit
 * inside a {@code <script>} element without closing it.
 */
final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    Json object() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    Json end() {
        sb.append('}');
        needComma = true;
        return this;
    }

    Json array(String key) {
        key(key);
        sb.append('[');
        needComma = false;
        return this;
    }

    Json endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    Json field(String key, String value) {
        key(key);
        string(value);
        needComma = true;
        return this;
    }

    Json field(String key, long value) {
        key(key);
        sb.append(value);
        needComma = true;
        return this;
    }

    Json field(String key, double value) {
        key(key);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            sb.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            sb.append((long) value);
        } else {
            sb.append(String.format(Locale.ROOT, "%.6g", value).replaceAll("0+$", "").replaceAll("\\.$", ""));
        }
        needComma = true;
        return this;
    }

    Json field(String key, boolean value) {
        key(key);
        sb.append(value);
        needComma = true;
        return this;
    }

    /** A string element of the current array. */
    Json value(String value) {
        comma();
        string(value);
        needComma = true;
        return this;
    }

    /** A number element of the current array. */
    Json value(long value) {
        comma();
        sb.append(value);
        needComma = true;
        return this;
    }

    private void key(String key) {
        comma();
        string(key);
        sb.append(':');
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    private void string(String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                // Escaped so that the JSON may sit in an HTML script element: no "</script>", no "<!--", no "]]>".
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
