package dev.pagelab.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Places the address labels of an axis's ticks in up to three tiers below it so that no two labels touch: each
 * label takes the first tier, and in it the first place — centred under its tick, else ending at it, else starting
 * at it — where it overlaps no label (keeping {@link #GAP} pixels to its neighbours), its leader line crosses no
 * text of the tiers above, and, in the first tier, it hides no tick of its pass still to be labelled. When no place
 * avoids hiding such a tick, one that only overlaps nothing will do.
 */
final class AxisLabels {
    private static final double TIER = 12;
    private static final int TIERS = 3;
    /** The least space between two address labels in one tier, in pixels. */
    private static final double GAP = 12;

    /** Per tick: its x, and its pass (1 for piece boundaries, 0 for round addresses). */
    private final List<double[]> ticks;
    private final boolean[] placed;
    /** Per tier, per label: the span other labels keep off (the text and its gap), then the text alone. */
    private final List<List<double[]>> tiers = new ArrayList<>();
    private final double axisY;
    private final double width;

    AxisLabels(List<double[]> ticks, double axisY, double width) {
        this.ticks = ticks;
        this.placed = new boolean[ticks.size()];
        this.axisY = axisY;
        this.width = width;
        for (int i = 0; i < TIERS; i++) {
            tiers.add(new ArrayList<>());
        }
    }

    /** Draws tick {@code i}'s label where it fits and returns its baseline, or NaN when it fits nowhere. */
    double place(Sketch s, int i, String label) {
        double y = place(s, i, label, true);
        return Double.isNaN(y) ? place(s, i, label, false) : y;
    }

    /** {@code strict} also keeps the label off ticks of its pass still to be labelled. */
    private double place(Sketch s, int i, String label, boolean strict) {
        double x = ticks.get(i)[0];
        double w = TextStyle.ADDRESS.width(label);
        double[] places = {x - w / 2, x - w, x};
        for (int t = 0; t < TIERS; t++) {
            if (!clear(t, x)) {
                continue;
            }
            for (double place : places) {
                double lx = Math.max(2, Math.min(width - 2 - w, place));
                // Only the first tier must not hide a tick: a tick hidden by a label lower down can still be labelled above it.
                if (!fits(tiers.get(t), lx, lx + w) || strict && t == 0 && hides(i, lx, lx + w)) {
                    continue;
                }
                placed[i] = true;
                tiers.get(t).add(new double[] {lx - GAP, lx + w + GAP, lx, lx + w});
                for (int above = 0; above < t; above++) {
                    tiers.get(above).add(new double[] {x - 3, x + 3, x, x});
                }
                double y = axisY + 14 + t * TIER;
                if (t > 0) {
                    s.line(x, axisY + 4, x, y - 9, Pen.of("#b0b0b0", 0.6));
                }
                s.text(lx, y, label, TextStyle.ADDRESS);
                return y;
            }
        }
        return Double.NaN;
    }

    /** Whether a label from {@code a} to {@code b} lies over a tick, other than its own, that has no label yet. */
    private boolean hides(int own, double a, double b) {
        for (int j = 0; j < ticks.size(); j++) {
            double x = ticks.get(j)[0];
            boolean samePass = ticks.get(j)[1] == ticks.get(own)[1];
            if (j != own && !placed[j] && samePass && Math.abs(x - ticks.get(own)[0]) > 0.5 && x > a - 3 && x < b + 3) {
                return true;
            }
        }
        return false;
    }

    /** Whether a leader line at {@code x} down to tier {@code tier} crosses no text of the tiers above it. */
    private boolean clear(int tier, double x) {
        for (int t = 0; t < tier; t++) {
            for (double[] taken : tiers.get(t)) {
                if (x > taken[2] - 2 && x < taken[3] + 2) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean fits(List<double[]> taken, double a, double b) {
        for (double[] t : taken) {
            if (a < t[1] && b > t[0]) {
                return false;
            }
        }
        return true;
    }
}
