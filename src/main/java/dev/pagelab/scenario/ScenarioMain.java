package dev.pagelab.scenario;

import dev.pagelab.json.JsonInputException;
import dev.pagelab.json.PageLabJson;
import dev.pagelab.json.Scenario;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./pagelab run scenario.json [--journal PATH]}: reads a scenario, runs it printing each step and its outcome,
 * and writes the run's journal next to the scenario ({@code NAME.journal.json}) or to {@code PATH}. Exits with 0
 * when every expectation was met, 1 when one was missed, 2 when the file or the arguments are bad (then nothing
 * runs and no journal is written).
 */
public final class ScenarioMain {
    private ScenarioMain() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command and returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        Path journal = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--journal") && i + 1 == args.length) {
                err.println("pagelab run: --journal needs a path, such as --journal run.journal.json");
                err.println("usage: pagelab run SCENARIO.json [--journal PATH]");
                return 2;
            } else if (args[i].equals("--journal")) {
                journal = Path.of(args[++i]);
            } else if (args[i].startsWith("--journal=")) {
                journal = Path.of(args[i].substring("--journal=".length()));
            } else if (file == null && !args[i].startsWith("--")) {
                file = Path.of(args[i]);
            } else {
                err.println("pagelab run: unexpected argument '" + args[i] + "'");
                err.println("usage: pagelab run SCENARIO.json [--journal PATH]");
                return 2;
            }
        }
        if (file == null) {
            err.println("usage: pagelab run SCENARIO.json [--journal PATH]");
            return 2;
        }
        if (journal == null) {
            journal = journalPath(file);
        }
        if (sameFile(file, journal)) {
            err.println("pagelab run: the journal " + journal + " is the scenario itself; name another file with --journal PATH");
            return 2;
        }
        Scenario scenario;
        try {
            scenario = PageLabJson.readScenario(file);
        } catch (JsonInputException e) {
            err.println("pagelab run: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            err.println("pagelab run: " + e.getMessage());
            return 2;
        }
        ScenarioRunner.Result result = ScenarioRunner.run(scenario, out);
        try {
            PageLabJson.write(PageLabJson.journal(result.space()), journal);
        } catch (UncheckedIOException e) {
            err.println("pagelab run: " + e.getMessage());
            return 2;
        }
        out.println("journal: " + journal);
        for (String miss : result.expectationsMissed()) {
            err.println("missed: " + miss);
        }
        return result.passed() ? 0 : 1;
    }

    /** Whether both paths name one existing file, through links and {@code ..} too. */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code dir/NAME.json} gives {@code dir/NAME.journal.json}. */
    static Path journalPath(Path scenario) {
        String name = scenario.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return scenario.resolveSibling(stem + ".journal.json");
    }
}
