package dev.pagelab.bench;

import dev.pagelab.policy.Policy;
import dev.pagelab.replay.Replay;
import dev.pagelab.trace.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * References per second of a policy replay: 10 million references, on a Zipf(0.99) trace over 100,000 pages
 * and on a loop over 1.2 times the frames, read from the trace's binary file as a user's replay of a trace file
 * would be (decoding included; {@code -p form=memory} reads an in-memory trace instead). One operation is one
 * reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class ReplayBenchmark {
    static final int REFERENCES = Traces.REFERENCES;

    @Param({"zipf", "loop"})
    public String trace;

    @Param({"1000", "10000"})
    public int frames;

    @Param({"FIFO", "LRU", "CLOCK", "OPT"})
    public String policy;

    /** Where the trace is read from: its binary file ({@code binary}) or memory ({@code memory}). */
    @Param({"binary"})
    public String form;

    private Path dir;
    private Trace pages;
    private Policy chosen;

    @Setup(Level.Trial)
    public void setUp() {
        dir = Traces.folder();
        pages = Traces.of(trace, frames, form, dir);
        chosen = Policy.named(policy);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Traces.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(REFERENCES)
    public long replay() throws IOException {
        return Replay.run(pages, frames, chosen).faults();
    }
}
