package dev.pagelab.render;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.Region;
import dev.pagelab.SpaceView;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.MemoryRegion;

import java.util.ArrayList;
import java.util.List;

/**
 * The map of an address space after Sysinternals VMMap: a band along the addresses, coloured and patterned by
 * state and protection, with reservation outlines, guard pages marked above it, tracks below it for resident,
 * dirty and paged-out pages, a hex address axis and the largest free block called out. The overview cuts the
 * huge free gaps (see {@link SpaceLayout}); {@link #zoom(long, long)} shows a range at a linear scale.
 * Runs of pages fold into pixel columns, so the picture's size depends on its width, never on the page count.
 * The picture is taken when made: later changes to the space do not show.
 *
 * <pre>{@code
 * var s = space(); var r = s.reserve(kb(64)); r.commit(0, kb(8)); r.write(0, 1);
 * SpaceMap.of(s).save(Path.of("map.svg"));
 * SpaceMap.of(s).zoom(r.base(), r.end())
 * }</pre>
 */
public final class SpaceMap extends SketchPicture {
    static final int WIDTH = 1000;
    static final int BAND_X = 88;
    static final int BAND_W = WIDTH - BAND_X - 20;
    private static final double CALLOUT_Y = 62;
    private static final double BAND_Y = 84;
    private static final double BAND_H = 44;
    private static final double TRACK_H = 9;
    private static final double[] TRACK_Y = {BAND_Y + BAND_H + 5, BAND_Y + BAND_H + 17, BAND_Y + BAND_H + 29};
    private static final double AXIS_Y = TRACK_Y[2] + TRACK_H + 8;

    private final SpaceView vm;
    private final long zoomFrom;
    private final long zoomTo;

    private SpaceMap(SpaceView vm, String title, long zoomFrom, long zoomTo) {
        super(title);
        this.vm = vm;
        this.zoomFrom = zoomFrom;
        this.zoomTo = zoomTo;
        Drawn d = draw();
        sketch(d.sketch);
        table(d.table);
        summary(d.summary);
    }

    /** The whole user range of {@code space}, with the big free gaps cut. */
    public static SpaceMap of(AddressSpace space) {
        return of(space.view());
    }

    /** The whole user range of an engine-level space. */
    public static SpaceMap of(SpaceView vm) {
        return new SpaceMap(vm, "Address space map", -1, -1);
    }

