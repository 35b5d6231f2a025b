package dev.pagelab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.svg.SVGGraphics2D;

/**
 * What every JFreeChart picture shares: one theme (the JDK's logical sans-serif font, white paper, grey grid,
 * Okabe-Ito colours), series told apart by shape and dash as well as colour, and writers that give the same
 * bytes for the same chart: SVG through JFreeSVG with ids derived from the content, PNG with fixed hints.
 */
final class Charts {
    private Charts() {}

    static final String SANS = Font.SANS_SERIF;
    static final Color INK = new Color(0x1a1a1a);
    static final Color GRID = new Color(0xd0d0d0);

    /** Okabe-Ito colours in the order series take them. */
    static final Color[] COLOURS = {new Color(0x0072b2), new Color(0xd55e00), new Color(0x009e73), new Color(0xcc79a7),
        new Color(0xe69f00), new Color(0x56b4e9), new Color(0x000000), new Color(0xf0e442)};

    /** Dash patterns in the same order: solid, dashed, dotted, dash-dot, long dash, ... */
    static final float[][] DASHES = {null, {7f, 4f}, {2f, 3f}, {8f, 3f, 2f, 3f}, {12f, 4f}, {4f, 2f}, null, {2f, 2f}};

    private static final String ID = "PAGELABDEFS";

    static Stroke stroke(int series, float width) {
        float[] dash = DASHES[series % DASHES.length];
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    static Paint colour(int series) {
        return COLOURS[series % COLOURS.length];
    }

    /** Shapes by series: circle, square, triangle up, diamond, triangle down, cross, ... */
    static Shape shape(int series) {
        double s = 4;
        return switch (series % 6) {
            case 0 -> new Ellipse2D.Double(-s, -s, 2 * s, 2 * s);
            case 1 -> new Rectangle2D.Double(-s, -s, 2 * s, 2 * s);
            case 2 -> polygon(0, -s - 1, s + 1, s, -s - 1, s);
            case 3 -> polygon(0, -s - 1, s + 1, 0, 0, s + 1, -s - 1, 0);
            case 4 -> polygon(-s - 1, -s, s + 1, -s, 0, s + 1);
            default -> polygon(-s, -1.5, -1.5, -1.5, -1.5, -s, 1.5, -s, 1.5, -1.5, s, -1.5, s, 1.5, 1.5, 1.5, 1.5, s,
                    -1.5, s, -1.5, 1.5, -s, 1.5);
        };
    }

    private static Shape polygon(double... xy) {
        Path2D p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }

    /**
     * A renderer that draws each series as one path, with no markers: with {@link #stepped} data it draws what
     * {@code XYStepRenderer} draws, as one SVG element a series instead of two per point.
     */
    static XYLineAndShapeRenderer stepRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    /** The points of a step line through {@code series}: each value holds until the next point's x, then steps. */
    static XYSeriesCollection stepped(XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            XYSeries out = new XYSeries(s.getKey(), false, true);
            int n = s.getItemCount();
            for (int i = 0; i < n; i++) {
                out.add(s.getX(i), s.getY(i), false);
                if (i + 1 < n && !s.getY(i + 1).equals(s.getY(i))) {
                    out.add(s.getX(i + 1), s.getY(i), false);
                }
            }
            data.addSeries(out);
        }
        return data;
    }

    /** Applies the PageLab theme to a chart and puts its legend at the bottom on white. */
    static JFreeChart themed(JFreeChart chart) {
        Awt.init();
        StandardChartTheme theme = new StandardChartTheme("PageLab");
        theme.setExtraLargeFont(new Font(SANS, Font.BOLD, 16));
        theme.setLargeFont(new Font(SANS, Font.BOLD, 12));
        theme.setRegularFont(new Font(SANS, Font.PLAIN, 11));
        theme.setSmallFont(new Font(SANS, Font.PLAIN, 10));
        theme.setTitlePaint(INK);
        theme.setSubtitlePaint(INK);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setLegendItemPaint(INK);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(new Color(0x8c8c8c));
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisLabelPaint(INK);
        theme.setTickLabelPaint(INK);
        theme.setItemLabelPaint(INK);
        theme.setShadowVisible(false);
        theme.setBarPainter(new StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        Paint[] paints = new Paint[COLOURS.length];
        Stroke[] strokes = new Stroke[COLOURS.length];
        Shape[] shapes = new Shape[COLOURS.length];
        for (int i = 0; i < COLOURS.length; i++) {
            paints[i] = COLOURS[i];
            strokes[i] = stroke(i, 2f);
            shapes[i] = shape(i);
        }
        theme.setDrawingSupplier(new DefaultDrawingSupplier(paints, paints, strokes, strokes, shapes));
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 8));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(new BlockBorder(new Color(0xc8c8c8)));
            legend.setItemFont(new Font(SANS, Font.PLAIN, 11));
        }
        return chart;
    }

    /**
     * The chart as an SVG element with a title and description for screen readers. JFreeSVG names its clip
     * paths and gradients with a prefix; it gets a placeholder here and then a digest of the drawing, so the ids
     * are the same on every run and differ between different charts on one page.
     */
    static String svg(JFreeChart chart, int width, int height, String title, String description) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(ID);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        String element = g.getSVGElement(ID + "svg");
        int open = element.indexOf('>') + 1;
        String draft = element.substring(0, open) + "<title>" + Xml.text(title) + "</title><desc>" + Xml.text(description)
                + "</desc>" + element.substring(open) + "\n";
        return SvgWriter.withIds(draft, ID);
    }

    /** The chart as PNG bytes at its natural size. */
    static byte[] png(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Awt.canvas(image, 1);
        try {
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return Awt.png(image);
    }
}
