package dev.pagelab.render;

import dev.pagelab.Heap;
import dev.pagelab.engine.Hex;
import dev.pagelab.heap.HeapLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The blocks of a heap, one band per reservation: above, the reservation to scale (segment header, the committed
 * part the blocks fill, the reserved tail not committed yet); below, the committed part magnified so that every
 * block shows, each with its 16-byte header as a dark sliver, used blocks labelled with the bytes asked, free blocks
 * hatched and the largest one outlined. A bar at the bottom compares the largest free block with all free bytes:
 * external fragmentation is what the largest block lacks.
 *
 * <pre>{@code
 * var h = space().heap(); long a = h.alloc(100); h.alloc(kb(2)); h.free(a);
 * HeapMap.of(h)
 * }</pre>
 */
public final class HeapMap extends SketchPicture {
    private static final double LEFT = 118;
    private static final double WIDTH = 820;
    private static final double BAR = 22;
    private static final double STRIP = 40;
    /** Blocks drawn per segment at most; the rest are counted. */
    private static final int MAX_BLOCKS = 240;
    private static final double MIN_BLOCK_W = 12;

    private static final Fill USED = Fill.solid("#0072b2");
    private static final Fill COMMITTED = Fill.solid("#9ccbe8");
    private static final Fill HEADER = Fill.solid("#1a1a1a");
    private static final Fill SEGMENT_HEADER = Fill.solid("#6b6b6b");
    private static final Fill FREE = Fill.of("#ffffff", Fill.Pattern.DIAGONAL, "#6cc5a5");
    private static final Fill RESERVED = Fill.of("#f4f4f4", Fill.Pattern.DOTS, "#b0b0b0");
    private static final Pen LARGEST = Pen.of("#d55e00", 2.4);
    private static final Pen ZOOM = Pen.dashed("#8c8c8c", 0.8, 3, 2);

    private HeapMap(HeapLayout heap, String title) {
        super(title);
        String subtitle = subtitle(heap);
        Sketch s = new Sketch(title, subtitle);
        s.text(12, 22, title, TextStyle.TITLE);
        s.text(12, 40, subtitle, TextStyle.SUBTITLE);
        long largest = heap.largestFree();
        long largestAt = heap.blocks().stream().filter(b -> b.free() && b.size() == largest).mapToLong(
                HeapLayout.Block::address).findFirst().orElse(-1);
        double y = 62;
        for (HeapLayout.Segment seg : heap.segments()) {
            y = segment(s, seg, blocksOf(heap, seg), largestAt, y) + 18;
        }
        y = fragmentation(s, heap, y);
        Legend legend = new Legend()
                .swatch(COMMITTED, Pen.HAIRLINE, "committed (magnified below)")
                .swatch(USED, Pen.HAIRLINE, "used block")
                .swatch(HEADER, Pen.HAIRLINE, "block header (16 B)")
                .swatch(FREE, Pen.HAIRLINE, "free block")
                .add("largest free block", (sk, lx, ly) -> sk.rect(lx + 1, ly + 1, Legend.ICON_W - 2, Legend.ICON_H - 2,
                        FREE, LARGEST))
                .swatch(SEGMENT_HEADER, Pen.HAIRLINE, "segment header")
                .swatch(RESERVED, Pen.HAIRLINE, "reserved, not committed");
        double h = legend.draw(s, 12, y + 4, LEFT + WIDTH);
        s.size(LEFT + WIDTH + 24, y + 4 + h + 8);
        sketch(s);
        table(Html.table("Blocks", List.of("pointer", "bytes asked", "block", "state"), rows(heap)));
        summary("heap map: " + heap);
    }

    /** The picture of {@code heap} as it is now. */
    public static HeapMap of(Heap heap) {
        if (heap == null) {
            throw new IllegalArgumentException("no heap to draw (null)");
        }
        return of(heap.layout());
    }

