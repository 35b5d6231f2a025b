package dev.pagelab.render;

/**
 * How text is set: size in pixels, weight, and whether it is the monospaced face (addresses) or the sans-serif
 * one. Only the generic families are named, so a picture never asks for a font the reader lacks.
 */
record TextStyle(double size, boolean bold, boolean mono, String colour) {
    static final TextStyle TITLE = new TextStyle(16, true, false, "#1a1a1a");
    static final TextStyle SUBTITLE = new TextStyle(12, false, false, "#333333");
    static final TextStyle LABEL = new TextStyle(11, false, false, "#1a1a1a");
    static final TextStyle SMALL = new TextStyle(10, false, false, "#333333");
    static final TextStyle HEADING = new TextStyle(12, true, false, "#1a1a1a");
    static final TextStyle ADDRESS = new TextStyle(10, false, true, "#1a1a1a");
    static final TextStyle ADDRESS_BOLD = new TextStyle(10, true, true, "#1a1a1a");

    TextStyle colour(String c) {
        return new TextStyle(size, bold, mono, c);
    }

    TextStyle size(double s) {
        return new TextStyle(s, bold, mono, colour);
    }

    TextStyle asBold() {
        return new TextStyle(size, true, mono, colour);
    }

    /**
     * An estimate of the width of {@code text}, from fixed per-character advances rather than font metrics, so
     * layouts are the same on every machine.
     */
    double width(String text) {
        if (text == null) {
            return 0;
        }
        double em = mono ? 0.61 : bold ? 0.66 : 0.6;
        return text.codePointCount(0, text.length()) * size * em;
    }
}
