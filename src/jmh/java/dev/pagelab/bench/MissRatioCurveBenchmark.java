package dev.pagelab.bench;

import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
import dev.pagelab.trace.Replay;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Seconds for a complete one-pass miss-ratio curve (every memory size) of 10 million references. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MissRatioCurveBenchmark {

    @Param({"zipf", "loop"})
    public String trace;

    @Param({"LRU", "OPT"})
    public String policy;

    private PageTrace pages;
    private Policy chosen;

    @Setup(Level.Trial)
    public void setUp() {
        long[] refs = trace.equals("zipf")
                ? Traces.zipf(ReplayBenchmark.REFERENCES, 100_000, 0.99, 1)
                : Traces.loop(ReplayBenchmark.REFERENCES, 12_000);
        pages = PageTrace.of(refs);
        chosen = Policy.named(policy);
    }

    @Benchmark
    public long curve() throws IOException {
        return Replay.of(pages).curve(chosen).faultsAt(1000);
    }
}