    /** The picture of a heap's layout. */
    public static HeapMap of(HeapLayout heap) {
        if (heap == null) {
            throw new IllegalArgumentException("no heap to draw (null)");
        }
        String kind = heap.process() ? "Process heap " : "Heap ";
        return new HeapMap(heap, kind + Hex.address(heap.handle()) + (heap.growable() ? " (growable)" : " (fixed size)"));
    }

    private static String subtitle(HeapLayout h) {
        long used = h.usedBlocks();
        long free = h.blocks().size() - used;
        return used + " used block" + (used == 1 ? "" : "s") + " (" + Hex.size(h.requestedBytes()) + " asked) · " + free
                + " free (" + Hex.size(h.freeBytes()) + ") · " + Hex.size(h.committedBytes()) + " committed of "
                + Hex.size(h.reservedBytes()) + " reserved in " + h.segments().size() + " reservation"
                + (h.segments().size() == 1 ? "" : "s");
    }

    private static List<HeapLayout.Block> blocksOf(HeapLayout heap, HeapLayout.Segment seg) {
        List<HeapLayout.Block> list = new ArrayList<>();
        for (HeapLayout.Block b : heap.blocks()) {
            if (b.address() >= seg.base() && b.address() < seg.end()) {
                list.add(b);
            }
        }
        return list;
    }

    /** One reservation: its bar to scale, then its committed part magnified; returns the bottom. */
    private static double segment(Sketch s, HeapLayout.Segment seg, List<HeapLayout.Block> blocks, long largestAt, double y) {
        s.text(12, y + 15, Hex.address(seg.base()), TextStyle.ADDRESS_BOLD);
        s.text(12, y + 28, seg.large() ? "big block" : "segment", TextStyle.SMALL);
        double scale = WIDTH / seg.reserved();
        double headerW = Math.max(2, seg.header() * scale);
        double committedW = Math.max(headerW + 1, seg.committed() * scale);
        s.rect(LEFT, y, WIDTH, BAR, RESERVED, Pen.HAIRLINE, "reserved, not committed: "
                + Hex.size(seg.reserved() - seg.committed()));
        s.rect(LEFT, y, committedW, BAR, COMMITTED, Pen.HAIRLINE, "committed: " + Hex.size(seg.committed()));
        s.rect(LEFT, y, headerW, BAR, SEGMENT_HEADER, Pen.NONE);
        String caption = Hex.size(seg.committed()) + " committed of " + Hex.size(seg.reserved()) + " reserved"
                + (seg.large() ? " (its own VirtualAlloc)" : "");
        double captionW = TextStyle.SMALL.width(caption);
        s.rect(LEFT + WIDTH - captionW - 10, y + 4, captionW + 6, BAR - 8, Fill.solid("#ffffff"), Pen.NONE);
        s.text(LEFT + WIDTH - 7, y + BAR / 2 + 4, caption, TextStyle.SMALL, Anchor.END);
        double top = y + BAR + 16;
        int shown = Math.min(blocks.size(), MAX_BLOCKS);
        long shownEnd = shown == blocks.size() ? seg.committedEnd() : blocks.get(shown - 1).end();
        s.line(LEFT, y + BAR, LEFT, top, ZOOM);
        s.line(LEFT + Math.max(headerW + 1, (shownEnd - seg.base()) * scale), y + BAR, LEFT + WIDTH, top, ZOOM);
        strip(s, seg, blocks, largestAt, top);
        return top + STRIP + 14;
    }

