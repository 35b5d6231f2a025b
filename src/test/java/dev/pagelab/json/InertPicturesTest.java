package dev.pagelab.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.render.Display;
import dev.pagelab.trace.MissRatioCurve;
import dev.pagelab.trace.ReplayResult;
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
        assertInert(Display.mimeBundle(r));
    }

    @Test
    void curveFromAFile_drawsItsNamesAsText() {
        MissRatioCurve c = PageLabJson.readCurve("""
                {"format": "pagelab.curve", "version": 1, "policy": "%s", "trace": "%s", "references": 6, "pages": 3,
                 "everySize": true, "sizes": [1, 2, 3], "faults": [6, 5, 3]}""".formatted(BREAKOUT, SCRIPT));
        assertThat(c.trace()).isEqualTo(SCRIPT);
        assertInert(Display.mimeBundle(c));
    }

    private static void assertInert(Map<String, String> bundle) {
        assertThat(bundle).containsKeys(Display.HTML, Display.SVG);
        for (String type : new String[] {Display.HTML, Display.SVG}) {
            String markup = bundle.get(type).toLowerCase(Locale.ROOT);
            assertThat(markup).as(type).doesNotContain("<script", "<img", "]]><");
        }
        if (bundle.containsKey(Display.JSON)) {
            assertThat(bundle.get(Display.JSON)).as("JSON keeps the names as string data")
                    .doesNotContain("<script", "<img");
        }
    }
}
