package dev.pagelab.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.pagelab.replay.ReplayResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The fault timelines of trace replays side by side, drawn with JFreeChart: above, one row per replay (a policy at a
 * memory size) with a mark on every bucket of consecutive references that faulted; below, faults so far, one line
 * per replay. A line draws at most
 * {@value #MAX_DRAWN} buckets, merging neighbours beyond that, and a point only where it changes, so the SVG stays
 * small however long the replay. Built from plain data, each
 * replay's faults per bucket with the bucket width in references, so any replay can be drawn.
 *
 * <pre>{@code
 * var buckets = new LinkedHashMap<String, long[]>();
 * buckets.put("FIFO, 3 frames", new long[] {3, 1, 3, 2});
 * buckets.put("LRU, 3 frames",  new long[] {3, 1, 3, 3});
 * ReplayTimeline.of("1 2 3 4 1 2 5 1 2 3 4 5", 3, buckets)
 * }</pre>
 */
public final class ReplayTimeline extends ChartPicture {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    /** The most buckets a line draws; more are merged with their neighbours (the summary gives the drawn width). */
    static final int MAX_DRAWN = 256;
    /** About how wide the plot area is, in pixels, to size the fault marks. */
    private static final double PLOT_WIDTH = 720;

    private record Line(String name, long width, long[] buckets) {}

    private final List<Line> lines;

    private ReplayTimeline(String title, List<Line> lines) {
        super(title, "replay timeline", WIDTH, HEIGHT);
        this.lines = List.copyOf(lines);
    }

    /**
     * Replays whose faults were counted in buckets of {@code bucketWidth} references: {@code faultsPerBucket}
     * maps a replay's name to its counts, in the map's order.
     */
    public static ReplayTimeline of(String title, long bucketWidth, Map<String, long[]> faultsPerBucket) {
        return withEach(of(title), faultsPerBucket, "a replay timeline",
                (t, name, faults) -> t.with(name, bucketWidth, faults));
    }

    /** Replay results side by side, each named by its policy and frame count, titled by the first one's trace. */
    public static ReplayTimeline of(ReplayResult... results) {
        ReplayResult first = first(results, "a replay timeline", "replay result");
        ReplayTimeline t = of("Replay fault timeline: " + first.trace());
        for (ReplayResult r : results) {
            t = t.with(r);
        }
        return t;
    }

    /** The same picture with one more replay result. */
    public ReplayTimeline with(ReplayResult result) {
        String name = result.policy() + ", " + result.frames() + (result.frames() == 1 ? " frame" : " frames")
                + (result.complete() ? "" : " (interrupted)");
        return with(name, result.bucketWidth(), result.faultsPerBucket());
    }

    /** A timeline with no replay yet; add them with {@link #with}. */
    public static ReplayTimeline of(String title) {
        return new ReplayTimeline(title == null ? "Replay fault timeline" : title, List.of());
    }

    /** The same picture with one more replay, its faults counted per {@code bucketWidth} references. */
    public ReplayTimeline with(String name, long bucketWidth, long[] faultsPerBucket) {
        if (bucketWidth < 1) {
            throw new IllegalArgumentException("replay \"" + name + "\": a bucket holds at least 1 reference, not " + bucketWidth);
        }
        if (faultsPerBucket == null) {
            throw new IllegalArgumentException("replay \"" + name + "\" has no fault counts (null)");
        }
        List<Line> more = new ArrayList<>(lines);
        more.add(new Line(String.valueOf(name), bucketWidth, faultsPerBucket.clone()));
        return new ReplayTimeline(title(), more);
    }

    @Override
    String summary() {
        if (lines.isEmpty()) {
            return "no replay yet";
        }
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            long total = 0;
            for (long f : l.buckets()) {
                total += f;
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(l.name()).append(": ").append(total).append(total == 1 ? " fault" : " faults");
        }
        long width = lines.get(0).width() * merge(lines.get(0).buckets().length);
        return sb.append(" · buckets of ").append(width).append(width == 1 ? " reference" : " references").toString();
    }

    @Override
    JFreeChart build() {
        // Upper panel: one row per replay, a mark on each bucket with a fault (touching marks make a band where
        // every bucket faults); lower panel: faults so far, one step line per replay.
        int n = lines.size();
        XYSeriesCollection marks = new XYSeriesCollection();
        XYSeriesCollection cumulative = new XYSeriesCollection();
        double references = 1;
        for (Line l : lines) {
            references = Math.max(references, (double) l.buckets().length * l.width());
        }
        double[] markWidth = new double[n];
        for (int k = 0; k < n; k++) {
            Line l = lines.get(k);
            XYSeries a = new XYSeries(Xml.clean(l.name()), false, true);
            XYSeries b = new XYSeries(Xml.clean(l.name()), false, true);
            // At most MAX_DRAWN buckets a line (neighbours merged), and a point only where a step line changes.
            long[] v = l.buckets();
            int merge = merge(v.length);
            double width = (double) l.width() * merge;
            long total = 0;
            long previous = 0;
            int drawn = (v.length + merge - 1) / merge;
            for (int j = 0; j < drawn; j++) {
                long sum = 0;
                for (int i = j * merge; i < Math.min(v.length, (j + 1) * merge); i++) {
                    sum += v[i];
                }
                if (sum > 0) {
                    a.add(j * width + width / 2, n - 1 - k, false);
                }
                if (j == 0 || previous > 0) {
                    b.add(j * width, total, false);
                }
                previous = sum;
                total += sum;
            }
            b.add((double) v.length * l.width(), total, false);
            marks.addSeries(a);
            cumulative.addSeries(b);
            // A bucket's width in pixels on a plot about PLOT_WIDTH wide: narrow buckets' marks touch.
            double pixels = PLOT_WIDTH * width / references;
            markWidth[k] = pixels < 5 ? Math.max(pixels, 1.5) : Math.min(pixels * 0.5, 10);
        }
        NumberAxis x = axis("references replayed");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        String[] names = new String[n];
        for (int k = 0; k < n; k++) {
            names[n - 1 - k] = Xml.clean(lines.get(k).name());
        }
        SymbolAxis rows = new SymbolAxis("faults", names);
        rows.setGridBandsVisible(false);
        rows.setRange(-0.6, Math.max(n, 1) - 0.4);
        rows.setTickLabelFont(new Font(Charts.SANS, Font.PLAIN, 11));
        XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
        XYPlot top = new XYPlot(marks, null, rows, markRenderer);
        XYPlot bottom = new XYPlot(Charts.stepped(series(cumulative)), null, axis("faults so far"), Charts.stepRenderer());
        plot.add(top, Math.min(3, Math.max(1, n)));
        plot.add(bottom, 4);
        JFreeChart c = titled(plot, summary());
        // A mark is 14 pixels tall, less when many rows share the upper panel (about 160 pixels with 3 or more).
        double rowPixels = Math.min(14, 100.0 / Math.max(n, 1));
        for (XYPlot p : List.of(top, bottom)) {
            p.setBackgroundPaint(Color.WHITE);
            p.setNoDataMessage("no replay yet");
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) p.getRenderer();
            for (int s = 0; s < n; s++) {
                style(r, s, s, 2f);
                r.setSeriesShapesVisible(s, p == top);
            }
            legendLine(r);
        }
        for (int s = 0; s < n; s++) {
            // One legend entry per replay, the line of the lower plot; the marks are named on their row.
            markRenderer.setSeriesVisibleInLegend(s, false);
            markRenderer.setSeriesShape(s, new Rectangle2D.Double(-markWidth[s] / 2, -rowPixels / 2, markWidth[s], rowPixels));
        }
        return c;
    }

    private static XYSeries[] series(XYSeriesCollection c) {
        XYSeries[] out = new XYSeries[c.getSeriesCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.getSeries(i);
        }
        return out;
    }

    /** How many buckets are drawn as one, so that a line has at most {@value #MAX_DRAWN}. */
    private static int merge(int buckets) {
        return Math.max(1, (buckets + MAX_DRAWN - 1) / MAX_DRAWN);
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        axis.setAutoRangeIncludesZero(true);
        return axis;
    }
}
