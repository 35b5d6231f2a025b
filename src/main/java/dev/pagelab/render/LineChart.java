package dev.pagelab.render;

import dev.pagelab.engine.Hex;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Lines of plain numbers against a shared x axis, drawn with JFreeChart: for what a notebook measures itself, such
 * as page-table size and wasted bytes against the page size, or the TLB hit ratio against the pages a loop touches.
 * Either axis may be logarithmic, and may count bytes (its ticks then read {@code 4 KiB}, {@code 2 MiB}). Lines
 * differ in colour, dash and marker shape; when they share their x values, the HTML form lists the numbers in a
 * table under the chart (folded when it is longer than {@value #OPEN_ROWS} rows).
 *
 * <pre>{@code
 * LineChart.of("Waste against page size", "page size", "bytes wasted")
 *     .with("rounding up", new double[] {1024, 4096, 16384}, new double[] {512, 2048, 8192})
 *     .logX().logY().xBytes().yBytes()
 * }</pre>
 */
public final class LineChart extends ChartPicture {
    static final int WIDTH = 820;
    static final int HEIGHT = 500;
    /** Up to this many rows the table of numbers shows open under the chart; a longer one is folded. */
    static final int OPEN_ROWS = 16;

    /** One line: its name and its points, x ascending. */
    private record Line(String name, double[] x, double[] y) {}

    /** How an axis is drawn: its label, log or linear, bytes or plain numbers. */
    private record Axis(String label, boolean log, boolean bytes) {
        Axis log(boolean on) {
            return new Axis(label, on, bytes);
        }

        Axis bytes(boolean on) {
            return new Axis(label, log, on);
        }
    }

    private final Axis xAxis;
    private final Axis yAxis;
    private final List<Line> lines;

    private LineChart(String title, Axis xAxis, Axis yAxis, List<Line> lines) {
        super(title, "line chart", WIDTH, HEIGHT);
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.lines = List.copyOf(lines);
    }

    /** A chart with no line yet, its axes labelled; add lines with {@link #with}. */
    public static LineChart of(String title, String xLabel, String yLabel) {
        return new LineChart(title == null ? "Line chart" : title, new Axis(xLabel == null ? "x" : xLabel, false, false),
                new Axis(yLabel == null ? "y" : yLabel, false, false), List.of());
    }

    /** The same chart with one more line through the points {@code (x[i], y[i])}, x ascending. */
    public LineChart with(String name, double[] x, double[] y) {
        String n = String.valueOf(name);
        if (x == null || y == null || x.length == 0) {
            throw new IllegalArgumentException("line \"" + n + "\" needs at least one point");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("line \"" + n + "\" has " + x.length + " x values but " + y.length
                    + " y values");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("line \"" + n + "\": point " + i + " (" + x[i] + ", " + y[i]
                        + ") is not a finite number");
            }
            if (i > 0 && x[i] <= x[i - 1]) {
                throw new IllegalArgumentException("line \"" + n + "\": x values must ascend, but " + plain(x[i - 1])
                        + " comes before " + plain(x[i]));
            }
        }
        Line line = new Line(n, x.clone(), y.clone());
        requirePositive(line, xAxis.log(), yAxis.log());
        List<Line> more = new ArrayList<>(lines);
        more.add(line);
        return new LineChart(title(), xAxis, yAxis, more);
    }

    /** The same chart with one more line, from whole numbers. */
    public LineChart with(String name, long[] x, long[] y) {
        return with(name, x == null ? null : Arrays.stream(x).asDoubleStream().toArray(),
                y == null ? null : Arrays.stream(y).asDoubleStream().toArray());
    }

    /** The same chart with x on a log scale (powers of two when x counts bytes, of ten otherwise). */
    public LineChart logX() {
        for (Line l : lines) {
            requirePositive(l, true, false);
        }
        return new LineChart(title(), xAxis.log(true), yAxis, lines);
    }

    /** The same chart with y on a log scale (powers of two when y counts bytes, of ten otherwise). */
    public LineChart logY() {
        for (Line l : lines) {
            requirePositive(l, false, true);
        }
        return new LineChart(title(), xAxis, yAxis.log(true), lines);
    }

    /** The same chart reading x as a number of bytes: ticks and table say {@code 4 KiB}, {@code 2 MiB}. */
    public LineChart xBytes() {
        return new LineChart(title(), xAxis.bytes(true), yAxis, lines);
    }

    /** The same chart reading y as a number of bytes. */
    public LineChart yBytes() {
        return new LineChart(title(), xAxis, yAxis.bytes(true), lines);
    }

    /** The same chart under another title. */
    public LineChart title(String text) {
        return new LineChart(text == null ? title() : text, xAxis, yAxis, lines);
    }

    @Override
    public String toString() {
        return "line chart: " + title() + " · " + summary();
    }

    private static void requirePositive(Line l, boolean x, boolean y) {
        for (int i = 0; i < l.x().length; i++) {
            if ((x && l.x()[i] <= 0) || (y && l.y()[i] <= 0)) {
                throw new IllegalArgumentException("a log scale cannot show " + (x && l.x()[i] <= 0 ? "x = " + plain(l.x()[i])
                        : "y = " + plain(l.y()[i])) + " (line \"" + l.name() + "\", point " + i + ")");
            }
        }
    }

    @Override
    String summary() {
        if (lines.isEmpty()) {
            return "no line yet";
        }
        List<String> parts = new ArrayList<>();
        for (Line l : lines) {
            parts.add(l.name() + " (" + l.x().length + (l.x().length == 1 ? " point)" : " points)"));
        }
        return yAxis.label() + " against " + xAxis.label() + ": " + String.join(", ", parts);
    }

    @Override
    JFreeChart build() {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < lines.size(); s++) {
            Line l = lines.get(s);
            // Names may repeat; the series key must not, so it carries the index (the legend shows the description).
            XYSeries xy = new XYSeries(s + ":" + Xml.clean(l.name()), false, true);
            xy.setDescription(Xml.clean(l.name()));
            for (int i = 0; i < l.x().length; i++) {
                xy.add(scaled(l.x()[i], xAxis), scaled(l.y()[i], yAxis), false);
            }
            addLine(data, r, xy);
        }
        r.setLegendItemLabelGenerator((dataset, series) -> lines.get(series).name().isEmpty() ? " "
                : Xml.clean(lines.get(series).name()));
        r.setDefaultShapesFilled(true);
        XYPlot plot = new XYPlot(data, axis(xAxis, true), axis(yAxis, false), r);
        plot.setNoDataMessage("no line yet");
        return titled(plot, summary());
    }

    /**
     * A log axis is a linear axis over the exponent: JFreeChart's LogAxis writes its tick labels as glyph outlines in
     * SVG, while a NumberAxis writes text, which stays small, selectable and searchable.
     */
    private static double base(Axis a) {
        return a.bytes() ? 2 : 10;
    }

    private static double scaled(double v, Axis a) {
        return a.log() ? Math.log(v) / Math.log(base(a)) : v;
    }

    private ValueAxis axis(Axis a, boolean isX) {
        NumberAxis axis = new NumberAxis(Xml.clean(a.label()) + (a.log() ? " (log scale)" : ""));
        if (a.log()) {
            NumberFormat format = new Format(a.bytes(), base(a));
            TickUnits units = new TickUnits();
            for (int step : new int[] {1, 2, 3, 4, 5, 10, 20}) {
                units.add(new NumberTickUnit(step, format));
            }
            axis.setStandardTickUnits(units);
            axis.setAutoRangeIncludesZero(false);
            axis.setMinorTickMarksVisible(false);
            return axis;
        }
        NumberFormat format = new Format(a.bytes(), 0);
        axis.setAutoRangeIncludesZero(!isX);
        if (a.bytes()) {
            TickUnits units = new TickUnits();
            for (int k = 0; k < 62; k++) {
                units.add(new NumberTickUnit(1L << k, format));
            }
            axis.setStandardTickUnits(units);
        } else {
            axis.setStandardTickUnits(wholeNumbers(isX) ? NumberAxis.createIntegerTickUnits(Locale.ROOT)
                    : NumberAxis.createStandardTickUnits(Locale.ROOT));
        }
        return axis;
    }

    private boolean wholeNumbers(boolean isX) {
        for (Line l : lines) {
            for (double v : isX ? l.x() : l.y()) {
                if (v != Math.rint(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The numbers as a table, when every line has the same x values; empty otherwise. */
    @Override
    String table() {
        if (lines.isEmpty()) {
            return "";
        }
        double[] x = lines.get(0).x();
        for (Line l : lines) {
            if (!Arrays.equals(l.x(), x)) {
                return "";
            }
        }
        List<String> header = new ArrayList<>();
        header.add(xAxis.label());
        for (Line l : lines) {
            header.add(l.name());
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            List<String> row = new ArrayList<>();
            row.add(text(x[i], xAxis.bytes()));
            for (Line l : lines) {
                row.add(text(l.y()[i], yAxis.bytes()));
            }
            rows.add(row);
        }
        if (rows.size() <= OPEN_ROWS) {
            return Html.table("The numbers", header, rows);
        }
        // A long table folds away under the chart, one click from view.
        return "<details style=\"margin-top:6px\"><summary style=\"cursor:pointer;font-weight:bold\">The numbers ("
                + rows.size() + " rows)</summary>" + Html.table(null, header, rows) + "</details>\n";
    }

    private static String text(double v, boolean bytes) {
        if (bytes && v == Math.rint(v) && Math.abs(v) < 0x1p62) {
            return Hex.size((long) v);
        }
        return plain(v);
    }

    /** A number without exponent or trailing zeros, at most three decimals, the same in every locale. */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p62) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /**
     * Tick labels: sizes ({@code 4 KiB}) for byte axes, plain numbers otherwise, never locale-dependent. On a log
     * axis (a {@code base} above 0) a tick is an exponent and is labelled with the power it stands for.
     */
    private static final class Format extends NumberFormat {
        private final boolean bytes;
        private final double base;

        Format(boolean bytes, double base) {
            this.bytes = bytes;
            this.base = base;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            double v = Math.abs(number) < 1e-9 ? 0 : number;
            if (base > 0) {
                double power = Math.pow(base, v);
                v = v == Math.rint(v) ? Math.rint(power) : power;
            }
            return to.append(text(v, bytes));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return format((double) number, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    }
}
