package dev.pagelab.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Line2D;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A picture drawn with JFreeChart, as {@link SketchPicture} is one drawn on a {@link Sketch}: the charts keep their
 * title, natural size and one-line summary, and share how the chart is titled and themed, how it becomes SVG, PNG,
 * HTML and text, and how its lines are styled. A subclass says what it draws in {@link #build()}; the chart is built
 * on first use and kept, so drawing it as SVG and then as PNG builds it once.
 */
abstract class ChartPicture implements Picture {
    private final String title;
    private final String kind;
    private final int width;
    private final int height;
    private JFreeChart chart;

    /** A chart called {@code kind} in its text ({@code "miss-ratio chart"}), {@code width} by {@code height} pixels. */
    ChartPicture(String title, String kind, int width, int height) {
        this.title = title;
        this.kind = kind;
        this.width = width;
        this.height = height;
    }

    /** The chart, made once from the subclass's data (with {@link #titled} for the title, theme and subtitle). */
    abstract JFreeChart build();

    /** The one line under the title, also the SVG's description and the text after {@link #kind}. */
    abstract String summary();

    /** The HTML shown under the chart (empty when there is none). */
    String table() {
        return "";
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String svg() {
        return Charts.svg(chart(), width, height, title, summary());
    }

    /** The chart as PNG at its natural size. */
    @Override
    public final byte[] png() {
        return Charts.png(chart(), width, height);
    }

    @Override
    public final String html() {
        return Html.figure(this, EmbeddedImage.of(this), table());
    }

    @Override
    public String toString() {
        return kind + ": " + summary();
    }

    private synchronized JFreeChart chart() {
        if (chart == null) {
            chart = build();
        }
        return chart;
    }

    /**
     * A chart of {@code plot} under this picture's title, themed, with {@code subtitle} in small type under the title.
     * The plot's background is white.
     */
    final JFreeChart titled(Plot plot, String subtitle) {
        JFreeChart c = new JFreeChart(Xml.clean(title), new Font(Charts.SANS, Font.BOLD, 16), plot, true);
        Charts.themed(c);
        plot.setBackgroundPaint(Color.WHITE);
        TextTitle sub = new TextTitle(Xml.clean(subtitle), new Font(Charts.SANS, Font.PLAIN, 11));
        sub.setPaint(Charts.INK);
        c.addSubtitle(sub);
        return c;
    }

    /**
     * Gives series {@code series} of {@code r} the look of series {@code style}: its colour, its dash at
     * {@code width}, its marker shape, and turns off the renderer's own choice of colours, strokes and shapes.
     */
    static void style(XYLineAndShapeRenderer r, int series, int style, float width) {
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesShape(false);
        r.setSeriesPaint(series, Charts.colour(style));
        r.setSeriesStroke(series, Charts.stroke(style, width));
        r.setSeriesShape(series, Charts.shape(style));
    }

    /**
     * Adds {@code xy} to {@code data} as the next line {@code r} draws: styled in its turn ({@link #style}, 2 px wide),
     * with a marker on each point while it has at most 60.
     */
    static void addLine(XYSeriesCollection data, XYLineAndShapeRenderer r, XYSeries xy) {
        int s = data.getSeriesCount();
        data.addSeries(xy);
        style(r, s, s, 2f);
        r.setSeriesShapesVisible(s, xy.getItemCount() <= 60);
    }

    /** A legend entry drawn as a short line, as wide as a dash pattern shows. */
    static void legendLine(XYLineAndShapeRenderer r) {
        r.setLegendLine(new Line2D.Double(-15, 0, 15, 0));
    }

    /** Adds one named series of counts to a chart, returning the new chart. */
    interface AddSeries<C> {
        C add(C chart, String name, long[] counts);
    }

    /**
     * The first of {@code items}; when there is none, the message says that {@code what} (the chart) needs at least
     * one {@code item}.
     */
    static <T> T first(T[] items, String what, String item) {
        if (items == null || items.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one " + item);
        }
        return items[0];
    }

    /**
     * {@code empty} with one series added for each entry of {@code series}, in the map's order; {@code what} names
     * the chart in the message when the map is null or empty.
     */
    static <C> C withEach(C empty, Map<String, long[]> series, String what, AddSeries<C> add) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one series of fault counts");
        }
        C chart = empty;
        for (var e : series.entrySet()) {
            chart = add.add(chart, String.valueOf(e.getKey()), e.getValue());
        }
        return chart;
    }
}
