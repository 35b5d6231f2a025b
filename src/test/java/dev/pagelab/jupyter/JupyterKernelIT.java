package dev.pagelab.jupyter;

import static dev.pagelab.PageLab.kb;
import static dev.pagelab.PageLab.mb;
import static dev.pagelab.jupyter.JupyterSupport.OUT;
import static dev.pagelab.jupyter.JupyterSupport.data;
import static dev.pagelab.jupyter.JupyterSupport.expected;
import static dev.pagelab.jupyter.JupyterSupport.outputsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pagelab.AddressSpace;
import dev.pagelab.PageLab;
import dev.pagelab.Region;
import dev.pagelab.replay.ReplayResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real kernel, started by Jupyter from kernel-config/ (as {@code JUPYTER_PATH=kernel-config} does), on the
 * test notebooks under src/test/resources/notebooks and on scripted sessions (interrupts, completion). Runs in
 * Maven's integration-test phase, after the jar is built.
 */
class JupyterKernelIT {
    private static final Path NOTEBOOKS = Path.of("src/test/resources/notebooks");

    @BeforeAll
    static void kernelReady() {
        JupyterSupport.python();
        JupyterSupport.prepareKernel();
    }

    @Test
    void kernelBasics_showValuesStreamsDisplaysAndErrors_andTheKernelOutlivesThem() throws Exception {
        Path out = OUT.resolve("kernel-basics.ipynb");
        JupyterSupport.Result run = JupyterSupport.runNotebook(NOTEBOOKS.resolve("kernel-basics.ipynb"), out, false);
        assertThat(run.exit()).as(run.stderr()).isZero();

        List<JsonArray> cells = outputsOf(out);
        // A last expression is an execute_result.
        assertThat(single(cells.get(0), "execute_result")).containsEntry("text/plain",
                "pages [0x1_0000, 0x1_1000) 4 KiB: 1 page committed READONLY");
        // stdout and stderr arrive as streams, in order; print without a newline is not lost.
        assertThat(streams(cells.get(1))).containsExactly("stdout:to stdout\n", "stderr:to stderr\n", "stdout:no newline");
        // display(x) shows x; the last expression ended by ';' shows nothing.
        assertThat(cells.get(2)).hasSize(1);
        assertThat(single(cells.get(2), "display_data")).containsEntry("text/plain", "16 KiB");
        // A compile error: javac's message with the cell's line and a caret.
        assertThat(error(cells.get(3))).containsExactly(
                "line 1: incompatible types: java.lang.String cannot be converted to int",
                "    int wrong = \"text\";",
                "                ^^^^^^");
        // A runtime error: the exception, naming both sides, and the cell's frame only.
        assertThat(error(cells.get(4))).containsExactly(
                "IllegalArgumentException: commit [0x1_3000, 0x1_5000) runs past the reservation [0x1_0000, 0x1_4000)",
                "    at line 1");
        // System.exit stops the cell, not the kernel.
        assertThat(error(cells.get(5)).get(0)).startsWith("System.exit(1) was called: the cell stopped here");
        // ... and the kernel kept its variables through all three.
        assertThat(single(cells.get(6), "execute_result")).containsEntry("text/plain",
                "read at 0x1_0000 -> 0 (demand-zero fault)");
        assertThat(single(cells.get(7), "execute_result")).containsEntry("text/plain", "42");
    }

