package dev.pagelab.render;

/**
 * Escaping for everything that reaches SVG, HTML or XML: the five markup characters become entities and
 * characters XML cannot hold (controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so no user text can
 * open an element, end a CDATA section or break the document.
 */
final class Xml {
    private Xml() {}

    /** {@code text} escaped for element content and attribute values; null gives the empty string. */
    static String text(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(text, i, c);
            if (replacement != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(replacement);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * {@code text} with the characters XML cannot hold replaced by U+FFFD but markup left alone: for text handed
     * to a library that escapes markup itself (JFreeSVG) but passes control characters through.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r = replacement(text, i, c);
            sb.append(r != null && r.equals("\uFFFD") ? r : String.valueOf(c));
        }
        return sb.toString();
    }

    private static String replacement(String text, int i, char c) {
        switch (c) {
            case '&': return "&amp;";
            case '<': return "&lt;";
            case '>': return "&gt;";
            case '"': return "&quot;";
            case '\'': return "&#39;";
            case '\t', '\n', '\r': return null;
            default:
                if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                    return "\uFFFD";
                }
                if (Character.isHighSurrogate(c)) {
                    return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? null : "\uFFFD";
                }
                if (Character.isLowSurrogate(c)) {
                    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) ? null : "\uFFFD";
                }
                return null;
        }
    }
}
