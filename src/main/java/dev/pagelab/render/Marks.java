package dev.pagelab.render;

/**
 * The marks that pictures put on top of states: a guard page is a black downward triangle, a resident page a
 * filled circle, a dirty page a filled corner triangle, a page in the page file a hollow square. Shapes, not
 * colours, carry these meanings.
 */
final class Marks {
    private Marks() {}

    static final String INK = "#1a1a1a";
    static final Fill INK_FILL = Fill.solid(INK);
    static final Fill RESIDENT_TRACK = Fill.solid("#0072b2");
    static final Fill DIRTY_TRACK = Fill.of("#f2b48a", Fill.Pattern.BACKDIAGONAL, "#a84300");
    static final Fill PAGE_FILE_TRACK = Fill.of("#ffffff", Fill.Pattern.GRID, "#0072b2");

    /** A downward triangle of width {@code w} whose tip is at (cx, tipY). */
    static void guard(Sketch s, double cx, double tipY, double w) {
        s.polygon(INK_FILL, Pen.of("#ffffff", 0.8), cx, tipY, cx - w / 2, tipY - w * 0.8, cx + w / 2, tipY - w * 0.8);
    }

    static void resident(Sketch s, double cx, double cy, double r) {
        s.polygon(INK_FILL, Pen.of("#ffffff", 0.6), circle(cx, cy, r));
    }

    /** A triangle filling the top-right corner of a cell whose right edge is {@code right}. */
    static void dirty(Sketch s, double right, double top, double size) {
        s.polygon(INK_FILL, Pen.NONE, right - size, top, right, top, right, top + size);
    }

    static void inPageFile(Sketch s, double cx, double cy, double r) {
        s.rect(cx - r, cy - r, 2 * r, 2 * r, Fill.solid("#ffffff"), Pen.of(INK, 1));
    }

    /** A polygon approximating a circle, so both writers draw the same shape. */
    static double[] circle(double cx, double cy, double r) {
        int n = 12;
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            xy[2 * i] = cx + r * Math.cos(a);
            xy[2 * i + 1] = cy + r * Math.sin(a);
        }
        return xy;
    }

    // Legend icons.

    static final Legend.Icon GUARD_ICON = (s, x, y) -> guard(s, x + 9, y + 11, 11);
    static final Legend.Icon RESIDENT_ICON = (s, x, y) -> {
        s.rect(x, y, Legend.ICON_W, Legend.ICON_H, Fill.solid("#ffffff"), Pen.HAIRLINE);
        resident(s, x + 6, y + 6, 3.5);
    };
    static final Legend.Icon DIRTY_ICON = (s, x, y) -> {
        s.rect(x, y, Legend.ICON_W, Legend.ICON_H, Fill.solid("#ffffff"), Pen.HAIRLINE);
        dirty(s, x + Legend.ICON_W, y, 8);
    };
    static final Legend.Icon PAGE_FILE_ICON = (s, x, y) -> {
        s.rect(x, y, Legend.ICON_W, Legend.ICON_H, Fill.solid("#ffffff"), Pen.HAIRLINE);
        inPageFile(s, x + 9, y + 6, 3.5);
    };
}
