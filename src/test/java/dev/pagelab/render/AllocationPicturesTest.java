package dev.pagelab.render;

import static dev.pagelab.PageLab.*;
import static dev.pagelab.lesson.Lessons.*;
import static dev.pagelab.policy.Policy.FIFO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.lesson.Allocator;
import dev.pagelab.replay.WorkingSet;
import org.junit.jupiter.api.Test;

/** The fragmentation pictures: golden files, same bytes twice, escaped names. */
class AllocationPicturesTest {

    /** A 3, B 2, C 4, D 2, E 1; free B and D; F 4: refused when contiguous, scattered when paged. */
    private static <T extends Allocator> T fragmented(T m) {
        m.allocate("A", 3);
        m.allocate("B", 2);
        m.allocate("C", 4);
        m.allocate("D", 2);
        m.allocate("E", 1);
        m.free("B");
        m.free("D");
        m.allocate("F", 4);
        return m;
    }

    @Test
    void placementMap_contiguous_marksTheHolesAndTheRefusedRequest() {
        PlacementMap p = PlacementMap.of(fragmented(contiguous(12)));
        assertThat(p.svg()).contains("hole: 2").contains("refused: 4 slots are free, but the largest hole holds 2");
        Golden.check("placement-contiguous.svg", p.svg());
    }

    @Test
    void placementMap_paged_labelsEachFrameWithProgramAndPage() {
        PlacementMap p = PlacementMap.of(fragmented(paged(12)));
        assertThat(p.svg()).contains("frame 10: F, page 0").contains("frame 3: F, page 3");
        assertThat(p.html()).contains("page 0 → frame 10");
        Golden.check("placement-paged.svg", p.svg());
    }

    @Test
    void freeBlockChart_contiguousAgainstPaged() {
        FreeBlockChart c = FreeBlockChart.of(fragmented(contiguous(12)), fragmented(paged(12)));
        assertThat(c.toString()).isEqualTo("free-block chart: contiguous refused F 4 at step 8 · paged refused nothing");
        Golden.check("free-blocks.svg", c.svg());
    }

    @Test
    void workingSetChart_ofALoopAgainstAMemory() {
        // A loop over 5 pages: once the window holds a full turn, W(t, 5) = 5 pages.
        WorkingSetChart w = Pictures.workingSet(trace(0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1), 3, 5).memory(4);
        assertThat(w.peak(3)).isEqualTo(3);
        assertThat(w.peak(5)).isEqualTo(5);
        Golden.check("working-set.svg", w.svg());
    }

    @Test
    void workingSetChart_drawsTheValuesItIsGiven_asTheTraceReplayComputesThem() {
        var t = trace(0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1);
        int[][] sizes = WorkingSet.sizes(t, 3, 5);
        assertThat(sizes[0]).containsExactly(1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        WorkingSetChart fromValues = WorkingSetChart.of(t.describe()).with(3, sizes[0]).with(5, sizes[1]).memory(4);
        assertThat(fromValues.svg()).isEqualTo(Pictures.workingSet(t, 3, 5).memory(4).svg());
        assertThatThrownBy(() -> WorkingSetChart.of("t").with(0, new int[] {1})).hasMessageContaining("at least 1 reference, not 0");
    }

    @Test
    void compare_refusesFrameCountsThatDoNotAscend() {
        assertThatThrownBy(() -> Pictures.compare(trace(1, 2, 1), new int[] {3, 2}, FIFO))
                .hasMessage("frame counts must be at least 1 and ascend, but 2 comes after 3");
    }

    @Test
    void samePictures_sameBytes() {
        assertThat(PlacementMap.of(fragmented(paged(12))).svg()).isEqualTo(PlacementMap.of(fragmented(paged(12))).svg());
        assertThat(PlacementMap.of(fragmented(contiguous(12))).png()).isEqualTo(PlacementMap.of(fragmented(contiguous(12))).png());
        assertThat(FreeBlockChart.of(fragmented(contiguous(12))).png()).isEqualTo(FreeBlockChart.of(fragmented(contiguous(12))).png());
    }

    @Test
    void hostileProgramNames_stayText() {
        var ram = contiguous(6);
        ram.allocate("<script>x</script>", 2);
        ram.allocate("]]> & \"q\"", 5);
        for (Picture p : new Picture[] {PlacementMap.of(ram), FreeBlockChart.of(ram)}) {
            assertThat(p.svg()).doesNotContain("<script").doesNotContain("]]>");
            Markup.xml(p.svg());
            Markup.fragment(p.html());
        }
    }

    @Test
    void aLargeMemory_wrapsItsCellsIntoRows() {
        var ram = contiguous(100);
        ram.allocate("A", 40);
        ram.allocate("B", 50);
        ram.free("A");
        ram.allocate("C", 45);
        String svg = PlacementMap.of(ram).svg();
        Markup.xml(svg);
        assertThat(svg).contains("hole: 40").contains("refused: 50 slots are free, but the largest hole holds 40");
    }
}
