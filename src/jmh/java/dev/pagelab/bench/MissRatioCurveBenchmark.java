package dev.pagelab.bench;

import dev.pagelab.policy.Policy;
import dev.pagelab.replay.Replay;
import dev.pagelab.trace.Trace;
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
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Milliseconds for a complete one-pass miss-ratio curve (every memory size) of 10 million references, read from
 * the trace's binary file (or memory, with {@code -p form=memory}); the loop runs over 12,000 pages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MissRatioCurveBenchmark {

    @Param({"zipf", "loop"})
    public String trace;

    @Param({"LRU", "OPT"})
    public String policy;

    @Param({"binary"})
    public String form;

    private Path dir;
    private Trace pages;
    private Policy chosen;

    @Setup(Level.Trial)
    public void setUp() {
        dir = Traces.folder();
        pages = Traces.of(trace, 10_000, form, dir);
        chosen = Policy.named(policy);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Traces.delete(dir);
    }

    @Benchmark
    public long curve() throws IOException {
        return Replay.of(pages).curve(chosen).faultsAt(1000);
    }
}
