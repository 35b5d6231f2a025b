package dev.pagelab.render;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The charts refuse a missing or empty map of series, or list of inputs, with a message, not a crash inside. */
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

    @Test
    void aFreeBlockChartNeedsAMemory() {
        assertThatThrownBy(() -> FreeBlockChart.of()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a free-block chart needs at least one memory");
        assertThatThrownBy(() -> FreeBlockChart.of((dev.pagelab.lesson.Allocator[]) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a free-block chart needs at least one memory");
    }
}
