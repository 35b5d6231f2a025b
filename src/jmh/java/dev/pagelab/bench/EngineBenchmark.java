package dev.pagelab.bench;

import static dev.pagelab.PageLab.machine;

import dev.pagelab.Machine;
import dev.pagelab.policy.Policy;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * References per second through the full engine: {@code machine().frames(n).policy(p).run(trace)} commits the
 * trace's pages in a fresh address space, then sends every reference through translation, the TLB, the
 * protection check, faults with the policy, the page file and the journal. The trace is read from its binary
 * file (twice: once for the pages to commit, once to run). One operation is one reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class EngineBenchmark {
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
    private Machine machine;

    @Setup(Level.Trial)
    public void setUp() {
        dir = Traces.folder();
        pages = Traces.of(trace, frames, form, dir);
        machine = machine().frames(frames).policy(Policy.named(policy));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Traces.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(REFERENCES)
    public long run() {
        return machine.run(pages).faults();
    }
}
