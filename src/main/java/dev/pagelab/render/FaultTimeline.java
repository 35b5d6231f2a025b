package dev.pagelab.render;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.FaultLog;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.JournalView;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A fault timeline drawn with JFreeChart, on the journal's logical clock: faults by kind (demand-zero, hard,
 * access violation, guard page) and evictions as cumulative step lines; the resident set size and the working
 * set W(t, τ); and faults per interval, hard faults as bars. Series differ in dash as well as colour. A small log
 * of a memory that never ran short (at most {@value #SMALL_EVENTS} faults, none hard, no eviction) gets a small
 * form: the cumulative panel alone, with only the kinds that happened.
 * The working set counts the references the journal holds (faults and writes, and reads when the journal
 * records them). Past {@value #MAX_POINTS} events each series keeps one point per interval, so the chart's
 * size is bounded. The picture is taken when made.
 *
 * <pre>{@code
 * var s = space(); var r = s.allocate(kb(64));
 * for (int i = 0; i < 16; i++) r.write(i * 4096L, 1);
 * FaultTimeline.of(s).save(Path.of("faults.png"));
 * }</pre>
 */
public final class FaultTimeline extends ChartPicture {
    static final int MAX_POINTS = 4000;
    static final int WIDTH = 900;
    static final int HEIGHT = 660;
    /** A log of at most this many faults, none hard and no eviction, is drawn in the small form. */
    static final int SMALL_EVENTS = 12;
    static final int SMALL_HEIGHT = 340;

    private static final JournalKind[] KINDS = {JournalKind.DEMAND_ZERO_FAULT, JournalKind.HARD_FAULT,
        JournalKind.ACCESS_VIOLATION, JournalKind.GUARD_PAGE, JournalKind.EVICTION};
    private static final String[] KIND_NAMES = {"demand-zero faults", "hard faults", "access violations",
        "guard-page faults", "evictions"};
    /**
     * With Windows working sets, the kinds drawn after {@link #KINDS} when the journal holds any: soft faults, pages
     * trimmed to the standby and modified lists, and the modified-page writer's page writes.
     */
    private static final JournalKind[] LIST_KINDS = {JournalKind.SOFT_FAULT, JournalKind.TRIM, JournalKind.PAGE_WRITE};
    private static final String[] LIST_KIND_NAMES = {"soft faults (from standby/modified)", "pages trimmed",
        "pages written by the modified-page writer"};

    /** The events drawn: the first {@link #size} of {@link #events}, as many as there were when this was made. */
    private final JournalView events;
    private final int size;
    private final int pageSize;
    private final boolean exactResidency;
    private final long window;
    private final long[] counts;
    private final boolean small;
    /** {@link #KINDS}, then {@link #LIST_KINDS} when the journal holds any of them. */
    private final JournalKind[] kinds;
    private final String[] kindNames;

    private FaultTimeline(JournalView events, int pageSize, boolean exactResidency, long window, String title) {
        this(events, events.size(), pageSize, exactResidency, window, title, counts(events, events.size()));
    }

    private FaultTimeline(JournalView events, int size, int pageSize, boolean exactResidency, long window, String title,
                          long[] counts) {
        super(title, "fault timeline", WIDTH, small(counts) ? SMALL_HEIGHT : HEIGHT);
        this.events = events;
        this.size = size;
        this.pageSize = pageSize;
        this.exactResidency = exactResidency;
        this.window = window > 0 ? window : defaultWindow(events, size);
        this.counts = counts;
        this.small = small(counts);
        boolean lists = counts.length > KINDS.length;
        this.kinds = lists ? concat(KINDS, LIST_KINDS) : KINDS;
        this.kindNames = lists ? concat(KIND_NAMES, LIST_KIND_NAMES) : KIND_NAMES;
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] concat(T[] a, T[] b) {
        T[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The faults of a space, from its whole journal (so decommits and releases lower the resident set too). */
    public static FaultTimeline of(AddressSpace space) {
        return new FaultTimeline(space.journal(), space.pageSize(), true, 0, "Fault timeline");
    }

    /**
     * The faults of a fault log. A log holds faults and evictions only, so pages freed by decommit or release
     * still count as resident here; draw the space for the exact resident set.
     */
    public static FaultTimeline of(FaultLog log) {
        return new FaultTimeline(new EventList(log.events()), 4096, false, 0, "Fault timeline");
    }

    /** The faults of an engine-level journal whose space has pages of {@code pageSize} bytes. */
    public static FaultTimeline of(JournalView journal, int pageSize) {
        if (pageSize <= 0 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size " + pageSize + " must be a power of two");
        }
        return new FaultTimeline(journal, pageSize, true, 0, "Fault timeline");
    }

    /** The same timeline with a working-set window τ of {@code ticks} (also the interval of the bars). */
    public FaultTimeline window(long ticks) {
        if (ticks < 1) {
            throw new IllegalArgumentException("the working-set window must be at least 1 tick, not " + ticks);
        }
        return new FaultTimeline(events, size, pageSize, exactResidency, ticks, title(), counts);
    }

    /** The same timeline with another title. */
    public FaultTimeline title(String text) {
        return new FaultTimeline(events, size, pageSize, exactResidency, window, text, counts);
    }

    /** The working-set window τ in ticks. */
    public long window() {
        return window;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static long defaultWindow(JournalView events, int size) {
        if (size == 0) {
            return 1;
        }
        long span = events.time(size - 1) - events.time(0);
        return Math.max(1, nice(span / 5));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static long nice(long v) {
        long p = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p >= v) {
                    return m * p;
                }
            }
            p *= 10;
        }
    }

    /** Whether a log with these {@link #counts} is drawn in the small form: few faults, none hard, no eviction. */
    private static boolean small(long[] counts) {
        long all = 0;
        for (long c : counts) {
            all += c;
        }
        // KINDS: demand-zero, hard, access violation, guard page, eviction; then any of LIST_KINDS
        return all <= SMALL_EVENTS && counts[1] == 0 && counts[4] == 0 && counts.length == KINDS.length;
    }

    /** How many events of each of {@link #KINDS}, then of {@link #LIST_KINDS} if there are any. */
    private static long[] counts(JournalView events, int size) {
        JournalKind[] all = concat(KINDS, LIST_KINDS);
        long[] counts = new long[all.length];
        for (int i = 0; i < size; i++) {
            JournalKind k = events.kind(i);
            for (int j = 0; j < all.length; j++) {
                if (all[j] == k) {
                    counts[j]++;
                }
            }
        }
        boolean lists = false;
        for (int j = KINDS.length; j < all.length; j++) {
            lists |= counts[j] > 0;
        }
        return lists ? counts : java.util.Arrays.copyOf(counts, KINDS.length);
    }

    @Override
    String summary() {
        long faults = counts[0] + counts[1] + counts[2] + counts[3] + (counts.length > KINDS.length ? counts[5] : 0);
        return faults + (faults == 1 ? " fault: " : " faults: ") + counts[0] + " demand-zero, " + counts[1] + " hard, "
                + counts[2] + (counts[2] == 1 ? " access violation, " : " access violations, ") + counts[3]
                + (counts[3] == 1 ? " guard page; " : " guard pages; ") + counts[4] + (counts[4] == 1 ? " eviction" : " evictions")
                + (counts.length > KINDS.length ? " · " + counts[5] + " soft, " + counts[6] + " trimmed, " + counts[7]
                + " written by the writer" : "")
                + (small ? "" : " · working set τ = " + window + (window == 1 ? " tick" : " ticks"));
    }

    @Override
    JFreeChart build() {
        int n = size;
        long first = n == 0 ? 0 : events.time(0);
        long last = n == 0 ? 0 : events.time(n - 1);
        long bucket = n > MAX_POINTS ? Math.max(1, (last - first) / (MAX_POINTS / 2)) : 1;

        XYSeries[] cumulative = new XYSeries[kinds.length];
        Sampler[] samplers = new Sampler[kinds.length];
        long[] counts = new long[kinds.length];
        for (int j = 0; j < kinds.length; j++) {
            cumulative[j] = new XYSeries(kindNames[j], false, true);
            samplers[j] = new Sampler(cumulative[j], bucket);
            samplers[j].add(first, 0);
        }
        XYSeries rssSeries = new XYSeries(exactResidency ? "resident pages" : "resident pages (faults − evictions)", false, true);
        XYSeries wsSeries = new XYSeries("working set W(t, τ)", false, true);
        Sampler rss = new Sampler(rssSeries, bucket);
        Sampler ws = new Sampler(wsSeries, bucket);
        rss.add(first, 0);
        ws.add(first, 0);

        TreeSet<Long> resident = new TreeSet<>();
        TreeMap<Long, Long> reservations = new TreeMap<>();
        ArrayDeque<long[]> recent = new ArrayDeque<>();
        Map<Long, Integer> inWindow = new HashMap<>();
        TreeMap<Long, long[]> perInterval = new TreeMap<>();
        long mask = pageSize - 1L;

        for (int i = 0; i < n; i++) {
            long t = events.time(i);
            JournalKind k = events.kind(i);
            // Expire references older than the window, with a point where the working set drops.
            while (!recent.isEmpty() && recent.peekFirst()[0] + window <= t) {
                long[] old = recent.pollFirst();
                if (inWindow.merge(old[1], -1, Integer::sum) == 0) {
                    inWindow.remove(old[1]);
                }
                if (recent.isEmpty() || recent.peekFirst()[0] != old[0]) {
                    ws.add(old[0] + window, inWindow.size());
                }
            }
            for (int j = 0; j < kinds.length; j++) {
                if (kinds[j] == k) {
                    samplers[j].add(t, ++counts[j]);
                }
            }
            long page = events.address(i) & ~mask;
            switch (k) {
                case DEMAND_ZERO_FAULT, HARD_FAULT, SOFT_FAULT -> {
                    if (resident.add(page)) {
                        rss.add(t, resident.size());
                    }
                    long[] bar = perInterval.computeIfAbsent(Math.floorDiv(t, window), b -> new long[2]);
                    bar[k == JournalKind.HARD_FAULT ? 1 : 0]++;
                    reference(recent, inWindow, t, page, ws);
                }
                case WRITE, READ, EXECUTE -> reference(recent, inWindow, t, page, ws);
                case EVICTION, TRIM -> {
                    if (resident.remove(page)) {
                        rss.add(t, resident.size());
                    }
                }
                case ALLOCATE -> {
                    if (events.result(i) == 0 && (events.flags(i) & MEM_RESERVE) != 0) {
                        long base = events.out(i);
                        long end = ((events.address(i) == 0 ? base : events.address(i)) + events.arg(i) + mask) & ~mask;
                        reservations.put(base, end);
                    }
                }
                case FREE -> {
                    if (events.result(i) == 0 && freed(events, i, reservations, resident, mask)) {
                        rss.add(t, resident.size());
                    }
                }
                default -> { }
            }
        }
        // Every line runs on to the last event, so a count that stopped growing still shows its final value.
        for (int j = 0; j < kinds.length; j++) {
            samplers[j].add(last, counts[j]);
            samplers[j].flush();
        }
        rss.add(last, resident.size());
        rss.flush();
        ws.flush();

        XYSeriesCollection faults = Charts.stepped(cumulative);
        XYSeriesCollection pages = Charts.stepped(rssSeries, wsSeries);
        String per = window == 1 ? "tick" : window + " ticks";
        XYSeries hard = new XYSeries("hard faults per " + per, false, true);
        XYSeries all = new XYSeries("page faults per " + per, false, true);
        // Faults per interval as a step line from each interval's start (empty intervals at zero), hard faults as
        // bars centred in their interval.
        if (!perInterval.isEmpty()) {
            long k0 = perInterval.firstKey();
            long k1 = perInterval.lastKey();
            boolean fill = k1 - k0 <= 10_000;
            for (long k = k0; k <= k1; k = fill ? k + 1 : perInterval.higherKey(k) == null ? k1 + 1 : perInterval.higherKey(k)) {
                long[] v = perInterval.getOrDefault(k, new long[2]);
                all.add(k * (double) window, v[0] + v[1], false);
                if (v[1] > 0) {
                    hard.add(k * (double) window + window / 2.0, v[1], false);
                }
            }
            long[] v = perInterval.get(k1);
            all.add((k1 + 1) * (double) window, v[0] + v[1], false);
        }
        XYSeriesCollection bars = new XYSeriesCollection(hard);
        bars.setIntervalWidth(window * 0.8);
        XYSeriesCollection rate = Charts.stepped(all);

        NumberAxis time = integerAxis("logical time (ticks)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(12);
        XYPlot faultPlot = new XYPlot(faults, null, integerAxis("faults so far"), Charts.stepRenderer());
        XYPlot pagePlot = new XYPlot(pages, null, integerAxis("pages"), Charts.stepRenderer());
        XYPlot ratePlot = new XYPlot(rate, null, integerAxis("faults / interval"), Charts.stepRenderer());
        XYBarRenderer barRenderer = new XYBarRenderer(0.0);
        ratePlot.setDataset(1, bars);
        ratePlot.setRenderer(1, barRenderer);
        plot.add(faultPlot, 3);
        if (!small) {
            plot.add(pagePlot, 2);
            plot.add(ratePlot, 2);
        }

        JFreeChart c = titled(plot, summary() + (exactResidency || small ? ""
                : " · from a fault log: pages freed by decommit still count as resident"));
        // Series styles go on after the theme, which would otherwise hand out its own.
        style(faultPlot, 0);
        if (kinds.length > KINDS.length) {
            // The list kinds get looks of their own, apart from the eight styles the other series use: soft faults
            // stand out (thick, magenta), trims and the writer's pages are quieter (grey, brown).
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) faultPlot.getRenderer();
            r.setSeriesPaint(KINDS.length, new Color(0xc2185b));
            r.setSeriesStroke(KINDS.length, new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
            r.setSeriesPaint(KINDS.length + 1, new Color(0x808080));
            r.setSeriesStroke(KINDS.length + 1, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                    10f, new float[] {5f, 3f}, 0f));
            r.setSeriesPaint(KINDS.length + 2, new Color(0x8b4513));
            r.setSeriesStroke(KINDS.length + 2, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                    10f, new float[] {9f, 3f, 2f, 3f, 2f, 3f}, 0f));
        }
        if (small) {
            // Only the kinds that happened, so two faults are not drawn with nine legend entries.
            for (int j = 0; j < kinds.length; j++) {
                faultPlot.getRenderer().setSeriesVisible(j, counts[j] > 0);
            }
        }
        style(pagePlot, 5);
        style(ratePlot, 2);
        // Its own look: black, dash-dot, so it is not mistaken for any line above.
        XYLineAndShapeRenderer rateLine = (XYLineAndShapeRenderer) ratePlot.getRenderer();
        rateLine.setSeriesPaint(0, Charts.INK);
        rateLine.setSeriesStroke(0, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {10f, 3f, 2f, 3f}, 0f));
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(true);
        barRenderer.setAutoPopulateSeriesPaint(false);
        barRenderer.setSeriesPaint(0, Charts.colour(1));
        barRenderer.setSeriesOutlinePaint(0, Color.BLACK);
        barRenderer.setSeriesOutlineStroke(0, new BasicStroke(0.8f));
        barRenderer.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        for (Object o : plot.getSubplots()) {
            XYPlot p = (XYPlot) o;
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Charts.GRID);
            p.setRangeGridlinePaint(Charts.GRID);
            if (n == 0) {
                p.setNoDataMessage("no faults yet");
            }
        }
        return c;
    }

    private void reference(ArrayDeque<long[]> recent, Map<Long, Integer> inWindow, long t, long page, Sampler ws) {
        recent.addLast(new long[] {t, page});
        inWindow.merge(page, 1, Integer::sum);
        ws.add(t, inWindow.size());
    }

    /** Removes the resident pages a successful VirtualFree dropped; returns whether any were. */
    private static boolean freed(JournalView events, int i, TreeMap<Long, Long> reservations, TreeSet<Long> resident, long mask) {
        long address = events.address(i);
        long size = events.arg(i);
        long from;
        long to;
        if (size == 0) {
            var e = reservations.floorEntry(address);
            if (e == null || address >= e.getValue()) {
                return false;
            }
            from = e.getKey();
            to = e.getValue();
            if (events.flags(i) == MEM_RELEASE) {
                reservations.remove(from);
            }
        } else {
            from = address & ~mask;
            to = (address + size + mask) & ~mask;
        }
        var range = resident.subSet(from, to);
        boolean any = !range.isEmpty();
        range.clear();
        return any;
    }

    private static NumberAxis integerAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        axis.setAutoRangeIncludesZero(true);
        return axis;
    }

    /** Colour and dash by series; a step renderer draws no markers, so the legend shows none either. */
    private static void style(XYPlot plot, int firstStyle) {
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setDefaultShapesFilled(true);
        for (int s = 0; s < plot.getDataset().getSeriesCount(); s++) {
            style(r, s, firstStyle + s, 2f);
            r.setSeriesShapesVisible(s, false);
            legendLine(r);
        }
    }

    static List<String> kindNames() {
        return List.of(KIND_NAMES);
    }
}
