package dev.pagelab.render;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.Pages;
import dev.pagelab.Region;
import dev.pagelab.SpaceView;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The seed tutorial's figure, from live state: virtual pages on the left, their page-table entries in the
 * middle, physical frames on the right, with arrows from each present entry to its frame and dashed arrows to
 * the page file for pages evicted there. Up to {@value #DETAILED} pages draw one row each; beyond, rows are
 * runs of pages alike in state and protection whose frames follow one another, at most {@value #MAX_ROWS} of
 * them. The picture is taken when made.
 *
 * <pre>{@code
 * var r = space().allocate(kb(16)); r.write(0, 1); r.write(kb(8), 2);
 * TranslationPicture.of(r)
 * }</pre>
 */
public final class TranslationPicture extends SketchPicture {
    static final int DETAILED = 32;
    static final int MAX_ROWS = 24;
    private static final int WIDTH = 980;
    private static final double V_X = 12;
    private static final double V_W = 236;
    private static final double P_X = 300;
    private static final double P_W = 340;
    private static final double F_X = 730;
    private static final double F_W = 236;
    private static final double TOP = 92;
    private static final double PITCH = 26;
    private static final double BOX_H = 22;
    private static final String ARROW = "#0072b2";
    private static final Fill FRAME_FILL = Fill.solid("#d9ecf8");

    private enum Mapping { FRAME, PAGE_FILE, UNTOUCHED, RESERVED, FREE }

    /** A page, or a run of pages alike; frames run from {@code frame} to {@code frame + pages - 1} when mapped. */
    private static final class Row {
        final long from;
        long to;
        long pages;
        final Category category;
        final boolean guard;
        final Mapping mapping;
        final int frame;
        long dirty;
        long accessed;

        Row(long from, long to, Category category, boolean guard, Mapping mapping, int frame) {
            this.from = from;
            this.to = to;
            this.pages = 1;
            this.category = category;
            this.guard = guard;
            this.mapping = mapping;
            this.frame = frame;
        }
    }

    private TranslationPicture(SpaceView vm, long from, long to, String title) {
        super(title);
        Layout layout = vm.layout();
        int pageSize = layout.pageSize();
        long pages = (to - from) / pageSize;
        boolean detailed = pages <= DETAILED;
        Collector collected = collect(vm, from, to, detailed);
        List<Row> rows = collected.rows;

        String subtitle = subtitle(vm, from, pages, detailed);
        Sketch s = new Sketch(title, subtitle);
        s.text(12, 22, title, TextStyle.TITLE);
        s.text(12, 40, subtitle, TextStyle.SUBTITLE);
        s.text(12, 56, walk(vm, from), TextStyle.SUBTITLE.colour("#4d4d4d"));
        s.text(V_X, TOP - 10, "virtual pages", TextStyle.HEADING);
        s.text(P_X, TOP - 10, "page-table entries (last level)", TextStyle.HEADING);
        s.text(F_X, TOP - 10, "physical frames", TextStyle.HEADING);

        // Frames, in frame order, each at its own row on the right; a gap in the numbering shows as a dotted row.
        TreeMap<Integer, Row> byFrame = new TreeMap<>();
        for (Row r : rows) {
            if (r.mapping == Mapping.FRAME) {
                byFrame.put(r.frame, r);
            }
        }
        TreeMap<Integer, Double> frameY = new TreeMap<>();
        double fy = TOP;
        int expected = -1;
        for (var e : byFrame.entrySet()) {
            Row r = e.getValue();
            if (expected >= 0 && e.getKey() != expected) {
                s.text(F_X + F_W / 2, fy + 10, "⋮", TextStyle.LABEL, Anchor.MIDDLE);
                fy += 16;
            }
            frameY.put(e.getKey(), fy);
            String label = r.pages == 1 ? "frame " + r.frame + " · " + Hex.address((long) r.frame * pageSize)
                    : "frames " + r.frame + "–" + (r.frame + r.pages - 1) + " · " + Hex.address((long) r.frame * pageSize);
            s.rect(F_X, fy, F_W, BOX_H, FRAME_FILL, Pen.of("#1f6f9f", 1), label);
            s.text(F_X + 8, fy + 15, label, TextStyle.ADDRESS);
            if (r.dirty > 0) {
                Marks.dirty(s, F_X + F_W, fy, 8);
            }
            fy += PITCH;
            expected = (int) (r.frame + r.pages);
        }
        boolean anyInFile = rows.stream().anyMatch(r -> r.mapping == Mapping.PAGE_FILE);
        double fileY = fy + 10;
        if (anyInFile) {
            s.rect(F_X, fileY, F_W, BOX_H + 8, Fill.of("#ffffff", Fill.Pattern.GRID, "#9fc8e3"), Pen.of("#1f6f9f", 1.2),
                    "the page file: evicted pages wait here for a hard fault to read them back");
            s.rect(F_X + 40, fileY + 5, F_W - 80, BOX_H - 2, Fill.solid("#ffffff"), Pen.NONE);
            s.text(F_X + F_W / 2, fileY + 20, "page file", TextStyle.HEADING, Anchor.MIDDLE);
        }

        double y = TOP;
        for (Row r : rows) {
            drawVirtual(s, r, y, detailed);
            drawEntry(s, vm, r, y, detailed);
            double cy = y + BOX_H / 2;
            s.arrow(V_X + V_W, cy, P_X - 2, cy, Pen.of("#6b6b6b", 1));
            if (r.mapping == Mapping.FRAME) {
                s.arrow(P_X + P_W, cy, F_X - 2, frameY.get(r.frame) + BOX_H / 2, Pen.of(ARROW, 1.4));
            } else if (r.mapping == Mapping.PAGE_FILE) {
                s.arrow(P_X + P_W, cy, F_X - 2, fileY + BOX_H / 2 + 4, Pen.dashed(ARROW, 1.4, 5, 3));
            }
            y += PITCH;
        }
        if (collected.foldedPages > 0) {
            s.text(V_X, y + 14, "… " + collected.foldedPages + " more pages in " + collected.foldedRuns + " runs, "
                    + collected.foldedResident + " of them resident, not drawn", TextStyle.LABEL);
            y += PITCH;
        }
        double bottom = Math.max(y, anyInFile ? fileY + BOX_H + 8 + 8 : fy) + 6;
        Legend legend = new Legend();
        boolean[] present = new boolean[Category.VALUES.length];
        for (Row r : rows) {
            present[r.category.ordinal()] = true;
        }
        for (Category c : Category.VALUES) {
            if (present[c.ordinal()]) {
                legend.swatch(c);
            }
        }
        legend.add("entry maps the page to a frame", (sk, lx, ly) -> sk.arrow(lx, ly + 6, lx + Legend.ICON_W, ly + 6, Pen.of(ARROW, 1.4)));
        if (anyInFile) {
            legend.add("contents wait in the page file", (sk, lx, ly) -> sk.arrow(lx, ly + 6, lx + Legend.ICON_W, ly + 6,
                    Pen.dashed(ARROW, 1.4, 4, 2)));
        }
        legend.swatch(FRAME_FILL, Pen.of("#1f6f9f", 1), "frame holding the page");
        legend.add("dirty (no copy elsewhere)", Marks.DIRTY_ICON);
        if (rows.stream().anyMatch(r -> r.guard)) {
            legend.add("guard page", Marks.GUARD_ICON);
        }
        if (!detailed) {
            legend.add("×N: a run of N pages", (sk, lx, ly) -> sk.text(lx, ly + 10, "×N", TextStyle.ADDRESS_BOLD));
        }
        double h = legend.draw(s, 12, bottom, WIDTH - 24);
        s.size(WIDTH, bottom + h + 8);
        sketch(s);
        long resident = rows.stream().filter(r -> r.mapping == Mapping.FRAME).mapToLong(r -> r.pages).sum()
                + collected.foldedResident;
        summary("translation of " + Hex.range(from, to) + ": " + pages + (pages == 1 ? " page, " : " pages, ")
                + resident + " resident");
    }

    /** Collects rows: one per page when detailed, else runs; rows past the cap are only counted. */
    private static final class Collector {
        final List<Row> rows = new ArrayList<>();
        final boolean detailed;
        Row current;
        boolean full;
        long foldedPages;
        long foldedRuns;
        long foldedResident;

        Collector(boolean detailed) {
            this.detailed = detailed;
        }

        void add(Row next) {
            if (!detailed && current != null && current.category == next.category && current.guard == next.guard
                    && current.mapping == next.mapping && current.to == next.from
                    && (current.mapping != Mapping.FRAME || current.frame + current.pages == next.frame)) {
                current.to = next.to;
                current.pages += next.pages;
                current.dirty += next.dirty;
                current.accessed += next.accessed;
            } else if (!full && rows.size() < (detailed ? DETAILED : MAX_ROWS)) {
                rows.add(next);
                current = next;
                return;
            } else {
                full = true;
                foldedRuns++;
                current = next;
            }
            if (full) {
                foldedPages += next.pages;
                foldedResident += next.mapping == Mapping.FRAME ? next.pages : 0;
            }
        }
    }

    /** The pages of {@code [from, to)}: reserved and free runs come whole from VirtualQuery, committed pages one by one. */
    private static Collector collect(SpaceView vm, long from, long to, boolean detailed) {
        int pageSize = vm.layout().pageSize();
        Collector c = new Collector(detailed);
        for (long a = from; a < to; ) {
            MemoryRegion q = vm.query(a);
            long end = Math.min(q.end(), to);
            if (q.state() != MEM_COMMIT) {
                Mapping m = q.state() == MEM_RESERVE ? Mapping.RESERVED : Mapping.FREE;
                Category category = Category.of(q.state(), q.protect());
                for (long p = a; p < end; p = detailed ? p + pageSize : end) {
                    Row r = new Row(p, detailed ? p + pageSize : end, category, false, m, -1);
                    r.pages = (r.to - r.from) / pageSize;
                    c.add(r);
                }
            } else {
                for (long p = a; p < end; p += pageSize) {
                    PageInfo info = vm.page(p);
                    Mapping m = info.resident() ? Mapping.FRAME : info.inPageFile() ? Mapping.PAGE_FILE : Mapping.UNTOUCHED;
                    Row r = new Row(p, p + pageSize, Category.committed(info.protect()), info.guard(), m, info.frame());
                    r.dirty = info.dirty() ? 1 : 0;
                    r.accessed = info.accessed() ? 1 : 0;
                    c.add(r);
                }
            }
            a = end;
        }
        return c;
    }

    private static void drawVirtual(Sketch s, Row r, double y, boolean detailed) {
        String tip = Hex.range(r.from, r.to) + " " + r.category.label() + (r.guard ? ", guard" : "");
        s.rect(V_X, y, V_W, BOX_H, Fill.solid("#ffffff"), Pen.of("#6b6b6b", 0.8), tip);
        s.rect(V_X, y, 26, BOX_H, r.category.fill(), Pen.of("#6b6b6b", 0.8));
        String text = detailed ? Hex.address(r.from) : Hex.address(r.from) + " ×" + r.pages;
        s.text(V_X + 32, y + 15, text, TextStyle.ADDRESS);
        String code = r.category.code();
        if (!code.isEmpty()) {
            s.text(V_X + V_W - 6, y + 15, code, TextStyle.SMALL.asBold(), Anchor.END);
        }
        if (r.guard) {
            Marks.guard(s, V_X + 13, y + 9, 9);
        }
    }

    private static void drawEntry(Sketch s, SpaceView vm, Row r, double y, boolean detailed) {
        String prot = r.category.code();
        String text = switch (r.mapping) {
            case FRAME -> (r.pages == 1 ? "present → frame " + r.frame : "present → frames " + r.frame + "–"
                    + (r.frame + r.pages - 1)) + " · " + prot + flags(r);
            case PAGE_FILE -> "not present · in the page file · " + prot;
            case UNTOUCHED -> "not present · demand-zero on first touch · " + prot;
            case RESERVED -> "no entry · reserved: an access faults";
            case FREE -> "no entry · free";
        };
        if (r.guard) {
            text += " · GUARD";
        }
        boolean entry = r.mapping == Mapping.FRAME || r.mapping == Mapping.PAGE_FILE || r.mapping == Mapping.UNTOUCHED;
        Pen pen = entry ? Pen.of("#1a1a1a", 1) : Pen.dashed("#8c8c8c", 1, 3, 2);
        s.rect(P_X, y, P_W, BOX_H, Fill.solid(entry ? "#ffffff" : "#f4f4f4"), pen);
        double tx = P_X + 8;
        if (detailed && entry) {
            int level = vm.layout().levels() - 1;
            String index = "[" + vm.tableIndex(r.from, level) + "]";
            s.text(tx, y + 15, index, TextStyle.ADDRESS_BOLD);
            tx += TextStyle.ADDRESS_BOLD.width(index) + 6;
        }
        s.text(tx, y + 15, text, TextStyle.SMALL.colour(entry ? "#1a1a1a" : "#4d4d4d"));
    }

    private static String flags(Row r) {
        if (r.pages == 1) {
            return (r.accessed > 0 ? " · accessed" : "") + (r.dirty > 0 ? " · dirty" : "");
        }
        return " · " + r.dirty + " dirty";
    }

    private static String subtitle(SpaceView vm, long from, long pages, boolean detailed) {
        Layout layout = vm.layout();
        long tablePages = vm.pageTablePages();
        return pages + (pages == 1 ? " page" : " pages") + " from " + Hex.address(from) + " · page table: "
                + layout.levels() + " levels of " + (1 << layout.bitsPerLevel()) + " entries; this space's table uses "
                + tablePages + (tablePages == 1 ? " page" : " pages") + " (" + Hex.size(tablePages * layout.pageSize()) + ")"
                + (detailed ? "" : " · runs of pages shown as one row");
    }

    /** The walk for the first address: the index taken at each level, and whether that level's table exists. */
    private static String walk(SpaceView vm, long address) {
        StringBuilder sb = new StringBuilder("walk for ").append(Hex.address(address)).append(": ");
        int levels = vm.layout().levels();
        for (int level = 0; level < levels; level++) {
            if (level > 0) {
                sb.append(" → ");
            }
            sb.append('L').append(level).append('[').append(vm.tableIndex(address, level)).append(']');
            if (!vm.tableNodePresent(address, level)) {
                sb.append(" (table absent: nothing below is committed)");
                break;
            }
        }
        return sb.toString();
    }

    /** Pages, their entries and frames. */
    public static TranslationPicture of(Pages pages) {
        return new TranslationPicture(pages.region().space().view(), pages.start(), pages.end(),
                "Virtual to physical: pages " + Hex.range(pages.start(), pages.end()));
    }

    /** A reservation's pages, their entries and frames. */
    public static TranslationPicture of(Region region) {
        return new TranslationPicture(region.space().view(), region.base(), region.end(),
                "Virtual to physical: region " + Hex.range(region.base(), region.end()));
    }

    /** The pages of {@code [from, to)} in a space, widened to whole pages. */
    public static TranslationPicture of(AddressSpace space, long from, long to) {
        return of(space.view(), from, to);
    }

    /** The pages of {@code [from, to)} in an engine-level space, widened to whole pages. */
    public static TranslationPicture of(SpaceView vm, long from, long to) {
        PageSpan span = PageSpan.of(vm.layout(), from, to, "translation picture");
        return new TranslationPicture(vm, span.from(), span.to(), "Virtual to physical: " + Hex.range(span.from(), span.to()));
    }
}
