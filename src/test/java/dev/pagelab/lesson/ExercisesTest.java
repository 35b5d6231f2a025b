package dev.pagelab.lesson;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Seeded exercises: the same seed gives the same problem and key, and every key agrees with the engine. */
class ExercisesTest {

    @Test
    void sameSeed_sameQuestionAndAnswer_otherSeedsDiffer() {
        for (LongFunction<Exercise> kind : java.util.List.<LongFunction<Exercise>>of(Exercises::whichAccessesFault,
                Exercises::virtualQuery, Exercises::replacement)) {
            assertThat(kind.apply(7).question()).isEqualTo(kind.apply(7).question());
            assertThat(kind.apply(7).answer().text()).isEqualTo(kind.apply(7).answer().text());
            assertThat(kind.apply(7).question()).isNotEqualTo(kind.apply(8).question());
        }
    }

    @Test
    void aQuestion_printsWithoutItsAnswer_andAHiddenAnswerSaysSo() {
        Exercise q = Exercises.replacement(3);
        assertThat(q.toString()).startsWith("How many faults? (seed 3)").doesNotContain("FIFO: ");
        assertThat(q.answer(false).shown()).isFalse();
        assertThat(q.answer(false).text()).startsWith("Answer hidden").doesNotContain("FIFO: ");
        assertThat(q.answer(true)).isEqualTo(q.answer());
        assertThat(q.answer().text()).startsWith("FIFO: ");
    }

    @Test
    void replacementKeys_countTheFaultsTheHandTableShows_andTheEngineCounts() {
        for (long seed = 0; seed < 200; seed++) {
            Exercise q = Exercises.replacement(seed);
            String[] lines = q.question().split("\n");
            int frames = Integer.parseInt(lines[0].replaceAll("\\D+", " ").trim().split(" ")[0]);
            long[] refs = java.util.Arrays.stream(lines[2].trim().split(" ")).mapToLong(Long::parseLong).toArray();
            long fifo = count(Exercises.steps(refs, frames, false));
            long lru = count(Exercises.steps(refs, frames, true));
            assertThat(machine().frames(frames).policy(FIFO).replay(trace(refs)).faults()).as("seed %d", seed).isEqualTo(fifo);
            assertThat(machine().frames(frames).policy(LRU).replay(trace(refs)).faults()).as("seed %d", seed).isEqualTo(lru);
            assertThat(q.answer().text()).startsWith("FIFO: " + fifo + " faults. LRU: " + lru + " faults.");
        }
    }

    private static long count(String[][] steps) {
        return java.util.Arrays.stream(steps).filter(s -> s[0].equals("fault")).count();
    }

    @Test
    void replacementSteps_theTextbookTrace_byHand() {
        // 1 2 3 4 1 2 5 1 2 3 4 5 with 3 frames: FIFO 9 faults (hits at 1, 2 after 5, and at the last 5), LRU 10.
        // FIFO's fourth reference evicts the oldest, 1. LRU holds 1 2 5 (least recent first) after 5; the hit on 1
        // moves it to the end: 2 5 1.
        long[] refs = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5};
        assertThat(count(Exercises.steps(refs, 3, false))).isEqualTo(9);
        assertThat(count(Exercises.steps(refs, 3, true))).isEqualTo(10);
        assertThat(Exercises.steps(refs, 3, false)[3]).containsExactly("fault", "2 3 4  (out: 1)");
        assertThat(Exercises.steps(refs, 3, true)[7]).containsExactly("hit", "2 5 1");
    }

    @Test
    void whichAccessesFault_everySeedMeetsTheGuardPage_andTheKeyCoversAllEightAccesses() {
        for (long seed = 0; seed < 100; seed++) {
            String key = Exercises.whichAccessesFault(seed).answer().text();
            assertThat(key).as("seed %d", seed).contains("guard-page exception (0x80000001)");
            for (int k = 1; k <= 8; k++) {
                assertThat(key).contains(String.format(" %d. ", k));
            }
        }
    }

    @Test
    void virtualQuery_seedTwo_anUnalignedCommitRoundsOutToWholePages() {
        // Commit p + 0x4800 for 0x4400 bytes: its first byte is in page 0x14000 and its last (0x18BFF) in page 0x18000,
        // so pages 0x14000 to 0x19000 are committed; the query at 0x14C30 sees that whole run of five READONLY pages.
        Exercise q = Exercises.virtualQuery(2);
        assertThat(q.question()).contains("VirtualAlloc(p + 0x4800, 0x4400, MEM_COMMIT, PAGE_READONLY);");
        assertThat(q.answer().text()).contains("BaseAddress       0x14000").contains("RegionSize        0x5000 (20 KiB)")
                .contains("The commit of [0x14800, 0x18C00) rounded out to whole pages: [0x14000, 0x19000).");
    }

    @Test
    void virtualQuery_seedOne_byHand() {
        // Reserve 0x9000 at 0x10000; commit the first 0x4000 READWRITE; re-protect the first 0x3000 READWRITE|GUARD;
        // query 0x10E10: its page 0x10000 starts a run of three guard pages, so RegionSize is 0x3000.
        Exercise q = Exercises.virtualQuery(1);
        assertThat(q.question()).contains("p = VirtualAlloc(NULL, 0x9000, MEM_RESERVE, PAGE_READWRITE);")
                .contains("VirtualProtect(p, 0x3000, PAGE_READWRITE|PAGE_GUARD, &old);")
                .contains("VirtualQuery(p + 0xE10, &mbi, sizeof mbi);");
        assertThat(q.answer().text()).contains("BaseAddress       0x10000").contains("RegionSize        0x3000 (12 KiB)")
                .contains("Protect           PAGE_READWRITE|PAGE_GUARD").contains("State             MEM_COMMIT");
    }

    @Test
    void frameTable_asksForTheTable_andItsKeyIsTheEnginesSteps() {
        java.util.Set<String> policies = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 12; seed++) {
            Exercise q = Exercises.frameTable(seed);
            assertThat(q.toString()).isEqualTo(Exercises.frameTable(seed).toString());
            assertThat(q.question()).contains("Fill in the table").contains("frame 0   . .");
            assertThat(q.question().lines().filter(l -> l.startsWith("fault"))).singleElement().asString()
                    .matches("fault( +\\.)+");
            Exercise.Answer a = q.answer();
            assertThat(a.steps()).isNotNull();
            assertThat(a.text()).isEqualTo(a.steps().toString().stripTrailing());
            policies.add(a.steps().policy());
            java.util.function.Function<String, java.util.List<String>> refs = text -> java.util.List.of(text.lines()
                    .filter(l -> l.startsWith("reference")).findFirst().orElseThrow().trim().split(" +"));
            assertThat(refs.apply(a.text())).isEqualTo(refs.apply(q.question()));
            assertThat(q.answer(false).steps()).as("a hidden key carries no table").isNull();
            assertThat(q.answer(false).text()).doesNotContain("frame 0");
        }
        assertThat(policies).as("the seeds draw every policy").containsExactly("CLOCK", "FIFO", "LRU", "OPT");
    }
}
