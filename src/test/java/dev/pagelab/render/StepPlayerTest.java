package dev.pagelab.render;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.replay.ReplaySteps;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The player's HTML without a browser: the static table a reader without scripts gets, and the player's parts. */
class StepPlayerTest {
    private static final ReplaySteps FIFO_STEPS =
            machine().frames(3).policy(FIFO).steps(trace(7, 0, 1, 2, 0, 3, 0, 4));

    @Test
    void theStaticTable_holdsEveryStep_readableWithoutScripts() {
        String html = StepPlayer.html(FIFO_STEPS);
        var doc = Markup.fragment(html);
        var table = (Element) doc.getElementsByTagName("table").item(0);
        var rows = table.getElementsByTagName("tr");
        assertThat(rows.getLength()).as("reference, 3 frames, fault, evicted").isEqualTo(6);
        assertThat(rows.item(0).getTextContent()).isEqualTo("reference70120304");
        assertThat(rows.item(1).getTextContent()).isEqualTo("frame 077722224");
        assertThat(rows.item(2).getTextContent()).isEqualTo("frame 1-0000333");
        assertThat(rows.item(3).getTextContent()).isEqualTo("frame 2--111100");
        assertThat(rows.item(4).getTextContent()).isEqualTo("faultFFFFFFF");
        assertThat(rows.item(5).getTextContent()).isEqualTo("evicted7012");
        assertThat(html).contains("FIFO, 3 frames: 8 references, 7 faults, 1 hit");
    }

    @Test
    void thePlayer_hasItsLabelledControls_loadsNothing_andIsTheSameBytesEachTime() {
        String html = StepPlayer.html(FIFO_STEPS);
        for (String label : new String[] {"'First'", "'Step back'", "'Play'", "'Pause'", "'Step'", "'Last'"}) {
            assertThat(html).contains("button(" + label);
        }
        assertThat(html).contains("data-role=\"step\"").contains("data-role=\"frames\"");
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("http:").doesNotContain("https:").doesNotContain(" src=")
                .doesNotContain("import(").doesNotContain("fetch(");
        assertThat(StepPlayer.html(machine().frames(3).policy(FIFO).steps(trace(7, 0, 1, 2, 0, 3, 0, 4)))).isEqualTo(html);
    }

    @Test
    void clock_addsItsHandRow_andMarksSetBits() {
        String html = StepPlayer.html(machine().frames(2).policy(CLOCK).steps(trace(1, 2, 1, 3)));
        var table = (Element) Markup.fragment(html).getElementsByTagName("table").item(0);
        var rows = table.getElementsByTagName("tr");
        assertThat(rows.item(rows.getLength() - 1).getTextContent()).startsWith("hand at");
        assertThat(html).contains(">1*</td>");
    }
}
