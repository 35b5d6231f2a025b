package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pagelab.engine.HostMemory;
import dev.pagelab.policy.Policy;
import org.junit.jupiter.api.Test;

class MachineHeapTest {

    /** The smallest frame count whose policy tables the JVM cannot hold, from its -Xmx. */
    private static int framesBeyondTheHeap(Policy policy) {
        long perFrame = Math.max(1, policy.heapBytes(1 << 20) >> 20);
        long frames = HostMemory.maxHeap() / perFrame + 1;
        assumeTrue(frames < Integer.MAX_VALUE - 17, "this JVM's heap holds any frame count");
        return (int) frames;
    }

    @Test
    void framesTheHeapCannotHold_areRefusedNamingTheSettingThePolicyAndXmx() {
        for (Policy policy : Policy.values()) {
            if (policy.needsFuture() || policy.kind() == Policy.Kind.CLOCK) {
                continue; // OPT has no space(); CLOCK's bit per frame fits any heap with 2^31 frames of it
            }
            int frames = framesBeyondTheHeap(policy);
            Machine m = machine().frames(frames).policy(policy);
            assertThatThrownBy(m::space)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("frames " + frames + ": the " + policy.name() + " policy needs ")
                    .hasMessageContaining(" of heap, this JVM has ")
                    .hasMessageEndingWith("(-Xmx)");
        }
    }

    @Test
    void largestIntFrameCount_isRefusedAsMoreThanAMachineHas() {
        assertThatThrownBy(() -> machine().frames(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("frames 2147483647: a machine has at most 2147483630 frames");
    }

    @Test
    void tlbTheHeapCannotHold_isRefusedAtOnce() {
        long entries = Long.highestOneBit(HostMemory.maxHeap() / 16) << 1;
        assumeTrue(entries <= 1 << 30, "this JVM's heap holds any TLB");
        assertThatThrownBy(() -> machine().tlb((int) entries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tlb " + entries + ": a TLB of " + entries + " entries needs ")
                .hasMessageEndingWith("(-Xmx)");
    }

    @Test
    void replayWithMoreFramesThanTheHeapCouldHold_stillAnswers_forASmallTrace() {
        var r = machine().frames(Integer.MAX_VALUE - 17).policy(LRU).replay(trace(1, 2, 1, 3));
        assertThat(r.faults()).isEqualTo(3);
    }

    @Test
    void framesBeyondWhatAPolicysArraysHold_areRefusedNamingTheMost() {
        int frames = Integer.MAX_VALUE - 17;
        assertThatThrownBy(() -> machine().frames(frames).policy(NRU).space())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frames " + frames + ": the NRU policy holds at most 536870909 frames");
        assertThatThrownBy(() -> machine().frames(frames).policy(ARC).space())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frames " + frames + ": the ARC policy holds at most 1073741819 frames");
    }
}
