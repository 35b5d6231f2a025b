package dev.pagelab.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.render.Display;
import dev.pagelab.render.Picture;
import dev.pagelab.render.Pictures;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.ReplayResult;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

/**
 * Names read from files (a replay result's policy and trace, a curve's) reach pictures; markup in them must come out
 * as text, never as active content, in every MIME type that a notebook renders as markup: no element opens, and a
 * {@code ]]>} cannot close a CDATA section early (escaped, {@code onerror=} is only text).
 */
class InertPicturesTest {
    private static final String SCRIPT = "<script>alert('policy')</script>";
    private static final String BREAKOUT = "]]><img src=x onerror=alert(1)><![CDATA[";

    @Test
    void replayResultFromAFile_drawsItsNamesAsText() {
        ReplayResult r = PageLabJson.readReplayResult("""
                {"format": "pagelab.replay", "version": 1, "policy": "%s", "frames": 3, "trace": "%s",
                 "references": 4, "faults": 3, "evictions": 0, "complete": true, "bucketWidth": 1,
                 "faultsPerBucket": [1, 1, 1, 0]}""".formatted(SCRIPT, BREAKOUT));
        assertThat(r.policy()).isEqualTo(SCRIPT);
        assertInert(Pictures.replays(r), Display.mimeBundle(r));
    }

    @Test
    void curveFromAFile_drawsItsNamesAsText() {
        MissRatioCurve c = PageLabJson.readCurve("""
                {"format": "pagelab.curve", "version": 1, "policy": "%s", "trace": "%s", "references": 6, "pages": 3,
                 "everySize": true, "sizes": [1, 2, 3], "faults": [6, 5, 3]}""".formatted(BREAKOUT, SCRIPT));
        assertThat(c.trace()).isEqualTo(SCRIPT);
        assertInert(Pictures.curves(c), Display.mimeBundle(c));
    }

    /**
     * The names reach the picture only as text: the picture's own SVG has no element of theirs, and the HTML has
     * one element with attributes, PageLab's {@code <img>}, whose text alternative holds the names escaped.
     */
    private static void assertInert(Picture p, Map<String, String> bundle) {
        assertThat(p.svg().toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img", "]]><");
        String html = bundle.get(Display.HTML).toLowerCase(Locale.ROOT);
        assertThat(html).doesNotContain("<script", "]]><", "onerror=\"", "<img src=x");
        assertThat(html.split("<img", -1)).as("one <img>, PageLab's own").hasSize(2);
        assertThat(bundle).doesNotContainKey("application/json");
    }
}
