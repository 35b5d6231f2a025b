package dev.pagelab.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Same state, same bytes: each picture drawn twice, and drawn from two separately built equal states. */
class DeterminismTest {

    private static List<Function<Scenes.Tutorial, Picture>> kinds() {
        return List.of(t -> SpaceMap.of(t.space), t -> SpaceMap.of(t.space).zoom(t.stack), t -> PageGrid.of(t.heap),
                t -> TranslationPicture.of(t.heap), t -> FrameMap.of(t.computer), t -> FaultTimeline.of(t.space));
    }

    @Test
    void svgAndPng_areTheSameBytesWhenDrawnTwice() {
        var t = Scenes.tutorial();
        for (var kind : kinds()) {
            Picture p = kind.apply(t);
            assertThat(p.svg()).as(p.title()).isEqualTo(p.svg());
            assertThat(p.png()).as(p.title()).isEqualTo(p.png());
        }
    }

    @Test
    void svgAndPng_areTheSameBytesForTwoEqualStates() {
        var a = Scenes.tutorial();
        var b = Scenes.tutorial();
        for (var kind : kinds()) {
            Picture pa = kind.apply(a);
            Picture pb = kind.apply(b);
            assertThat(pa.svg()).as(pa.title()).isEqualTo(pb.svg());
            assertThat(pa.png()).as(pa.title()).isEqualTo(pb.png());
            assertThat(Markup.isPng(pa.png())).isTrue();
        }
    }

    @Test
    void mimeBundles_areTheSameForTwoEqualStates() {
        var a = Scenes.tutorial();
        var b = Scenes.tutorial();
        assertThat(Display.mimeBundle(a.space)).isEqualTo(Display.mimeBundle(b.space));
        assertThat(Display.mimeBundle(a.space.faults())).isEqualTo(Display.mimeBundle(b.space.faults()));
        assertThat(Display.mimeBundle(a.computer)).isEqualTo(Display.mimeBundle(b.computer));
    }

    @Test
    void differentPictures_getDifferentIdPrefixes_soTheyCanShareAPage() {
        var t = Scenes.tutorial();
        String map = SpaceMap.of(t.space).svg();
        String grid = PageGrid.of(t.heap).svg();
        assertThat(prefix(map)).isNotEqualTo(prefix(grid));
        String timeline = FaultTimeline.of(t.space).svg();
        assertThat(timeline).doesNotContain("PAGELABDEFS").doesNotContain("\u0001");
    }

    private static String prefix(String svg) {
        int i = svg.indexOf("id=\"pl");
        return svg.substring(i + 4, i + 14);
    }
}
