package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real kernel through Jupyter for the integration tests: a Python with nbclient (PAGELAB_PYTHON,
 * Debian's /usr/bin/python3, or python3) drives it, with JUPYTER_PATH naming kernel-config/ and the kernel on
 * the Java that runs the tests. Without Jupyter the tests are skipped with the command that installs it, except
 * under CI=true, where .ci/run installs it and a skip would hide a broken set-up: there they fail.
 */
final class JupyterSupport {
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path OUT = REPO.resolve("target/jupyter-it");
    private static final String INSTALL =
            "apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client jupyter-notebook";

    private static String python;

    private JupyterSupport() {
    }

    /** The Python to drive Jupyter with; skips the test (fails it under CI) when there is none. */
    static synchronized String python() {
        if (python == null) {
            List<String> candidates = new ArrayList<>();
            String configured = System.getenv("PAGELAB_PYTHON");
            if (configured != null && !configured.isBlank()) {
                candidates.add(configured);
            }
            candidates.add("/usr/bin/python3");
            candidates.add("python3");
            for (String c : candidates) {
                if (exec(List.of(c, "-c", "import nbclient, nbformat, jupyter_client"), 60).exit == 0) {
                    python = c;
                    break;
                }
            }
        }
        if (python == null) {
            missing("Jupyter is not installed (no Python with nbclient, nbformat and jupyter_client); install it"
                    + " with: " + INSTALL);
        }
        return python;
    }

    /** Skips the test because a tool is missing (why says which and how to install it); fails it under CI. */
    static void missing(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail("under CI the Jupyter tests must run, but " + why);
        }
        // Surefire counts a class skipped before its first test as no test at all: say why in the build log.
        System.out.println("skipped: " + why);
        Assumptions.abort(why);
    }

    /** Records the kernel's class-data archive once, so no test pays for it as kernel start-up. */
    static void prepareKernel() {
        Result r = exec(List.of("bash", "kernel-config/kernels/pagelab/pagelab-kernel", "--prepare"), 300);
        if (r.exit != 0) {
            fail("pagelab-kernel --prepare failed:\n" + r.stderr);
        }
    }

    /** {@code ./pagelab run}'s runner on a notebook, writing {@code out} (and its HTML with {@code html}). */
    static Result runNotebook(Path notebook, Path out, boolean html) throws IOException {
        Files.createDirectories(out.getParent());
        List<String> cmd = new ArrayList<>(List.of(python(), "kernel-config/run-notebook.py", notebook.toString(),
                "--output", out.toString()));
        if (html) {
            cmd.add("--html");
        }
        return exec(cmd, 600);
    }

    /** Drives one kernel session with src/test/python/kernel_session.py; returns its JSON report. */
    static JsonObject session(String name, JsonObject script) throws IOException {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name + ".json");
        Files.writeString(file, script.toString());
        Result r = exec(List.of(python(), "src/test/python/kernel_session.py", file.toString()), 600);
        if (r.exit != 0) {
            fail("kernel session " + name + " failed (exit " + r.exit + "):\n" + r.stderr);
        }
        Files.writeString(OUT.resolve(name + ".report.json"), r.stdout);
        return JsonParser.parseString(r.stdout).getAsJsonObject();
    }

    /** A notebook's code cells, each as its list of outputs. */
    static List<JsonArray> outputsOf(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        List<JsonArray> cells = new ArrayList<>();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            if (c.getAsJsonObject().get("cell_type").getAsString().equals("code")) {
                cells.add(c.getAsJsonObject().getAsJsonArray("outputs"));
            }
        }
        return cells;
    }

    /** A notebook's cells, sources and outputs, as JSON. */
    static JsonArray cells(Path notebook) throws IOException {
        return JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonArray("cells");
    }

    /** The language version a notebook's metadata records: the feature version of the Java that ran it. */
    static String languageVersion(Path notebook) throws IOException {
        JsonObject meta = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonObject("metadata");
        JsonObject language = meta.getAsJsonObject("language_info");
        return language == null || !language.has("version") ? "" : language.get("version").getAsString();
    }

    /** Removes one MIME type from every output of the cells. */
    static void dropOutputs(JsonArray cells, String mimeType) {
        for (JsonElement c : cells) {
            JsonArray outputs = c.getAsJsonObject().getAsJsonArray("outputs");
            if (outputs == null) {
                continue;
            }
            for (JsonElement o : outputs) {
                JsonObject data = o.getAsJsonObject().getAsJsonObject("data");
                if (data != null) {
                    data.remove(mimeType);
                }
            }
        }
    }

    /** An output's data: MIME type to content, multi-line strings joined, JSON types as JSON. */
    static Map<String, Object> data(JsonObject output) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : output.getAsJsonObject("data").entrySet()) {
            out.put(e.getKey(), text(e.getValue(), e.getKey()));
        }
        return out;
    }

    /** A bundle from MimeBundles in the same shape as {@link #data}. */
    static Map<String, Object> expected(Map<String, String> bundle) {
        Map<String, Object> out = new LinkedHashMap<>();
        bundle.forEach((type, content) -> out.put(type, type.contains("json") ? JsonParser.parseString(content) : content));
        return out;
    }

    /** Joins nbformat's list-of-lines form of a string. */
    static Object text(JsonElement value, String mimeType) {
        if (mimeType.contains("json")) {
            return value;
        }
        if (value.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            value.getAsJsonArray().forEach(v -> sb.append(v.getAsString()));
            return sb.toString();
        }
        return value.getAsString();
    }

    record Result(int exit, String stdout, String stderr) {
    }

    static Result exec(List<String> command, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("pagelab-it", ".out");
            Path err = Files.createTempFile("pagelab-it", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("JUPYTER_PATH", REPO.resolve("kernel-config").toString());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            return ended ? new Result(p.exitValue(), stdout, stderr)
                    : new Result(-1, stdout, "timed out after " + timeoutSeconds + " s: " + command + "\n" + stderr);
        } catch (IOException e) {
            return new Result(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", e.toString());
        }
    }
}
