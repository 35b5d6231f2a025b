package dev.pagelab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An output file written to a temporary file beside it, then renamed over it: a failure halfway (a bad record in
 * the input, a full disk, an interrupt) leaves the file as it was, never half written. A device or a pipe is
 * written directly.
 */
final class AtomicFile {
    /** Writes to the stream it is given; the stream is closed after it returns. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    static void write(Path file, Writer writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(file.toString(), null, "there is no folder " + dir);
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a device or a pipe (/dev/null, a fifo): written as it is, never replaced
            try (OutputStream out = Files.newOutputStream(file)) {
                writer.write(out);
            }
            return;
        }
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // a temporary file is private; the output gets the permissions the file had, or an ordinary file's
                Files.setPosixFilePermissions(temp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                        : PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Whether {@code out} names the file {@code in} (the same path, or a link to it). */
    static boolean sameFile(Path in, Path out) {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(out) && Files.exists(in) && Files.isSameFile(in, out);
        } catch (IOException e) {
            return false;
        }
    }
}
