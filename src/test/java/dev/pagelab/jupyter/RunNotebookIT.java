package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./pagelab run} on notebooks that fail, hang, kill their kernel, belong to another kernel or are no
 * notebooks at all: a one-line message (no Python traceback), a non-zero exit, and the file as it was; a
 * successful run replaces the file whole. And {@code ./pagelab kernel install} where it cannot write.
 */
class RunNotebookIT {
    private static final Path DIR = JupyterSupport.OUT.resolve("run-notebook");

    @BeforeAll
    static void kernelReady() throws IOException {
        JupyterSupport.python();
        JupyterSupport.prepareKernel();
        Files.createDirectories(DIR);
    }

    private static JupyterSupport.Result run(Path notebook, String... more) {
        List<String> cmd = new ArrayList<>(List.of(JupyterSupport.python(), "kernel-config/run-notebook.py",
                notebook.toString()));
        cmd.addAll(List.of(more));
        return JupyterSupport.exec(cmd, 300);
    }

    private static Path notebook(String name, String kernel, String... sources) throws IOException {
        JsonArray cells = new JsonArray();
        for (int i = 0; i < sources.length; i++) {
            JsonObject cell = new JsonObject();
            cell.addProperty("cell_type", "code");
            cell.addProperty("id", "c" + i);
            cell.add("metadata", new JsonObject());
            cell.add("execution_count", null);
            JsonArray outputs = new JsonArray();
            JsonObject stale = new JsonObject();
            stale.addProperty("output_type", "stream");
            stale.addProperty("name", "stdout");
            stale.addProperty("text", "STALE OUTPUT\n");
            outputs.add(stale);
            cell.add("outputs", outputs);
            cell.addProperty("source", sources[i]);
            cells.add(cell);
        }
        JsonObject spec = new JsonObject();
        spec.addProperty("name", kernel);
        spec.addProperty("display_name", kernel);
        spec.addProperty("language", "java");
        JsonObject meta = new JsonObject();
        meta.add("kernelspec", spec);
        JsonObject nb = new JsonObject();
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        nb.add("metadata", meta);
        nb.add("cells", cells);
        return Files.writeString(DIR.resolve(name), nb.toString(), StandardCharsets.UTF_8);
    }

    private static void assertRefused(JupyterSupport.Result r, int exit, String message) {
        assertThat(r.exit()).as(r.stderr()).isEqualTo(exit);
        assertThat(r.stderr()).contains(message).doesNotContain("Traceback").doesNotContain("Exception ignored");
    }

    @Test
    void aFailingCell_leavesTheNotebookAsItWas_andNamesTheCell() throws IOException {
        Path nb = notebook("fails.ipynb", "pagelab", "int x = 1;", "throw new IllegalStateException(\"boom\");", "x + 1");
        byte[] before = Files.readAllBytes(nb);

        assertRefused(run(nb), 1, "stopped at cell 2 (throw new IllegalStateException(\"boom\");)");

        assertThat(Files.readAllBytes(nb)).isEqualTo(before);
        try (var files = Files.list(DIR)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.endsWith(".tmp"));
        }
    }

    @Test
    void allowErrors_writesEveryCellAfresh_withNoStaleOutput() throws IOException {
        Path nb = notebook("allowed.ipynb", "pagelab", "int x = 1;", "throw new IllegalStateException(\"boom\");", "x + 1");

        JupyterSupport.Result r = run(nb, "--allow-errors");

        assertThat(r.exit()).as(r.stderr()).isZero();
        String text = Files.readString(nb);
        assertThat(text).doesNotContain("STALE OUTPUT").contains("boom");
        JsonArray cells = JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("cells");
        assertThat(cells.get(2).getAsJsonObject().getAsJsonArray("outputs").toString()).contains("\"2\"");
    }

    @Test
    void anotherKernelsNotebook_isRefused_unlessPageLabIsNamed() throws IOException {
        Path nb = notebook("python.ipynb", "python3", "1 + 1");
        byte[] before = Files.readAllBytes(nb);

        assertRefused(run(nb), 2, "is a notebook for the kernel 'python3', not PageLab's");
        assertThat(Files.readAllBytes(nb)).isEqualTo(before);

        JupyterSupport.Result forced = run(nb, "--kernel", "pagelab");
        assertThat(forced.exit()).as(forced.stderr()).isZero();
        assertThat(Files.readString(nb)).contains("\"name\": \"pagelab\"").doesNotContain("STALE OUTPUT");
    }

    @Test
    void aCellTimeout_andADeadKernel_leaveTheNotebookAsItWas() throws IOException {
        Path slow = notebook("slow.ipynb", "pagelab", "Thread.sleep(60_000);");
        Path dead = notebook("dead.ipynb", "pagelab", "Runtime.getRuntime().halt(3);");
        byte[] slowBefore = Files.readAllBytes(slow);
        byte[] deadBefore = Files.readAllBytes(dead);

        assertRefused(run(slow, "--timeout", "2"), 1, "a cell ran longer than 2 s (--timeout)");
        assertRefused(run(dead), 1, "the kernel died while running the notebook");

        assertThat(Files.readAllBytes(slow)).isEqualTo(slowBefore);
        assertThat(Files.readAllBytes(dead)).isEqualTo(deadBefore);
    }

    @Test
    void filesThatAreNoNotebooks_getOneLine_andStayAsTheyWere() throws IOException {
        String[][] cases = {
            {"empty.ipynb", "", "is empty, not a notebook"},
            {"corrupt.ipynb", "{\"cells\": [", "is not a notebook: not JSON"},
            {"other.ipynb", "{\"a\": 1}", "is not a notebook of format 4"},
            {"badcell.ipynb", "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [7]}", "cell 1 is not an object"},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(DIR.resolve(c[0]), c[1]);
            assertRefused(run(file), 2, c[2]);
            assertThat(Files.readString(file)).isEqualTo(c[1]);
        }
        assertRefused(run(DIR.resolve("missing.ipynb")), 2, "no notebook at");
    }

    @Test
    void kernelInstall_whereNoFolderCanBeMade_saysSoInOneLine() {
        JupyterSupport.Result r = JupyterSupport.exec(List.of("bash", "pagelab", "kernel", "install", "--prefix",
                "/dev/null/pagelab"), 300);
        assertRefused(r, 1, "cannot install the kernel in /dev/null/pagelab: Not a directory");
    }

    @Test
    void theHtmlExport_linksTheNotebooksBesideItsOwnByTheirExports() throws IOException {
        Path nb = notebook("links.ipynb", "pagelab", "1 + 1");
        String text = Files.readString(nb).replace("\"cells\":[", "\"cells\":[{\"cell_type\":\"markdown\",\"id\":\"m\","
                + "\"metadata\":{},\"source\":\"Next: [on](fails.ipynb), [gone](no-such.ipynb), [web](https://x.org/a.ipynb)\"},");
        Files.writeString(nb, text);
        notebook("fails.ipynb", "pagelab", "1");

        JupyterSupport.Result r = run(nb, "--html");

        assertThat(r.exit()).as(r.stderr()).isZero();
        String html = Files.readString(DIR.resolve("links.html"));
        assertThat(html).contains("href=\"fails.html\"").contains("href=\"no-such.ipynb\"")
                .contains("href=\"https://x.org/a.ipynb\"");
    }
}
