package dev.pagelab.render;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The charts made from a map of named series refuse a missing or empty map with a message, not a crash inside. */
class SeriesChartInputTest {

    @Test
    void aReplayTimelineNeedsASeries() {
        assertThatThrownBy(() -> ReplayTimeline.of("t", 3, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a replay timeline needs at least one series of fault counts");
        assertThatThrownBy(() -> ReplayTimeline.of("t", 3, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a replay timeline needs at least one series of fault counts");
    }

    @Test
    void aMissRatioChartNeedsASeries() {
        assertThatThrownBy(() -> MissRatioChart.of("t", new int[] {1, 2}, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a miss-ratio chart needs at least one series of fault counts");
        assertThatThrownBy(() -> MissRatioChart.of("t", new int[] {1, 2}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a miss-ratio chart needs at least one series of fault counts");
    }
}
