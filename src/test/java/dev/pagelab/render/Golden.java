package dev.pagelab.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}: a test's output must equal the stored bytes. Run the
 * tests with {@code -Dpagelab.golden.update=true} to write the current output instead (then review the diff);
 * see the README in that folder.
 */
final class Golden {
    static final Path DIR = Path.of("src", "test", "resources", "golden");
    static final boolean UPDATE = Boolean.getBoolean("pagelab.golden.update");

    private Golden() {}

    static void check(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (UPDATE || !Files.exists(file)) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                if (!UPDATE) {
                    throw new AssertionError("golden file " + file + " was missing and has been written; review it and rerun");
                }
                return;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(actual).as("output differs from golden file %s (regenerate with -Dpagelab.golden.update=true)", file)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
