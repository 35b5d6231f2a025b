package dev.pagelab.render;

/**
 * How an area is painted: a background colour with an optional pattern drawn over it in {@code ink}. The
 * pattern carries the same meaning as the colour, so a reader who cannot tell the colours apart (or prints in
 * grey) still can tell the states apart.
 *
 * @param paper   the background colour, {@code #rrggbb}
 * @param pattern the pattern over it
 * @param ink     the pattern's colour, {@code #rrggbb}
 */
record Fill(String paper, Pattern pattern, String ink) {

    /** Patterns, drawn on a 6-pixel tile anchored at the picture's origin so neighbouring areas line up. */
    enum Pattern {
        SOLID, HLINES, VLINES, DIAGONAL, CROSS, DOTS, GRID, BACKDIAGONAL;

        /** A stable name for ids. */
        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static Fill solid(String colour) {
        return new Fill(colour, Pattern.SOLID, colour);
    }

    static Fill of(String paper, Pattern pattern, String ink) {
        return new Fill(paper, pattern, ink);
    }

    /** A key naming this fill in pattern ids: pattern and both colours. */
    String key() {
        return pattern.key() + "-" + paper.substring(1) + "-" + ink.substring(1);
    }
}
