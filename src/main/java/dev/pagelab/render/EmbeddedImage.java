package dev.pagelab.render;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A picture drawn once into the one image a notebook output carries: SVG for the hand-drawn pictures (a few
 * kilobytes of rectangles and text, sharp at any zoom), PNG for the charts (JFreeSVG writes every glyph and path
 * segment out, several times the PNG's size). The same bytes go into the output's image entry and, as a
 * {@code data:} URI, into its HTML, so both show the same drawing.
 *
 * @param mime   {@code image/svg+xml} or {@code image/png}
 * @param bytes  the image file
 * @param width  the width to show it at, in CSS pixels
 * @param height the height to show it at, in CSS pixels
 */
record EmbeddedImage(String mime, byte[] bytes, int width, int height) {

    static EmbeddedImage of(Picture p) {
        if (p instanceof SketchPicture s) {
            Sketch sketch = s.drawing();
            return new EmbeddedImage(Display.SVG, p.svg().getBytes(StandardCharsets.UTF_8),
                    (int) Math.ceil(sketch.width()), (int) Math.ceil(sketch.height()));
        }
        byte[] png = p.png();
        return new EmbeddedImage(Display.PNG, png, pngInt(png, 16), pngInt(png, 20));
    }

    /** The image base64-encoded, as a notebook stores an image entry (SVG is stored as text). */
    String entry() {
        return mime.equals(Display.SVG) ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes);
    }

    /** The image as a {@code data:} URI. */
    String dataUri() {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** A big-endian int of the PNG header (IHDR width at 16, height at 20). */
    private static int pngInt(byte[] png, int at) {
        if (png.length < at + 4) {
            throw new IllegalStateException("a PNG of " + png.length + " bytes has no image header");
        }
        return ((png[at] & 0xff) << 24) | ((png[at + 1] & 0xff) << 16) | ((png[at + 2] & 0xff) << 8) | (png[at + 3] & 0xff);
    }
}
