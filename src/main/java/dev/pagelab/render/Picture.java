package dev.pagelab.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A picture of some PageLab state, as SVG, PNG or an HTML fragment, with a title and a legend. Every format is
 * deterministic: the same state gives the same bytes.
 *
 * <pre>{@code
 * var s = space(); s.reserve(kb(64)).commit(0, kb(8));
 * Pictures.map(s).save(Path.of("map.svg"));
 * }</pre>
 */
public interface Picture {

    /** The title drawn at the top of the picture. */
    String title();

    /** The picture as a standalone SVG document (UTF-8 text, no XML declaration needed). */
    String svg();

    /** The picture as PNG bytes. */
    byte[] png();

    /**
     * The picture as an HTML fragment for a notebook cell: the picture as an {@code <img>} holding its own image
     * (a {@code data:} URI, SVG or PNG, with the one-line summary as its text alternative) on a white card
     * (legible on dark themes too), followed by any table the picture carries. No script, no inline
     * {@code <svg>} (the HTML sanitizers of untrusted notebooks remove it), no external resource.
     */
    default String html() {
        return Html.figure(this, EmbeddedImage.of(this), "");
    }

    /**
     * Writes the picture to {@code path}, the format chosen by the extension: {@code .svg}, {@code .png}, or
     * {@code .html} (a whole page holding the picture). Returns the path written.
     */
    default Path save(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".svg")) {
                Files.writeString(path, svg(), StandardCharsets.UTF_8);
            } else if (name.endsWith(".png")) {
                Files.write(path, png());
            } else if (name.endsWith(".html") || name.endsWith(".htm")) {
                Files.writeString(path, Html.page(title(), html()), StandardCharsets.UTF_8);
            } else {
                throw new IllegalArgumentException("save(" + path + "): the file name must end in .svg, .png or .html");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + path + ": " + e.getMessage(), e);
        }
        return path;
    }
}
