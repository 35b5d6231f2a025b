package dev.pagelab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.pagelab.PageLab;
import dev.pagelab.policy.Policy;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.ReplayResult;
import dev.pagelab.trace.Trace;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import java.text.NumberFormat;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
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

    /** One line: a name and its fault counts at ascending frame counts. */
    private record Series(String name, int[] frames, long[] faults) {}

    /** Past this many points a line keeps the first 64, then points spaced evenly on a log scale, and every anomaly. */
    static final int MAX_POINTS = 1500;

    private final String title;
    private final List<Series> series;
    private final long references;
    private final JFreeChart chart;
    private final String summary;
    private final List<String> anomalies = new ArrayList<>();

    private MissRatioChart(String title, List<Series> series, long references) {
        this.title = title;
        this.series = List.copyOf(series);
        this.references = references;
        this.chart = build();
        this.summary = summarise();
    }

    /**
     * Faults against frames: {@code faultsBySeries} maps a series name (a policy) to its fault count at each of
     * {@code frameCounts}, in the map's iteration order (pass a {@link LinkedHashMap} to choose it).
     */
    public static MissRatioChart of(String title, int[] frameCounts, Map<String, long[]> faultsBySeries) {
        if (faultsBySeries == null || faultsBySeries.isEmpty()) {
            throw new IllegalArgumentException("a miss-ratio chart needs at least one series of fault counts");
        }
        MissRatioChart chart = of(title);
        for (var e : faultsBySeries.entrySet()) {
            chart = chart.with(String.valueOf(e.getKey()), frameCounts, e.getValue());
        }
        return chart;
    }

    /**
     * The curves of one or more policies, one line each named by its policy, titled by the trace of the first.
     * {@code machine().policy(LRU).curve(trace)} makes a curve.
     */
    public static MissRatioChart of(MissRatioCurve... curves) {
        if (curves == null || curves.length == 0) {
            throw new IllegalArgumentException("a miss-ratio chart needs at least one curve");
        }
        MissRatioChart chart = of("Miss-ratio curves: " + curves[0].trace());
        for (MissRatioCurve c : curves) {
            chart = chart.with(c);
        }
        return chart;
    }

    /**
     * Faults of each policy on {@code trace} at each of {@code frameCounts} (ascending), one replay per policy and
     * size on a default machine: a policy comparison, and Belady's anomaly where FIFO shows it.
     *
     * <pre>{@code MissRatioChart.compare(trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5), new int[] {1, 2, 3, 4, 5}, FIFO, LRU, OPT)}</pre>
     */
    public static MissRatioChart compare(Trace trace, int[] frameCounts, Policy... policies) {
        if (policies == null || policies.length == 0) {
            throw new IllegalArgumentException("compare needs at least one policy");
        }
        MissRatioChart chart = of("Policies on " + trace.describe());
        for (Policy policy : policies) {
            long[] faults = new long[frameCounts.length];
            for (int i = 0; i < frameCounts.length; i++) {
                ReplayResult r = PageLab.machine().frames(frameCounts[i]).policy(policy).replay(trace);
                faults[i] = r.faults();
            }
            chart = chart.with(policy.name(), frameCounts, faults);
        }
        return chart;
    }

    /** The same chart with one more curve, named by its policy. */
    public MissRatioChart with(MissRatioCurve curve) {
        return with(curve.policy(), curve.sizes(), curve.faults());
    }

    /** A chart with no line yet; add lines with {@link #with}. */
    public static MissRatioChart of(String title) {
        return new MissRatioChart(title == null ? "Miss-ratio curves" : title, List.of(), 0);
    }

    /**
     * The same chart with one more line: {@code faults[i]} page faults with {@code frameCounts[i]} frames, the
     * frame counts ascending. Lines may have different frame counts.
     */
    public MissRatioChart with(String name, int[] frameCounts, long[] faults) {
        if (frameCounts == null || frameCounts.length == 0) {
            throw new IllegalArgumentException("series \"" + name + "\" needs at least one frame count");
        }
        if (faults == null || faults.length != frameCounts.length) {
            throw new IllegalArgumentException("series \"" + name + "\" has " + (faults == null ? 0 : faults.length)
                    + " fault counts but " + frameCounts.length + " frame counts");
        }
        for (int i = 1; i < frameCounts.length; i++) {
            if (frameCounts[i] <= frameCounts[i - 1]) {
                throw new IllegalArgumentException("series \"" + name + "\": frame counts must ascend, but "
                        + frameCounts[i - 1] + " comes before " + frameCounts[i]);
            }
        }
        List<Series> more = new ArrayList<>(series);
        more.add(new Series(String.valueOf(name), frameCounts.clone(), faults.clone()));
        return new MissRatioChart(title, more, references);
    }

    /** The same chart as miss ratios (faults divided by {@code count}, the trace's length) rather than counts. */
    public MissRatioChart references(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("a trace has at least one reference, not " + count);
        }
        return new MissRatioChart(title, series, count);
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
        Map<String, String> pointed = new LinkedHashMap<>();
        Map<String, double[]> where = new LinkedHashMap<>();
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            XYSeries xy = new XYSeries(Xml.clean(line.name()), false, true);
            int[] frames = line.frames();
            long[] v = line.faults();
            boolean[] keep = keep(frames, v);
            int worst = -1;
            for (int i = 0; i < frames.length; i++) {
                if (keep[i]) {
                    xy.add(frames[i], y(v[i]), false);
                }
                if (i > 0 && v[i] > v[i - 1]) {
                    anomalies.add(line.name() + ": " + v[i - 1] + " → " + v[i] + " faults from " + frames[i - 1] + " to "
                            + frames[i] + " frames");
                    if (worst < 0 || v[i] - v[i - 1] > v[worst] - v[worst - 1]) {
                        worst = i;
                    }
                }
            }
            // One pointer per line, at its largest anomaly; lines with the same point share one pointer.
            if (worst > 0) {
                String key = frames[worst] + "/" + y(v[worst]);
                String names = pointed.get(key);
                pointed.put(key, names == null ? Xml.clean(line.name()) : names + ", " + Xml.clean(line.name()));
                where.putIfAbsent(key, new double[] {frames[worst], y(v[worst])});
            }
            data.addSeries(xy);
            boolean shapes = xy.getItemCount() <= 60;
            r.setSeriesPaint(s, Charts.colour(s));
            r.setSeriesStroke(s, Charts.stroke(s, 2f));
            r.setSeriesShape(s, Charts.shape(s));
            r.setSeriesShapesVisible(s, shapes);
        }
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesShape(false);
        r.setDefaultShapesFilled(true);
        r.setDrawSeriesLineAsPath(true);   // one SVG element a line, however many sizes it has
        ValueAxis x = xAxis();
        NumberAxis y = new NumberAxis(references > 0 ? "miss ratio (faults / references)" : "page faults");
        y.setStandardTickUnits(references > 0 ? NumberAxis.createStandardTickUnits(Locale.ROOT)
                : NumberAxis.createIntegerTickUnits(Locale.ROOT));
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setNoDataMessage("no series yet");
        double lowest = Double.MAX_VALUE;
        double highest = -Double.MAX_VALUE;
        for (Series line : series) {
            lowest = Math.min(lowest, line.frames()[0]);
            highest = Math.max(highest, line.frames()[line.frames().length - 1]);
        }
        for (var e : pointed.entrySet()) {
            double[] at = where.get(e.getKey());
            // The text goes up and away from the nearer side, so it stays inside the plot.
            boolean right = x instanceof LogAxis ? Math.log(at[0]) > (Math.log(lowest) + Math.log(highest)) / 2
                    : at[0] > (lowest + highest) / 2;
            XYPointerAnnotation note = new XYPointerAnnotation("Belady's anomaly (" + e.getValue() + ")", at[0], at[1],
                    right ? -3 * Math.PI / 4 : -Math.PI / 4);
            note.setFont(new Font(Charts.SANS, Font.BOLD, 11));
            note.setPaint(Charts.INK);
            note.setArrowPaint(Charts.INK);
            note.setArrowStroke(new BasicStroke(1.2f));
            note.setTextAnchor(right ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(note);
        }
        JFreeChart c = new JFreeChart(Xml.clean(title), new Font(Charts.SANS, Font.BOLD, 16), plot, true);
        Charts.themed(c);
        plot.setBackgroundPaint(Color.WHITE);
        TextTitle sub = new TextTitle(Xml.clean(subtitle()), new Font(Charts.SANS, Font.PLAIN, 11));
        sub.setPaint(Charts.INK);
        c.addSubtitle(sub);
        return c;
    }

    /** Frames on a linear axis, or on a log axis when the frame counts span two decades or more. */
    private ValueAxis xAxis() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Series line : series) {
            min = Math.min(min, line.frames()[0]);
            max = Math.max(max, line.frames()[line.frames().length - 1]);
        }
        if (min >= 1 && max >= 100L * min) {
            LogAxis log = new LogAxis("frames (log scale)");
            log.setBase(10);
            log.setSmallestValue(1);
            log.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
            log.setTickUnit(new NumberTickUnit(1, NumberFormat.getIntegerInstance(Locale.ROOT)));
            return log;
        }
        NumberAxis x = new NumberAxis("frames");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        return x;
    }

    /** Which points of a line to draw: all of a short line; of a long one the first 64, log-spaced ones, the last and every anomaly. */
    private static boolean[] keep(int[] frames, long[] faults) {
        boolean[] keep = new boolean[frames.length];
        if (frames.length <= MAX_POINTS) {
            java.util.Arrays.fill(keep, true);
            return keep;
        }
        double ratio = Math.pow(frames.length / 64.0, 1.0 / (MAX_POINTS - 128));
        double next = 64;
        for (int i = 0; i < frames.length; i++) {
            if (i < 64 || i == frames.length - 1 || (i > 0 && faults[i] > faults[i - 1])) {
                keep[i] = true;
                if (i > 0 && faults[i] > faults[i - 1]) {
                    keep[i - 1] = true;
                }
            } else if (i >= next) {
                keep[i] = true;
                while (next <= i) {
                    next = Math.max(next + 1, next * ratio);
                }
            }
        }
        return keep;
    }

    private double y(long faultCount) {
        return references > 0 ? (double) faultCount / references : faultCount;
    }

    private String subtitle() {
        List<String> names = new ArrayList<>();
        for (Series line : series) {
            names.add(line.name());
        }
        String what = series.isEmpty() ? "no series" : String.join(", ", names)
                + (references > 0 ? " · " + references + " references" : "");
        if (anomalies.isEmpty()) {
            return what + " · no series faults more with more frames";
        }
        String shown = String.join("; ", anomalies.subList(0, Math.min(2, anomalies.size())));
        return what + " · Belady's anomaly: " + shown + (anomalies.size() > 2 ? "; " + (anomalies.size() - 2) + " more" : "");
    }

    private String summarise() {
        return subtitle();
    }
}
