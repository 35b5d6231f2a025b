package dev.pagelab.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.TraceFormatException;
import dev.pagelab.trace.Traces;

import dev.pagelab.AddressSpace;
import dev.pagelab.scenario.Replayer;
import dev.pagelab.scenario.ScenarioRunner;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Fuzz targets for everything that reads untrusted files: the JSON readers (each document also written back and
 * read again, which must print the same), journal replay, the trace readers, and the scenario runner (whose
 * journal must replay to the same state). Bad input may only ever
 * raise the documented error ({@link JsonInputException}, {@link TraceFormatException}, or a replay's refusal);
 * anything else is a finding.
 *
 * <p>In {@code mvn verify} they run over the committed inputs in {@code JsonReadersFuzzTestInputs/<method>/}.
 * To fuzz one for ten minutes (see docs/json-formats.md):
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=JsonReadersFuzzTest#jsonReaders -Djazzer.hooks=true -Djazzer.max_duration=10m}
 */
class JsonReadersFuzzTest {
    /** Small limits, so that a fuzzer's input cannot ask for much memory or time. */
    static final Limits LIMITS = new Limits(16, 1 << 20, 1 << 16, 4096, 200, 16L << 20);

    @FuzzTest(maxDuration = "30s")
    void jsonReaders(byte[] data) {
        roundTrip(data, SnapshotCodec::read, s -> Out.string(out -> SnapshotCodec.write(s, out)));
        JournalDocument journal = roundTrip(data, JournalCodec::read, j -> Out.string(out -> JournalCodec.write(j, out)));
        if (journal != null) {
            try {
                Replayer.replay(journal, LIMITS);
            } catch (IllegalArgumentException | IllegalStateException refused) {
                // an incomplete, OPT, too big or inconsistent journal is refused, with a message
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
        roundTrip(data, FaultsCodec::read, f -> Out.string(out -> FaultsCodec.write(f, out)));
        roundTrip(data, ResultCodecs::readReplay, r -> Out.string(out -> ResultCodecs.write(r, out)));
        roundTrip(data, ResultCodecs::readCurve, c -> Out.string(out -> ResultCodecs.write(c, out)));
    }

    @FuzzTest(maxDuration = "30s")
    void traceReaders(byte[] data) throws IOException {
        long[] values = new long[256];
        byte[] kinds = new byte[256];
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(data), "fuzz")) {
            long total = 0;
            for (int n; (n = r.read(values, kinds, values.length)) >= 0 && total < 1_000_000; total += n) {
                for (int i = 0; i < n; i++) {
                    assertThat(kinds[i]).isIn(ReferenceReader.READ, ReferenceReader.WRITE, ReferenceReader.EXECUTE);
                }
            }
        } catch (TraceFormatException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz:");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void scenarios(byte[] data) {
        Scenario scenario;
        try {
            scenario = PageLabJson.read(new ByteArrayInputStream(data), "fuzz", LIMITS, ScenarioReader::read);
        } catch (JsonInputException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz: $");
            return;
        }
        ScenarioRunner.Result result = ScenarioRunner.run(scenario,
                new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        // Whatever the calls did, their journal replays to the same state.
        String journal = Out.string(out -> JournalCodec.write(JournalCodec.take(List.of(result.space())), out));
        JournalDocument back = PageLabJson.read(new ByteArrayInputStream(journal.getBytes(StandardCharsets.UTF_8)), "journal",
                Limits.DEFAULT, JournalCodec::read);
        List<AddressSpace> again = Replayer.replay(back, LIMITS);
        assertThat(SnapshotCapture.take(again)).isEqualTo(SnapshotCapture.take(List.of(result.space())));
    }

    private static <T> T roundTrip(byte[] data, Function<In, T> reader, Function<T, String> writer) {
        T value;
        try {
            value = PageLabJson.read(new ByteArrayInputStream(data), "fuzz", LIMITS, reader);
        } catch (JsonInputException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz: $");
            return null;
        }
        String json = writer.apply(value);
        T again = PageLabJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "again", LIMITS,
                reader);
        assertThat(writer.apply(again)).isEqualTo(json);
        return value;
    }
}
