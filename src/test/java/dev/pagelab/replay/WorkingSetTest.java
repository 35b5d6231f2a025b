package dev.pagelab.replay;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingSetTest {

    @Test
    void textbookTrace_windowOfThree() throws IOException {
        // t:      0 1 2 3 4 5 6 7 8 9 10 11
        // page:   1 2 3 4 1 2 5 1 2 3 4  5
        // last 3: {1} {1,2} {1,2,3} {2,3,4} {3,4,1} {4,1,2} {1,2,5} {2,5,1} {5,1,2} {1,2,3} {2,3,4} {3,4,5}
        assertThat(Replay.of(ReplayTest.TEXTBOOK).workingSet(3)).containsExactly(1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        // A repeat inside the window counts once: 1 1 2 1 with tau 2 gives {1} {1} {1,2} {2,1}.
        assertThat(WorkingSet.sizes(new long[] {1, 1, 2, 1}, 2)).containsExactly(1, 1, 2, 2);
    }

    @Property(tries = 200)
    void equalsTheDistinctPagesInTheWindow(@ForAll @Size(max = 200) long @LongRange(max = 12) [] pages,
                                           @ForAll @IntRange(min = 1, max = 40) int tau) {
        int[] sizes = WorkingSet.sizes(pages, tau);
        for (int t = 0; t < pages.length; t++) {
            Set<Long> window = new HashSet<>();
            for (int u = Math.max(0, t - tau + 1); u <= t; u++) {
                window.add(pages[u]);
            }
            assertThat(sizes[t]).as("W(%d, %d)", t, tau).isEqualTo(window.size());
        }
    }

    @Test
    void streamingMeter_andBadWindow() {
        WorkingSet ws = new WorkingSet(2);
        ws.add(5);
        ws.add(6);
        assertThat(ws.add(5)).isEqualTo(2);
        assertThat(ws.references()).isEqualTo(3);
        assertThat(ws).hasToString("working set W(t, 2) = 2 pages after 3 references");
        assertThatThrownBy(() -> new WorkingSet(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
