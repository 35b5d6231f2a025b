package dev.pagelab.cli;

import static dev.pagelab.PageLab.machine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.policy.Policy;
import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.trace.Trace;
import dev.pagelab.trace.TraceFormat;
import dev.pagelab.trace.TraceGenerator;
import dev.pagelab.trace.Traces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveCommandTest {
    @TempDir
    Path dir;

    @Test
    void theCurves_agreeWithTheDslCurvesAndReplays_atEveryPrintedSize() throws IOException {
        Path file = dir.resolve("z.trace");
        TraceGenerator.zipf(400, 0.8, 11).write(file, TraceFormat.BINARY, 20_000);
        Path csv = dir.resolve("z.csv");
        Cli c = Cli.curve(file.toString(), "--policy", "LRU,OPT,FIFO,CLOCK", "--csv", csv.toString());
        assertThat(c.err()).isEmpty();
        assertThat(c.code()).isZero();
        Trace trace = Traces.open(file);
        List<Policy> policies = List.of(Policy.LRU, Policy.OPT, Policy.FIFO, Policy.CLOCK);
        MissRatioCurve[] dsl = new MissRatioCurve[policies.size()];
        for (int p = 0; p < dsl.length; p++) {
            dsl[p] = machine().frames(4).policy(policies.get(p)).curve(trace);
        }
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("frames,LRU faults,LRU miss ratio,OPT faults,OPT miss ratio,FIFO faults,"
                + "FIFO miss ratio,CLOCK faults,CLOCK miss ratio");
        assertThat(rows).hasSize(1 + MissRatioCurve.defaultSizes(dsl[0].pages()).length);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            int frames = Integer.parseInt(cells[0]);
            for (int p = 0; p < dsl.length; p++) {
                long faults = Long.parseLong(cells[1 + 2 * p]);
                assertThat(faults).as("%s at %d frames", policies.get(p), frames).isEqualTo(dsl[p].faultsAt(frames));
                if (frames % 37 == 0) {
                    assertThat(faults).isEqualTo(
                            machine().frames(frames).policy(policies.get(p)).replay(trace).faults());
                }
            }
        }
        String[] lines = c.out().split("\n");
        assertThat(lines[0]).isEqualTo("LRU, OPT, FIFO and CLOCK miss-ratio curves of binary trace z.trace, 20000"
                + " references, " + dsl[0].pages() + " distinct pages");
        assertThat(lines).hasSize(rows.size() + 1);
        assertThat(lines[2].trim().split(" +")).containsExactly(rows.get(1).split(","));
    }

    @Test
    void givenSizes_pictures_andTheSampledCurve() throws IOException {
        Path file = dir.resolve("u.pages");
        TraceGenerator.uniform(300, 2).write(file, TraceFormat.PAGES, 5_000);
        Path png = dir.resolve("c.png");
        Path svg = dir.resolve("c.svg");
        Cli c = Cli.curve(file.toString(), "--policy", "fifo,lru", "--sizes", "10..12,100,1000", "--sample", "0.5",
                "--png", png.toString(), "--svg", svg.toString());
        assertThat(c.err()).isEmpty();
        String[] lines = c.out().split("\n");
        assertThat(lines[0]).startsWith("FIFO and LRU (SHARDS, rate 0.5) miss-ratio curves of page-number trace u.pages");
        assertThat(lines).hasSize(2 + 5);
        assertThat(lines[2].trim()).startsWith("10 ");
        assertThat(lines[6].trim()).startsWith("1000 ");
        byte[] pngBytes = Files.readAllBytes(png);
        assertThat(pngBytes).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(svg, StandardCharsets.UTF_8)).contains("<svg");
        // the same run prints the same bytes
        Cli again = Cli.curve(file.toString(), "--policy", "fifo,lru", "--sizes", "10..12,100,1000", "--sample", "0.5");
        assertThat(again.out()).isEqualTo(c.out());
    }

    @Test
    void badInput_isOneLineNamingIt() throws IOException {
        Path file = dir.resolve("t.pages");
        Files.writeString(file, "1\n2\n#\n0x\n");
        Cli bad = Cli.curve(file.toString(), "--policy", "LRU");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("pagelab curve: " + file + ":4: expected hex digits after '0x', found the end of the line\n");
        Cli overTrace = Cli.curve(file.toString(), "--png", file.toString());
        assertThat(overTrace.err()).isEqualTo("pagelab curve: " + file
                + " is the trace file; write the curve to another file\n");
        assertThat(Files.readString(file)).isEqualTo("1\n2\n#\n0x\n");
        assertThat(Cli.curve(file.toString(), "--policy", "OPT", "--sample", "0.1").err())
                .startsWith("pagelab curve: --sample estimates the LRU curve; add LRU to --policy\n");
        assertThat(Cli.curve(file.toString(), "--sizes", "5..1").err())
                .startsWith("pagelab curve: --sizes 5..1: a range from a smaller to a larger size");
        assertThat(Cli.curve(file.toString(), "--sample", "2").err())
                .startsWith("pagelab curve: --sample 2: a fraction above 0 up to 1\n");
        assertThat(Cli.curve(dir.toString()).err()).isEqualTo("pagelab curve: " + dir + ": a folder, not a trace file\n");
    }

    @Test
    void readsStandardInput() {
        Cli c = Cli.command("curve", "1\n2\n3\n1\n2\n3\n".getBytes(StandardCharsets.US_ASCII), "-", "--policy",
                "LRU,FIFO");
        assertThat(c.err()).isEmpty();
        assertThat(c.out()).startsWith("LRU and FIFO miss-ratio curves of page-number trace <standard input>, 6"
                + " references, 3 distinct pages\n");
        assertThat(c.out()).contains("\n     3           3    0.500000            3    0.500000\n");
    }
}
