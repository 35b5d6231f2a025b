package dev.pagelab.render;

import dev.pagelab.lesson.Allocator;
import dev.pagelab.lesson.ContiguousMemory;
import dev.pagelab.lesson.Placement;

import java.util.ArrayList;
import java.util.List;

/**
 * A physical memory shared among programs, one cell per slot or frame, after the textbook figure: each cell
 * coloured and labelled by the program holding it (with the page it holds, under paging), free cells white. Under
 * contiguous placement each hole is marked with its size; a refused last request is drawn below as the row of
 * cells it asked for, with the reason; a placed one is outlined. A program keeps its colour through a whole
 * sequence (colours follow the order of first requests), so pictures of one sequence, contiguous and paged, agree.
 *
 * <pre>{@code
 * var ram = contiguous(12); ram.allocate("A", 3); ram.allocate("B", 2); ram.free("A");
 * PlacementMap.of(ram)
 * }</pre>
 */
public final class PlacementMap extends SketchPicture {
    private static final int LEFT = 70;
    private static final int MIN_WIDTH = 720;
    private static final String[] COLOURS = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442"};
    private static final Fill.Pattern[] PATTERNS = {Fill.Pattern.SOLID, Fill.Pattern.DIAGONAL, Fill.Pattern.HLINES,
        Fill.Pattern.DOTS};
    private static final Fill FREE = Fill.solid("#ffffff");
    private static final Pen FREE_PEN = Pen.dashed("#8c8c8c", 0.8, 2, 2);
    private static final Pen CELL_PEN = Pen.of("#4d4d4d", 0.6);
    private static final Pen LAST_PEN = Pen.of("#1a1a1a", 2.4);
    private static final String REFUSED = "#9b1c1c";

    private PlacementMap(Allocator memory, String title) {
        super(title);
        boolean contiguous = memory instanceof ContiguousMemory;
        int units = memory.units();
        int perRow = Math.min(units, 32);
        double cellW = units <= 16 ? 48 : 26;
        double cellH = units <= 16 ? 40 : 30;
        double pitch = cellW + 4;
        List<String> programs = memory.programs();
        String unit = memory.unit();
        Placement last = memory.lastRequest();

        String subtitle = subtitle(memory, contiguous);
        double width = Math.max(MIN_WIDTH, LEFT + perRow * pitch + 24);
        if (last != null && !last.placed()) {
            width = Math.max(width, reasonWidth(last));
        }
        Sketch s = new Sketch(title, subtitle);
        s.text(12, 22, title, TextStyle.TITLE);
        s.text(12, 40, subtitle, TextStyle.SUBTITLE);
        double top = 58;
        int rows = (units + perRow - 1) / perRow;
        double rowPitch = cellH + (contiguous ? 34 : 20);
        CellGrid grid = new CellGrid(LEFT, top, perRow, pitch, rowPitch, cellH);
        for (int u = 0; u < units; u++) {
            double x = grid.x(u);
            double y = grid.y(u);
            grid.rowLabel(s, u, grid.row(u) == 0 ? unit + "s" : "", TextStyle.LABEL);
            String owner = memory.owner(u);
            if (owner == null) {
                s.rect(x, y, cellW, cellH, FREE, FREE_PEN, unit + " " + u + ": free");
            } else {
                int page = memory.pageAt(u);
                int index = programs.indexOf(owner);
                boolean isLast = last != null && last.placed() && last.program().equals(owner);
                s.rect(x, y, cellW, cellH, fill(index), isLast ? LAST_PEN : CELL_PEN, unit + " " + u + ": " + owner
                        + (contiguous ? "" : ", page " + page));
                label(s, x, y, cellW, cellH, owner, contiguous ? null : "p" + page, index);
            }
            if (perRow <= 16 || u % 4 == 0 || grid.column(u) == perRow - 1) {
                s.text(x + cellW / 2, y + cellH + 12, Integer.toString(u), TextStyle.SMALL.size(9), Anchor.MIDDLE);
            }
        }
        double bottom = top + rows * rowPitch;
        if (contiguous) {
            for (int[] hole : ((ContiguousMemory) memory).holes()) {
                markHole(s, hole, perRow, pitch, cellW, cellH, top, rowPitch);
            }
        }
        if (last != null && !last.placed()) {
            bottom = refused(s, last, programs.indexOf(last.program()), unit, bottom + 4, cellW, cellH, pitch);
        }

        Legend legend = new Legend();
        List<List<String>> rowsOut = new ArrayList<>();
        for (Placement p : memory.placements()) {
            legend.swatch(fill(programs.indexOf(p.program())), CELL_PEN, p.program() + " (" + count(p.size(), unit) + ")");
            rowsOut.add(List.of(p.program(), count(p.size(), unit), where(p, contiguous)));
        }
        legend.swatch(FREE, FREE_PEN, "free " + unit);
        if (last != null && last.placed()) {
            legend.add("last request (" + last.program() + ")", (sk, lx, ly) -> sk.rect(lx + 1, ly + 1, Legend.ICON_W - 2,
                    Legend.ICON_H - 2, Fill.solid("#ffffff"), LAST_PEN));
        }
        if (last != null && !last.placed()) {
            legend.add("refused request", (sk, lx, ly) -> sk.rect(lx, ly, Legend.ICON_W, Legend.ICON_H,
                    ghost(programs.indexOf(last.program())), Pen.dashed(REFUSED, 1.4, 3, 2)));
            rowsOut.add(List.of(last.program(), count(last.size(), unit), "refused: " + last.reason()));
        }
        double h = legend.draw(s, 12, bottom + 6, width - 24);
        s.size(width, bottom + 6 + h + 8);
        sketch(s);
        table(Html.table(contiguous ? "Blocks" : "Pages in frames", List.of("program", unit + "s", "where"), rowsOut));
        summary("placement map: " + title + ": " + subtitle);
    }

