package dev.pagelab.lesson;

import static dev.pagelab.PageLab.*;
import static dev.pagelab.lesson.Lessons.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.Region;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contiguous placement against paging on the same sequence: the seed tutorial's fragmentation figures. */
class AllocatorTest {

    /** A 3, B 2, C 4, D 2, E 1 fill 12 units; B and D end; F asks for 4. */
    private static void sequence(Allocator m) {
        m.allocate("A", 3);
        m.allocate("B", 2);
        m.allocate("C", 4);
        m.allocate("D", 2);
        m.allocate("E", 1);
        m.free("B");
        m.free("D");
        m.allocate("F", 4);
    }

    @Test
    void externalFragmentation_fourFreeSlotsInTwoHoles_refuseAFourSlotRequest() {
        // First fit lays out AAABBCCCCDDE; freeing B and D leaves holes at 3–4 and 9–10: 4 free, the largest 2.
        var ram = contiguous(12);
        sequence(ram);

        Placement f = ram.lastRequest();
        assertThat(f.placed()).isFalse();
        assertThat(f.reason()).isEqualTo("4 slots are free, but the largest hole holds 2 (external fragmentation)");
        assertThat(ram.freeUnits()).isEqualTo(4);
        assertThat(ram.largestFreeBlock()).isEqualTo(2);
        assertThat(ram.holes()).containsExactly(new int[] {3, 2}, new int[] {9, 2});
        assertThat(ram).hasToString("""
                contiguous memory (first fit): 12 slots, 4 free, largest hole 2
                  slots     0 AAA..CCCC..E 11
                  last request: F (4 slots) refused: 4 slots are free, but the largest hole holds 2 (external fragmentation)""");
    }

    @Test
    void firstFit_takesTheLowestHoleThatHoldsTheRequest() {
        // AAABBCCCC... with B freed: a 2-slot request fits the hole at 3–4, a 3-slot one only after C, at 9.
        var ram = contiguous(12);
        ram.allocate("A", 3);
        ram.allocate("B", 2);
        ram.allocate("C", 4);
        ram.free("B");
        assertThat(ram.allocate("D", 3).where()).containsExactly(9, 10, 11);
        assertThat(ram.allocate("E", 2).where()).containsExactly(3, 4);
        assertThat(ram.allocate("G", 1)).hasToString("G (1 slot) refused: only 0 slots are free");
    }

    @Test
    void paging_placesTheRefusedRequest_inTheScatteredFrames_lastFreedFirst() {
        // Frames fill in order: A 0–2, B 3–4, C 5–8, D 9–10, E 11. Freeing B then D puts 3, 4, 9, 10 on the free
        // list; the engine takes the most recently freed frame first, so F's pages 0–3 land in 10, 9, 4, 3.
        var pm = paged(12);
        sequence(pm);

        Placement f = pm.lastRequest();
        assertThat(f.placed()).isTrue();
        assertThat(f.where()).containsExactly(10, 9, 4, 3);
        assertThat(f).hasToString("F (4 frames): pages 0–3 in frames 10, 9, 4, 3");
        assertThat(pm.owner(3)).isEqualTo("F");
        assertThat(pm.pageAt(3)).isEqualTo(3);
        assertThat(pm.freeUnits()).isZero();
        Region region = pm.region("F");
        assertThat(region.space().page(region.base()).frame()).isEqualTo(10);
        assertThat(pm.computer().framesInUse()).isEqualTo(12);
    }

    @Test
    void sameSequence_givesTheSameStepsUntilContiguousPlacementRefuses() {
        var ram = contiguous(12);
        var pm = paged(12);
        sequence(ram);
        sequence(pm);
        List<Allocator.Step> c = ram.steps();
        List<Allocator.Step> p = pm.steps();
        assertThat(c).extracting(Allocator.Step::action)
                .containsExactly("start", "A 3", "B 2", "C 4", "D 2", "E 1", "free B", "free D", "F 4");
        assertThat(c).extracting(Allocator.Step::largestFreeBlock).containsExactly(12, 9, 7, 3, 1, 0, 2, 2, 2);
        assertThat(p).extracting(Allocator.Step::largestFreeBlock).containsExactly(12, 9, 7, 3, 1, 0, 2, 4, 0);
        assertThat(c.get(8).refused()).isTrue();
        assertThat(p.get(8).refused()).isFalse();
        assertThat(ram.programs()).isEqualTo(pm.programs()).containsExactly("A", "B", "C", "D", "E", "F");
    }

    @Test
    void paged_refusesOnlyWhenTooFewFramesAreFreeInAll() {
        var pm = paged(4);
        pm.allocate("A", 3);
        assertThat(pm.allocate("B", 2)).hasToString("B (2 frames) refused: only 1 frame is free");
        assertThat(pm.allocate("C", 9).reason()).isEqualTo("the memory has only 4 frames");
        assertThat(pm.allocate("D", 1).placed()).isTrue();
    }

    @Test
    void placements_listWhatEachProgramHolds_inOrderOfItsFirstUnit() {
        var pm = paged(12);
        sequence(pm);
        assertThat(pm.placements()).extracting(Placement::program).containsExactly("A", "F", "C", "E");
        var ram = contiguous(12);
        sequence(ram);
        assertThat(ram.placements()).extracting(Placement::program).containsExactly("A", "C", "E");
    }

    @Test
    void misuse_isRefusedAtOnce_namingBothSides() {
        var ram = contiguous(8);
        ram.allocate("A", 2);
        assertThatThrownBy(() -> ram.allocate("A", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A already holds slots 0–1");
        assertThatThrownBy(() -> ram.free("Z")).hasMessage("free(\"Z\"): Z holds no slots; programs holding memory: A");
        assertThatThrownBy(() -> ram.allocate("B", 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ram.allocate(" ", 1)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> contiguous(0)).hasMessageContaining("give 1 to 1024");
        assertThatThrownBy(() -> paged(2000)).hasMessageContaining("2000 frames");
        assertThatThrownBy(() -> paged(4).region("A")).hasMessageContaining("A holds no frames");
    }
}
