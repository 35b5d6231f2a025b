package dev.pagelab.render;

import java.awt.BasicStroke;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.pagelab.replay.MissRatioCurve;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import java.text.NumberFormat;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
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
public final class MissRatioChart extends ChartPicture {
    static final int WIDTH = 820;
    static final int HEIGHT = 520;

    /** One line: a name and its fault counts at ascending frame counts. */
    private record Series(String name, int[] frames, long[] faults) {}

    /** Past this many points a line keeps the first 64, then points spaced evenly on a log scale, and every anomaly. */
    static final int MAX_POINTS = 1500;

    private final List<Series> series;
    private final long references;
    private final List<String> anomalies = new ArrayList<>();
    /** Where a pointer names Belady's anomaly: "frames/y" to the lines' names, and to the point. */
    private final Map<String, String> pointed = new LinkedHashMap<>();
    private final Map<String, double[]> where = new LinkedHashMap<>();

    private MissRatioChart(String title, List<Series> series, long references) {
        super(title, "miss-ratio chart", WIDTH, HEIGHT);
        this.series = List.copyOf(series);
        this.references = references;
        findAnomalies();
    }

    /**
     * Faults against frames: {@code faultsBySeries} maps a series name (a policy) to its fault count at each of
     * {@code frameCounts}, in the map's iteration order (pass a {@link LinkedHashMap} to choose it).
     */
    public static MissRatioChart of(String title, int[] frameCounts, Map<String, long[]> faultsBySeries) {
        return withEach(of(title), faultsBySeries, "a miss-ratio chart",
                (chart, name, faults) -> chart.with(name, frameCounts, faults));
    }

    /**
     * The curves of one or more policies, one line each named by its policy, titled by the trace of the first: miss
     * ratios when the curves count the same number of references, fault counts otherwise.
     * {@code machine().policy(LRU).curve(trace)} makes a curve.
     */
    public static MissRatioChart of(MissRatioCurve... curves) {
        MissRatioCurve first = first(curves, "a miss-ratio chart", "curve");
        MissRatioChart chart = of("Miss-ratio curves: " + first.trace());
        long references = first.references();
        for (MissRatioCurve c : curves) {
            chart = chart.with(c);
            references = c.references() == references ? references : 0;
        }
        // Curves of one trace plot miss ratios; curves of traces of different lengths keep their fault counts.
        return references > 0 ? chart.references(references) : chart;
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
        return new MissRatioChart(title(), more, references);
    }

    /** The same chart as miss ratios (faults divided by {@code count}, the trace's length) rather than counts. */
    public MissRatioChart references(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("a trace has at least one reference, not " + count);
        }
        return new MissRatioChart(title(), series, count);
    }

    /** Where a series faults more with more frames, in words: {@code FIFO: 9 → 10 faults from 3 to 4 frames}. */
    public List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    /** Fills {@link #anomalies} and the pointers: one per line, at its largest anomaly, shared by lines with the same point. */
    private void findAnomalies() {
        for (Series line : series) {
            int[] frames = line.frames();
            long[] v = line.faults();
            int worst = -1;
            for (int i = 1; i < frames.length; i++) {
                if (v[i] > v[i - 1]) {
                    anomalies.add(line.name() + ": " + v[i - 1] + " → " + v[i] + " faults from " + frames[i - 1] + " to "
                            + frames[i] + " frames");
                    if (worst < 0 || v[i] - v[i - 1] > v[worst] - v[worst - 1]) {
                        worst = i;
                    }
                }
            }
            if (worst > 0) {
                String key = frames[worst] + "/" + y(v[worst]);
                String names = pointed.get(key);
                pointed.put(key, names == null ? Xml.clean(line.name()) : names + ", " + Xml.clean(line.name()));
                where.putIfAbsent(key, new double[] {frames[worst], y(v[worst])});
            }
        }
    }

    @Override
    JFreeChart build() {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (Series line : series) {
            XYSeries xy = new XYSeries(Xml.clean(line.name()), false, true);
            int[] frames = line.frames();
            long[] v = line.faults();
            boolean[] keep = keep(frames, v);
            for (int i = 0; i < frames.length; i++) {
                if (keep[i]) {
                    xy.add(frames[i], y(v[i]), false);
                }
            }
            addLine(data, r, xy);
        }
        r.setDefaultShapesFilled(true);
        r.setDrawSeriesLineAsPath(true);   // one SVG element a line, however many sizes it has
        ValueAxis x = xAxis();
        NumberAxis y = new NumberAxis(references > 0 ? "miss ratio (faults / references)" : "page faults");
        y.setStandardTickUnits(references > 0 ? NumberAxis.createStandardTickUnits(Locale.ROOT)
                : NumberAxis.createIntegerTickUnits(Locale.ROOT));
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setNoDataMessage("no series yet");
        double lowest = lowest();
        double highest = highest();
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
        return titled(plot, summary());
    }

    /** Frames on a linear axis, or on a log axis when the frame counts span two decades or more. */
    private ValueAxis xAxis() {
        int min = lowest();
        int max = highest();
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
        // The axis spans the frame counts drawn, not 0 to them: counts from 6 to 12 fill the plot.
        x.setAutoRangeIncludesZero(false);
        return x;
    }

    /** The fewest frames any line has a count for. */
    private int lowest() {
        int min = Integer.MAX_VALUE;
        for (Series line : series) {
            min = Math.min(min, line.frames()[0]);
        }
        return min;
    }

    /** The most frames any line has a count for. */
    private int highest() {
        int max = 0;
        for (Series line : series) {
            max = Math.max(max, line.frames()[line.frames().length - 1]);
        }
        return max;
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

    @Override
    String summary() {
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
}
