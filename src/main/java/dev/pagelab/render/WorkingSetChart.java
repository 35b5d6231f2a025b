package dev.pagelab.render;

import dev.pagelab.replay.Replay;
import dev.pagelab.trace.Trace;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
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
 * WorkingSetChart.of(trace(1, 2, 1, 3, 1, 2, 4, 5, 4, 5, 4, 6), 3, 6).memory(3)
 * }</pre>
 */
public final class WorkingSetChart implements Picture {
    static final int WIDTH = 820;
    static final int HEIGHT = 460;
    static final int MAX_POINTS = 600;

    private record Line(int tau, int[] sizes) {}

    private final String title;
    private final String trace;
    private final List<Line> lines;
    private final int memory;
    private final JFreeChart chart;
    private final String summary;

    private WorkingSetChart(String title, String trace, List<Line> lines, int memory) {
        this.title = title;
        this.trace = trace;
        this.lines = List.copyOf(lines);
        this.memory = memory;
        this.summary = summarise();
        this.chart = build();
    }

    /** W(t, τ) of {@code trace} (4 KiB pages for address traces) for each window τ, in references. */
    public static WorkingSetChart of(Trace trace, int... taus) {
        if (trace == null) {
            throw new IllegalArgumentException("no trace to draw (null)");
        }
        if (taus == null || taus.length == 0) {
            throw new IllegalArgumentException("give at least one window τ, such as WorkingSetChart.of(trace, 10)");
        }
        List<Line> lines = new ArrayList<>();
        for (int tau : taus) {
            if (tau < 1) {
                throw new IllegalArgumentException("the working-set window τ must be at least 1 reference, not " + tau);
            }
            try {
                lines.add(new Line(tau, Replay.of(trace).workingSet(tau)));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + trace.describe() + ": " + e.getMessage(), e);
            }
        }
        return new WorkingSetChart("Working set W(t, τ): " + trace.describe(), trace.describe(), lines, 0);
    }

    /** The same chart with a line across it at {@code frames}, the memory the program runs in. */
    public WorkingSetChart memory(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("a memory has at least 1 frame, not " + frames);
        }
        return new WorkingSetChart(title, trace, lines, frames);
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
    public String title() {
        return title;
    }

    @Override
    public String svg() {
        return Charts.svg(chart, WIDTH, HEIGHT, title, summary);
    }

    /** The chart as PNG at its natural size, {@value #WIDTH} by {@value #HEIGHT} pixels. */
    @Override
    public byte[] png() {
        return Charts.png(chart, WIDTH, HEIGHT);
    }

    @Override
    public String toString() {
        return "working-set chart: " + summary;
    }

    private String summarise() {
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

    private JFreeChart build() {
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
            r.setSeriesPaint(i, Charts.colour(i));
            r.setSeriesStroke(i, Charts.stroke(i, 2f));
        }
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setDrawSeriesLineAsPath(true);
        r.setLegendLine(new java.awt.geom.Line2D.Double(-15, 0, 15, 0));
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
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(m);
        }
        JFreeChart c = new JFreeChart(Xml.clean(title), new Font(Charts.SANS, Font.BOLD, 16), plot, true);
        Charts.themed(c);
        plot.setBackgroundPaint(Color.WHITE);
        TextTitle sub = new TextTitle(Xml.clean(summary), new Font(Charts.SANS, Font.PLAIN, 11));
        sub.setPaint(Charts.INK);
        c.addSubtitle(sub);
        return c;
    }
}
