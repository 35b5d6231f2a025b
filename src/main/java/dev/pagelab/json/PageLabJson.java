package dev.pagelab.json;

import dev.pagelab.AddressSpace;
import dev.pagelab.FaultLog;
import dev.pagelab.engine.JournalEvent;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.ReplayResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * PageLab's documents as JSON, made for {@code import static dev.pagelab.json.PageLabJson.*}: snapshots of spaces and
 * machines, journals that replay to the same state, fault timelines, replay results and miss-ratio curves. Every
 * document starts with a format tag and a version; the formats are described in {@code docs/json-formats.md}.
 * Output is deterministic (fields in a fixed order, no time stamps). Input is untrusted: a bad document raises a
 * {@link JsonInputException} naming the place and the problem, and nothing in it chooses a Java type.
 *
 * <pre>{@code
 * var s = space(); s.allocate(kb(8)).write(0, 42);
 * String json = toJson(snapshot(s));
 * write(journal(s), Path.of("run.json"));
 * var again = replay(readJournal(Path.of("run.json")));
 * snapshot(again.get(0)).equals(snapshot(s))   // true
 * }</pre>
 */
public final class PageLabJson {
    private PageLabJson() {}

    // ---- snapshots ----

    /** A snapshot of a machine and its spaces: {@code space} and {@code more} must share one machine's memory. */
    public static Snapshot snapshot(AddressSpace space, AddressSpace... more) {
        return SnapshotCodec.take(list(space, more));
    }

    /** A snapshot of spaces on one machine (every space whose page is in a frame must be among them). */
    public static Snapshot snapshot(List<AddressSpace> spaces) {
        return SnapshotCodec.take(List.copyOf(spaces));
    }

    /** The snapshot as a {@code pagelab.snapshot} document. */
    public static String toJson(Snapshot snapshot) { return text(out -> SnapshotCodec.write(snapshot, out)); }
    /** Writes the snapshot to a file. */
    public static void write(Snapshot snapshot, Path file) { file(file, out -> SnapshotCodec.write(snapshot, out)); }
    /** A snapshot from a document's text. */
    public static Snapshot readSnapshot(String json) { return read(json, SnapshotCodec::read); }
    /** A snapshot from a file. */
    public static Snapshot readSnapshot(Path file) { return read(file, SnapshotCodec::read); }
    /** A snapshot from a stream; {@code source} names it in errors. */
    public static Snapshot readSnapshot(InputStream in, String source) { return read(in, source, Limits.DEFAULT, SnapshotCodec::read); }

    // ---- journals ----

    /** The journal of a machine's spaces (the spaces in the order they were made), events merged by time. */
    public static JournalDocument journal(AddressSpace space, AddressSpace... more) {
        return JournalCodec.take(list(space, more));
    }

    /** The journal of spaces on one machine. */
    public static JournalDocument journal(List<AddressSpace> spaces) {
        return JournalCodec.take(List.copyOf(spaces));
    }

    /** The journal as a {@code pagelab.journal} document. */
    public static String toJson(JournalDocument journal) { return text(out -> JournalCodec.write(journal, out)); }
    /** Writes the journal to a file. */
    public static void write(JournalDocument journal, Path file) { file(file, out -> JournalCodec.write(journal, out)); }
    /** A journal from a document's text. */
    public static JournalDocument readJournal(String json) { return read(json, JournalCodec::read); }
    /** A journal from a file. */
    public static JournalDocument readJournal(Path file) { return read(file, JournalCodec::read); }
    /** A journal from a stream; {@code source} names it in errors. */
    public static JournalDocument readJournal(InputStream in, String source) { return read(in, source, Limits.DEFAULT, JournalCodec::read); }

    /**
     * Makes the journal's calls again on a fresh machine with its settings and returns the fresh spaces, which hold
     * the state the journal's spaces had.
     *
     * @throws IllegalArgumentException if the journal is incomplete, of an OPT machine, or too big to run
     * @throws IllegalStateException    if a call does not give its recorded outcome (naming the event)
     */
    public static List<AddressSpace> replay(JournalDocument journal) {
        return Replayer.replay(journal, Limits.DEFAULT);
    }

    // ---- fault timelines, replay results, curves ----

