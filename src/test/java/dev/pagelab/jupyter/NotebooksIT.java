package dev.pagelab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The teaching notebooks under notebooks/, each executed twice through the real kernel as {@code ./pagelab run}
 * executes it: the two runs must write the same bytes (no time, no unseeded randomness, no hash order), and the
 * committed notebook must hold exactly the cells a fresh run writes, outputs included. One test per notebook.
 */
class NotebooksIT {
    private static final Path NOTEBOOKS = Path.of("notebooks");

    @BeforeAll
    static void kernelReady() {
        JupyterSupport.python();
        JupyterSupport.prepareKernel();
    }

    @TestFactory
    Stream<DynamicTest> everyNotebook_runsTwiceToTheSameBytes_andEqualsWhatIsCommitted() throws IOException {
        List<Path> notebooks;
        try (var files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertThat(notebooks).isNotEmpty();
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> check(nb)));
    }

    private static void check(Path committed) throws IOException {
        String name = committed.getFileName().toString();
        Path first = JupyterSupport.OUT.resolve("notebooks/first").resolve(name);
        Path second = JupyterSupport.OUT.resolve("notebooks/second").resolve(name);
        for (Path out : List.of(first, second)) {
            long start = System.nanoTime();
            JupyterSupport.Result run = JupyterSupport.runNotebook(committed, out, false);
            assertThat(run.exit()).as("%s: %s", committed, run.stderr()).isZero();
            // Printed for whoever watches CI time; nothing depends on it.
            System.out.printf("%s: executed in %.1f s%n", committed, (System.nanoTime() - start) / 1e9);
        }

        JsonArray once = JupyterSupport.cells(first);
        JsonArray twice = JupyterSupport.cells(second);
        int differs = firstDifference(once, twice);
        if (differs >= 0) {
            fail(committed + ": cell " + (differs + 1) + " differs between two runs (" + first + " and " + second
                    + "); something in it depends on time, an unseeded random number or hash order");
        }
        assertThat(Files.readAllBytes(second)).as("%s executed twice, byte for byte", committed)
                .isEqualTo(Files.readAllBytes(first));

        // Cells only: the notebook's metadata names the Java that ran it.
        int stale = firstDifference(JupyterSupport.cells(committed), once);
        if (stale >= 0) {
            fail(committed + ": cell " + (stale + 1) + " is not what a fresh run gives; run ./pagelab run " + committed
                    + " and commit it (the fresh run is " + first + ")");
        }
    }

    /** The index of the first cell that differs, or of the first missing one; -1 when all are equal. */
    private static int firstDifference(JsonArray a, JsonArray b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return a.size() == b.size() ? -1 : n;
    }
}
