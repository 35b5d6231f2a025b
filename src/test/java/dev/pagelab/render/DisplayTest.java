package dev.pagelab.render;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.Access;
import dev.pagelab.AddressSpace;
import dev.pagelab.ContiguousMemory;
import dev.pagelab.Exercise;
import dev.pagelab.Exercises;
import dev.pagelab.PagedMemory;
import dev.pagelab.FaultLog;
import dev.pagelab.Machine;
import dev.pagelab.Pages;
import dev.pagelab.Region;
import dev.pagelab.TraceRun;
import dev.pagelab.trace.MissRatioCurve;
import dev.pagelab.trace.ReplayResult;
import dev.pagelab.engine.Journal;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.PageInfo;
import dev.pagelab.engine.VirtualMemory;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every displayable type through {@link Display#mimeBundle}: what each gives, and that each part parses. */
class DisplayTest {

    /** One live example of every type {@link Display#displayableTypes()} names. */
    private static Map<Class<?>, Object> examples() {
        var t = Scenes.tutorial();
        Pages pages = t.heap.pages(0, kb(16));
        var faults = new LinkedHashMap<String, long[]>();
        faults.put("FIFO", new long[] {9, 10});
        Map<Class<?>, Object> m = new LinkedHashMap<>();
        m.put(AddressSpace.class, t.space);
        m.put(Region.class, t.heap);
        m.put(Pages.class, pages);
        m.put(FaultLog.class, t.space.faults());
        m.put(Machine.class, t.machine);
        var textbook = trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5);
        m.put(ReplayResult.class, machine().frames(3).policy(FIFO).replay(textbook));
        m.put(MissRatioCurve.class, machine().policy(LRU).curve(textbook));
        m.put(TraceRun.class, machine().frames(3).policy(LRU).run(textbook));
        m.put(MemoryRegion.class, t.space.query(t.heap.base()));
        m.put(PageInfo.class, t.space.page(t.heap.base()));
        m.put(Access.class, t.heap.write(kb(40), 1));
        m.put(Journal.class, t.space.journal());
        m.put(JournalEvent.class, t.space.journal().event(0));
        m.put(VirtualMemory.class, t.space.engine());
        m.put(SpaceMap.class, SpaceMap.of(t.space));
        m.put(PageGrid.class, PageGrid.of(t.heap));
        m.put(TranslationPicture.class, TranslationPicture.of(pages));
        m.put(FrameMap.class, FrameMap.of(t.machine));
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
        m.put(WorkingSetChart.class, WorkingSetChart.of(textbook, 4));
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
            if (bundle.containsKey(Display.SVG)) {
                Markup.xml(bundle.get(Display.SVG));
            }
            if (bundle.containsKey(Display.HTML)) {
                Markup.fragment(bundle.get(Display.HTML));
                assertThat(bundle.get(Display.HTML)).as(type).doesNotContain("<script").doesNotContain("http://www.w3.org/1999/xlink\" href");
            }
            if (bundle.containsKey(Display.PNG)) {
                assertThat(Markup.isPng(Base64.getDecoder().decode(bundle.get(Display.PNG)))).as(type).isTrue();
            }
            if (bundle.containsKey(Display.JSON)) {
                Markup.json(bundle.get(Display.JSON));
            }
        }
    }

    @Test
    void bundles_offerWhatFitsEachType() {
        var x = examples();
        assertThat(Display.mimeBundle(x.get(AddressSpace.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.JSON);
        assertThat(Display.mimeBundle(x.get(Region.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.JSON);
        assertThat(Display.mimeBundle(x.get(Pages.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.JSON);
        assertThat(Display.mimeBundle(x.get(FaultLog.class)))
                .containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.PNG, Display.JSON);
        assertThat(Display.mimeBundle(x.get(Machine.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.JSON);
        assertThat(Display.mimeBundle(x.get(MemoryRegion.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.JSON);
        assertThat(Display.mimeBundle(x.get(PageInfo.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.JSON);
        assertThat(Display.mimeBundle(x.get(Access.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.JSON);
        assertThat(Display.mimeBundle(x.get(Journal.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.JSON);
        assertThat(Display.mimeBundle(x.get(MissRatioChart.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.PNG);
        assertThat(Display.mimeBundle(x.get(HtmlPage.class))).containsOnlyKeys(Display.TEXT, Display.HTML);
        assertThat(Display.mimeBundle(x.get(LineChart.class))).containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.PNG);
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
    void replaysCurvesAndRuns_areCharts_withTheirCountsAsJson() {
        var x = examples();
        assertThat(Display.mimeBundle(x.get(ReplayResult.class)))
                .containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.PNG, Display.JSON);
        assertThat(Display.mimeBundle(x.get(ReplayResult.class)).get(Display.JSON)).contains("\"faults\":9");
        assertThat(Display.mimeBundle(x.get(MissRatioCurve.class)).get(Display.JSON)).contains("\"policy\":\"LRU\"");
        assertThat(Display.mimeBundle(x.get(TraceRun.class)))
                .containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.PNG, Display.JSON);
    }

    @Test
    void memoriesAndExercises_showWhatFitsThem() {
        var x = examples();
        assertThat(Display.mimeBundle(x.get(ContiguousMemory.class)))
                .containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.JSON);
        assertThat(Display.mimeBundle(x.get(PagedMemory.class)).get(Display.JSON)).contains("\"where\":[0,1,2]");
        assertThat(Display.mimeBundle(x.get(FreeBlockChart.class)))
                .containsOnlyKeys(Display.TEXT, Display.HTML, Display.SVG, Display.PNG);
        Exercise e = (Exercise) x.get(Exercise.class);
        assertThat(Display.mimeBundle(e)).containsOnlyKeys(Display.TEXT, Display.HTML);
        assertThat(Display.mimeBundle(e).get(Display.HTML)).contains("How many faults? (seed 1)").doesNotContain("FIFO: ");
        assertThat(Display.mimeBundle(e.answer(false)).get(Display.HTML)).contains("Answer hidden").doesNotContain("FIFO: ");
        assertThat(Display.mimeBundle(e.answer()).get(Display.HTML)).contains("FIFO: ");
    }

    @Test
    void optMachine_hasNoMemoryOutsideATrace_soItShowsAsTextAndJson() {
        var m = machine().frames(3).policy(OPT);
        assertThat(Display.mimeBundle(m)).containsOnlyKeys(Display.TEXT, Display.JSON);
        assertThat(Display.mimeBundle(m).get(Display.JSON)).contains("\"policy\":\"OPT\"");
    }

    @Test
    void releasedRegion_stillDisplays_asTextAndJson() {
        var s = space();
        Region r = s.reserve(kb(64));
        r.release();
        assertThat(Display.mimeBundle(r)).containsOnlyKeys(Display.TEXT, Display.JSON);
        assertThat(Display.mimeBundle(r).get(Display.JSON)).contains("\"released\":true");
    }
}
