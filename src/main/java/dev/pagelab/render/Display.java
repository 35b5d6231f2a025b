package dev.pagelab.render;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.Access;
import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.FaultLog;
import dev.pagelab.History;
import dev.pagelab.Pages;
import dev.pagelab.Protection;
import dev.pagelab.Region;
import dev.pagelab.SpaceView;
import dev.pagelab.TraceRun;
import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.Journal;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.JournalView;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;
import dev.pagelab.lesson.Allocator;
import dev.pagelab.lesson.ContiguousMemory;
import dev.pagelab.lesson.Exercise;
import dev.pagelab.lesson.PagedMemory;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.ReplayResult;
import dev.pagelab.replay.ReplaySteps;
import dev.pagelab.replay.StepsComparison;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The one display entry for every kernel and tool: {@link #mimeBundle(Object)} turns any PageLab object into
 * the MIME representations every notebook front end shows, trusted or not. {@code text/plain} is always there
 * (the object's {@code toString()}). Pictures add {@code text/html} holding the picture as an {@code <img>} with
 * a {@code data:} URI (untrusted notebooks strip inline {@code <svg>} from HTML, but keep such images) and the
 * same image as its own entry, {@code image/svg+xml} for the hand-drawn pictures and {@code image/png} (base64)
 * for the charts, for renderers that show only images. Tables, journals and access results add plain HTML.
 * No bundle carries {@code application/json}: JupyterLab and VS Code rank their JSON viewers above HTML, so the
 * data would hide the picture; the JSON documents come from {@code dev.pagelab.json.PageLabJson} instead.
 * Every entry is deterministic and escaped; none loads anything.
 *
 * <pre>{@code
 * var s = space(); s.reserve(kb(64)).commit(0, kb(8));
 * Display.mimeBundle(s).keySet()   // [text/plain, text/html, image/svg+xml]
 * }</pre>
 */
public final class Display {
    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String SVG = "image/svg+xml";
    public static final String PNG = "image/png";

    private static final int JOURNAL_ROWS = 20;

    private Display() {}

    /**
     * What each displayable type adds to {@code text/plain}, in the order kernels register them: the one list to
     * edit when a type gets a picture or a table.
     */
    private static final Map<Class<?>, Renderer> RENDERERS = renderers();

    /**
     * The renderer of a class: its own entry, or the first entry it is an instance of (a class that implements
     * {@link SpaceView}, say), or for any other {@link Picture} the picture's own entries, or none.
     */
    private static final ClassValue<Renderer> LOOKUP = new ClassValue<>() {
        @Override
        protected Renderer computeValue(Class<?> type) {
            Renderer own = RENDERERS.get(type);
            if (own != null) {
                return own;
            }
            for (var e : RENDERERS.entrySet()) {
                if (e.getKey().isAssignableFrom(type)) {
                    return e.getValue();
                }
            }
            return Picture.class.isAssignableFrom(type) ? (bundle, value) -> picture(bundle, (Picture) value) : null;
        }
    };

    /** Adds a value's rich entries to a bundle that already holds its {@code text/plain}. */
    @FunctionalInterface
    private interface Renderer {
        void add(Map<String, String> bundle, Object value);
    }

    private static Map<Class<?>, Renderer> renderers() {
        Map<Class<?>, Renderer> t = new LinkedHashMap<>();
        on(t, AddressSpace.class, (b, s) -> picture(b, SpaceMap.of(s)));
        on(t, Region.class, (b, r) -> {
            if (!r.released()) {
                picture(b, PageGrid.of(r));
            }
        });
        on(t, Pages.class, (b, p) -> {
            if (!p.region().released()) {
                picture(b, TranslationPicture.of(p));
            }
        });
        on(t, FaultLog.class, (b, log) -> picture(b, FaultTimeline.of(log)));
        on(t, Computer.class, (b, c) -> picture(b, FrameMap.of(c)));
        on(t, ReplayResult.class, (b, r) -> picture(b, ReplayTimeline.of(r)));
        on(t, MissRatioCurve.class, (b, c) -> picture(b, MissRatioChart.of(c)));
        on(t, TraceRun.class, (b, run) -> picture(b, run.journaled() ? Pictures.timeline(run) : ReplayTimeline.of(run.result())));
        on(t, MemoryRegion.class, (b, r) -> b.put(HTML, Html.card("", Html.table(null, List.of("BaseAddress", "AllocationBase",
                "AllocationProtect", "RegionSize", "State", "Protect", "Type"), List.of(List.of(Hex.address(r.baseAddress()),
                Hex.address(r.allocationBase()), Flags.protectionName(r.allocationProtect()), Hex.size(r.regionSize()),
                Flags.stateName(r.state()), Flags.protectionName(r.protect()), typeName(r.type())))))));
        on(t, PageInfo.class, (b, p) -> b.put(HTML, Html.card("", Html.table(null, List.of("page", "state", "protection", "guard",
                "resident", "frame", "accessed", "dirty", "in page file"), List.of(List.of(Hex.address(p.address()),
                Flags.stateName(p.state()), p.state() == MEM_COMMIT ? Protection.shortName(p.protect()) : "", yes(p.guard()),
                yes(p.resident()), p.frame() < 0 ? "" : Integer.toString(p.frame()), yes(p.accessed()), yes(p.dirty()),
                yes(p.inPageFile())))))));
        on(t, Access.class, (b, a) -> b.put(HTML, access(a)));
        on(t, Journal.class, (b, j) -> b.put(HTML, journal(j)));
        on(t, JournalEvent.class, (b, e) -> b.put(HTML, "<div style=\"" + Html.CARD_STYLE + "\">" + Html.table(null,
                List.of("t", "kind", "event"), List.of(List.of(Long.toString(e.time()), e.kind().name(), e.toString())))
                + "</div>\n"));
        on(t, SpaceView.class, (b, view) -> picture(b, SpaceMap.of(view)));
        for (Class<? extends Picture> type : List.of(SpaceMap.class, PageGrid.class, TranslationPicture.class, FrameMap.class,
                FaultTimeline.class, MissRatioChart.class, ReplayTimeline.class, LineChart.class)) {
            on(t, type, Display::picture);
        }
        on(t, HtmlPage.class, (b, page) -> b.put(HTML, page.html()));
        on(t, ContiguousMemory.class, (b, a) -> picture(b, PlacementMap.of(a)));
        on(t, PagedMemory.class, (b, a) -> picture(b, PlacementMap.of(a)));
        on(t, Exercise.class, (b, e) -> b.put(HTML, exercise(e.title() + " (seed " + e.seed() + ")", e.question())));
        on(t, Exercise.Answer.class, (b, a) -> {
            String heading = "Answer: " + a.title() + " (seed " + a.seed() + ")";
            b.put(HTML, a.steps() == null ? exercise(heading, a.text())
                    : "<div style=\"font-weight:bold;margin-bottom:4px;font-family:sans-serif\">" + Xml.text(heading)
                            + "</div>\n" + StepPlayer.html(a.steps()));
        });
        for (Class<? extends Picture> type : List.of(PlacementMap.class, FreeBlockChart.class, WorkingSetChart.class)) {
            on(t, type, Display::picture);
        }
        on(t, ReplaySteps.class, (b, steps) -> b.put(HTML, StepPlayer.html(steps)));
        on(t, StepsComparison.class, (b, comparison) -> b.put(HTML, StepPlayer.html(comparison)));
        on(t, History.class, (b, history) -> b.put(HTML, HistoryPlayer.html(history)));
        on(t, dev.pagelab.Heap.class, (b, heap) -> picture(b, HeapMap.of(heap)));
        on(t, dev.pagelab.heap.HeapLayout.class, (b, heap) -> picture(b, HeapMap.of(heap)));
        on(t, HeapMap.class, Display::picture);
        return Collections.unmodifiableMap(t);
    }

    private static <T> void on(Map<Class<?>, Renderer> table, Class<T> type, BiConsumer<Map<String, String>, T> renderer) {
        table.put(type, (bundle, value) -> renderer.accept(bundle, type.cast(value)));
    }

    /** The MIME bundle of {@code value}: MIME type to content, {@code text/plain} first, in a fixed order. */
    public static Map<String, String> mimeBundle(Object value) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put(TEXT, String.valueOf(value));
        Renderer r = value == null ? null : LOOKUP.get(value.getClass());
        if (r != null) {
            r.add(bundle, value);
        }
        return Collections.unmodifiableMap(bundle);
    }

    /** Whether {@code value} gets more than {@code text/plain}: what a kernel registers a renderer for. */
    public static boolean isRich(Object value) {
        return value != null && LOOKUP.get(value.getClass()) != null;
    }

    /** The classes {@link #mimeBundle} knows, for kernels that register renderers by class. */
    public static List<Class<?>> displayableTypes() {
        return List.copyOf(RENDERERS.keySet());
    }

    /**
     * A picture's entries: its HTML (the image inline, then any table) and the image itself, drawn once. The
     * pictures drawn here carry their table themselves; any other {@link Picture} gives its own HTML.
     */
    private static void picture(Map<String, String> bundle, Picture p) {
        EmbeddedImage image = EmbeddedImage.of(p);
        String table = p instanceof SketchPicture s ? s.table() : p instanceof ChartPicture c ? c.table() : null;
        bundle.put(HTML, table == null ? p.html() : Html.figure(p, image, table));
        bundle.put(image.mime(), image.entry());
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0 -> "0";
            case MEM_PRIVATE -> "MEM_PRIVATE";
            case MEM_MAPPED -> "MEM_MAPPED";
            case MEM_IMAGE -> "MEM_IMAGE";
            default -> String.format("0x%X", type);
        };
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static String access(Access a) {
        String colour = a.ok() ? "#1e6b3a" : "#9b1c1c";
        String badge = a.ok() ? "OK" : a.outcome().name();
        return "<div style=\"" + Html.CARD_STYLE + "\"><span style=\"display:inline-block;padding:1px 6px;border:1px solid "
                + colour + ";color:" + colour + ";font-weight:bold;margin-right:6px\">" + Xml.text(badge) + "</span>"
                + "<span style=\"font-family:monospace\">" + Xml.text(a.toString()) + "</span></div>\n";
    }

    /** An exercise's question or answer: a bold heading over the text, set in monospace as it was laid out. */
    private static String exercise(String heading, String text) {
        return "<div style=\"" + Html.CARD_STYLE + "\"><div style=\"font-weight:bold;margin-bottom:4px\">" + Xml.text(heading)
                + "</div><pre style=\"margin:0;font-size:12px;"
                + "white-space:pre-wrap\">" + Xml.text(text) + "</pre></div>\n";
    }

    private static String journal(JournalView j) {
        int size = j.size();
        int from = Math.max(0, size - JOURNAL_ROWS);
        List<List<String>> rows = new ArrayList<>();
        for (int i = from; i < size; i++) {
            JournalEvent e = j.event(i);
            rows.add(List.of(Long.toString(e.time()), e.kind().name(), e.toString()));
        }
        String caption = j + (from > 0 ? ", the last " + JOURNAL_ROWS + " shown" : "");
        return "<div style=\"" + Html.CARD_STYLE + "\">" + Html.table(caption, List.of("t", "kind", "event"), rows) + "</div>\n";
    }

}
