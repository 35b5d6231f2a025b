package dev.pagelab.render;

import static dev.pagelab.PageLab.*;
import static dev.pagelab.lesson.Lessons.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.Access;
import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.Computer;
import dev.pagelab.FaultLog;
import dev.pagelab.History;
import dev.pagelab.PageLab;
import dev.pagelab.Pages;
import dev.pagelab.Region;
import dev.pagelab.SpaceView;
import dev.pagelab.TraceRun;
import dev.pagelab.engine.Journal;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;
import dev.pagelab.lesson.ContiguousMemory;
import dev.pagelab.lesson.Exercise;
import dev.pagelab.lesson.Exercises;
import dev.pagelab.lesson.PagedMemory;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.ReplayResult;
import dev.pagelab.replay.ReplaySteps;
import dev.pagelab.replay.StepsComparison;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every displayable type through {@link Display#mimeBundle}: what each gives, and that each part parses. */
class DisplayTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    /** One live example of every type {@link Display#displayableTypes()} names. */
    private Map<Class<?>, Object> examples() {
        var t = Scenes.tutorial();
        checked.add(t.space);
        Pages pages = t.heap.pages(0, kb(16));
        var faults = new LinkedHashMap<String, long[]>();
        faults.put("FIFO", new long[] {9, 10});
        Map<Class<?>, Object> m = new LinkedHashMap<>();
        m.put(AddressSpace.class, t.space);
        m.put(Region.class, t.heap);
        m.put(Pages.class, pages);
        m.put(FaultLog.class, t.space.faults());
        m.put(Computer.class, t.computer);
        var textbook = trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5);
        m.put(ReplayResult.class, machine().frames(3).policy(FIFO).replay(textbook));
        m.put(MissRatioCurve.class, machine().policy(LRU).curve(textbook));
        m.put(TraceRun.class, machine().frames(3).policy(LRU).run(textbook));
        m.put(MemoryRegion.class, t.space.query(t.heap.base()));
        m.put(PageInfo.class, t.space.page(t.heap.base()));
        m.put(Access.class, t.heap.write(kb(40), 1));
        m.put(Journal.class, t.space.journal());
        m.put(JournalEvent.class, t.space.journal().event(0));
        m.put(SpaceView.class, t.space.view());
        m.put(SpaceMap.class, SpaceMap.of(t.space));
        m.put(PageGrid.class, PageGrid.of(t.heap));
        m.put(TranslationPicture.class, TranslationPicture.of(pages));
        m.put(FrameMap.class, FrameMap.of(t.computer));
        m.put(FaultTimeline.class, FaultTimeline.of(t.space));
        m.put(MissRatioChart.class, MissRatioChart.of("FIFO", new int[] {3, 4}, faults));
        m.put(ReplayTimeline.class, ReplayTimeline.of("replays", 3, faults));
        m.put(LineChart.class, LineChart.of("waste", "page size", "bytes").with("rounding", new long[] {1024, 4096},
                new long[] {512, 2048}).logX().xBytes().yBytes());
        m.put(HtmlPage.class, Pictures.page("all", SpaceMap.of(t.space), PageGrid.of(t.heap)));
        var ram = contiguous(12);
        ram.allocate("A", 3);
        var pm = paged(12);
        pm.allocate("A", 3);
        m.put(ContiguousMemory.class, ram);
        m.put(PagedMemory.class, pm);
        m.put(Exercise.class, Exercises.replacement(1));
        m.put(Exercise.Answer.class, Exercises.replacement(1).answer());
        m.put(PlacementMap.class, PlacementMap.of(ram));
        m.put(FreeBlockChart.class, FreeBlockChart.of(ram, pm));
        m.put(WorkingSetChart.class, Pictures.workingSet(textbook, 4));
        var fifo = machine().frames(3).policy(FIFO).steps(textbook);
        m.put(ReplaySteps.class, fifo);
        m.put(StepsComparison.class, compare(fifo, machine().frames(3).policy(CLOCK).steps(textbook)));
        m.put(History.class, t.space.history());
        var heap = space().heap();
        heap.free(heap.alloc(64)).alloc(200);
        m.put(dev.pagelab.Heap.class, heap);
        m.put(dev.pagelab.heap.HeapLayout.class, heap.layout());
        m.put(HeapMap.class, HeapMap.of(heap));
        return m;
    }

    @Test
    void everyDisplayableType_hasAnExample() {
        assertThat(examples().keySet()).containsExactlyInAnyOrderElementsOf(Display.displayableTypes());
    }

    @Test
    void everyDisplayableType_givesPlainTextAndWellFormedRichParts() {
        for (var e : examples().entrySet()) {
            Object value = e.getValue();
            Map<String, String> bundle = Display.mimeBundle(value);
            String type = e.getKey().getSimpleName();
            assertThat(bundle.get(Display.TEXT)).as(type).isEqualTo(value.toString());
            assertThat(Display.isRich(value)).as(type).isTrue();
            assertThat(bundle.size()).as(type + " has more than text/plain").isGreaterThan(1);
            assertThat(bundle.keySet().iterator().next()).isEqualTo(Display.TEXT);
            assertThat(bundle).as(type + ": no JSON for a front end to show instead of the picture")
                    .doesNotContainKey("application/json");
            if (bundle.containsKey(Display.SVG)) {
                Markup.xml(bundle.get(Display.SVG));
            }
            if (bundle.containsKey(Display.PNG)) {
                assertThat(Markup.isPng(Base64.getDecoder().decode(bundle.get(Display.PNG)))).as(type).isTrue();
            }
            if (bundle.containsKey(Display.HTML)) {
                String html = bundle.get(Display.HTML);
                Markup.fragment(html);
                boolean player = value instanceof ReplaySteps || value instanceof StepsComparison || value instanceof History;
                assertThat(html).as(type).doesNotContain("<svg");
                if (!player) {
                    assertThat(html).as(type).doesNotContain("<script");
                }
                assertPictureInline(type, bundle);
            }
        }
    }

    /**
     * A bundle with an image carries the same image inline in its HTML, as one {@code <img>} with a data URI, its
     * size and a one-line text alternative; in one without an image (a page of pictures), every image is inline.
     */
    private static void assertPictureInline(String type, Map<String, String> bundle) {
        String html = bundle.get(Display.HTML);
        String mime = bundle.containsKey(Display.SVG) ? Display.SVG : bundle.containsKey(Display.PNG) ? Display.PNG : null;
        assertThat(bundle.containsKey(Display.SVG) && bundle.containsKey(Display.PNG)).as(type + " carries one image").isFalse();
        var images = Markup.fragment(html).getElementsByTagName("img");
        if (mime == null) {
            for (int i = 0; i < images.getLength(); i++) {
                assertThat(((org.w3c.dom.Element) images.item(i)).getAttribute("src")).as(type).startsWith("data:image/");
            }
            return;
        }
        assertThat(images.getLength()).as(type + " images in its HTML").isEqualTo(1);
        var img = (org.w3c.dom.Element) images.item(0);
        String prefix = "data:" + mime + ";base64,";
        assertThat(img.getAttribute("src")).as(type).startsWith(prefix);
        byte[] inline = Base64.getDecoder().decode(img.getAttribute("src").substring(prefix.length()));
        byte[] entry = mime.equals(Display.SVG) ? bundle.get(Display.SVG).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(bundle.get(Display.PNG));
        assertThat(inline).as(type + ": the HTML shows the bundle's own image").isEqualTo(entry);
        assertThat(Integer.parseInt(img.getAttribute("width"))).as(type).isGreaterThan(20);
        assertThat(Integer.parseInt(img.getAttribute("height"))).as(type).isGreaterThan(20);
        assertThat(img.getAttribute("alt")).as(type).isNotBlank().doesNotContain("\n");
    }

    @Test
    void bundles_offerWhatFitsEachType() {
        var x = examples();
        // hand-drawn pictures: their SVG, inline in the HTML and as the image entry
        for (Class<?> c : List.of(AddressSpace.class, Region.class, Pages.class, Computer.class, SpaceView.class,
                SpaceMap.class, PageGrid.class, TranslationPicture.class, FrameMap.class, ContiguousMemory.class,
                PagedMemory.class, PlacementMap.class)) {
            assertThat(Display.mimeBundle(x.get(c))).as(c.getSimpleName()).containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG);
        }
        // charts: a PNG, inline in the HTML and as the image entry
        for (Class<?> c : List.of(FaultLog.class, ReplayResult.class, MissRatioCurve.class, TraceRun.class, FaultTimeline.class,
                MissRatioChart.class, ReplayTimeline.class, LineChart.class, FreeBlockChart.class, WorkingSetChart.class)) {
            assertThat(Display.mimeBundle(x.get(c))).as(c.getSimpleName()).containsOnlyKeys(Display.TEXT, Display.HTML, Display.PNG);
        }
        // tables and text: HTML only
        for (Class<?> c : List.of(MemoryRegion.class, PageInfo.class, Access.class, Journal.class, JournalEvent.class,
                HtmlPage.class, Exercise.class, Exercise.Answer.class, ReplaySteps.class, StepsComparison.class, History.class)) {
            assertThat(Display.mimeBundle(x.get(c))).as(c.getSimpleName()).containsOnlyKeys(Display.TEXT, Display.HTML);
        }
    }

    @Test
    void aChartsTable_followsItsImage() {
        String html = Display.mimeBundle(examples().get(LineChart.class)).get(Display.HTML);
        assertThat(html.indexOf("<table")).isGreaterThan(html.indexOf("<img"));
        assertThat(html).contains(">2 KiB</td>");
    }

    @Test
    void plainValues_andNull_getPlainTextOnly() {
        for (Object v : List.of(kb(16), READWRITE.guard(), "text", 42)) {
            assertThat(Display.mimeBundle(v)).containsOnlyKeys(Display.TEXT).containsEntry(Display.TEXT, v.toString());
            assertThat(Display.isRich(v)).isFalse();
        }
        assertThat(Display.mimeBundle(null)).containsExactly(Map.entry(Display.TEXT, "null"));
    }

    @Test
    void memoriesAndExercises_showWhatFitsThem() {
        var x = examples();
        Exercise e = (Exercise) x.get(Exercise.class);
        assertThat(Display.mimeBundle(e)).containsOnlyKeys(Display.TEXT, Display.HTML);
        assertThat(Display.mimeBundle(e).get(Display.HTML)).contains("How many faults? (seed 1)").doesNotContain("FIFO: ");
        assertThat(Display.mimeBundle(e.answer(false)).get(Display.HTML)).contains("Answer hidden").doesNotContain("FIFO: ");
        assertThat(Display.mimeBundle(e.answer()).get(Display.HTML)).contains("FIFO: ");
    }

    @Test
    void optMachine_hasNoMemoryOutsideATrace_soItShowsAsText() {
        var m = machine().frames(3).policy(OPT);
        assertThat(Display.mimeBundle(m)).containsOnlyKeys(Display.TEXT);
        assertThat(Display.mimeBundle(m).get(Display.TEXT)).contains("OPT");
    }

    @Test
    void releasedRegion_stillDisplays_asText() {
        var s = space();
        Region r = s.reserve(kb(64));
        r.release();
        assertThat(Display.mimeBundle(r)).containsOnlyKeys(Display.TEXT);
        assertThat(Display.mimeBundle(r).get(Display.TEXT)).contains("released");
    }
}
