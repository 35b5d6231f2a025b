package dev.pagelab.render;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.PageLab;
import dev.pagelab.engine.Hex;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SpaceMapTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    @Test
    void largestFreeBlock_calloutAgreesWithTheEngine() {
        var t = Scenes.tutorial();
        String svg = SpaceMap.of(t.space).svg();
        assertThat(svg).contains("largest free block: " + Hex.size(t.space.view().largestFreeBlock()));
    }

    @Test
    void emptySpace_isOneFreeBlock_calledOutAsTheLargest() {
        var s = space();
        String svg = SpaceMap.of(s).svg();
        assertThat(svg).contains("largest free block: " + Hex.size(s.view().largestFreeBlock()) + " at 0x1_0000");
        Markup.xml(svg);
    }

    @Test
    void granularityTail_isDrawnAsUnusable() {
        var s = space();
        s.reserve(kb(16));          // [0x1_0000, 0x1_4000): 48 KiB to the next 64 KiB boundary cannot be reserved
        String svg = SpaceMap.of(s).zoom(0x10000, 0x20000).svg();
        assertThat(svg).contains("[0x1_4000, 0x2_0000) unusable (granularity tail)");
    }

    @Test
    void guardPages_areMarkedByShapeAsWellAsColour() {
        var s = space();
        s.reserve(kb(64)).commit(0, kb(4), READWRITE.guard());
        String svg = SpaceMap.of(s).svg();
        assertThat(svg).contains("guard page(s) in").contains("stroke-dasharray");
    }

    @Test
    void aMillionCommittedPages_drawAsSmallAsTen_withinTheSizeBudget() {
        // given a 4 GiB reservation, every page committed and every third one touched
        var s = space();
        var r = s.allocate(gb(4));
        for (long i = 0; i < (1L << 20); i += 3) {
            r.touch(i * 4096);
        }
        var small = space();
        small.allocate(kb(40)).touch(0);
        // when
        String big = SpaceMap.of(s).svg();
        String little = SpaceMap.of(small).svg();
        // then the picture's size depends on its width, not on the page count
        assertThat(big.length()).isLessThan(200_000);
        assertThat(count(big, "<rect")).isLessThan(count(little, "<rect") + 2 * SpaceMap.BAND_W);
        Markup.xml(big);
    }

    @Test
    void zoom_outsideTheUserRange_isRefusedNamingBothRanges() {
        var s = space();
        assertThatThrownBy(() -> SpaceMap.of(s).zoom(0, 0x1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0x0, 0x1000)").hasMessageContaining("user range");
        assertThatThrownBy(() -> SpaceMap.of(s).zoom(0x20000, 0x10000)).hasMessageContaining("empty");
    }

    @Test
    void save_choosesTheFormatByExtension() throws Exception {
        var map = SpaceMap.of(Scenes.tutorial().space);
        var dir = Files.createTempDirectory("pagelab-save");
        try {
            assertThat(Files.readString(map.save(dir.resolve("m.svg")))).startsWith("<svg");
            assertThat(Markup.isPng(Files.readAllBytes(map.save(dir.resolve("m.PNG"))))).isTrue();
            assertThat(Files.readString(map.save(dir.resolve("m.html")))).startsWith("<!DOCTYPE html>").contains("<img src=\"data:image/svg+xml;base64,");
            assertThatThrownBy(() -> map.save(dir.resolve("m.jpg"))).hasMessageContaining(".svg, .png or .html");
        } finally {
            try (var files = Files.list(dir)) {
                for (var f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
