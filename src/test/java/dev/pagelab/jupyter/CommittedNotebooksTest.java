package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed notebooks as a reader gets them, before anything runs: small enough to open and clone, and with
 * outputs every front end shows, trusted or not. No output carries {@code application/json} (JupyterLab,
 * Notebook 7 and VS Code would show a JSON tree instead of the picture), no HTML holds an inline {@code <svg>}
 * (the sanitizer of an untrusted notebook strips it) or a script (but the players, a replay's or a space's history,
 * whose tables read without it), and every output with an image shows that image in its HTML as an {@code <img>} with a data URI.
 */
class CommittedNotebooksTest {
    private static final long MAX_BYTES = 1_000_000;

    @TestFactory
    Stream<DynamicTest> everyCommittedNotebook_isSmall_andShowsItsPicturesEverywhere() throws IOException {
        List<Path> notebooks;
        try (var files = Files.list(Path.of("notebooks"))) {
            notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertThat(notebooks).isNotEmpty();
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> check(nb)));
    }

    private static void check(Path notebook) throws IOException {
        assertThat(Files.size(notebook)).as("%s: bytes", notebook).isLessThan(MAX_BYTES);
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        int cellNo = 0;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            cellNo++;
            JsonObject cell = c.getAsJsonObject();
            if (!cell.has("outputs")) {
                continue;
            }
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                if (!out.has("data")) {
                    continue;
                }
                JsonObject data = out.getAsJsonObject("data");
                String where = notebook + ", cell " + cellNo;
                assertThat(data.keySet()).as(where).doesNotContain("application/json").contains("text/plain");
                String html = data.has("text/html") ? text(data.get("text/html")) : "";
                assertThat(html).as(where + ": HTML").doesNotContain("<svg");
                if (!html.contains("data-pagelab-player=\"") && !html.contains("data-pagelab-history=\"")) {
                    assertThat(html).as(where + ": HTML (only players carry a script)").doesNotContain("<script");
                }
                for (String image : List.of("image/svg+xml", "image/png")) {
                    if (data.has(image)) {
                        assertThat(html).as(where + ": HTML showing its " + image).contains("<img src=\"data:" + image + ";base64,");
                    }
                }
            }
        }
    }

    /** A notebook's multi-line string: one string, or an array of lines. */
    private static String text(JsonElement e) {
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        StringBuilder sb = new StringBuilder();
        e.getAsJsonArray().forEach(line -> sb.append(line.getAsString()));
        return sb.toString();
    }
}
