package dev.pagelab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.engine.HostMemory;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import org.junit.jupiter.api.Test;

import java.io.IOException;

class ReplayHeapTest {
    @Test
    void moreFramesThanPages_everyPageFaultsOnce_withoutTablesForUnusedFrames() throws IOException {
        // Three distinct pages in 999,999,999 frames: each faults once, nothing is evicted; the tables are sized
        // for three pages (tables for all the frames would need tens of GiB).
        PageTrace trace = PageTrace.of(1, 2, 3, 1, 2, 3, 1);
        for (Policy policy : Policy.values()) {
            ReplayResult r = Replay.run(trace, 999_999_999, policy);
            assertThat(r.faults()).as(policy.name()).isEqualTo(3);
            assertThat(r.evictions()).as(policy.name()).isZero();
            assertThat(r.frames()).as(policy.name()).isEqualTo(999_999_999);
        }
    }

    @Test
    void frameTableSize_growsWithFrames_andStopsAtItsLimit() {
        assertThat(PageFrameMap.heapBytes(3)).isLessThan(1024);
        assertThat(PageFrameMap.heapBytes(PageFrameMap.MAX_FRAMES)).isEqualTo(12L * ((1L << 30) + 1) + 4L * (1 << 28));
    }

    @Test
    void sizeBeyondTheHeap_isRefusedNamingWhatNeedsItAndXmx() {
        String max = dev.pagelab.engine.Hex.size(HostMemory.maxHeap());
        assertThatThrownBy(() -> HostMemory.require(1L << 60, "frames 2147483647: the FIFO replay"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frames 2147483647: the FIFO replay needs 1 EiB of heap, this JVM has " + max + " (-Xmx)");
    }
}
