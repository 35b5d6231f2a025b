package dev.pagelab.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A picture as a list of drawing operations in pixel coordinates, written once by a picture and then replayed
 * into SVG ({@link SvgWriter}) or a raster ({@link PngWriter}), so both formats show the same thing. Every
 * sketch has a white background, a title and a description for screen readers.
 */
final class Sketch {
    /** One drawing operation. */
    sealed interface Op permits Rect, Line, Poly, Text {}

    /** A rectangle; {@code tip} is a hover text (SVG only), or null. */
    record Rect(double x, double y, double w, double h, Fill fill, Pen pen, String tip) implements Op {}

    record Line(double x1, double y1, double x2, double y2, Pen pen) implements Op {}

    /** A polygon ({@code closed}) or polyline over {@code xy} = x0, y0, x1, y1, ... */
    record Poly(double[] xy, boolean closed, Fill fill, Pen pen, String tip) implements Op {}

    /** Text whose baseline starts, centres or ends at (x, y), turned by {@code angle} degrees about that point. */
    record Text(double x, double y, String text, TextStyle style, Anchor anchor, double angle) implements Op {}

    private final String title;
    private final String description;
    private final List<Op> ops = new ArrayList<>();
    private double width;
    private double height;

    /** An empty drawing; {@link #size} gives it its size once its content is laid out. */
    Sketch(String title, String description) {
        this.title = title;
        this.description = description;
    }

    String title() { return title; }
    String description() { return description; }
    List<Op> ops() { return ops; }
    double width() { return width; }
    double height() { return height; }

    /** Sets the final size, once the content is laid out. */
    Sketch size(double w, double h) {
        this.width = Math.ceil(w);
        this.height = Math.ceil(h);
        return this;
    }

    void rect(double x, double y, double w, double h, Fill fill, Pen pen) {
        rect(x, y, w, h, fill, pen, null);
    }

    void rect(double x, double y, double w, double h, Fill fill, Pen pen, String tip) {
        ops.add(new Rect(x, y, w, h, fill, pen, tip));
    }

    void line(double x1, double y1, double x2, double y2, Pen pen) {
        ops.add(new Line(x1, y1, x2, y2, pen));
    }

    void polygon(Fill fill, Pen pen, double... xy) {
        ops.add(new Poly(xy, true, fill, pen, null));
    }

    void polygonWithTip(String tip, Fill fill, Pen pen, double... xy) {
        ops.add(new Poly(xy, true, fill, pen, tip));
    }

    void polyline(Pen pen, double... xy) {
        ops.add(new Poly(xy, false, null, pen, null));
    }

    void text(double x, double y, String text, TextStyle style) {
        text(x, y, text, style, Anchor.START);
    }

    void text(double x, double y, String text, TextStyle style, Anchor anchor) {
        ops.add(new Text(x, y, text, style, anchor, 0));
    }

    void text(double x, double y, String text, TextStyle style, Anchor anchor, double angle) {
        ops.add(new Text(x, y, text, style, anchor, angle));
    }

    /** A line with a filled arrow head at (x2, y2). */
    void arrow(double x1, double y1, double x2, double y2, Pen pen) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len = Math.hypot(dx, dy);
        if (len < 1e-9) {
            return;
        }
        double ux = dx / len;
        double uy = dy / len;
        double head = Math.min(8, len / 2);
        double bx = x2 - ux * head;
        double by = y2 - uy * head;
        line(x1, y1, bx, by, pen);
        Fill ink = Fill.solid(pen.colour());
        polygon(ink, Pen.NONE, x2, y2, bx - uy * head * 0.45, by + ux * head * 0.45, bx + uy * head * 0.45,
                by - ux * head * 0.45);
    }
}
