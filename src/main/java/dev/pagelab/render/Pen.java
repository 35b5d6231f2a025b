package dev.pagelab.render;

/**
 * How a line is drawn: colour, width and an optional dash pattern (null for a solid line).
 */
record Pen(String colour, double width, double[] dash) {
    static final Pen NONE = new Pen("none", 0, null);
    static final Pen HAIRLINE = new Pen("#4d4d4d", 0.6, null);
    static final Pen OUTLINE = new Pen("#333333", 1, null);

    static Pen of(String colour, double width) {
        return new Pen(colour, width, null);
    }

    static Pen dashed(String colour, double width, double... dash) {
        return new Pen(colour, width, dash);
    }

    boolean visible() {
        return width > 0 && !"none".equals(colour);
    }
}
