package dev.pagelab.render;

import dev.pagelab.SpaceView;
import dev.pagelab.engine.Layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where each address of a space goes along the map's band. A zoomed map is one linear piece. The overview is
 * piecewise linear, because 16 KiB next to 128 TiB of free space would otherwise be invisible: every
 * reservation (with the unusable rest of its last granule) is a piece of at least {@link #MIN_WIDTH} pixels,
 * wider with the logarithm of its size and linear inside, and so is every free gap; a free gap larger than 64 granules and larger
 * than everything reserved together is cut down to {@link #CUT_WIDTH} pixels (an axis break), at most
 * {@link #MAX_CUTS} of them, the largest first. With more reservations than fit, the stretches between the
 * cuts become the pieces.
 */
final class SpaceLayout {
    static final int MAX_CUTS = 8;
    static final int CUT_WIDTH = 64;
    static final int MIN_WIDTH = 24;

    /** A stretch of addresses drawn at {@code x} over {@code width} pixels; a cut stretch is free and not to scale. */
    record Piece(long from, long to, int x, int width, boolean cut) {
        boolean contains(long address) {
            return address >= from && address < to;
        }
    }

    final List<Piece> pieces;
    final boolean zoomed;

    private SpaceLayout(List<Piece> pieces, boolean zoomed) {
        this.pieces = pieces;
        this.zoomed = zoomed;
    }

    static SpaceLayout zoom(long from, long to, int x, int width) {
        return new SpaceLayout(List.of(new Piece(from, to, x, width, false)), true);
    }

    static SpaceLayout overview(SpaceView vm, List<SpaceView.Reservation> allocations, int x, int width) {
        Layout layout = vm.layout();
        long min = layout.minAddress();
        long max = layout.maxAddress();
        long granularity = layout.granularity();
        if (allocations.isEmpty()) {
            return new SpaceLayout(List.of(new Piece(min, max, x, width, false)), false);
        }
        long reserved = 0;
        for (SpaceView.Reservation a : allocations) {
            reserved += a.size();
        }
        long threshold = Math.max(64 * granularity, reserved);
        // Candidate cuts: the free gaps between granule-rounded reservations, and before the first and after the last.
        List<long[]> gaps = new ArrayList<>();
        long cursor = min;
        for (SpaceView.Reservation a : allocations) {
            if (a.base() - cursor > threshold) {
                gaps.add(new long[] {cursor, a.base()});
            }
            cursor = Math.max(cursor, Math.min(max, alignUp(a.end(), granularity)));
        }
        if (max - cursor > threshold) {
            gaps.add(new long[] {cursor, max});
        }
        gaps.sort(Comparator.comparingLong((long[] g) -> -(g[1] - g[0])).thenComparingLong(g -> g[0]));
        List<long[]> cuts = new ArrayList<>(gaps.subList(0, Math.min(MAX_CUTS, gaps.size())));
        cuts.sort(Comparator.comparingLong(g -> g[0]));

        // Linear pieces between the cuts: one per reservation (with the rest of its last granule) and one per
        // free gap left uncut, so that each reservation gets at least MIN_WIDTH pixels; when there are too many
        // for that, the stretches between cuts are drawn as single linear pieces instead.
        List<long[]> spans = new ArrayList<>();
        List<Boolean> isCut = new ArrayList<>();
        long at = min;
        int next = 0;
        for (long[] cut : cuts) {
            next = linearSpans(allocations, next, at, cut[0], granularity, spans, isCut);
            spans.add(cut);
            isCut.add(true);
            at = cut[1];
        }
        linearSpans(allocations, next, at, max, granularity, spans, isCut);
        if (spans.size() - cuts.size() > (width - CUT_WIDTH * cuts.size()) / MIN_WIDTH) {
            spans.clear();
            isCut.clear();
            at = min;
            for (long[] cut : cuts) {
                if (cut[0] > at) {
                    spans.add(new long[] {at, cut[0]});
                    isCut.add(false);
                }
                spans.add(cut);
                isCut.add(true);
                at = cut[1];
            }
            if (max > at) {
                spans.add(new long[] {at, max});
                isCut.add(false);
            }
        }
        int linear = (int) isCut.stream().filter(c -> !c).count();
        int rest = width - CUT_WIDTH * cuts.size();
        double total = 0;
        double[] weights = new double[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            if (!isCut.get(i)) {
                weights[i] = weight(spans.get(i)[1] - spans.get(i)[0], layout.pageSize());
                total += weights[i];
            }
        }
        // Each linear piece gets MIN_WIDTH plus a share of what is left in proportion to its weight; the pixels
        // left over by rounding down go to the largest remainders, earlier pieces first on ties.
        double free = rest - (double) MIN_WIDTH * linear;
        int[] widths = new int[spans.size()];
        double[] remainders = new double[spans.size()];
        int used = 0;
        for (int i = 0; i < spans.size(); i++) {
            if (isCut.get(i)) {
                widths[i] = CUT_WIDTH;
            } else {
                double w = MIN_WIDTH + free * weights[i] / total;
                widths[i] = (int) Math.floor(w);
                remainders[i] = w - widths[i];
            }
            used += widths[i];
        }
        for (int left = width - used; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < spans.size(); i++) {
                if (!isCut.get(i) && (best < 0 || remainders[i] > remainders[best] + 1e-12)) {
                    best = i;
                }
            }
            widths[best]++;
            remainders[best] = -1;
        }
        List<Piece> pieces = new ArrayList<>();
        int px = x;
        for (int i = 0; i < spans.size(); i++) {
            pieces.add(new Piece(spans.get(i)[0], spans.get(i)[1], px, widths[i], isCut.get(i)));
            px += widths[i];
        }
        return new SpaceLayout(List.copyOf(pieces), false);
    }

    /**
     * Adds the linear spans of {@code [from, to)}: each reservation from index {@code next} on that starts
     * before {@code to}, rounded up to the granularity, and the free stretches between them. Returns the index
     * of the first reservation not used.
     */
    private static int linearSpans(List<SpaceView.Reservation> allocations, int next, long from, long to, long granularity,
                                   List<long[]> spans, List<Boolean> isCut) {
        long at = from;
        int i = next;
        while (i < allocations.size() && allocations.get(i).base() < to) {
            SpaceView.Reservation a = allocations.get(i);
            if (a.base() > at) {
                spans.add(new long[] {at, a.base()});
                isCut.add(false);
            }
            long end = Math.min(to, alignUp(a.end(), granularity));
            spans.add(new long[] {a.base(), end});
            isCut.add(false);
            at = end;
            i++;
        }
        if (to > at) {
            spans.add(new long[] {at, to});
            isCut.add(false);
        }
        return i;
    }

    /**
     * How much width a piece asks for: one more than the base-2 logarithm of its page count, so a 4 GiB
     * reservation is about five times as wide as a 64 KiB one rather than 65,536 times; the axis and the size
     * labels give the true sizes, and each piece is linear inside.
     */
    private static double weight(long bytes, int pageSize) {
        double pages = Math.max(1, (double) bytes / pageSize);
        return 1 + Math.log(pages) / Math.log(2);
    }

    /** The x of an address; inside a cut the position is proportional but the scale is not the map's. */
    double x(long address) {
        Piece first = pieces.get(0);
        if (address <= first.from()) {
            return first.x();
        }
        for (Piece p : pieces) {
            if (address < p.to()) {
                return p.x() + p.width() * ((double) (address - p.from()) / (p.to() - p.from()));
            }
        }
        Piece last = pieces.get(pieces.size() - 1);
        return last.x() + last.width();
    }

    long from() {
        return pieces.get(0).from();
    }

    long to() {
        return pieces.get(pieces.size() - 1).to();
    }

    int cuts() {
        return (int) pieces.stream().filter(Piece::cut).count();
    }

    static long alignUp(long value, long unit) {
        return (value + unit - 1) & -unit;
    }
}
