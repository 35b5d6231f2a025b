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
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * PageLab's documents as JSON, made for {@code import static dev.pagelab.json.PageLabJson.*}: snapshots of spaces and
 * machines, journals that replay to the same state ({@code dev.pagelab.scenario.Replayer}), fault timelines, replay
 * results and miss-ratio curves. Every document starts with a format tag and a version; the formats are described in
 * {@code docs/json-formats.md}.
 * Output is deterministic (fields in a fixed order, no time stamps). Input is untrusted: a bad document raises a
 * {@link JsonInputException} naming the place and the problem, and nothing in it chooses a Java type.
 *
 * <pre>{@code
 * var s = space(); s.allocate(kb(8)).write(0, 42);
 * String json = toJson(snapshot(s));
 * write(journal(s), Path.of("run.json"));
 * var again = Replayer.replay(readJournal(Path.of("run.json")));   // dev.pagelab.scenario
 * snapshot(again.get(0)).equals(snapshot(s))                       // true
 * }</pre>
 */
public final class PageLabJson {
    private PageLabJson() {}

    private static final Format<Snapshot> SNAPSHOT = new Format<>(SnapshotCodec::write, SnapshotCodec::read);
    private static final Format<JournalDocument> JOURNAL = new Format<>(JournalCodec::write, JournalCodec::read);
    private static final Format<List<JournalEvent>> FAULTS = new Format<>(FaultsCodec::write, FaultsCodec::read);
    private static final Format<ReplayResult> REPLAY = new Format<>(ResultCodecs::write, ResultCodecs::readReplay);
    private static final Format<MissRatioCurve> CURVE = new Format<>(ResultCodecs::write, ResultCodecs::readCurve);
    private static final Format<Scenario> SCENARIO = new Format<>(null, ScenarioReader::read);

    // ---- snapshots ----

    /** A snapshot of a computer and its spaces: {@code space} and {@code more} must share one computer's memory. */
    public static Snapshot snapshot(AddressSpace space, AddressSpace... more) {
        return SnapshotCapture.take(list(space, more));
    }

    /** A snapshot of spaces on one computer (every space whose page is in a frame must be among them). */
    public static Snapshot snapshot(List<AddressSpace> spaces) {
        return SnapshotCapture.take(List.copyOf(spaces));
    }

    /** The snapshot as a {@code pagelab.snapshot} document. */
    public static String toJson(Snapshot snapshot) { return SNAPSHOT.text(snapshot); }
    /** Writes the snapshot to a file. */
    public static void write(Snapshot snapshot, Path file) { SNAPSHOT.write(snapshot, file); }
    /** A snapshot from a document's text. */
    public static Snapshot readSnapshot(String json) { return SNAPSHOT.read(json); }
    /** A snapshot from a file. */
    public static Snapshot readSnapshot(Path file) { return SNAPSHOT.read(file); }
    /** A snapshot from a stream; {@code source} names it in errors. */
    public static Snapshot readSnapshot(InputStream in, String source) { return SNAPSHOT.read(in, source); }

    // ---- journals ----

    /** The journal of a machine's spaces (the spaces in the order they were made), events merged by time. */
    public static JournalDocument journal(AddressSpace space, AddressSpace... more) {
        return JournalCodec.take(list(space, more));
    }

    /** The journal of spaces on one computer. */
    public static JournalDocument journal(List<AddressSpace> spaces) {
        return JournalCodec.take(List.copyOf(spaces));
    }

    /** The journal as a {@code pagelab.journal} document. */
    public static String toJson(JournalDocument journal) { return JOURNAL.text(journal); }
    /** Writes the journal to a file. */
    public static void write(JournalDocument journal, Path file) { JOURNAL.write(journal, file); }
    /** A journal from a document's text. */
    public static JournalDocument readJournal(String json) { return JOURNAL.read(json); }
    /** A journal from a file. */
    public static JournalDocument readJournal(Path file) { return JOURNAL.read(file); }
    /** A journal from a stream; {@code source} names it in errors. */
    public static JournalDocument readJournal(InputStream in, String source) { return JOURNAL.read(in, source); }

