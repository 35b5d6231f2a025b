package dev.pagelab.render;

import static dev.pagelab.PageLab.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.PageLab;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every picture kind against its golden file. The scenes are built the same way each time and the writers use
 * no clock, random id or hash order, so any difference is a change in what is drawn.
 */
class PictureGoldenTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

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
    void heapMap_ofAFragmentedProcessHeap_withABigBlock() {
        // Blocks of 100 B, 2 KiB, 40 B, 6 KiB, 300 B and 24 B; the 2 KiB and 300 B ones freed; 1 MiB in its own reservation.
        var h = space().heap();
        long[] p = {h.alloc(100), h.alloc(kb(2)), h.alloc(40), h.alloc(kb(6)), h.alloc(300), h.alloc(24)};
        h.free(p[1]).free(p[4]).alloc(mb(1));
        Golden.check("heap-map.svg", HeapMap.of(h).svg());
    }

    @Test
    void frameMap_ofTheTutorialMachine() {
        Golden.check("frame-map.svg", FrameMap.of(Scenes.tutorial().space).svg());
    }

    @Test
    void spaceMapAndFrameMap_showMappedViewsAndSharedFrames() {
        // Two spaces map one 64 KiB section: A read-write, B read-only and copy-on-write. Pages 0 and 1 are in frames
        // that two or three views map; B's first write to page 2 of its copy view gives it a private frame.
        var c = machine().frames(16).boot();
        var a = checked.add(c.space());
        var b = checked.add(c.space());
        var shm = c.section(kb(64), "lab");
        var va = a.map(shm, READWRITE);
        var vb = b.map(shm, READONLY);
        var vc = b.map(shm, WRITECOPY);
        for (int i = 0; i < 4; i++) {
            va.write(i * 4096L, i + 1);
        }
        vb.read(0);
        vb.read(4096);
        vc.read(0);
        vc.write(8192, 5);
        Golden.check("space-map-views.svg", SpaceMap.of(b).svg());
        Golden.check("frame-map-shared.svg", FrameMap.of(b).svg());
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
    void lineChart_logLogBytes_twoLinesAndTheirSum() {
        // Page sizes 1 KiB .. 64 KiB; a falling line, a rising one, and their sum with its minimum at 4 KiB.
        long[] size = {1024, 2048, 4096, 8192, 16384, 32768, 65536};
        long[] tables = {65536, 32768, 16384, 8192, 8192, 8192, 8192};
        long[] waste = {1024, 4096, 8192, 16384, 32768, 65536, 131072};
        long[] sum = new long[size.length];
        for (int i = 0; i < size.length; i++) {
            sum[i] = tables[i] + waste[i];
        }
        Golden.check("line-chart.svg", LineChart.of("Page size trade-off", "page size", "bytes")
                .with("page tables", size, tables).with("internal fragmentation", size, waste).with("both", size, sum)
                .logX().logY().xBytes().yBytes().svg());
    }

    @Test
    void replayTimeline_fifoAndLruOnTheTextbookTrace() {
        // 1 2 3 4 1 2 5 1 2 3 4 5 with 3 frames, faults per 3 references, by hand:
        // FIFO: 1 2 3 load (3); 4 1 2 each evict the oldest (3); 5 evicts 4, then 1 2 hit (1); 3 4 miss, 5 hits (2): 9.
        // LRU: the same until the last three: 3 evicts 5, 4 evicts 1, 5 evicts 2 (3): 10.
        var buckets = new LinkedHashMap<String, long[]>();
        buckets.put("FIFO, 3 frames", new long[] {3, 3, 1, 2});
        buckets.put("LRU, 3 frames", new long[] {3, 3, 1, 3});
        Golden.check("replay-timeline.svg", ReplayTimeline.of("1 2 3 4 1 2 5 1 2 3 4 5", 3, buckets).svg());
    }

    @Test
    void finiteMemory_mapGridTranslationFramesAndTimeline_showPagingOut() {
        var f = Scenes.finite();
        long end = f.base + 16 * 4096L;
        Golden.check("finite-map.svg", SpaceMap.of(f.vm).zoom(f.base, end).svg());
        Golden.check("finite-grid.svg", PageGrid.of(f.vm, f.base, end).svg());
        Golden.check("finite-translation.svg", TranslationPicture.of(f.vm, f.base, end).svg());
        Golden.check("finite-frames.svg", FrameMap.of(f.memory).svg());
        Golden.check("finite-timeline.svg", FaultTimeline.of(f.space.journal(), 4096).svg());
    }

    @Test
    void compare_beladyAnomaly_fifoFaultsMoreWithFourFrames() {
        // 1 2 3 4 1 2 5 1 2 3 4 5: FIFO takes 9 faults with 3 frames and 10 with 4 (see replayTimeline above for
        // the 3-frame derivation); LRU and OPT, stack algorithms, never fault more with more frames.
        var chart = Pictures.compare(trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5), new int[] {1, 2, 3, 4, 5},
                FIFO, LRU, CLOCK, OPT);
        org.assertj.core.api.Assertions.assertThat(chart.anomalies()).containsExactly(
                "FIFO: 9 → 10 faults from 3 to 4 frames", "CLOCK: 9 → 10 faults from 3 to 4 frames");
        Golden.check("compare.svg", chart.svg());
    }

    @Test
    void replays_fifoAndLruResults_sideBySide() {
        var t = trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5);
        Golden.check("replays.svg", ReplayTimeline.of(machine().frames(3).policy(FIFO).replay(t),
                machine().frames(3).policy(LRU).replay(t), machine().frames(4).policy(FIFO).replay(t)).svg());
    }

    @Test
    void frameMap_ofAFiniteMachineAfterATraceRun() {
        var run = machine().frames(6).policy(CLOCK).run(trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5, 6, 7, 8));
        Golden.check("run-frames.svg", FrameMap.of(run.space()).svg());
    }

    @Test
    void workingSets_frameMapAndTimeline_showTheListsSoftFaultsTheWriterAndALock() {
        // docs/windows-rules.md W4. 40 frames, so the writer runs past 10 modified pages. A works in 24 pages and
        // trims to the modified list; B takes six frames; A soft-faults four pages back (trimming four more); B's
        // emptied working set passes the writer's threshold: 12 pages written, moved to standby; A soft-faults
        // four of them back.
        var c = machine().frames(40).windowsWorkingSets().boot();
        var a = checked.add(c.space());
        var b = checked.add(c.space());
        a.workingSetSize(kb(80), kb(96));
        var ra = a.allocate(kb(4 * 30));
        for (int i = 0; i < 30; i++) {
            ra.write(i * 4096L, i);
        }
        a.lock(ra.base() + 26 * 4096L, kb(8));
        var rb = b.allocate(kb(4 * 6));
        for (int i = 0; i < 6; i++) {
            rb.read(i * 4096L);
        }
        for (int i = 0; i < 4; i++) {
            ra.read(i * 4096L);
        }
        b.emptyWorkingSet();
        for (int i = 4; i < 8; i++) {
            ra.read(i * 4096L);
        }
        Golden.check("working-sets-frames.svg", FrameMap.of(a).svg());
        Golden.check("working-sets-timeline.svg", FaultTimeline.of(a).svg());
    }
}