    /** A fault timeline as a {@code pagelab.faults} document. */
    public static String toJson(FaultLog faults) { return text(out -> FaultsCodec.write(faults, out)); }
    /** Writes a fault timeline to a file. */
    public static void write(FaultLog faults, Path file) { file(file, out -> FaultsCodec.write(faults, out)); }
    /** The events of a fault timeline from a document's text (their index counts within the file). */
    public static List<JournalEvent> readFaults(String json) { return read(json, FaultsCodec::read); }
    /** The events of a fault timeline from a file. */
    public static List<JournalEvent> readFaults(Path file) { return read(file, FaultsCodec::read); }
    /** The events of a fault timeline from a stream; {@code source} names it in errors. */
    public static List<JournalEvent> readFaults(InputStream in, String source) { return read(in, source, Limits.DEFAULT, FaultsCodec::read); }

    /** A replay result as a {@code pagelab.replay} document. */
    public static String toJson(ReplayResult result) { return text(out -> ResultCodecs.write(result, out)); }
    /** Writes a replay result to a file. */
    public static void write(ReplayResult result, Path file) { file(file, out -> ResultCodecs.write(result, out)); }
    /** A replay result from a document's text. */
    public static ReplayResult readReplayResult(String json) { return read(json, ResultCodecs::readReplay); }
    /** A replay result from a file. */
    public static ReplayResult readReplayResult(Path file) { return read(file, ResultCodecs::readReplay); }
    /** A replay result from a stream; {@code source} names it in errors. */
    public static ReplayResult readReplayResult(InputStream in, String source) { return read(in, source, Limits.DEFAULT, ResultCodecs::readReplay); }

    /** A miss-ratio curve as a {@code pagelab.curve} document. */
    public static String toJson(MissRatioCurve curve) { return text(out -> ResultCodecs.write(curve, out)); }
    /** Writes a miss-ratio curve to a file. */
    public static void write(MissRatioCurve curve, Path file) { file(file, out -> ResultCodecs.write(curve, out)); }
    /** A miss-ratio curve from a document's text. */
    public static MissRatioCurve readCurve(String json) { return read(json, ResultCodecs::readCurve); }
    /** A miss-ratio curve from a file. */
    public static MissRatioCurve readCurve(Path file) { return read(file, ResultCodecs::readCurve); }
    /** A miss-ratio curve from a stream; {@code source} names it in errors. */
    public static MissRatioCurve readCurve(InputStream in, String source) { return read(in, source, Limits.DEFAULT, ResultCodecs::readCurve); }

    // ---- scenarios ----

    /** A scenario file, read and checked whole; {@link Scenario#run} runs it. */
    public static Scenario readScenario(Path file) { return read(file, ScenarioReader::read); }
    /** A scenario from a document's text. */
    public static Scenario readScenario(String json) { return read(json, ScenarioReader::read); }
    /** A scenario from a stream; {@code source} names it in errors. */
    public static Scenario readScenario(InputStream in, String source) { return read(in, source, Limits.DEFAULT, ScenarioReader::read); }

    // ---- plumbing ----

    private static List<AddressSpace> list(AddressSpace first, AddressSpace... more) {
        List<AddressSpace> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(more));
        return all;
    }

    private static String text(Consumer<Out> body) {
        return Out.string(body);
    }

    /**
     * Writes a document to a temporary file beside {@code file}, then renames it over {@code file}: a failure
     * halfway leaves the file as it was, never half written.
     */
    private static void file(Path file, Consumer<Out> body) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            if (Files.getFileStore(temp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                // a temporary file is private; the document gets the permissions the file had, or an ordinary file's
                Files.setPosixFilePermissions(temp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream stream = new java.io.BufferedOutputStream(Files.newOutputStream(temp))) {
                try (Out out = Out.to(stream)) {
                    body.accept(out);
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("cannot write " + file + ": there is no folder " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file stays; the error above is what the caller needs to know
                }
            }
        }
    }

    private static <T> T read(String json, Function<In, T> reader) {
        return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "<string>", Limits.DEFAULT, reader);
    }

    private static <T> T read(Path file, Function<In, T> reader) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString(), Limits.DEFAULT, reader);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("cannot read " + file + ": there is no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static <T> T read(InputStream stream, String source, Limits limits, Function<In, T> reader) {
        try (In in = In.of(stream, source, limits)) {
            return reader.apply(in);
        }
    }
}
