package dev.pagelab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A trace that can be read only once (standard input, a pipe) copied into a temporary file, so that a command can
 * read it several times; the command deletes the copy when it is done.
 */
final class TraceCopy {
    private TraceCopy() {}

    /** Copies {@code in} (and closes it) into a fresh temporary file, deleted again if the copy fails. */
    static Path of(InputStream in) throws IOException {
        Path copy = Files.createTempFile("pagelab-trace", ".tmp");
        try (in) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    /** Deletes a copy, if there is one; one that cannot be deleted stays in the temporary folder. */
    static void delete(Path copy) {
        if (copy != null) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // a temporary file left behind in the temporary folder
            }
        }
    }
}
