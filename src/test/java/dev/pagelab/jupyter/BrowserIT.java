package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The notebooks' pictures in a real browser: src/test/browser/notebooks.mjs opens every notebook under notebooks/
 * (and the test notebook pictures.ipynb) in JupyterLab 4, Notebook 7 and the classic Notebook 6, untrusted as a
 * fresh clone's are and, for a few, again after Run All, and nbconvert's HTML export of each, in Chromium. Every
 * output that holds a picture must show an {@code <svg>} or a decoded {@code <img>} of a real size, never JSON's
 * tree view nor text. The step player of notebook 06 and the history player of notebook 01 are pressed too
 * (src/test/browser/players.mjs): their static tables untrusted, their buttons (and the step player's arrow keys)
 * where their script runs. One test per front end, phase and notebook,
 * and per player check, from the script's report (target/browser-it/report.json; screenshots of failures beside
 * it).
 *
 * <p>Needs Node.js, Chromium, playwright-core ({@code npm ci} in src/test/browser), JupyterLab 4 and Notebook 7
 * ({@code ./pagelab frontends install}) and Debian's Jupyter; without them it is skipped and says what is missing,
 * except under CI=true, where it fails. {@code -Dpagelab.browser.args="..."} passes arguments to the script (front
 * ends, notebooks: see its first lines).
 */
class BrowserIT {
    private static final Path SCRIPT = Path.of("src/test/browser/notebooks.mjs");
    private static final Path REPORT = JupyterSupport.REPO.resolve("target/browser-it/report.json");

    private static JsonArray results;

    /** Runs the script once, before the tests that report its results; skips them when a tool is missing. */
    @BeforeAll
    static void openEveryNotebookInChromium() throws IOException {
        if (JupyterSupport.exec(List.of("node", "--version"), 60).exit() != 0) {
            JupyterSupport.missing("Node.js is not installed (Debian: apt-get install nodejs npm), so the browser"
                    + " tests cannot run");
        }
        Files.deleteIfExists(REPORT);
        List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
        String args = System.getProperty("pagelab.browser.args", "").trim();
        if (!args.isEmpty()) {
            command.addAll(List.of(args.split("\\s+")));
        }
        long start = System.nanoTime();
        JupyterSupport.Result run = JupyterSupport.exec(command, 1200);
        // Printed for whoever reads the build log: what each check saw, and how long it took.
        System.out.print(run.stdout());
        System.out.printf("browser tests: %.0f s%n", (System.nanoTime() - start) / 1e9);
        if (!Files.exists(REPORT)) {
            fail(SCRIPT + " wrote no report (exit " + run.exit() + "):\n" + run.stderr());
        }
        JsonObject report = JsonParser.parseString(Files.readString(REPORT)).getAsJsonObject();
        JsonArray missing = report.getAsJsonArray("missing");
        if (!missing.isEmpty()) {
            JupyterSupport.missing("the browser tests need what is missing here: " + strings(missing).toList());
        }
        if (run.exit() != 0 && run.exit() != 1) {
            fail(SCRIPT + " stopped (exit " + run.exit() + "):\n" + run.stderr());
        }
        results = report.getAsJsonArray("results");
        if (results.isEmpty()) {
            fail(SCRIPT + " checked nothing:\n" + run.stdout() + run.stderr());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyNotebook_showsEachPicture_inEveryFrontEnd_openedUntrusted_afterRunAll_andExported() {
        return StreamSupport.stream(results.spliterator(), false).map(JsonElement::getAsJsonObject)
                .map(r -> DynamicTest.dynamicTest(r.get("label").getAsString() + ", " + r.get("phase").getAsString()
                        + (r.has("check") ? ", " + r.get("check").getAsString() : "") + ", "
                        + r.get("notebook").getAsString(), () -> check(r)));
    }

    private static void check(JsonObject result) {
        List<String> problems = strings(result.getAsJsonArray("problems")).toList();
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        message.append(result.get("notebook").getAsString()).append(" in ").append(result.get("label").getAsString())
                .append(", ").append(result.get("phase").getAsString()).append(": ");
        if (result.has("check")) {
            message.append(result.get("check").getAsString());
        }
        if (result.has("expected")) {
            message.append(result.get("shown").getAsInt()).append(" of ").append(result.get("expected").getAsInt())
                    .append(" pictures shown");
        }
        problems.forEach(p -> message.append("\n  ").append(p));
        if (result.has("screenshot")) {
            message.append("\n  screenshot: ").append(result.get("screenshot").getAsString());
        }
        fail(message.toString());
    }

    private static Stream<String> strings(JsonArray array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsString);
    }
}
