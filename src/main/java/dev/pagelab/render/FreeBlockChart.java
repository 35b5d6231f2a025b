package dev.pagelab.render;

import dev.pagelab.lesson.Allocator;
import dev.pagelab.lesson.ContiguousMemory;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The largest free block after each step of an allocation sequence, one line per memory, drawn with JFreeChart:
 * under contiguous placement the largest hole, under paging every free frame (a request fits if enough frames are
 * free, wherever they are). Each refused request is marked with a cross at the size it asked for, above the line
 * that could not hold it. Steps are named on the horizontal axis ({@code A 3}, {@code free B}).
 *
 * <pre>{@code
 * var ram = contiguous(12); var pm = paged(12);
 * for (Allocator m : List.of(ram, pm)) { m.allocate("A", 8); m.allocate("B", 4); m.free("A"); m.allocate("C", 9); }
 * FreeBlockChart.of(ram, pm)
 * }</pre>
 */
public final class FreeBlockChart extends ChartPicture {
    static final int WIDTH = 820;
    static final int HEIGHT = 480;
    private static final Color REFUSED = new Color(0x9b1c1c);

    private final List<Allocator.Step> axis;
    private final List<String> names;
    private final List<List<Allocator.Step>> lines;
    private final int units;

    private FreeBlockChart(String title, List<String> names, List<List<Allocator.Step>> lines, int units) {
        super(title, "free-block chart", WIDTH, HEIGHT);
        this.names = List.copyOf(names);
        this.lines = List.copyOf(lines);
        this.units = units;
        List<Allocator.Step> longest = List.of();
        for (List<Allocator.Step> l : lines) {
            if (l.size() > longest.size()) {
                longest = l;
            }
        }
        this.axis = longest;
    }

    /** The largest free block of each memory after each of its steps, named by the kind of memory. */
    public static FreeBlockChart of(Allocator... memories) {
        first(memories, "a free-block chart", "memory"); // refuses none
        List<String> names = new ArrayList<>();
        List<List<Allocator.Step>> lines = new ArrayList<>();
        int units = 0;
        for (Allocator m : memories) {
            if (m == null) {
                throw new IllegalArgumentException("a free-block chart was given no memory (null)");
            }
            names.add(m instanceof ContiguousMemory ? "contiguous: largest hole" : m.kind() + ": free " + m.unit() + "s");
            lines.add(m.steps());
            units = Math.max(units, m.units());
        }
        return new FreeBlockChart("Largest free block after each step", names, lines, units);
    }

    /** The same chart with another title. */
    public FreeBlockChart title(String text) {
        return new FreeBlockChart(text == null ? "Largest free block" : text, names, lines, units);
    }

    @Override
    String summary() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> refused = new ArrayList<>();
            for (Allocator.Step s : lines.get(i)) {
                if (s.refused()) {
                    refused.add(s.action() + " at step " + s.index());
                }
            }
            parts.add(names.get(i).substring(0, names.get(i).indexOf(':')) + " refused "
                    + (refused.isEmpty() ? "nothing" : String.join(", ", refused)));
        }
        return String.join(" · ", parts);
    }

    @Override
    JFreeChart build() {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        XYSeries refusals = new XYSeries("refused request (the size asked for)", false, true);
        for (int i = 0; i < lines.size(); i++) {
            XYSeries xy = new XYSeries(Xml.clean(names.get(i)), false, true);
            for (Allocator.Step s : lines.get(i)) {
                xy.add(s.index(), s.largestFreeBlock(), false);
                if (s.refused()) {
                    refusals.add(s.index(), s.requested(), false);
                }
            }
            data.addSeries(xy);
            style(r, i, i, 2.2f);
        }
        int refusedSeries = lines.size();
        data.addSeries(refusals);
        r.setSeriesPaint(refusedSeries, REFUSED);
        r.setSeriesLinesVisible(refusedSeries, false);
        r.setSeriesShape(refusedSeries, cross(7));
        r.setSeriesStroke(refusedSeries, new BasicStroke(2.4f));
        r.setSeriesShapesFilled(refusedSeries, false);
        r.setSeriesVisibleInLegend(refusedSeries, refusals.getItemCount() > 0);
        r.setDrawOutlines(true);
        r.setUseOutlinePaint(false);
        legendLine(r);

        String[] labels = new String[axis.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Xml.clean(axis.get(i).action());
        }
        SymbolAxis x = new SymbolAxis("step", labels);
        x.setGridBandsVisible(false);
        x.setTickLabelFont(new Font(Charts.SANS, Font.PLAIN, 11));
        NumberAxis y = new NumberAxis("largest request that fits (" + (names.isEmpty() ? "units" : "slots / frames") + ")");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        y.setRange(0, units + 0.5);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setNoDataMessage("no step yet");
        return titled(plot, summary());
    }

    private static Path2D cross(double s) {
        Path2D p = new Path2D.Double();
        p.moveTo(-s, -s);
        p.lineTo(s, s);
        p.moveTo(-s, s);
        p.lineTo(s, -s);
        return p;
    }
}
