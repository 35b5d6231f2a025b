package dev.pagelab.render;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.PageLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fault timeline's two forms: one panel for a small log of a memory that never ran short, three otherwise. */
class FaultTimelineFormTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    @Test
    void twoFaults_getOnePanel_andOnlyTheirKindsInTheLegend() {
        var s = space();
        var r = s.reserve(kb(64));
        r.commit(0, kb(4));
        r.read(0);
        r.write(kb(16), 1);
        String svg = FaultTimeline.of(s).svg();
        assertThat(svg).contains("height='" + FaultTimeline.SMALL_HEIGHT + ".0'").contains("demand-zero faults")
                .contains("access violations").doesNotContain("hard faults").doesNotContain("guard-page faults")
                .doesNotContain("resident pages").doesNotContain("working set");
        assertThat(FaultTimeline.of(s).toString()).isEqualTo(
                "fault timeline: 2 faults: 1 demand-zero, 0 hard, 1 access violation, 0 guard pages; 0 evictions");
    }

    @Test
    void aMemoryThatRanShort_keepsEveryPanel_evenWithFewFaults() {
        var s = checked.add(machine().frames(1).policy(FIFO).space());
        var r = s.allocate(kb(8));
        r.write(0, 1);
        r.write(kb(4), 2);
        String svg = FaultTimeline.of(s).svg();
        assertThat(svg).contains("height='" + FaultTimeline.HEIGHT + ".0'").contains("resident pages")
                .contains("working set");
    }
}
