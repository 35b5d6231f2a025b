package dev.pagelab.bench;

import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import dev.pagelab.trace.Replay;
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

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * References per second of a policy replay: 10 million references, on a Zipf(0.99) trace over 100,000 pages
 * and on a loop over 1.2 times the frames. One operation is one reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class ReplayBenchmark {
    static final int REFERENCES = 10_000_000;

    @Param({"zipf", "loop"})
    public String trace;

    @Param({"1000", "10000"})
    public int frames;

    @Param({"FIFO", "LRU", "CLOCK", "OPT"})
    public String policy;

    private PageTrace pages;
    private Policy chosen;

    @Setup(Level.Trial)
    public void setUp() {
        long[] refs = trace.equals("zipf")
                ? Traces.zipf(REFERENCES, 100_000, 0.99, 1)
                : Traces.loop(REFERENCES, frames * 6 / 5);
        pages = PageTrace.of(refs);
        chosen = Policy.named(policy);
    }

    @Benchmark
    @OperationsPerInvocation(REFERENCES)
    public long replay() throws IOException {
        return Replay.run(pages, frames, chosen).faults();
    }
}