    @Test
    void pictures_everyPageLabValueShowsWhatDisplayMimeBundleGives() throws Exception {
        Path out = OUT.resolve("pictures.ipynb");
        JupyterSupport.Result run = JupyterSupport.runNotebook(NOTEBOOKS.resolve("pictures.ipynb"), out, false);
        assertThat(run.exit()).as(run.stderr()).isZero();
        // The notebook's first cell, in this JVM: the same deterministic engine gives the same values.
        AddressSpace s = PageLab.space();
        Region r = s.reserve(mb(1));
        r.commit(0, kb(64));
        r.write(0, 1);
        r.write(kb(100), 1);
        r.touch(8192);

        List<JsonArray> cells = outputsOf(out);

        assertThat(cells.get(0)).isEmpty();
        assertThat(single(cells.get(1), "execute_result")).isEqualTo(expected(MimeBundles.of(s)));
        assertThat(single(cells.get(2), "execute_result")).isEqualTo(expected(MimeBundles.of(r)));
        assertThat(single(cells.get(3), "execute_result")).isEqualTo(expected(MimeBundles.of(r.pages(0, kb(64)))));
        assertThat(single(cells.get(4), "execute_result")).isEqualTo(expected(MimeBundles.of(s.faults())));
        assertThat(cells.get(5)).hasSize(2);
        assertThat(data(cells.get(5).get(0).getAsJsonObject())).isEqualTo(expected(MimeBundles.of(s)));
        assertThat(data(cells.get(5).get(1).getAsJsonObject())).isEqualTo(expected(MimeBundles.of(s.faults())));
        ReplayResult belady = PageLab.machine().frames(3).policy(PageLab.FIFO)
                .replay(PageLab.trace(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5));
        assertThat(single(cells.get(6), "execute_result")).isEqualTo(expected(MimeBundles.of(belady)));
        // What Display draws reaches the notebook: a page map as HTML and SVG, charts as HTML and PNG; no JSON.
        assertThat(single(cells.get(1), "execute_result")).containsKeys("text/html", "image/svg+xml").doesNotContainKey("application/json");
        assertThat(single(cells.get(4), "execute_result")).containsKeys("text/html", "image/png").doesNotContainKey("application/json");
        assertThat(single(cells.get(6), "execute_result")).containsKeys("text/html", "image/png").doesNotContainKey("application/json");
    }