    /**
     * The same space (as it is now) from {@code from} to {@code to} at a linear scale; the range is widened to
     * whole pages and must lie in the user range.
     */
    public SpaceMap zoom(long from, long to) {
        Layout layout = vm.layout();
        long mask = layout.pageSize() - 1L;
        long a = from & ~mask;
        long b = (to + mask) & ~mask;
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("zoom " + Hex.range(from, to) + " is empty: give from < to");
        }
        if (a < layout.minAddress() || b > layout.maxAddress()) {
            throw new IllegalArgumentException("zoom " + Hex.range(a, b) + " runs outside the user range "
                    + Hex.range(layout.minAddress(), layout.maxAddress()));
        }
        return new SpaceMap(vm, title(), a, b);
    }

    /** The same space zoomed to a reservation and the rest of its last granule. */
    public SpaceMap zoom(Region region) {
        long granularity = vm.layout().granularity();
        return zoom(region.base(), Math.min(vm.layout().maxAddress(), SpaceLayout.alignUp(region.end(), granularity)));
    }

    /** The same picture with another title. */
    public SpaceMap title(String text) {
        return new SpaceMap(vm, text, zoomFrom, zoomTo);
    }

    /** Whether this map shows a range at a linear scale rather than the whole space. */
    public boolean zoomed() {
        return zoomFrom >= 0;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The outline of a mapped view: blue and dashed, apart from a reservation's black one. */
    private static final Pen VIEW_PEN = Pen.dashed("#0b5cad", 2.5, 6, 3);

    private record Drawn(Sketch sketch, String table, String summary) {}

    private Drawn draw() {
        List<SpaceView.Reservation> allocations = vm.reservations();
        SpaceLayout layout = zoomed() ? SpaceLayout.zoom(zoomFrom, zoomTo, BAND_X, BAND_W)
                : SpaceLayout.overview(vm, allocations, BAND_X, BAND_W);
        long[] largest = largestFreeBlock(allocations);
        String subtitle = subtitle(allocations, layout, largest);
        Sketch s = new Sketch(title(), subtitle);
        s.text(12, 22, title(), TextStyle.TITLE);
        s.text(12, 40, subtitle, TextStyle.SUBTITLE);

        List<Columns> scanned = new ArrayList<>();
        boolean[] present = new boolean[Category.VALUES.length];
        boolean anyGuard = false;
        for (SpaceLayout.Piece p : layout.pieces) {
            if (p.cut()) {
                drawCut(s, p);
                present[Category.FREE.ordinal()] = true;
                continue;
            }
            Columns c = Columns.scan(vm, allocations, p.from(), p.to(), p.width());
            scanned.add(c);
            drawColumns(s, p, c, present);
            anyGuard |= drawGuards(s, p, c);
            drawTracks(s, p, c);
        }
        drawAllocations(s, layout, allocations);
        drawTrackLabels(s);
        double axisBottom = drawAxis(s, layout);
        drawLargest(s, layout, largest);

        Legend legend = new Legend();
        legend.swatch(Category.FREE).swatch(Category.UNUSABLE).swatch(Category.RESERVED);
        for (Category c : Category.VALUES) {
            if (c.committed() && (present[c.ordinal()] || c == Category.READWRITE)) {
                legend.swatch(c);
            }
        }
        legend.add("reservation outline", (sk, x, y) -> sk.rect(x, y, Legend.ICON_W, Legend.ICON_H, null, Pen.of("#1a1a1a", 1.5)));
        if (allocations.stream().anyMatch(SpaceView.Reservation::mapped)) {
            legend.add("mapped view of a section (shared)", (sk, x, y) -> sk.rect(x, y, Legend.ICON_W, Legend.ICON_H, null,
                    VIEW_PEN));
        }
        if (anyGuard) {
            legend.add("guard page", Marks.GUARD_ICON);
        }
        legend.swatch(Marks.RESIDENT_TRACK, Pen.NONE, "resident (bar height = share)");
        legend.swatch(Marks.DIRTY_TRACK, Pen.NONE, "dirty");
        legend.swatch(Marks.PAGE_FILE_TRACK, Pen.HAIRLINE, "in the page file");
        if (layout.cuts() > 0) {
            legend.add("free gap cut short (not to scale)", (sk, x, y) -> cutIcon(sk, x, y));
        }
        if (largest != null && largest[1] > layout.from() && largest[0] < layout.to()) {
            legend.add("largest free block", (sk, x, y) -> bracket(sk, x + 1, x + Legend.ICON_W - 1, y + 4));
        }
        double h = legend.draw(s, 12, axisBottom + 10, WIDTH - 24);
        s.size(WIDTH, axisBottom + 10 + h + 8);

        return new Drawn(s, table(allocations, largest), summary(allocations, layout, largest));
    }

    private void drawColumns(Sketch s, SpaceLayout.Piece p, Columns c, boolean[] present) {
        int start = 0;
        for (int i = 1; i <= c.count; i++) {
            if (i == c.count || c.category(i) != c.category(start)) {
                Category cat = c.category(start);
                present[cat.ordinal()] = true;
                s.rect(p.x() + start, BAND_Y, i - start, BAND_H, cat.fill(), Pen.NONE,
                        Hex.range(c.start(start), c.end(i - 1)) + " " + cat.label());
                start = i;
            }
        }
        long pages = (c.to - c.from) / vm.layout().pageSize();
        if (zoomed() && pages <= 64 && pages > 1) {
            double step = (double) p.width() / pages;
            for (int i = 1; i < pages; i++) {
                double x = p.x() + i * step;
                s.line(x, BAND_Y + BAND_H - 6, x, BAND_Y + BAND_H, Pen.of("#1a1a1a", 0.8));
            }
        }
    }

    private boolean drawGuards(Sketch s, SpaceLayout.Piece p, Columns c) {
        boolean any = false;
        int i = 0;
        while (i < c.count) {
            if (!c.guard[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < c.count && c.guard[j]) {
                j++;
            }
            double x0 = p.x() + i;
            double w = j - i;
            s.rect(x0 + 1, BAND_Y + 1, Math.max(1, w - 2), BAND_H - 2, null, Pen.dashed("#1a1a1a", 2, 4, 2), "guard page(s) in "
                    + Hex.range(c.start(i), c.end(j - 1)));
            Marks.guard(s, x0 + w / 2, BAND_Y - 1, 10);
            any = true;
            i = j;
        }
        return any;
    }

    private void drawTracks(Sketch s, SpaceLayout.Piece p, Columns c) {
        track(s, p, c, 0, c.resident, Marks.RESIDENT_TRACK, "resident");
        track(s, p, c, 1, c.dirty, Marks.DIRTY_TRACK, "dirty");
        track(s, p, c, 2, c.inFile, Marks.PAGE_FILE_TRACK, "in the page file");
    }

    /** One track: per column, a bar whose height tells the share of committed pages with the property, in quarters. */
    private void track(Sketch s, SpaceLayout.Piece p, Columns c, int row, int[] counts, Fill fill, String what) {
        double y = TRACK_Y[row];
        int start = 0;
        int level = level(counts[0], c.committed[0]);
        for (int i = 1; i <= c.count; i++) {
            int next = i == c.count ? -1 : level(counts[i], c.committed[i]);
            if (next != level) {
                if (level > 0) {
                    long n = 0;
                    long of = 0;
                    for (int k = start; k < i; k++) {
                        n += counts[k];
                        of += c.committed[k];
                    }
                    double h = TRACK_H * level / 4.0;
                    s.rect(p.x() + start, y + TRACK_H - h, i - start, h, fill, fill == Marks.PAGE_FILE_TRACK
                                    ? Pen.of("#0072b2", 0.6) : Pen.NONE,
                            Hex.range(c.start(start), c.end(i - 1)) + ": " + n + " of " + of + " committed pages " + what);
                }
                start = i;
                level = next;
            }
        }
    }

    private static int level(int count, int committed) {
        if (count == 0 || committed == 0) {
            return 0;
        }
        return Math.max(1, (int) Math.ceil(4.0 * count / committed));
    }

    private void drawTrackLabels(Sketch s) {
        TextStyle st = TextStyle.SMALL;
        s.text(BAND_X - 6, BAND_Y + BAND_H / 2 + 4, "state", TextStyle.LABEL, Anchor.END);
        String[] names = {"resident", "dirty", "paged out"};
        for (int i = 0; i < 3; i++) {
            s.rect(BAND_X, TRACK_Y[i], BAND_W, TRACK_H, null, Pen.of("#d0d0d0", 0.6));
            s.text(BAND_X - 6, TRACK_Y[i] + TRACK_H - 1, names[i], st, Anchor.END);
        }
        s.rect(BAND_X, BAND_Y, BAND_W, BAND_H, null, Pen.of("#8c8c8c", 0.8));
    }

    private void drawCut(Sketch s, SpaceLayout.Piece p) {
        double x = p.x();
        double w = p.width();
        s.rect(x, BAND_Y, w, BAND_H, Category.FREE.fill(), Pen.NONE,
                Hex.range(p.from(), p.to()) + " free, " + Hex.size(p.to() - p.from()) + " (cut short: not to scale)");
        double m = x + w / 2;
        Pen pen = Pen.of("#6b6b6b", 1.2);
        // Axis-break marks across the band's edges and the axis; the middle stays clear for the labels.
        for (double dx : new double[] {-3, 3}) {
            s.polyline(pen, m + dx - 3, BAND_Y + 5, m + dx + 3, BAND_Y - 5);
            s.polyline(pen, m + dx - 3, BAND_Y + BAND_H + 5, m + dx + 3, BAND_Y + BAND_H - 5);
            s.polyline(pen, m + dx - 3, AXIS_Y + 5, m + dx + 3, AXIS_Y - 5);
        }
        s.text(m, BAND_Y + 19, "free", TextStyle.SMALL, Anchor.MIDDLE);
        s.text(m, BAND_Y + 32, Hex.size(p.to() - p.from()), TextStyle.SMALL.size(9), Anchor.MIDDLE);
    }

    private static void cutIcon(Sketch s, double x, double y) {
        s.rect(x, y, Legend.ICON_W, Legend.ICON_H, Category.FREE.fill(), Pen.HAIRLINE);
        Pen pen = Pen.of("#6b6b6b", 1.2);
        s.polyline(pen, x + 4, y + 4, x + 8, y - 3);
        s.polyline(pen, x + 9, y + 4, x + 13, y - 3);
        s.polyline(pen, x + 4, y + 15, x + 8, y + 8);
        s.polyline(pen, x + 9, y + 15, x + 13, y + 8);
    }

    private void drawAllocations(Sketch s, SpaceLayout layout, List<SpaceView.Reservation> allocations) {
        int pageSize = vm.layout().pageSize();
        for (SpaceView.Reservation a : allocations) {
            if (a.end() <= layout.from() || a.base() >= layout.to()) {
                continue;
            }
            double x0 = layout.x(Math.max(a.base(), layout.from()));
            double x1 = layout.x(Math.min(a.end(), layout.to()));
            String tip = (a.mapped() ? "mapped view " + Hex.range(a.base(), a.end()) + " " + Hex.size(a.size())
                    + " of a section, mapped " : "reservation " + Hex.range(a.base(), a.end()) + " " + Hex.size(a.size()) + ", "
                    + a.committedPages() + " of " + a.size() / pageSize + " pages committed, allocation protection ")
                    + dev.pagelab.Protection.shortName(a.protect());
            s.rect(x0, BAND_Y, Math.max(1, x1 - x0), BAND_H, null, a.mapped() ? VIEW_PEN : Pen.of("#1a1a1a", 1.5), tip);
            String label = (a.mapped() ? "view " : "") + Hex.size(a.size());
            double lw = TextStyle.SMALL.width(label) + 6;
            if (x1 - x0 >= lw + 4) {
                double cx = (x0 + x1) / 2;
                s.rect(cx - lw / 2, BAND_Y + BAND_H / 2 - 7, lw, 13, Fill.solid("#ffffff"), Pen.of("#8c8c8c", 0.5));
                s.text(cx, BAND_Y + BAND_H / 2 + 3, label, TextStyle.SMALL.colour("#1a1a1a"), Anchor.MIDDLE);
            }
        }
    }

    /** Ticks at piece boundaries and, in wide linear pieces, at round hex addresses; labels in up to three tiers. */
    private double drawAxis(Sketch s, SpaceLayout layout) {
        Pen axis = Pen.of("#1a1a1a", 1);
        s.line(BAND_X, AXIS_Y, BAND_X + BAND_W, AXIS_Y, axis);
        List<double[]> ticks = new ArrayList<>();   // x, address bits (as double is lossy; keep index)
        List<Long> addresses = new ArrayList<>();
        for (SpaceLayout.Piece p : layout.pieces) {
            addresses.add(p.from());
            ticks.add(new double[] {p.x(), 1});
        }
        SpaceLayout.Piece last = layout.pieces.get(layout.pieces.size() - 1);
        addresses.add(last.to());
        ticks.add(new double[] {last.x() + last.width(), 1});
        for (SpaceLayout.Piece p : layout.pieces) {
            if (p.cut() || p.width() < 200) {
                continue;
            }
            double bytesPerPx = (double) (p.to() - p.from()) / p.width();
            long step = Long.highestOneBit(Math.max(1, (long) Math.ceil(bytesPerPx * 120)));
            if (step < bytesPerPx * 120) {
                step <<= 1;
            }
            step = Math.max(step, vm.layout().pageSize());
            for (long t = SpaceLayout.alignUp(p.from() + 1, step); t < p.to(); t += step) {
                double x = p.x() + p.width() * ((double) (t - p.from()) / (p.to() - p.from()));
                if (x - p.x() < 40 || p.x() + p.width() - x < 40) {
                    continue;
                }
                addresses.add(t);
                ticks.add(new double[] {x, 0});
            }
        }
        AxisLabels labels = new AxisLabels(ticks, AXIS_Y, WIDTH);
        double bottom = AXIS_Y + 4;
        // The two ends of the axis first, then the other boundaries from left to right, then round addresses. Each
        // label takes the first tier, and in it the first place, where it overlaps no label, keeps its leader line
        // clear of the labels above, and (in the first tier) hides no tick still to be labelled: centred under its
        // tick, else ending at it (so a run of close ticks steps down to the right), else starting at it; if no place
        // avoids hiding such a tick, one that only overlaps nothing. A label keeps a gap to its neighbours, so each
        // reads as its own tick's (AxisLabels).
        List<Integer> order = new ArrayList<>();
        order.add(0);
        order.add(layout.pieces.size());
        for (int i = 1; i < ticks.size(); i++) {
            if (i != layout.pieces.size()) {
                order.add(i);
            }
        }
        for (int pass = 1; pass >= 0; pass--) {
            for (int i : order) {
                if (ticks.get(i)[1] != pass) {
                    continue;
                }
                double x = ticks.get(i)[0];
                s.line(x, AXIS_Y, x, AXIS_Y + 4, axis);
                String label = Hex.address(addresses.get(i));
                double y = labels.place(s, i, label);
                if (!Double.isNaN(y)) {
                    bottom = Math.max(bottom, y + 3);
                }
            }
        }
        return bottom;
    }

    private void drawLargest(Sketch s, SpaceLayout layout, long[] largest) {
        if (largest == null || largest[1] <= layout.from() || largest[0] >= layout.to()) {
            return;
        }
        double x0 = layout.x(Math.max(largest[0], layout.from()));
        double x1 = layout.x(Math.min(largest[1], layout.to()));
        if (x1 - x0 < 3) {
            x1 = x0 + 3;
        }
        bracket(s, x0, x1, CALLOUT_Y + 4);
        String label = "largest free block: " + Hex.size(largest[1] - largest[0]) + " at " + Hex.address(largest[0]);
        TextStyle st = TextStyle.LABEL.asBold();
        double w = st.width(label);
        double cx = Math.max(BAND_X + w / 2, Math.min(BAND_X + BAND_W - w / 2, (x0 + x1) / 2));
        s.text(cx, CALLOUT_Y, label, st, Anchor.MIDDLE);
    }

    /** A bracket over [x0, x1] opening downwards, its bar at {@code y}. */
    private static void bracket(Sketch s, double x0, double x1, double y) {
        s.polyline(Pen.of("#1a1a1a", 1.6), x0, y + 7, x0, y, x1, y, x1, y + 7);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The largest block a reservation could take, as [start, end), lowest first on ties; null when none. */
    private long[] largestFreeBlock(List<SpaceView.Reservation> allocations) {
        Layout layout = vm.layout();
        long granularity = layout.granularity();
        long limit = layout.maxAddress() - granularity;
        long cursor = layout.minAddress();
        long[] best = null;
        for (SpaceView.Reservation a : allocations) {
            long start = SpaceLayout.alignUp(cursor, granularity);
            if (a.base() > start && (best == null || a.base() - start > best[1] - best[0])) {
                best = new long[] {start, a.base()};
            }
            cursor = Math.max(cursor, a.end());
        }
        long start = SpaceLayout.alignUp(cursor, granularity);
        if (limit > start && (best == null || limit - start > best[1] - best[0])) {
            best = new long[] {start, limit};
        }
        return best;
    }

    private String subtitle(List<SpaceView.Reservation> allocations, SpaceLayout layout, long[] largest) {
        StringBuilder sb = new StringBuilder();
        sb.append(allocations.size()).append(allocations.size() == 1 ? " reservation, " : " reservations, ")
                .append(Hex.size(vm.committedPages() * vm.layout().pageSize())).append(" committed, ")
                .append(mapped(allocations)).append(vm.residentPages()).append(vm.residentPages() == 1 ? " page" : " pages").append(" resident");
        if (zoomed()) {
            sb.append(" · zoomed to ").append(Hex.range(zoomFrom, zoomTo)).append(", linear, 1 px = ")
                    .append(Hex.size(Math.max(1, (zoomTo - zoomFrom) / BAND_W)));
        } else if (layout.cuts() > 0) {
            sb.append(" · each reservation linear at its own scale; free gaps marked ≈ are cut short");
        }
        if (largest == null) {
            sb.append(" · no free block left");
        }
        return sb.toString();
    }

    /**
     * {@code 64 KiB in 1 view, } when the space maps views of sections (their pages are the sections' commit, not
     * the space's), empty otherwise.
     */
    private static String mapped(List<SpaceView.Reservation> allocations) {
        long bytes = 0;
        int views = 0;
        for (SpaceView.Reservation r : allocations) {
            if (r.mapped()) {
                bytes += r.size();
                views++;
            }
        }
        return views == 0 ? "" : Hex.size(bytes) + " in " + views + (views == 1 ? " view" : " views") + ", ";
    }

    private String summary(List<SpaceView.Reservation> allocations, SpaceLayout layout, long[] largest) {
        return "address-space map" + (zoomed() ? " of " + Hex.range(zoomFrom, zoomTo) : "") + ": "
                + allocations.size() + (allocations.size() == 1 ? " reservation, " : " reservations, ")
                + Hex.size(vm.committedPages() * vm.layout().pageSize()) + " committed, " + mapped(allocations)
                + vm.residentPages()
                + " resident; largest free block " + (largest == null ? "none" : Hex.size(largest[1] - largest[0]));
    }

    private String table(List<SpaceView.Reservation> allocations, long[] largest) {
        int pageSize = vm.layout().pageSize();
        List<List<String>> rows = new ArrayList<>();
        int shown = 0;
        for (SpaceView.Reservation a : allocations) {
            if (zoomed() && (a.end() <= zoomFrom || a.base() >= zoomTo)) {
                continue;
            }
            if (shown == 16) {
                rows.add(List.of("…", "", "", "", "more reservations not listed"));
                break;
            }
            shown++;
            rows.add(List.of(Hex.range(a.base(), a.end()), Hex.size(a.size()),
                    dev.pagelab.Protection.shortName(a.protect()) + (a.mapped() ? " (mapped view)" : ""),
                    a.committedPages() + " of " + a.size() / pageSize, runs(a)));
        }
        if (largest != null) {
            rows.add(List.of(Hex.range(largest[0], largest[1]), Hex.size(largest[1] - largest[0]), "", "",
                    "largest free block"));
        }
        return Html.table("Reservations", List.of("range", "size", "allocation protection", "pages committed",
                "VirtualQuery runs"), rows);
    }

    /** The first few VirtualQuery runs of a reservation in words. */
    private String runs(SpaceView.Reservation a) {
        int pageSize = vm.layout().pageSize();
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (long at = a.base(); at < a.end(); ) {
            MemoryRegion r = vm.query(at);
            if (n == 4) {
                sb.append(", …");
                break;
            }
            if (n > 0) {
                sb.append(", ");
            }
            long pages = r.regionSize() / pageSize;
            sb.append(pages).append(pages == 1 ? " page " : " pages ");
            sb.append(r.state() == MEM_COMMIT ? dev.pagelab.Protection.shortName(r.protect()) : "reserved");
            n++;
            at = r.end();
        }
        return sb.toString();
    }
}
