package dev.pagelab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Page faults against the number of frames, one line per policy (or per any series), drawn with JFreeChart:
 * the miss-ratio curves of one trace under OPT, LRU, CLOCK and FIFO side by side. Where a series takes more
 * faults with more frames, the chart points at it as Belady's anomaly. Series differ in colour, dash and marker
 * shape. Built from plain data, so any source of fault counts can be drawn.
 *
 * <pre>{@code
 * // the textbook trace 1 2 3 4 1 2 5 1 2 3 4 5
 * var faults = new LinkedHashMap<String, long[]>();
 * faults.put("FIFO", new long[] {12, 12, 9, 10, 5});
 * faults.put("LRU",  new long[] {12, 12, 10, 8, 5});
 * faults.put("OPT",  new long[] {12, 11, 7, 6, 5});
 * MissRatioChart.of("Belady's anomaly", new int[] {1, 2, 3, 4, 5}, faults)
 * }</pre>
 */
public final class MissRatioChart implements Picture {
    static final int WIDTH = 820;
    static final int HEIGHT = 520;

    private final String title;
    private final int[] frames;
    private final Map<String, long[]> faults;
    private final long references;
    private final JFreeChart chart;
    private final String summary;
    private final List<String> anomalies = new ArrayList<>();

    private MissRatioChart(String title, int[] frames, Map<String, long[]> faults, long references) {
        this.title = title;
        this.frames = frames;
        this.faults = faults;
        this.references = references;
        this.chart = build();
        this.summary = summarise();
    }

    /**
     * Faults against frames: {@code faultsBySeries} maps a series name (a policy) to its fault count at each of
     * {@code frameCounts}, in the map's iteration order (pass a {@link LinkedHashMap} to choose it).
     */
    public static MissRatioChart of(String title, int[] frameCounts, Map<String, long[]> faultsBySeries) {
        if (frameCounts == null || frameCounts.length == 0) {
            throw new IllegalArgumentException("a miss-ratio chart needs at least one frame count");
        }
        if (faultsBySeries == null || faultsBySeries.isEmpty()) {
            throw new IllegalArgumentException("a miss-ratio chart needs at least one series of fault counts");
        }
        Map<String, long[]> copy = new LinkedHashMap<>();
        for (var e : faultsBySeries.entrySet()) {
            long[] v = e.getValue();
            if (v == null || v.length != frameCounts.length) {
                throw new IllegalArgumentException("series \"" + e.getKey() + "\" has " + (v == null ? 0 : v.length)
                        + " fault counts but there are " + frameCounts.length + " frame counts");
            }
            copy.put(String.valueOf(e.getKey()), v.clone());
        }
        return new MissRatioChart(title == null ? "Miss-ratio curves" : title, frameCounts.clone(), copy, 0);
    }

    /** The same chart as miss ratios (faults divided by {@code count}, the trace's length) rather than counts. */
    public MissRatioChart references(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("a trace has at least one reference, not " + count);
        }
        return new MissRatioChart(title, frames, faults, count);
    }

    /** Where a series faults more with more frames, in words: {@code FIFO: 9 → 10 faults from 3 to 4 frames}. */
    public List<String> anomalies() {
        return List.copyOf(anomalies);
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
        return "miss-ratio chart: " + summary;
    }

    private JFreeChart build() {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int s = 0;
        List<XYPointerAnnotation> notes = new ArrayList<>();
        for (var e : faults.entrySet()) {
            XYSeries series = new XYSeries(Xml.clean(e.getKey()), false, true);
            long[] v = e.getValue();
            for (int i = 0; i < frames.length; i++) {
                series.add(frames[i], y(v[i]), false);
                if (i > 0 && frames[i] > frames[i - 1] && v[i] > v[i - 1]) {
                    String text = e.getKey() + ": " + v[i - 1] + " → " + v[i] + " faults from " + frames[i - 1] + " to "
                            + frames[i] + " frames";
                    anomalies.add(text);
                    XYPointerAnnotation note = new XYPointerAnnotation("Belady's anomaly (" + Xml.clean(e.getKey()) + ")", frames[i],
                            y(v[i]), -Math.PI / 4);
                    note.setFont(new Font(Charts.SANS, Font.BOLD, 11));
                    note.setPaint(Charts.INK);
                    note.setArrowPaint(Charts.INK);
                    note.setArrowStroke(new BasicStroke(1.2f));
                    note.setTextAnchor(TextAnchor.BOTTOM_LEFT);
                    notes.add(note);
                }
            }
            data.addSeries(series);
            r.setSeriesPaint(s, Charts.colour(s));
            r.setSeriesStroke(s, Charts.stroke(s, 2f));
            r.setSeriesShape(s, Charts.shape(s));
            s++;
        }
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesShape(false);
        r.setDefaultShapesFilled(true);
        NumberAxis x = new NumberAxis("frames");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        NumberAxis y = new NumberAxis(references > 0 ? "miss ratio (faults / references)" : "page faults");
        y.setStandardTickUnits(references > 0 ? NumberAxis.createStandardTickUnits(Locale.ROOT)
                : NumberAxis.createIntegerTickUnits(Locale.ROOT));
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, r);
        for (XYPointerAnnotation n : notes) {
            plot.addAnnotation(n);
        }
        JFreeChart c = new JFreeChart(Xml.clean(title), new Font(Charts.SANS, Font.BOLD, 16), plot, true);
        Charts.themed(c);
        plot.setBackgroundPaint(Color.WHITE);
        TextTitle sub = new TextTitle(Xml.clean(subtitle()), new Font(Charts.SANS, Font.PLAIN, 11));
        sub.setPaint(Charts.INK);
        c.addSubtitle(sub);
        return c;
    }

    private double y(long faultCount) {
        return references > 0 ? (double) faultCount / references : faultCount;
    }

    private String subtitle() {
        String series = String.join(", ", faults.keySet());
        String what = series + " at " + frames.length + (frames.length == 1 ? " memory size" : " memory sizes")
                + (references > 0 ? " · " + references + " references" : "");
        return anomalies.isEmpty() ? what + " · no series faults more with more frames"
                : what + " · Belady's anomaly: " + String.join("; ", anomalies);
    }

    private String summarise() {
        return subtitle();
    }
}
