package dev.pagelab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Denning's working set of a trace, drawn with JFreeChart: W(t, τ), the number of distinct pages among the last τ
 * references, after every reference t, one line per window τ. A memory size can be drawn across it: where the
 * working set rises above the memory, the program faults steadily. Past {@value #MAX_POINTS} references each
 * line keeps the largest value of every interval, so peaks stay visible.
 *
 * <pre>{@code
 * workingSet(trace(1, 2, 1, 3, 1, 2, 4, 5, 4, 5, 4, 6), 3, 6).memory(3)
 * }</pre>
 */
public final class WorkingSetChart extends ChartPicture {
    static final int WIDTH = 820;
    static final int HEIGHT = 460;
    static final int MAX_POINTS = 600;

    private record Line(int tau, int[] sizes) {}

    private final String trace;
    private final List<Line> lines;
    private final int memory;

    private WorkingSetChart(String title, String trace, List<Line> lines, int memory) {
        super(title, "working-set chart", WIDTH, HEIGHT);
        this.trace = trace;
        this.lines = List.copyOf(lines);
        this.memory = memory;
    }

    /**
     * A chart of the working set of the trace named {@code trace}, with no line yet; add one per window τ with
     * {@link #with}. {@code workingSet(trace, taus)} replays a trace and draws its lines.
     */
    public static WorkingSetChart of(String trace) {
        String name = String.valueOf(trace);
        return new WorkingSetChart("Working set W(t, τ): " + name, name, List.of(), 0);
    }

    /** The same chart with one more line: {@code sizes[t]} is W(t, τ), the distinct pages among the last τ references. */
    public WorkingSetChart with(int tau, int[] sizes) {
        if (tau < 1) {
            throw new IllegalArgumentException("the working-set window τ must be at least 1 reference, not " + tau);
        }
        if (sizes == null) {
            throw new IllegalArgumentException("the line for τ = " + tau + " has no working-set sizes (null)");
        }
        List<Line> more = new ArrayList<>(lines);
        more.add(new Line(tau, sizes.clone()));
        return new WorkingSetChart(title(), trace, more, memory);
    }

    /** The same chart with a line across it at {@code frames}, the memory the program runs in. */
    public WorkingSetChart memory(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("a memory has at least 1 frame, not " + frames);
        }
        return new WorkingSetChart(title(), trace, lines, frames);
    }

    /** The same chart with another title. */
    public WorkingSetChart title(String text) {
        return new WorkingSetChart(text == null ? "Working set" : text, trace, lines, memory);
    }

    /** The largest W(t, τ) of the line for {@code tau}. */
    public int peak(int tau) {
        for (Line l : lines) {
            if (l.tau() == tau) {
                int max = 0;
                for (int v : l.sizes()) {
                    max = Math.max(max, v);
                }
                return max;
            }
        }
        throw new IllegalArgumentException("this chart has no line for τ = " + tau);
    }

    @Override
    String summary() {
        StringBuilder sb = new StringBuilder();
        int n = lines.isEmpty() ? 0 : lines.get(0).sizes().length;
        sb.append(n).append(n == 1 ? " reference" : " references");
        for (Line l : lines) {
            sb.append(" · τ = ").append(l.tau()).append(": peak ").append(peak(l.tau())).append(" pages");
        }
        if (memory > 0) {
            sb.append(" · memory ").append(memory).append(memory == 1 ? " frame" : " frames");
        }
        return sb.toString();
    }

    @Override
    JFreeChart build() {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        int most = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            XYSeries xy = new XYSeries("τ = " + l.tau() + (l.tau() == 1 ? " reference" : " references"), false, true);
            int[] v = l.sizes();
            int width = Math.max(1, (v.length + MAX_POINTS - 1) / MAX_POINTS);
            for (int from = 0; from < v.length; from += width) {
                int max = 0;
                for (int t = from; t < Math.min(v.length, from + width); t++) {
                    max = Math.max(max, v[t]);
                }
                xy.add(from + 1, max, false);
                most = Math.max(most, max);
            }
            data.addSeries(xy);
            style(r, i, i, 2f);
        }
        r.setDrawSeriesLineAsPath(true);
        legendLine(r);
        NumberAxis x = new NumberAxis("reference t");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("distinct pages in the last τ references");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        y.setRange(0, Math.max(most, memory) * 1.12 + 1);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setNoDataMessage("empty trace");
        if (memory > 0) {
            ValueMarker m = new ValueMarker(memory, new Color(0x1a1a1a), new BasicStroke(1.4f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel("memory: " + memory + (memory == 1 ? " frame" : " frames"));
            m.setLabelFont(new Font(Charts.SANS, Font.BOLD, 11));
            m.setLabelPaint(Charts.INK);
            int spot = labelSpot(data, Math.max(most, memory) * 1.12 + 1);
            boolean right = spot < 2;
            boolean above = spot % 2 == 0;
            m.setLabelAnchor(right ? (above ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT)
                    : (above ? RectangleAnchor.TOP_LEFT : RectangleAnchor.BOTTOM_LEFT));
            m.setLabelTextAnchor(right ? (above ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT)
                    : (above ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT));
            plot.addRangeMarker(m);
        }
        return titled(plot, summary());
    }

    /**
     * Where the memory line's label goes so that no working-set line runs through it: 0 above its right end, 1 below
     * it, 2 above its left end, 3 below it; the first free spot, else the one the lines cross least. The label takes
     * about a fifth of the plot's width and a twentieth of its height ({@code top} is the y axis's upper end).
     */
    private int labelSpot(XYSeriesCollection data, double top) {
        double first = Double.MAX_VALUE;
        double last = -Double.MAX_VALUE;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            XYSeries xy = data.getSeries(s);
            if (xy.getItemCount() > 0) {
                first = Math.min(first, xy.getMinX());
                last = Math.max(last, xy.getMaxX());
            }
        }
        double span = (last - first) * 0.22;
        double height = top / 16;
        int best = 0;
        int fewest = Integer.MAX_VALUE;
        for (int spot = 0; spot < 4; spot++) {
            double fromX = spot < 2 ? last - span : first;
            double toX = spot < 2 ? last : first + span;
            double fromY = spot % 2 == 0 ? memory : memory - height;
            double toY = spot % 2 == 0 ? memory + height : memory;
            int crossing = 0;
            for (int s = 0; s < data.getSeriesCount(); s++) {
                XYSeries xy = data.getSeries(s);
                for (int i = 0; i < xy.getItemCount(); i++) {
                    double x = xy.getX(i).doubleValue();
                    double y = xy.getY(i).doubleValue();
                    if (x >= fromX && x <= toX && y >= fromY - 0.25 && y <= toY + 0.25) {
                        crossing++;
                    }
                }
            }
            if (crossing < fewest) {
                best = spot;
                fewest = crossing;
            }
            if (crossing == 0) {
                break;
            }
        }
        return best;
    }
}
