package dev.pagelab.render;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User text reaches SVG and HTML only escaped: no element, no CDATA end, no script can come through. */
class EscapingTest {
    private static final String HOSTILE = "<script>alert('x')</script> ]]> & \"quoted\" \u0000\u0007 \ud800";

    @Test
    void xmlText_escapesMarkupAndDropsWhatXmlCannotHold() {
        assertThat(Xml.text("<a href=\"x\">&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assertThat(Xml.text("]]>")).isEqualTo("]]&gt;");
        assertThat(Xml.text("a\u0000b\ud800c")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(Xml.text("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
        assertThat(Xml.text(null)).isEmpty();
    }

    @Test
    void hostileTitles_stayText_inEveryPicture() {
        var t = Scenes.tutorial();
        var faults = new LinkedHashMap<String, long[]>();
        faults.put(HOSTILE, new long[] {3, 2});
        faults.put("LRU ]]> <b>", new long[] {3, 1});
        List<Picture> pictures = List.of(SpaceMap.of(t.space).title(HOSTILE), FaultTimeline.of(t.space).title(HOSTILE),
                PageGrid.of(t.heap).title(HOSTILE),
                MissRatioChart.of(HOSTILE, new int[] {1, 2}, faults),
                LineChart.of(HOSTILE, HOSTILE, HOSTILE).with(HOSTILE, new long[] {1, 2}, new long[] {3, 4}));
        for (Picture p : pictures) {
            String svg = p.svg();
            assertThat(svg).doesNotContain("<script").doesNotContain("]]>").doesNotContain("<b>");
            Markup.xml(svg);
            String html = p.html();
            assertThat(html).doesNotContain("<script").doesNotContain("]]>");
            Markup.fragment(html);
        }
        String page = Pictures.page(HOSTILE, pictures.toArray(Picture[]::new)).html();
        assertThat(page).doesNotContain("<script").doesNotContain("]]>");
        Markup.fragment(page);
    }

    @Test
    void hostileTitle_inASavedHtmlPage_isEscapedInTheHead() throws Exception {
        var t = Scenes.tutorial();
        var file = java.nio.file.Files.createTempFile("pagelab", ".html");
        try {
            Pictures.page(HOSTILE, SpaceMap.of(t.space)).save(file);
            String html = java.nio.file.Files.readString(file);
            assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("]]>");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
