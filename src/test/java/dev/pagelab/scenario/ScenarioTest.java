package dev.pagelab.scenario;

import static dev.pagelab.json.PageLabJson.*;
import static dev.pagelab.scenario.Replayer.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.CheckedSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class ScenarioTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    @ParameterizedTest
    @ValueSource(strings = {"virtualalloc.json", "guard-page-stack.json", "belady-fifo.json"})
    void exampleScenario_meetsEveryExpectation_andItsJournalReplays(String name) throws IOException {
        // given
        Path file = Path.of("scenarios", name);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // when
        ScenarioRunner.Result result = ScenarioRunner.run(readScenario(file),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        // then
        assertThat(result.expectationsMissed()).isEmpty();
        assertThat(result.expectationsMet()).isEqualTo(result.steps());
        var again = replay(readJournal(toJson(journal(checked.add(result.space())))));
        again.forEach(checked::add);
        assertThat(snapshot(again.get(0))).isEqualTo(snapshot(result.space()));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[as expected]").doesNotContain("EXPECTED");
    }

    @Test
    void tutorialScenario_printsEachStepAndItsOutcome() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ScenarioRunner.run(readScenario(Path.of("scenarios/virtualalloc.json")),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .contains("  1. VirtualAlloc 4 KiB at 0x0 MEM_COMMIT PAGE_READWRITE -> 0x1_0000 (pMemory)   [as expected]",
                        "  5. VirtualFree 0 bytes at 0x1_0000 MEM_RELEASE -> ok   [as expected]",
                        "  6. write 1 (1 byte) at 0x1_0010 -> STATUS_ACCESS_VIOLATION (write at 0x1_0010)   [as expected]");
    }

    @Test
    void command_writesTheJournalNextToTheScenario_orWhereAsked(@TempDir Path dir) throws IOException {
        Path scenario = Files.copy(Path.of("scenarios/belady-fifo.json"), dir.resolve("belady.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ScenarioMain.run(new String[] {scenario.toString()}, print(out), print(err));

        assertThat(code).isZero();
        Path journal = dir.resolve("belady.journal.json");
        assertThat(readJournal(journal).events()).isNotEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("journal: " + journal);

        Path elsewhere = dir.resolve("elsewhere.json");
        assertThat(ScenarioMain.run(new String[] {scenario.toString(), "--journal", elsewhere.toString()}, print(out),
                print(err))).isZero();
        assertThat(readJournal(elsewhere)).isEqualTo(readJournal(journal));
    }

    @Test
    void missedExpectation_isReportedWithItsStep_andExitsWithOne(@TempDir Path dir) throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.json"), """
                {"format": "pagelab.scenario", "version": 1, "operations": [
                  {"op": "reserve", "name": "r", "size": "8 KiB"},
                  {"op": "write", "address": "r", "value": 1, "expect": "ok"}
                ]}""");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ScenarioMain.run(new String[] {scenario.toString()}, print(out), print(err));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[EXPECTED ok, got ACCESS_VIOLATION]");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missed: step 2 ($.operations[1]): ok, got ACCESS_VIOLATION");
    }

    @Test
    void badScenario_exitsWithTwo_runsNothing_andWritesNoJournal(@TempDir Path dir) throws IOException {
        Path scenario = Files.writeString(dir.resolve("bad.json"), """
                {"format": "pagelab.scenario", "version": 1, "operations": [
                  {"op": "reserve", "name": "r", "size": "8 KiB"},
                  {"op": "commit", "address": "r", "size": "lots"}
                ]}""");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ScenarioMain.run(new String[] {scenario.toString()}, print(out), print(err));

        assertThat(code).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("$.operations[1].size (line 3, column 44)",
                "expected a size such as 4096");
        assertThat(dir.resolve("bad.journal.json")).doesNotExist();
    }

    @Test
    void aJournalPathThatIsTheScenario_isRefused_andTheScenarioIsKept(@TempDir Path dir) throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.json"), """
                {"format": "pagelab.scenario", "version": 1, "operations": [
                  {"op": "reserve", "name": "r", "size": "8 KiB"}
                ]}""");
        byte[] before = Files.readAllBytes(scenario);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), scenario);
        for (String journal : new String[] {scenario.toString(), dir.resolve("../" + dir.getFileName() + "/s.json").toString(),
                link.toString()}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = ScenarioMain.run(new String[] {scenario.toString(), "--journal", journal}, print(out), print(err));

            assertThat(code).as(journal).isEqualTo(2);
            assertThat(out.size()).as(journal + ": nothing runs").isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).as(journal).contains("is the scenario itself");
            assertThat(Files.readAllBytes(scenario)).as(journal).isEqualTo(before);
        }
    }

    @Test
    void journalWithoutAPath_saysItNeedsOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ScenarioMain.run(new String[] {"s.json", "--journal"}, print(new ByteArrayOutputStream()), print(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pagelab run: --journal needs a path");
    }

    @Test
    void aJournalIsWrittenWhole_orNotAtAll(@TempDir Path dir) throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.json"), """
                {"format": "pagelab.scenario", "version": 1, "operations": [
                  {"op": "reserve", "name": "r", "size": "8 KiB"}
                ]}""");
        Path journal = Files.writeString(dir.resolve("old.journal.json"), "an older journal");
        Path missingFolder = dir.resolve("no/such/folder/j.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ScenarioMain.run(new String[] {scenario.toString(), "--journal", missingFolder.toString()},
                print(new ByteArrayOutputStream()), print(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write " + missingFolder);
        assertThat(ScenarioMain.run(new String[] {scenario.toString(), "--journal", journal.toString()},
                print(new ByteArrayOutputStream()), print(err))).isZero();
        assertThat(readJournal(journal).events()).isNotEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("s.json", "old.journal.json");
        }
    }

    @Test
    void namesAndOffsets_resolveToTheBoundBase() {
        var scenario = readScenario("""
                {"format": "pagelab.scenario", "version": 1, "machine": {"pageSize": "4 KiB", "frames": 4, "policy": "LRU"},
                 "operations": [
                  {"op": "allocate", "name": "a", "size": "16 KiB", "protect": "PAGE_READWRITE"},
                  {"op": "write", "address": "a+0x2000", "value": 258, "width": 2},
                  {"op": "read", "address": "a+8191", "width": 1, "expect": {"value": 0}},
                  {"op": "read", "address": "a+0x2001", "expect": {"value": 1, "fault": "none"}},
                  {"op": "VirtualQuery", "address": "a", "expect": {"state": "MEM_COMMIT", "regionSize": 16384}}
                ]}""");
        ScenarioRunner.Result result = ScenarioRunner.run(scenario, print(new ByteArrayOutputStream()));
        assertThat(result.expectationsMissed()).isEmpty();
        assertThat(scenario.machine().frames()).hasValue(4);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