    /** The slots of a contiguous memory, or the frames of a paged one. */
    public static PlacementMap of(Allocator memory) {
        if (memory == null) {
            throw new IllegalArgumentException("no memory to draw (null)");
        }
        String title = memory instanceof ContiguousMemory ? "Contiguous placement (first fit)" : "Paged placement";
        return new PlacementMap(memory, title);
    }

    /** The same picture with another title. */
    public static PlacementMap of(Allocator memory, String title) {
        if (memory == null) {
            throw new IllegalArgumentException("no memory to draw (null)");
        }
        return new PlacementMap(memory, title == null ? "Placement" : title);
    }

    private static String subtitle(Allocator m, boolean contiguous) {
        String head = count(m.units(), m.unit()) + " · " + m.freeUnits() + " free · ";
        return head + (contiguous ? "largest hole " + count(m.largestFreeBlock(), m.unit())
                : "a request fits when enough frames are free, wherever they are");
    }

    private static void label(Sketch s, double x, double y, double w, double h, String name, String page, int index) {
        String text = name.length() > 3 ? name.substring(0, 3) : name;
        boolean light = (index % COLOURS.length) == 1 || (index % COLOURS.length) == 4 || (index % COLOURS.length) == 6;
        boolean patterned = index >= COLOURS.length;
        String ink = light || patterned ? "#1a1a1a" : "#ffffff";
        double size = w >= 40 ? 14 : 10;
        double cy = page == null ? y + h / 2 + size * 0.35 : y + h / 2 - 1;
        if (patterned) {
            s.rect(x + w / 2 - size * 0.9, cy - size * 0.85, size * 1.8, size * 1.05, Fill.solid("#ffffff"), Pen.NONE);
        }
        s.text(x + w / 2, cy, text, TextStyle.LABEL.size(size).asBold().colour(ink), Anchor.MIDDLE);
        if (page != null) {
            if (patterned) {
                s.rect(x + w / 2 - 10, cy + 3, 20, 11, Fill.solid("#ffffff"), Pen.NONE);
            }
            s.text(x + w / 2, cy + 12, page, TextStyle.SMALL.size(w >= 40 ? 10 : 8).colour(ink), Anchor.MIDDLE);
        }
    }

    private static void markHole(Sketch s, int[] hole, int perRow, double pitch, double cellW, double cellH, double top,
                                 double rowPitch) {
        // A bracket under the hole's cells, row by row, and its size under the first piece.
        int first = hole[0];
        int end = hole[0] + hole[1];
        boolean labelled = false;
        for (int u = first; u < end; ) {
            int row = u / perRow;
            int rowEnd = Math.min(end, (row + 1) * perRow);
            double x1 = LEFT + (u % perRow) * pitch;
            double x2 = LEFT + ((rowEnd - 1) % perRow) * pitch + cellW;
            double y = top + row * rowPitch + cellH + 17;
            Pen pen = Pen.of("#555555", 1);
            s.line(x1, y, x2, y, pen);
            s.line(x1, y - 3, x1, y, pen);
            s.line(x2, y - 3, x2, y, pen);
            if (!labelled) {
                s.text((x1 + x2) / 2, y + 12, "hole: " + hole[1], TextStyle.SMALL.size(10).asBold(), Anchor.MIDDLE);
                labelled = true;
            }
            u = rowEnd;
        }
    }

    /** The refused request as the row of cells it asked for, with the reason under it; returns the bottom. */
    private static double refused(Sketch s, Placement p, int index, String unit, double y, double cellW, double cellH,
                                  double pitch) {
        s.text(12, y + 14, p.program() + " asks for " + count(p.size(), unit) + ":", TextStyle.HEADING);
        int shown = Math.min(p.size(), 32);
        double w = Math.min(cellW, 26);
        double h = Math.min(cellH, 26);
        double step = Math.min(pitch, 30);
        for (int i = 0; i < shown; i++) {
            s.rect(LEFT + i * step, y + 24, w, h, ghost(index), Pen.dashed(REFUSED, 1.4, 3, 2),
                    "requested " + unit + " " + i + " of " + p.size());
        }
        if (p.size() > shown) {
            s.text(LEFT + shown * step + 4, y + 24 + h / 2 + 4, "…", TextStyle.LABEL);
        }
        s.text(LEFT, y + 24 + h + 18, "refused: " + p.reason(), TextStyle.LABEL.asBold().colour(REFUSED));
        return y + 24 + h + 26;
    }

    private static double reasonWidth(Placement p) {
        return LEFT + TextStyle.LABEL.asBold().width("refused: " + p.reason()) + 24;
    }

    private static Fill fill(int index) {
        String colour = COLOURS[Math.floorMod(index, COLOURS.length)];
        Fill.Pattern pattern = PATTERNS[Math.floorMod(index / COLOURS.length, PATTERNS.length)];
        return pattern == Fill.Pattern.SOLID ? Fill.solid(colour) : Fill.of(colour, pattern, "#ffffff");
    }

    private static Fill ghost(int index) {
        return Fill.of("#ffffff", Fill.Pattern.BACKDIAGONAL, COLOURS[Math.floorMod(index, COLOURS.length)]);
    }

    private static String count(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String where(Placement p, boolean contiguous) {
        if (contiguous) {
            return p.size() == 1 ? "slot " + p.where().get(0) : "slots " + p.where().get(0) + "–" + p.where().get(p.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.where().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("page ").append(i).append(" → frame ").append(p.where().get(i));
        }
        return sb.toString();
    }
}
