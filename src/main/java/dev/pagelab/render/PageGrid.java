package dev.pagelab.render;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.Pages;
import dev.pagelab.Protection;
import dev.pagelab.Region;
import dev.pagelab.SpaceView;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A region as a grid with one cell per page, 32 to a row: the cell's colour and pattern tell state and
 * protection, a circle marks a resident page (its frame number written across the cell's foot), a hollow square a page in the page file,
 * a corner triangle a dirty page, a downward triangle and a dashed border a guard page. Beyond
 * {@value #MAX_CELLS} pages a cell stands for a power-of-two number of pages, shown as the map shows a pixel.
 * The picture is taken when made.
 *
 * <pre>{@code
 * var r = space().reserve(kb(64)); r.commit(0, kb(16)).protect(READONLY);
 * PageGrid.of(r)
 * }</pre>
 */
public final class PageGrid extends SketchPicture {
    static final int MAX_CELLS = 1024;
    private static final int WIDTH = 1000;
    private static final int LEFT = 132;
    private static final int PER_ROW = 32;
    private static final double CELL_W = 24;
    private static final double CELL_H = 30;
    private static final double PITCH_X = 26;
    private static final double PITCH_Y = 33;
    private static final double TOP = 72;

    private final SpaceView vm;
    private final PageSpan span;

    private PageGrid(SpaceView vm, PageSpan span, String title) {
        super(title);
        this.vm = vm;
        this.span = span;
        long from = span.from();
        long to = span.to();
        Layout layout = vm.layout();
        int pageSize = layout.pageSize();
        long pages = (to - from) / pageSize;
        long perCell = 1;
        while ((pages + perCell - 1) / perCell > MAX_CELLS) {
            perCell <<= 1;
        }
        int cells = (int) ((pages + perCell - 1) / perCell);
        long shown = Math.min(layout.maxAddress() - from, cells * perCell * pageSize);
        Columns c = Columns.scan(vm, vm.reservations(), from, from + shown, cells, to);
        String subtitle = subtitle(vm, from, to, pages, perCell);
        Sketch s = new Sketch(title, subtitle);
        s.text(12, 22, title, TextStyle.TITLE);
        s.text(12, 40, subtitle, TextStyle.SUBTITLE);
        int perRow = Math.min(PER_ROW, cells);
        // A grid of at most 16 cells, as most lessons draw, gets cells and marks 1.6 times the size.
        double k = cells <= 16 ? 1.6 : 1;
        double cw = CELL_W * k;
        double ch = CELL_H * k;
        double px = PITCH_X * k;
        double py = PITCH_Y * k;
        for (int i = 0; i < perRow; i += 4) {
            s.text(LEFT + i * px + cw / 2, TOP - 6, "+" + (i * perCell), TextStyle.SMALL.size(9), Anchor.MIDDLE);
        }
        boolean[] present = new boolean[Category.VALUES.length];
        boolean anyGuard = false;
        CellGrid grid = new CellGrid(LEFT, TOP, PER_ROW, px, py, ch);
        for (int i = 0; i < cells; i++) {
            double x = grid.x(i);
            double y = grid.y(i);
            grid.rowLabel(s, i, Hex.address(from + i * perCell * pageSize), TextStyle.ADDRESS);
            Category cat = c.category(i);
            present[cat.ordinal()] = true;
            long start = from + i * perCell * pageSize;
            long end = Math.min(to, start + perCell * pageSize);
            PageInfo info = perCell == 1 ? vm.page(start) : null;
            s.rect(x, y, cw, ch, cat.fill(), Pen.of("#6b6b6b", 0.6), tip(start, end, cat, c, i, info));
            if (c.guard[i]) {
                anyGuard = true;
                s.rect(x + 1.5, y + 1.5, cw - 3, ch - 3, null, Pen.dashed("#1a1a1a", 1.6, 3, 2));
                Marks.guard(s, x + cw / 2, y + 8 * k, 8 * k);
            }
            // A cell's marks: dirty in the top-right corner, resident or in the page file at the top left, and the
            // frame number written across the bottom, on a white strip as wide as the cell.
            if (c.dirty[i] > 0) {
                Marks.dirty(s, x + cw, y, 10 * k);
            }
            if (c.resident[i] > 0) {
                Marks.resident(s, x + 7 * k, y + 7 * k, 4.6 * k);
                if (info != null && info.frame() >= 0 && info.frame() < 1000) {
                    frameNumber(s, x + 1.5, y + ch - 12.5 * k, cw - 3, k, info.frame());
                }
            } else if (c.inFile[i] > 0) {
                Marks.inPageFile(s, x + 7 * k, y + 7 * k, 4.2 * k);
            }
        }
        int rows = (cells + PER_ROW - 1) / PER_ROW;
        double bottom = TOP + rows * py + 6;
        Legend legend = new Legend();
        for (Category cat : Category.VALUES) {
            if (present[cat.ordinal()] || cat == Category.RESERVED || cat == Category.READWRITE) {
                legend.swatch(cat);
            }
        }
        if (anyGuard) {
            legend.add("guard page", Marks.GUARD_ICON);
        }
        legend.add("resident, in frame n", RESIDENT_IN_FRAME);
        legend.add("dirty", Marks.DIRTY_ICON);
        legend.add("in the page file", Marks.PAGE_FILE_ICON);
        double h = legend.draw(s, 12, bottom + 4, WIDTH - 24);
        s.size(WIDTH, bottom + 4 + h + 8);
        sketch(s);
        table(runs(vm, from, to));
        summary("page grid of " + Hex.range(from, to) + ": " + subtitle);
    }

    /** The legend's resident mark: a cell with the dot and a frame number under it, as the grid draws them. */
    private static final Legend.Icon RESIDENT_IN_FRAME = (s, x, y) -> {
        s.rect(x, y - 3, Legend.ICON_W, Legend.ICON_H + 6, Fill.solid("#ffffff"), Pen.HAIRLINE);
        Marks.resident(s, x + 5, y + 1.5, 3.2);
        s.text(x + Legend.ICON_W - 4, y + Legend.ICON_H + 1, "n", TextStyle.SMALL.size(9).asBold(), Anchor.MIDDLE);
    };

    /**
     * A frame number on a white strip at (x, y), {@code w} wide, so it reads as text and not as a mark; {@code k}
     * scales its height and type with the cells.
     */
    private static void frameNumber(Sketch s, double x, double y, double w, double k, int frame) {
        s.rect(x, y, w, 11 * k, Fill.solid("#ffffff"), Pen.of("#6b6b6b", 0.4));
        s.text(x + w / 2, y + 9 * k, Integer.toString(frame), TextStyle.SMALL.size(10 * k).colour("#1a1a1a"), Anchor.MIDDLE);
    }

    /** One cell per page of a reservation. */
    public static PageGrid of(Region region) {
        return new PageGrid(region.space().view(), new PageSpan(region.base(), region.end()),
                "Page grid: region " + Hex.range(region.base(), region.end()) + " " + region.size());
    }

    /** One cell per page of a page range. */
    public static PageGrid of(Pages pages) {
        return new PageGrid(pages.region().space().view(), new PageSpan(pages.start(), pages.end()),
                "Page grid: pages " + Hex.range(pages.start(), pages.end()) + " " + pages.size());
    }

    /** One cell per page of {@code [from, to)} in a space, widened to whole pages. */
    public static PageGrid of(AddressSpace space, long from, long to) {
        return of(space.view(), from, to);
    }

    /** One cell per page of {@code [from, to)} in an engine-level space, widened to whole pages. */
    public static PageGrid of(SpaceView vm, long from, long to) {
        PageSpan span = PageSpan.of(vm.layout(), from, to, "page grid");
        return new PageGrid(vm, span, "Page grid: " + span);
    }

    /**
     * The same pages (as they are now, like {@link SpaceMap#title}) under another title: {@code grid(stack).title("8 calls deep")}.
     */
    public PageGrid title(String text) {
        return new PageGrid(vm, span, text == null ? title() : text);
    }

    private static String tip(long start, long end, Category cat, Columns c, int i, PageInfo info) {
        StringBuilder sb = new StringBuilder(Hex.range(start, end)).append(' ').append(cat.label());
        if (info != null) {
            if (info.guard()) {
                sb.append(", guard");
            }
            if (info.resident()) {
                sb.append(", resident in frame ").append(info.frame());
            } else if (info.inPageFile()) {
                sb.append(", in the page file");
            } else if (info.state() == MEM_COMMIT) {
                sb.append(", not yet touched");
            }
            if (info.dirty()) {
                sb.append(", dirty");
            }
        } else if (c.committed[i] > 0) {
            sb.append(": ").append(c.committed[i]).append(" committed, ").append(c.resident[i]).append(" resident, ")
                    .append(c.dirty[i]).append(" dirty");
        }
        return sb.toString();
    }

    private static String subtitle(SpaceView vm, long from, long to, long pages, long perCell) {
        int pageSize = vm.layout().pageSize();
        long committed = 0;
        long resident = 0;
        long dirty = 0;
        for (long a = vm.nextCommitted(from, to); a < to; a = vm.nextCommitted(a + pageSize, to)) {
            PageInfo p = vm.page(a);
            committed++;
            resident += p.resident() ? 1 : 0;
            dirty += p.dirty() ? 1 : 0;
        }
        return pages + (pages == 1 ? " page" : " pages") + " of " + Hex.size(pageSize) + ": " + committed + " committed ("
                + resident + " resident, " + dirty + " dirty) · "
                + (perCell == 1 ? "one cell per page" : "each cell = " + perCell + " pages") + ", " + PER_ROW + " cells a row";
    }

    private static String runs(SpaceView vm, long from, long to) {
        int pageSize = vm.layout().pageSize();
        List<List<String>> rows = new ArrayList<>();
        for (long a = from; a < to; ) {
            MemoryRegion r = vm.query(a);
            long end = Math.min(r.end(), to);
            if (rows.size() == 16) {
                rows.add(List.of("…", "", "", "more runs not listed"));
                break;
            }
            long n = (end - a) / pageSize;
            rows.add(List.of(Hex.range(a, end), n + (n == 1 ? " page" : " pages"), stateName(r.state()),
                    r.state() == MEM_COMMIT ? Protection.shortName(r.protect()) : ""));
            a = end;
        }
        return Html.table("VirtualQuery runs", List.of("range", "pages", "state", "protection"), rows);
    }

    private static String stateName(int state) {
        return switch (state) {
            case MEM_COMMIT -> "committed";
            case MEM_RESERVE -> "reserved";
            default -> "free";
        };
    }
}