    /** The committed part magnified: the segment header, then each block at a width that keeps it visible. */
    private static void strip(Sketch s, HeapLayout.Segment seg, List<HeapLayout.Block> blocks, long largestAt, double y) {
        int shown = Math.min(blocks.size(), MAX_BLOCKS);
        double[] w = widths(seg, blocks, shown);
        double x = LEFT;
        s.rect(x, y, w[0], STRIP, SEGMENT_HEADER, Pen.HAIRLINE, "segment header: " + seg.header() + " bytes");
        x += w[0];
        for (int i = 0; i < shown; i++) {
            HeapLayout.Block b = blocks.get(i);
            double bw = w[i + 1];
            String tip = (b.free() ? "free block " : "block ") + Hex.address(b.pointer()) + ": " + Hex.size(b.size())
                    + (b.free() ? "" : ", " + Hex.size(b.requested()) + " asked");
            s.rect(x, y, bw, STRIP, b.free() ? FREE : USED, b.address() == largestAt ? LARGEST : Pen.HAIRLINE, tip);
            if (!b.free()) {
                s.rect(x, y, Math.min(bw / 3, 4), STRIP, HEADER, Pen.NONE);
            }
            String label = b.free() ? Hex.size(b.size()) : Hex.size(b.requested());
            if (bw >= TextStyle.SMALL.width(label) + 8) {
                TextStyle style = b.free() ? TextStyle.SMALL : TextStyle.SMALL.colour("#ffffff");
                s.text(x + bw / 2 + 2, y + STRIP / 2 + 4, label, style, Anchor.MIDDLE);
            }
            x += bw;
        }
        if (shown < blocks.size()) {
            s.text(LEFT + WIDTH, y + STRIP + 12, "… " + (blocks.size() - shown) + " more blocks from "
                    + Hex.address(blocks.get(shown).address()) + " not drawn",
                    TextStyle.SMALL, Anchor.END);
        }
    }

    /**
     * Widths of the segment header and the shown blocks: proportional to their bytes, none under
     * {@value #MIN_BLOCK_W} pixels, together filling the strip.
     */
    private static double[] widths(HeapLayout.Segment seg, List<HeapLayout.Block> blocks, int shown) {
        double[] bytes = new double[shown + 1];
        bytes[0] = seg.header();
        for (int i = 0; i < shown; i++) {
            bytes[i + 1] = blocks.get(i).size();
        }
        double min = Math.min(MIN_BLOCK_W, WIDTH / bytes.length);
        boolean[] small = new boolean[bytes.length];
        double[] w = new double[bytes.length];
        for (int pass = 0; pass < 4; pass++) {
            double fixed = 0;
            double rest = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (small[i]) {
                    fixed += min;
                } else {
                    rest += bytes[i];
                }
            }
            double scale = rest == 0 ? 0 : (WIDTH - fixed) / rest;
            boolean changed = false;
            for (int i = 0; i < bytes.length; i++) {
                w[i] = small[i] ? min : bytes[i] * scale;
                if (!small[i] && w[i] < min) {
                    small[i] = true;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return w;
    }

    /** All free bytes as one bar, the largest free block's share outlined; returns the bottom. */
    private static double fragmentation(Sketch s, HeapLayout heap, double y) {
        long free = heap.freeBytes();
        s.text(12, y + 14, "Free space", TextStyle.HEADING);
        if (free == 0) {
            s.text(LEFT, y + 14, "no free block: the next request commits more pages", TextStyle.LABEL);
            return y + 24;
        }
        double largestW = WIDTH * heap.largestFree() / free;
        s.rect(LEFT, y, WIDTH, BAR, FREE, Pen.HAIRLINE, "all free blocks: " + Hex.size(free));
        s.rect(LEFT, y, largestW, BAR, FREE, LARGEST, "largest free block: " + Hex.size(heap.largestFree()));
        String text = "largest free block " + Hex.size(heap.largestFree()) + " of " + Hex.size(free) + " free"
                + " · fragmentation " + String.format(Locale.ROOT, "%.0f %%", heap.fragmentation() * 100)
                + " (1 − largest / free)";
        s.text(LEFT, y + BAR + 14, text, TextStyle.LABEL);
        return y + BAR + 22;
    }

    private static List<List<String>> rows(HeapLayout heap) {
        List<List<String>> rows = new ArrayList<>();
        for (HeapLayout.Block b : heap.blocks()) {
            if (rows.size() == 64) {
                rows.add(List.of("…", "", "", (heap.blocks().size() - 64) + " more"));
                break;
            }
            rows.add(List.of(Hex.address(b.pointer()), b.free() ? "" : Long.toString(b.requested()), Hex.size(b.size()),
                    b.free() ? "free" : "used"));
        }
        return rows;
    }
}
