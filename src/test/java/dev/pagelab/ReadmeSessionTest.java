package dev.pagelab;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the JShell sessions shown in README.md through {@code jdk.jshell} with the startup script of
 * {@code ./pagelab shell}, and checks that every value and exception the README shows is what JShell prints.
 */
class ReadmeSessionTest {
    private static JShell shell;

    /** One {@code jshell>} line of the README and the lines it shows after it. */
    record Step(String source, List<String> shown) {}

    @BeforeAll
    static void startShell() throws IOException {
        // Local execution: the snippets run in this JVM, whose class path already holds PageLab, so no
        // second JVM has to start (and time out on a busy machine).
        shell = JShell.builder().executionEngine("local").build();
        for (String line : Files.readAllLines(Path.of("kernel-config/pagelab.jsh"))) {
            if (!line.isBlank()) {
                evalAll(line);
            }
        }
    }

    @AfterAll
    static void stopShell() {
        shell.close();
    }

    @Test
    void readmeSessions_printWhatTheReadmeShows() throws IOException {
        List<Step> steps = steps(Files.readString(Path.of("README.md")));
        assertThat(steps).as("jshell> lines in README.md").hasSizeGreaterThan(8);
        for (Step step : steps) {
            List<String> printed = new ArrayList<>();
            for (SnippetEvent e : evalAll(step.source())) {
                if (e.exception() != null) {
                    String type = e.exception() instanceof jdk.jshell.EvalException ee
                            ? ee.getExceptionClassName() : e.exception().getClass().getName();
                    printed.add("|  Exception " + type + ": " + e.exception().getMessage());
                } else if (e.status() == Snippet.Status.REJECTED) {
                    printed.add("REJECTED: " + e.snippet().source());
                } else if (e.value() != null && e.snippet().kind() == Snippet.Kind.EXPRESSION
                        || e.value() != null && e.snippet().kind() == Snippet.Kind.VAR && step.source().trim().matches("\\w+")) {
                    printed.addAll(e.value().lines().toList());
                } else if (e.value() != null && e.snippet().kind() == Snippet.Kind.VAR && !step.source().trim().endsWith(";")) {
                    printed.addAll(e.value().lines().toList());
                }
            }
            List<String> expected = step.shown().stream().map(ReadmeSessionTest::valuePart).toList();
            assertThat(printed.stream().map(String::stripTrailing).toList())
                    .as("what JShell prints for: %s", step.source())
                    .isEqualTo(expected);
        }
    }

    /** The value part of a shown line: {@code $3 ==> x} and {@code s ==> x} show x; continuation lines stay. */
    private static String valuePart(String line) {
        int arrow = line.indexOf(" ==> ");
        if (arrow > 0 && line.substring(0, arrow).matches("\\$?\\w+")) {
            return line.substring(arrow + 5).stripTrailing();
        }
        return line.stripTrailing();
    }

    private static List<SnippetEvent> evalAll(String source) {
        List<SnippetEvent> events = new ArrayList<>();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            String piece = info.source() == null ? rest : info.source();
            events.addAll(shell.eval(piece));
            rest = info.source() == null ? "" : info.remaining();
        }
        return events;
    }

    /** Every {@code jshell> } line inside a fenced block of the README, with the lines that follow it. */
    static List<Step> steps(String readme) {
        List<Step> steps = new ArrayList<>();
        boolean inBlock = false;
        String source = null;
        List<String> shown = new ArrayList<>();
        for (String line : readme.lines().toList()) {
            if (line.startsWith("```")) {
                if (source != null) {
                    steps.add(new Step(source, List.copyOf(shown)));
                    source = null;
                }
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (line.startsWith("jshell> ")) {
                if (source != null) {
                    steps.add(new Step(source, List.copyOf(shown)));
                }
                source = line.substring("jshell> ".length());
                shown.clear();
            } else if (source != null) {
                shown.add(line);
            }
        }
        return steps;
    }
}