    @Test
    void aNotebookRunTwice_givesTheSameBytes_notebookAndHtml() throws Exception {
        Path first = OUT.resolve("twice/first.ipynb");
        Path second = OUT.resolve("twice/second.ipynb");
        for (Path out : List.of(first, second)) {
            JupyterSupport.Result run = JupyterSupport.runNotebook(NOTEBOOKS.resolve("pictures.ipynb"), out, true);
            assertThat(run.exit()).as(run.stderr()).isZero();
        }

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.readString(OUT.resolve("twice/second.html")))
                .isEqualTo(Files.readString(OUT.resolve("twice/first.html")));
    }

    @Test
    void nbconvert_executesANotebook_withJupyterPathNamingKernelConfig() throws Exception {
        // What a user types: JUPYTER_PATH=kernel-config jupyter nbconvert --to notebook --execute X.ipynb
        Path dir = OUT.resolve("nbconvert");
        JupyterSupport.Result run = JupyterSupport.exec(List.of(JupyterSupport.python(), "-m", "nbconvert",
                "--to", "notebook", "--execute", "--output-dir", dir.toString(),
                NOTEBOOKS.resolve("pictures.ipynb").toString()), 600);
        assertThat(run.exit()).as(run.stderr()).isZero();

        List<JsonArray> cells = outputsOf(dir.resolve("pictures.ipynb"));
        assertThat(single(cells.get(1), "execute_result")).containsKey("text/plain");
    }

    @Test
    void interrupts_stopALongPageLabLoopAndASleepingCell_andTheNextCellRuns() throws Exception {
        JsonObject report = JupyterSupport.session("interrupts", script(
                execute("space().reserve(kb(16))"),
                execute("var sp = space();\nvar reg = sp.reserve(mb(1));\nreg.commit(0, mb(1));"),
                interrupt("long n = 0;\nwhile (true) {\n  if (n == 0) System.out.println(\"touching\");\n"
                        + "  reg.touch((n++ % 256) * 4096);\n"
                        + "  if (Thread.currentThread().isInterrupted()) throw new IllegalStateException(\"interrupted\");\n}", 1.0),
                interrupt("while (true) {\n  System.out.println(\"sleeping\");\n  Thread.sleep(60_000);\n}", 0.5),
                execute("n > 0"),
                interrupt("var endless = dev.pagelab.trace.TraceGenerator.zipf(1_000_000, 0.99, 42).trace(Long.MAX_VALUE);\n"
                        + "{\n  System.out.println(\"replaying\");\n  machine().frames(100).policy(LRU).replay(endless);\n}", 1.0),
                execute("endless.describe().isEmpty()"),
                interrupt("System.out.println(\"spinning\");\nwhile (!Thread.interrupted()) {\n}", 0.5)));
        JsonArray results = report.getAsJsonArray("results");

        System.out.println("kernel start to first result: " + report.get("start_to_first_result") + " s on Java "
                + Runtime.version());
        // Each interrupted cell got its reply and its idle status (the session waits for both), and an error
        // that reads as a sentence, never a Java class name.
        for (int i : new int[] {2, 3, 5, 7}) {
            JsonObject reply = reply(results, i);
            assertThat(reply.get("status").getAsString()).as("cell %d", i).isEqualTo("error");
            assertThat(reply.get("ename").getAsString()).as("cell %d", i).isEqualTo("Interrupted");
            String sentence = reply.get("evalue").getAsString();
            assertThat(sentence).as("cell %d", i).doesNotContain("Exception").doesNotContainPattern("[a-z]\\.[a-z]+\\.[A-Z]");
            JsonArray outputs = outputs(results, i);
            JsonObject last = outputs.get(outputs.size() - 1).getAsJsonObject();
            assertThat(last.get("output_type").getAsString()).isEqualTo("error");
            assertThat(strings(last.getAsJsonArray("traceback"))).containsExactly(sentence);
        }
        assertThat(reply(results, 2).get("evalue").getAsString()).isEqualTo("the cell was interrupted");
        assertThat(reply(results, 3).get("evalue").getAsString()).isEqualTo("the cell was interrupted");
        assertThat(single(outputs(results, 4), "execute_result")).containsEntry("text/plain", "true");
        // A replay checks for interrupts as it reads the trace, and says how far it came.
        assertThat(reply(results, 5).get("evalue").getAsString())
                .matches("replay of .* with LRU interrupted after \\d{1,3}(,\\d{3})* references");
        assertThat(single(outputs(results, 6), "execute_result")).containsEntry("text/plain", "false");
        assertThat(reply(results, 7).get("evalue").getAsString()).isEqualTo("the cell was interrupted");
    }

    @Test
    void aForgedMessage_isDroppedAndLogged_andTheKernelKeepsServing() throws Exception {
        JsonObject report = JupyterSupport.session("forged", script(
                execute("1 + 1"),
                forge("signature"),
                forge("frames"),
                execute("2 + 3")));
        JsonArray results = report.getAsJsonArray("results");

        assertThat(reply(results, 3).get("status").getAsString()).isEqualTo("ok");
        assertThat(single(outputs(results, 3), "execute_result")).containsEntry("text/plain", "5");
        // The forged request did not run: it would have been cell 2.
        assertThat(reply(results, 3).get("execution_count").getAsInt()).isEqualTo(2);
        assertThat(report.get("kernel_log").getAsString())
                .contains("dropped a message on the shell channel: its signature is wrong")
                .contains("dropped a message on the shell channel: 3 frames that are not a Jupyter message");
    }

    @Test
    void aValueWhoseToStringThrows_isTheCellsError_andTheKernelKeepsServing() throws Exception {
        JsonObject report = JupyterSupport.session("to-string", script(
                execute("new Object() {\n  public String toString() { return toString(); }\n}"),
                execute("class Loud {\n  public String toString() { throw new OutOfMemoryError(\"pretend\"); }\n}\n"
                        + "new Loud()"),
                execute("1 + 1")));
        JsonArray results = report.getAsJsonArray("results");

        assertThat(reply(results, 0).get("evalue").getAsString()).isEqualTo("StackOverflowError");
        assertThat(reply(results, 1).get("evalue").getAsString()).isEqualTo("OutOfMemoryError: pretend");
        assertThat(error(outputs(results, 1))).containsExactly("OutOfMemoryError: pretend",
                "    at Loud.toString(), line 2");
        assertThat(single(outputs(results, 2), "execute_result")).containsEntry("text/plain", "2");
    }

    @Test
    void aCellPrintingManyLines_deliversEveryLineInOrder_thenItsResult() throws Exception {
        int[] counts = {20_000, 200_000};
        JsonObject report = JupyterSupport.session("many-lines", script(
                execute("for (int i = 0; i < " + counts[0] + "; i++) System.out.println(i);\n\"done\""),
                execute("for (int i = 0; i < " + counts[1] + "; i++) System.out.println(i);\n\"done\"")));
        JsonArray results = report.getAsJsonArray("results");

        for (int cell = 0; cell < counts.length; cell++) {
            JsonArray outputs = outputs(results, cell);
            JsonObject last = outputs.remove(outputs.size() - 1).getAsJsonObject();
            assertThat(last.get("output_type").getAsString()).isEqualTo("execute_result");
            assertThat(data(last)).containsEntry("text/plain", "done");
            StringBuilder text = new StringBuilder();
            streams(outputs).forEach(s -> text.append(s.substring("stdout:".length())));
            assertThat(text.toString()).as("cell %d", cell).isEqualTo(lines(counts[cell]));
            // Sent in batches: a few dozen messages, not one per line.
            assertThat(outputs.size()).isLessThan(counts[cell] / 1000);
            int announced = results.get(cell).getAsJsonObject().getAsJsonObject("metadata")
                    .get("pagelab_outputs").getAsInt();
            assertThat(announced).isEqualTo(outputs.size() + 1);
        }
    }

    @Test
    void afterAFailingCell_theCellsQueuedBehindItAreAborted_andDoNotRun() throws Exception {
        JsonObject report = JupyterSupport.session("stop-on-error", script(
                execute("int marker = 0;"),
                // The failing cell runs a second first, so the two behind it are surely queued when it fails, even
                // on a loaded machine (requests that arrive after the failure are not aborted, as in IPython).
                executeAll("Thread.sleep(1000); throw new IllegalStateException(\"first\")", "marker = 1;", "marker = 2;"),
                execute("marker")));
        JsonArray results = report.getAsJsonArray("results");
        JsonArray cells = results.get(1).getAsJsonObject().getAsJsonArray("cells");

        assertThat(cells.get(0).getAsJsonObject().getAsJsonObject("reply").get("status").getAsString())
                .isEqualTo("error");
        for (int i = 1; i < 3; i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            assertThat(cell.getAsJsonObject("reply").get("status").getAsString()).isEqualTo("aborted");
            assertThat(cell.getAsJsonArray("outputs")).isEmpty();
        }
        assertThat(single(outputs(results, 2), "execute_result")).containsEntry("text/plain", "0");
    }

    @Test
    void everyReply_carriesTheFieldsTheMessagingSpecRequires() throws Exception {
        JsonObject report = JupyterSupport.session("replies", script(
                execute("var reg = space().reserve(kb(16));"),
                execute("throw new IllegalStateException(\"no\")"),
                step("complete", "reg.comm", 8),
                step("inspect", "space()", 3),
                step("is_complete", "int x = 1;", -1),
                step("is_complete", "for (;;) {", -1),
                request("history"),
                request("comm_info"),
                request("interrupt"),
                request("shutdown")));
        JsonArray results = report.getAsJsonArray("results");
        JsonObject info = report.getAsJsonObject("kernel_info");

        assertThat(info.get("status").getAsString()).isEqualTo("ok");
        assertThat(info.keySet()).contains("protocol_version", "implementation", "implementation_version",
                "language_info", "banner");
        assertThat(info.get("protocol_version").getAsString()).startsWith("5.");
        assertThat(info.getAsJsonObject("language_info").keySet()).contains("name", "version", "mimetype",
                "file_extension");
        assertThat(status(results, 0, "execution_count", "user_expressions")).isEqualTo("ok");
        assertThat(status(results, 1, "execution_count", "ename", "evalue", "traceback")).isEqualTo("error");
        assertThat(reply(results, 1).getAsJsonArray("traceback")).isNotEmpty();
        assertThat(status(results, 2, "matches", "cursor_start", "cursor_end", "metadata")).isEqualTo("ok");
        assertThat(status(results, 3, "found", "data", "metadata")).isEqualTo("ok");
        assertThat(status(results, 4)).isEqualTo("complete");
        assertThat(status(results, 5, "indent")).isEqualTo("incomplete");
        assertThat(status(results, 6, "history")).isEqualTo("ok");
        assertThat(status(results, 7, "comms")).isEqualTo("ok");
        assertThat(status(results, 8)).isEqualTo("ok");
        assertThat(status(results, 9, "restart")).isEqualTo("ok");
    }

    @Test
    void aShutdownWhileACellIgnoresInterrupts_stillEndsTheKernel() throws Exception {
        JsonObject spinning = request("shutdown");
        spinning.addProperty("while", "System.out.println(\"spinning\");\nwhile (true) {\n}");
        JsonObject report = JupyterSupport.session("shutdown-while-busy", script(spinning));
        JsonObject result = report.getAsJsonArray("results").get(0).getAsJsonObject();

        assertThat(result.getAsJsonObject("reply").get("status").getAsString()).isEqualTo("ok");
        // Jupyter kills a kernel that has not ended 5 s after its shutdown reply.
        assertThat(result.get("exited_after").getAsDouble()).isLessThan(4.0);
    }

    @Test
    void whatACellsThreadsPrint_staysWithThatCell_andClosingSystemOutSilencesNothingAfter() throws Exception {
        JsonObject report = JupyterSupport.session("threads", script(
                execute("System.out.close();\nSystem.err.close();\nSystem.out.println(\"after close\");"),
                execute("System.out.println(\"next cell\");\nSystem.err.println(\"next cell err\");"),
                execute("var joined = new Thread(() -> System.out.println(\"from a thread\"));\n"
                        + "joined.start();\njoined.join();"),
                execute("var ticker = new Thread(() -> {\n  for (int i = 0; i < 60; i++) {\n"
                        + "    System.out.println(\"tick \" + i);\n"
                        + "    try { Thread.sleep(50); } catch (InterruptedException e) { return; }\n  }\n});\n"
                        + "ticker.start();\nThread.sleep(500);"),
                execute("Thread.sleep(1_000);\n\"later\""),
                execute("ticker.join();\nticker.isAlive()")));
        JsonArray results = report.getAsJsonArray("results");

        assertThat(streams(outputs(results, 0))).containsExactly("stdout:after close\n");
        assertThat(streams(outputs(results, 1))).containsExactly("stdout:next cell\n", "stderr:next cell err\n");
        assertThat(streams(outputs(results, 2))).containsExactly("stdout:from a thread\n");
        assertThat(String.join("", streams(outputs(results, 3)))).startsWith("stdout:tick 0\n");
        // The ticker goes on after its cell ended: what it prints then goes to the kernel's log, not under the
        // cells running at the time.
        assertThat(single(outputs(results, 4), "execute_result")).containsEntry("text/plain", "later");
        assertThat(single(outputs(results, 5), "execute_result")).containsEntry("text/plain", "false");
        assertThat(report.get("kernel_log").getAsString()).contains("tick 59\n");
    }

    @Test
    void completionIsCompleteAndInspection_comeFromJShell() throws Exception {
        JsonObject report = JupyterSupport.session("analysis", script(
                execute("var reg = space().reserve(kb(16));"),
                step("complete", "reg.comm", 8),
                step("is_complete", "for (int i = 0; i < 3; i++) {", -1),
                step("is_complete", "int x = 1;", -1),
                step("inspect", "space()", 3)));
        JsonArray results = report.getAsJsonArray("results");
        JsonObject info = report.getAsJsonObject("kernel_info");

        assertThat(info.get("implementation").getAsString()).isEqualTo("pagelab");
        assertThat(info.getAsJsonObject("language_info").get("name").getAsString()).isEqualTo("java");
        JsonObject completion = reply(results, 1);
        assertThat(strings(completion.getAsJsonArray("matches"))).contains("commit(");
        assertThat(completion.get("cursor_start").getAsInt()).isEqualTo(4);
        assertThat(completion.get("cursor_end").getAsInt()).isEqualTo(8);
        assertThat(reply(results, 2).get("status").getAsString()).isEqualTo("incomplete");
        assertThat(reply(results, 2).get("indent").getAsString()).isEqualTo("    ");
        assertThat(reply(results, 3).get("status").getAsString()).isEqualTo("complete");
        JsonObject inspection = reply(results, 4);
        assertThat(inspection.get("found").getAsBoolean()).isTrue();
        assertThat(inspection.getAsJsonObject("data").get("text/plain").getAsString()).contains("space()");
    }

    // --- reading notebooks and reports ---------------------------------------------------------------

    private static Map<String, Object> single(JsonArray outputs, String type) {
        assertThat(outputs).as("outputs").hasSize(1);
        JsonObject o = outputs.get(0).getAsJsonObject();
        assertThat(o.get("output_type").getAsString()).isEqualTo(type);
        return data(o);
    }

    private static List<String> streams(JsonArray outputs) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : outputs) {
            JsonObject o = e.getAsJsonObject();
            assertThat(o.get("output_type").getAsString()).isEqualTo("stream");
            out.add(o.get("name").getAsString() + ":" + JupyterSupport.text(o.get("text"), "text/plain"));
        }
        return out;
    }

    private static List<String> error(JsonArray outputs) {
        assertThat(outputs).hasSize(1);
        JsonObject o = outputs.get(0).getAsJsonObject();
        assertThat(o.get("output_type").getAsString()).isEqualTo("error");
        return strings(o.getAsJsonArray("traceback"));
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    /** A reply's status, after checking that it has the other fields named. */
    private static String status(JsonArray results, int i, String... fields) {
        JsonObject reply = reply(results, i);
        for (String field : fields) {
            assertThat(reply.keySet()).as("reply %d", i).contains(field);
        }
        return reply.get("status").getAsString();
    }

    /** The lines a loop printing 0 to n - 1 prints. */
    private static String lines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i).append('\n');
        }
        return sb.toString();
    }

    private static JsonObject reply(JsonArray results, int i) {
        return results.get(i).getAsJsonObject().getAsJsonObject("reply");
    }

    private static JsonArray outputs(JsonArray results, int i) {
        return results.get(i).getAsJsonObject().getAsJsonArray("outputs");
    }

    // --- writing session scripts ------------------------------------------------------------------------

    private static JsonObject script(JsonObject... steps) {
        JsonObject s = new JsonObject();
        s.addProperty("kernel", "pagelab");
        JsonArray list = new JsonArray();
        for (JsonObject step : steps) {
            list.add(step);
        }
        s.add("steps", list);
        return s;
    }

    private static JsonObject execute(String code) {
        return step("execute", code);
    }

    private static JsonObject interrupt(String code, double afterSeconds) {
        JsonObject o = execute(code);
        o.addProperty("interrupt_after", afterSeconds);
        return o;
    }

    private static JsonObject executeAll(String... cells) {
        JsonObject o = new JsonObject();
        o.add("execute_all", new Gson().toJsonTree(cells));
        return o;
    }

    private static JsonObject request(String kind) {
        return step("request", kind);
    }

    /** A message the kernel must drop: {@code signature} signed with a wrong key, {@code frames} of no form. */
    private static JsonObject forge(String kind) {
        return step("forge", kind);
    }

    private static JsonObject step(String kind, String code, int cursor) {
        JsonObject o = step(kind, code);
        if (cursor >= 0) {
            o.addProperty("cursor", cursor);
        }
        return o;
    }

    private static JsonObject step(String kind, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(kind, value);
        return o;
    }
}
