package dev.pagelab.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The key under every picture: a row of icons with labels, wrapped to the picture's width. An icon is whatever
 * the picture draws for that meaning (a swatch, a triangle, an arrow), at the same size.
 */
final class Legend {
    /** Draws an icon into the 18 by 12 box whose top-left corner is (x, y). */
    interface Icon {
        void draw(Sketch s, double x, double y);
    }

    record Entry(String label, Icon icon) {}

    static final double ICON_W = 18;
    static final double ICON_H = 12;
    private static final double ROW = 18;

    private final List<Entry> entries = new ArrayList<>();

    Legend add(String label, Icon icon) {
        entries.add(new Entry(label, icon));
        return this;
    }

    Legend swatch(Category c) {
        return swatch(c.fill(), Pen.HAIRLINE, c.label());
    }

    Legend swatch(Fill fill, Pen pen, String label) {
        return add(label, (s, x, y) -> s.rect(x, y, ICON_W, ICON_H, fill, pen));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Draws the legend from (x, y) within {@code width}; returns the height used. */
    double draw(Sketch s, double x, double y, double width) {
        s.text(x, y + 10, "Legend", TextStyle.HEADING);
        double cx = x + TextStyle.HEADING.width("Legend") + 14;
        double cy = y;
        for (Entry e : entries) {
            double w = ICON_W + 5 + TextStyle.LABEL.width(e.label()) + 16;
            if (cx + w > x + width && cx > x + 70) {
                cx = x + 70;
                cy += ROW;
            }
            e.icon().draw(s, cx, cy);
            s.text(cx + ICON_W + 5, cy + 10, e.label(), TextStyle.LABEL);
            cx += w;
        }
        return cy - y + ROW;
    }
}
