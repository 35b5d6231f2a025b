package dev.pagelab.render;

/**
 * Where the cells of a grid picture stand: cell {@code i} in row {@code i / perRow} and column {@code i % perRow},
 * rows labelled at their left end (the page grid's addresses, the placement map's "frames").
 *
 * @param left   the x of the first column
 * @param top    the y of the first row
 * @param perRow cells in a row
 * @param pitchX from one column to the next
 * @param pitchY from one row to the next
 * @param cellH  a cell's height
 */
record CellGrid(double left, double top, int perRow, double pitchX, double pitchY, double cellH) {

    /** The column of cell {@code i}. */
    int column(int i) {
        return i % perRow;
    }

    /** The row of cell {@code i}. */
    int row(int i) {
        return i / perRow;
    }

    /** The left edge of cell {@code i}. */
    double x(int i) {
        return left + column(i) * pitchX;
    }

    /** The top edge of cell {@code i}. */
    double y(int i) {
        return top + row(i) * pitchY;
    }

    /** Writes {@code text} left of the row that cell {@code i} starts; nothing for a cell inside a row. */
    void rowLabel(Sketch s, int i, String text, TextStyle style) {
        if (column(i) == 0) {
            s.text(left - 8, y(i) + cellH / 2 + 4, text, style, Anchor.END);
        }
    }
}
