package dev.pagelab.render;

/**
 * A picture drawn once, when it is made, on a {@link Sketch}: the hand-drawn pictures (maps, grids, the
 * translation picture) keep their title, their drawing, the table shown under it in HTML and the one-line text
 * {@code toString()} gives, and share how those become SVG, PNG, HTML and text. A subclass's constructor passes
 * the title up, then sets the drawing, the table (none by default) and the text.
 */
abstract class SketchPicture implements Picture {
    private final String title;
    private Sketch sketch;
    private String table = "";
    private String summary = "";

    SketchPicture(String title) {
        this.title = title;
    }

    /** The drawing, made in the subclass's constructor. */
    final void sketch(Sketch drawn) {
        sketch = drawn;
    }

    /** The drawing, for the writers. */
    final Sketch drawing() {
        return sketch;
    }

    /** The HTML table shown under the drawing (empty when there is none). */
    final String table() {
        return table;
    }

    /** The HTML table shown under the drawing. */
    final void table(String html) {
        table = html;
    }

    /** What {@link #toString()} says: one line a JShell user reads. */
    final void summary(String text) {
        summary = text;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String svg() {
        return SvgWriter.write(sketch);
    }

    @Override
    public final byte[] png() {
        return PngWriter.write(sketch);
    }

    @Override
    public final String html() {
        return Html.figure(this, EmbeddedImage.of(this), table);
    }

    @Override
    public final String toString() {
        return summary;
    }
}
