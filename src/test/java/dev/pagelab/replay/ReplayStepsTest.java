package dev.pagelab.replay;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Step-by-step replays against tables worked out by hand, and against the replay's own fault counts. */
class ReplayStepsTest {
    /** The textbook's reference string (Silberschatz et al.): 3 frames give FIFO 15, LRU 12 and OPT 9 faults. */
    private static final long[] TEXTBOOK = {7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1};

    private static ReplaySteps steps(Policy policy, int frames, long... pages) {
        return machine().frames(frames).policy(policy).steps(trace(pages));
    }

    private static String slots(ReplaySteps s, int i) {
        StringBuilder sb = new StringBuilder();
        for (long p : s.step(i).frames()) {
            sb.append(sb.length() == 0 ? "" : " ").append(p < 0 ? "-" : Long.toString(p));
        }
        return sb.toString();
    }

    @Test
    void theTextbookString_faults15_12_and9Times() {
        assertThat(steps(FIFO, 3, TEXTBOOK).faults()).isEqualTo(15);
        assertThat(steps(LRU, 3, TEXTBOOK).faults()).isEqualTo(12);
        assertThat(steps(OPT, 3, TEXTBOOK).faults()).isEqualTo(9);
        assertThat(steps(OPT, 3, TEXTBOOK).hits()).isEqualTo(11);
    }

    @Test
    void fifo_framesAfterEachReference_asDrawnByHand() {
        ReplaySteps s = steps(FIFO, 3, TEXTBOOK);
        String[] expected = {"7 - -", "7 0 -", "7 0 1", "2 0 1", "2 0 1", "2 3 1", "2 3 0", "4 3 0", "4 2 0", "4 2 3",
            "0 2 3", "0 2 3", "0 2 3", "0 1 3", "0 1 2", "0 1 2", "0 1 2", "7 1 2", "7 0 2", "7 0 1"};
        for (int i = 0; i < expected.length; i++) {
            assertThat(slots(s, i)).as("after reference %d (page %d)", i + 1, TEXTBOOK[i]).isEqualTo(expected[i]);
        }
        assertThat(s.step(3).victim()).isEqualTo(7);
        assertThat(s.step(4).fault()).isFalse();
        assertThat(s.step(4).victim()).isEqualTo(-1);
    }

    @Test
    void lruAndOpt_pickTheirVictimsAsDrawnByHand() {
        ReplaySteps lru = steps(LRU, 3, TEXTBOOK);
        assertThat(slots(lru, 7)).isEqualTo("4 0 3"); // 4 replaces 2, the least recently used
        assertThat(lru.step(7).victim()).isEqualTo(2);
        ReplaySteps opt = steps(OPT, 3, TEXTBOOK);
        assertThat(slots(opt, 3)).isEqualTo("2 0 1"); // 7 is used last of 7, 0, 1
        assertThat(slots(opt, 7)).isEqualTo("2 4 3"); // of 2, 0 and 3, page 0 is used again last
        assertThat(opt.step(7).victim()).isEqualTo(0);
    }

    @Test
    void clock_showsItsReferenceBitsAndHand() {
        ReplaySteps s = steps(CLOCK, 3, 1, 2, 3, 1, 4);
        // 1 2 3 load with their bits set; 1 hits; 4 sweeps: clears 1, 2, 3, then evicts 1 at the hand's start.
        ReplaySteps.Step last = s.step(4);
        assertThat(last.fault()).isTrue();
        assertThat(last.victim()).isEqualTo(1);
        assertThat(last.frames()).containsExactly(4, 2, 3);
        assertThat(last.referenceBits()).containsExactly(true, false, false);
        assertThat(last.hand()).isEqualTo(1);
        assertThat(s.toString()).contains("hand at").contains("4*");
        assertThat(steps(FIFO, 3, 1, 2).step(1).referenceBits()).isNull();
    }

    @Test
    void theTable_readsAsAStudentDrawsIt() {
        String table = steps(FIFO, 3, 7, 0, 1, 2, 0, 3).toString();
        assertThat(table).isEqualTo("""
                FIFO, 3 frames: 6 references, 5 faults, 1 hit (83.3% faults)
                reference 7 0 1 2 0 3
                frame 0   7 7 7 2 2 2
                frame 1   - 0 0 0 0 3
                frame 2   - - 1 1 1 1
                fault     F F F F   F
                evicted         7   0
                """);
    }

    @Test
    void aLongString_wrapsIntoBlocks_thatNameTheirReferences() {
        long[] pages = new long[120];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = i % 7;
        }
        String table = steps(LRU, 4, pages).toString();
        assertThat(table).contains("references 1-").contains("-120:");
        assertThat(table.lines()).allMatch(l -> l.length() <= StepTable.WIDTH);
    }

    @Test
    void compare_putsTheTotalsFirst_andRefusesOtherStrings() {
        var t = trace(TEXTBOOK);
        var c = compare(machine().frames(3).policy(FIFO).steps(t), machine().frames(3).policy(LRU).steps(t),
                machine().frames(3).policy(OPT).steps(t));
        assertThat(c.toString()).startsWith("20 references: FIFO, 3 frames 15 faults · LRU, 3 frames 12 faults · OPT, 3 frames 9 faults\n");
        assertThatThrownBy(() -> compare(steps(FIFO, 3, 1, 2), steps(FIFO, 3, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other references than replay 1");
    }

    @Test
    void tooManyReferences_pointToTheTimelineAndTheCurve() {
        long[] pages = new long[ReplaySteps.MAX_REFERENCES + 1];
        assertThatThrownBy(() -> steps(LRU, 3, pages)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 10000 references").hasMessageContaining("timeline")
                .hasMessageContaining("miss-ratio curve");
        assertThat(steps(LRU, 3, new long[ReplaySteps.MAX_REFERENCES]).size()).isEqualTo(ReplaySteps.MAX_REFERENCES);
    }

    @Test
    void aStep_outsideTheReplay_saysWhichStepsThereAre() {
        assertThatThrownBy(() -> steps(LRU, 3, 1, 2).step(2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("0..1");
    }

    @Provide
    Arbitrary<long[]> traces() {
        return Combinators.combine(Arbitraries.integers().between(1, 30), Arbitraries.integers().between(0, 300))
                .flatAs((pages, length) -> Arbitraries.longs().between(0, pages - 1).array(long[].class).ofSize(length));
    }

    @Provide
    Arbitrary<Policy> policies() {
        return Arbitraries.of(Policy.values());
    }

    @Property(tries = 300)
    void everyPolicy_faultsAsItsReplayDoes_andKeepsEachReferencedPageInAFrame(@ForAll("traces") long[] pages,
            @ForAll @IntRange(min = 1, max = 12) int frames, @ForAll("policies") Policy policy) throws IOException {
        ReplaySteps s = ReplaySteps.of(PageTrace.of(pages), 12, frames, policy);
        ReplayResult replay = Replay.run(PageTrace.of(pages), frames, policy);
        assertThat(s.faults()).isEqualTo(replay.faults());
        long evictions = 0;
        for (int i = 0; i < s.size(); i++) {
            ReplaySteps.Step step = s.step(i);
            assertThat(step.frames()).contains(pages[i]);
            assertThat(java.util.Arrays.stream(step.frames()).filter(p -> p >= 0)).doesNotHaveDuplicates();
            if (step.victim() >= 0) {
                evictions++;
                assertThat(step.frames()).doesNotContain(step.victim());
            }
        }
        assertThat(evictions).isEqualTo(replay.evictions());
    }
}
