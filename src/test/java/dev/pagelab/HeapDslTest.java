package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The heap nouns of the DSL: space.heap(), space.createHeap(...), and what a refused call says. */
class HeapDslTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    @Test
    void heap_isTheProcessHeap_madeOnFirstUse_andTheSameEachTime() {
        var s = space();
        assertThat(s.heaps()).isEmpty();
        var h = s.heap();
        assertThat(h).isEqualTo(s.heap()).isNotEqualTo(space().heap()).hasSameHashCodeAs(s.heap());
        assertThat(s.heaps()).extracting(Heap::handle).containsExactly(h.handle());
        assertThat(h.layout().process()).isTrue();
        assertThat(s.region(h.handle()).size()).isEqualTo(mb(1));
        assertThat(h.layout().committedBytes()).isEqualTo(4096);
    }

    @Test
    void allocFreeRealloc_workThroughTheSpacesMemory() {
        var s = space();
        var h = s.heap();
        long p = h.alloc(100);
        s.write(p, 0x1234_5678L, 8);
        long q = h.realloc(p, kb(8));
        assertThat(s.read(q, 8).value()).isEqualTo(0x1234_5678L);
        assertThat(h.size(q)).isEqualTo(8192);
        assertThat(h.holds(q)).isTrue();
        h.free(q);
        assertThat(h.holds(q)).isFalse();
        long z = h.allocZeroed(64);
        assertThat(s.read(z, 8).value()).isZero();
    }

    @Test
    void toString_readsAsOneLine() {
        var h = space().heap();
        h.free(h.alloc(100));
        h.alloc(40);
        assertThat(h.toString()).isEqualTo("process heap 0x1_0000: 1 used block (40 bytes asked), 3.87 KiB free"
                + " (largest 3.87 KiB), 4 KiB committed of 1 MiB reserved");
    }

    @Test
    void fixedHeap_refusesWhatDoesNotFit_withTheReason_andChangesNothing() {
        var s = space();
        var h = s.createHeap(kb(4), kb(16));
        h.alloc(kb(8));
        var before = h.layout();
        assertThatThrownBy(() -> h.alloc(kb(12))).isInstanceOf(MemoryException.class)
                .hasMessageContaining("fixed heap").hasMessageContaining("is full")
                .satisfies(e -> assertThat(((MemoryException) e).error()).isEqualTo(8));
        assertThat(h.layout()).isEqualTo(before);
    }

    @Test
    void badPointers_andDestroyedHeaps_areRefusedByName() {
        var s = space();
        var h = s.createHeap();
        long p = h.alloc(16);
        h.free(p);
        assertThatThrownBy(() -> h.free(p)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("is not a block of the heap").hasMessageContaining("freed already");
        assertThatThrownBy(() -> h.free(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NULL");
        assertThatThrownBy(() -> s.heap().destroy()).isInstanceOf(MemoryException.class)
                .hasMessageContaining("process heap cannot be destroyed");
        assertThat(h.destroy()).isSameAs(s);
        assertThat(s.regions()).extracting(Region::base).doesNotContain(h.handle());
        assertThat(h.toString()).endsWith("(destroyed)");
        assertThatThrownBy(() -> h.alloc(16)).isInstanceOf(MemoryException.class).hasMessageContaining("is not a heap");
    }
}
