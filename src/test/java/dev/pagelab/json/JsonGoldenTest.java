package dev.pagelab.json;

import static dev.pagelab.json.PageLabJson.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.CheckedSpaces;
import dev.pagelab.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The guard-page stack scenario's snapshot and journal, byte for byte against {@code src/test/resources/golden/json/}:
 * the documents carry no time stamps or hash order, so a difference means the format or the engine changed. A missing
 * file fails the test (after writing it, for review), as the pictures' golden files do. Run with
 * {@code -Dpagelab.golden.update=true} to rewrite the files, then review the diff.
 */
class JsonGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/json");
    private static final boolean UPDATE = Boolean.getBoolean("pagelab.golden.update");

    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    @Test
    void guardPageStack_snapshotAndJournal_matchTheGoldenFiles() throws IOException {
        ScenarioRunner.Result run = ScenarioRunner.run(readScenario(Path.of("scenarios/guard-page-stack.json")),
                new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        checked.add(run.space());
        check("guard-page-stack.snapshot.json", toJson(snapshot(run.space())));
        check("guard-page-stack.journal.json", toJson(journal(run.space())));
    }

    /** Fails unless {@code actual} equals the golden file; a missing file is written, and the test fails until reviewed. */
    private static void check(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (UPDATE || !Files.exists(file)) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            if (!UPDATE) {
                throw new AssertionError("golden file " + file + " was missing and has been written; review it and rerun");
            }
            return;
        }
        assertThat(actual).as("output differs from %s (regenerate with -Dpagelab.golden.update=true)", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