    // ---- fault timelines, replay results, curves ----

    /** A fault timeline as a {@code pagelab.faults} document. */
    public static String toJson(FaultLog faults) { return FAULTS.text(faults.events()); }
    /** Writes a fault timeline to a file. */
    public static void write(FaultLog faults, Path file) { FAULTS.write(faults.events(), file); }
    /** The events of a fault timeline from a document's text (their index counts within the file). */
    public static List<JournalEvent> readFaults(String json) { return FAULTS.read(json); }
    /** The events of a fault timeline from a file. */
    public static List<JournalEvent> readFaults(Path file) { return FAULTS.read(file); }
    /** The events of a fault timeline from a stream; {@code source} names it in errors. */
    public static List<JournalEvent> readFaults(InputStream in, String source) { return FAULTS.read(in, source); }

    /** A replay result as a {@code pagelab.replay} document. */
    public static String toJson(ReplayResult result) { return REPLAY.text(result); }
    /** Writes a replay result to a file. */
    public static void write(ReplayResult result, Path file) { REPLAY.write(result, file); }
    /** A replay result from a document's text. */
    public static ReplayResult readReplayResult(String json) { return REPLAY.read(json); }
    /** A replay result from a file. */
    public static ReplayResult readReplayResult(Path file) { return REPLAY.read(file); }
    /** A replay result from a stream; {@code source} names it in errors. */
    public static ReplayResult readReplayResult(InputStream in, String source) { return REPLAY.read(in, source); }

    /** A miss-ratio curve as a {@code pagelab.curve} document. */
    public static String toJson(MissRatioCurve curve) { return CURVE.text(curve); }
    /** Writes a miss-ratio curve to a file. */
    public static void write(MissRatioCurve curve, Path file) { CURVE.write(curve, file); }
    /** A miss-ratio curve from a document's text. */
    public static MissRatioCurve readCurve(String json) { return CURVE.read(json); }
    /** A miss-ratio curve from a file. */
    public static MissRatioCurve readCurve(Path file) { return CURVE.read(file); }
    /** A miss-ratio curve from a stream; {@code source} names it in errors. */
    public static MissRatioCurve readCurve(InputStream in, String source) { return CURVE.read(in, source); }

    // ---- scenarios ----

    /** A scenario file, read and checked whole; {@link Scenario#run} runs it. */
    public static Scenario readScenario(Path file) { return SCENARIO.read(file); }
    /** A scenario from a document's text. */
    public static Scenario readScenario(String json) { return SCENARIO.read(json); }
    /** A scenario from a stream; {@code source} names it in errors. */
    public static Scenario readScenario(InputStream in, String source) { return SCENARIO.read(in, source); }

    // ---- plumbing ----

    private static List<AddressSpace> list(AddressSpace first, AddressSpace... more) {
        List<AddressSpace> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(more));
        return all;
    }

    /** How one format is written and read; either side is null for a format PageLab only reads or only writes. */
    private record Format<T>(BiConsumer<T, Out> writer, Function<In, T> reader) {
        String text(T value) {
            return Out.string(out -> writer.accept(value, out));
        }

        /**
         * Writes a document to a temporary file beside {@code file}, then renames it over {@code file}: a failure
         * halfway leaves the file as it was, never half written.
         */
        void write(T value, Path file) {
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
                        writer.accept(value, out);
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

        T read(String json) {
            return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "<string>");
        }

        T read(Path file) {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
                return read(in, file.toString());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UncheckedIOException("cannot read " + file + ": there is no such file", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        T read(InputStream in, String source) {
            return PageLabJson.read(in, source, Limits.DEFAULT, reader);
        }
    }

    static <T> T read(InputStream stream, String source, Limits limits, Function<In, T> reader) {
        try (In in = In.of(stream, source, limits)) {
            return reader.apply(in);
        }
    }
}
