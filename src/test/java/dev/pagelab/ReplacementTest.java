package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

class ReplacementTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    private static final PageTrace BELADY = trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5);

    @Test
    void beladyAnomaly_fifoFaultsMoreWithFourFramesThanThree() {
        // FIFO, 3 frames: 1 2 3 fault, 4 evicts 1, 1 evicts 2, 2 evicts 3, 5 evicts 4, 1 2 hit, 3 evicts 1, 4 evicts 2,
        // 5 hits: 9 faults. With 4 frames: 1 2 3 4 fault, 1 2 hit, 5 evicts 1, 1 evicts 2, 2 evicts 3, 3 evicts 4,
        // 4 evicts 5, 5 evicts 1: 10 faults.
        assertThat(machine().frames(3).policy(FIFO).replay(BELADY).faults()).isEqualTo(9);
        assertThat(machine().frames(4).policy(FIFO).replay(BELADY).faults()).isEqualTo(10);
        assertThat(machine().frames(3).policy(FIFO).run(BELADY).faults()).isEqualTo(9);
        assertThat(machine().frames(4).policy(FIFO).run(BELADY).faults()).isEqualTo(10);
    }

    @Test
    void runThroughASpace_countsDemandZeroThenHardFaults() {
        // 5 distinct pages: 5 demand-zero faults; the other faults bring evicted pages back from the page file.
        TraceRun run = machine().frames(3).policy(LRU).run(BELADY);
        assertThat(run.faults()).isEqualTo(10);
        assertThat(run.demandZeroFaults()).isEqualTo(5);
        assertThat(run.hardFaults()).isEqualTo(5);
        assertThat(run.evictions()).isEqualTo(7);
        assertThat(run.space().faults().count(JournalKind.EVICTION)).isEqualTo(7);
        assertThat(run.space().residentPages()).isEqualTo(3);
        checked.add(run.space());
    }

    @Test
    void evictedPages_keepTheirBytes() {
        var s = checked.add(machine().frames(2).policy(FIFO).space());
        var r = s.reserve(kb(16));
        r.commit();
        r.write(0, 11);
        r.write(kb(4), 22);
        r.write(kb(8), 33);          // evicts page 0 (FIFO): written to the page file
        Access back = r.read(0);     // a hard fault reads it back
        assertThat(back.value()).isEqualTo(11);
        assertThat(back.pageFault()).isEqualTo(Access.PageFault.HARD);
        assertThat(r.read(kb(4)).value()).isEqualTo(22);
        assertThat(s.computer().pageFileWrites()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void spacesOfOneComputer_shareItsFrames() {
        var c = machine().frames(2).policy(LRU).boot();
        var a = checked.add(c.space()).allocate(kb(8));
        var b = checked.add(c.space()).allocate(kb(8));
        a.touch(0);
        a.touch(kb(4).bytes());
        b.touch(0);                  // global replacement: evicts a's least recently used page
        assertThat(a.space().residentPages()).isEqualTo(1);
        assertThat(b.space().residentPages()).isEqualTo(1);
        assertThat(SpaceAccess.engine(a.space()).evictions()).isEqualTo(1);
    }

    @Test
    void longRun_countsEveryFaultWithoutJournalingEach() {
        long[] loop = new long[(int) TraceRun.JOURNAL_LIMIT + 1];
        for (int i = 0; i < loop.length; i++) {
            loop[i] = i % 4;
        }
        PageTrace trace = PageTrace.of(loop);
        Machine m = machine().frames(3).policy(LRU);
        TraceRun run = m.run(trace);
        checked.add(run.space());
        // A loop over 4 pages in 3 LRU frames faults on every reference.
        assertThat(run.faults()).isEqualTo(loop.length).isEqualTo(m.replay(trace).faults());
        assertThat(run.journaled()).isFalse();
        assertThat(run.space().faults().total()).isZero();
        assertThat(run).hasToString(run.toString()).asString().contains("not journaled");
    }

    @Test
    void replayNeedsFiniteMemory_andOptNeedsATrace() {
        assertThatThrownBy(() -> machine().replay(BELADY)).hasMessageContaining("finite memory");
        assertThatThrownBy(() -> machine().frames(3).policy(OPT).space()).hasMessageContaining("future");
    }

    @Property(tries = 200)
    void runThroughASpace_faultsExactlyAsTheFastReplay(@ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 40) Long> pages,
                                                       @ForAll @IntRange(min = 1, max = 12) int frames,
                                                       @ForAll("policies") Policy policy) {
        PageTrace trace = PageTrace.of(pages.stream().mapToLong(Long::longValue).toArray());
        Machine m = machine().frames(frames).policy(policy);
        assertThat(m.run(trace).faults()).as("%s with %d frames", policy, frames).isEqualTo(m.replay(trace).faults());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Policy> policies() {
        return net.jqwik.api.Arbitraries.of(Policy.values());
    }
}
