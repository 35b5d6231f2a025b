package dev.pagelab.render;

import static dev.pagelab.PageLab.*;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/**
 * Every picture kind against its golden file. The scenes are built the same way each time and the writers use
 * no clock, random id or hash order, so any difference is a change in what is drawn.
 */
class PictureGoldenTest {

    @Test
    void spaceMap_overviewOfTheTutorialSpace() {
        Golden.check("space-map.svg", SpaceMap.of(Scenes.tutorial().space).svg());
    }

    @Test
    void spaceMap_zoomedToTheHeap() {
        var t = Scenes.tutorial();
        Golden.check("space-map-zoom.svg", SpaceMap.of(t.space).zoom(t.heap).svg());
    }

    @Test
    void spaceMap_html_carriesTheReservationTable() {
        Golden.check("space-map.html", SpaceMap.of(Scenes.tutorial().space).html());
    }

    @Test
    void pageGrid_ofTheHeap() {
        Golden.check("page-grid.svg", PageGrid.of(Scenes.tutorial().heap).svg());
    }

    @Test
    void translation_ofTheHeap_onePagePerRow() {
        Golden.check("translation.svg", TranslationPicture.of(Scenes.tutorial().heap).svg());
    }

    @Test
    void translation_ofAMegabyte_inRuns() {
        var r = space().allocate(mb(1));
        for (int i = 0; i < 256; i += 3) {
            r.write(i * 4096L, 1);
        }
        Golden.check("translation-runs.svg", TranslationPicture.of(r).svg());
    }

    @Test
    void frameMap_ofTheTutorialMachine() {
        Golden.check("frame-map.svg", FrameMap.of(Scenes.tutorial().space).svg());
    }

    @Test
    void faultTimeline_ofTheTutorialSpace() {
        Golden.check("fault-timeline.svg", FaultTimeline.of(Scenes.tutorial().space).svg());
    }

    @Test
    void missRatioChart_beladyAnomaly() {
        // 1 2 3 4 1 2 5 1 2 3 4 5 by hand: FIFO takes 9 faults with 3 frames and 10 with 4; LRU 10 and 8; OPT 7 and 6.
        var faults = new LinkedHashMap<String, long[]>();
        faults.put("FIFO", new long[] {12, 12, 9, 10, 5});
        faults.put("LRU", new long[] {12, 12, 10, 8, 5});
        faults.put("OPT", new long[] {12, 11, 7, 6, 5});
        Golden.check("miss-ratio.svg", MissRatioChart.of("Belady's anomaly", new int[] {1, 2, 3, 4, 5}, faults).svg());
    }

    @Test
    void mimeBundle_json_ofTheTutorialSpace() {
        Golden.check("space.json", Display.mimeBundle(Scenes.tutorial().space).get(Display.JSON) + "\n");
    }
}
