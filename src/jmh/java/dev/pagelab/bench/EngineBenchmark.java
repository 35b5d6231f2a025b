package dev.pagelab.bench;

import static dev.pagelab.PageLab.machine;

import dev.pagelab.Machine;
import dev.pagelab.policy.Policy;
import dev.pagelab.trace.PageTrace;
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

import java.util.concurrent.TimeUnit;

/**
 * References per second through the full engine: {@code machine().frames(n).policy(p).run(trace)} commits the
 * trace's pages in a fresh address space, then sends every reference through translation, the TLB, the
 * protection check, faults with the policy, the page file and the journal. One operation is one reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class EngineBenchmark {
    static final int REFERENCES = 10_000_000;

    @Param({"zipf", "loop"})
    public String trace;

    @Param({"1000", "10000"})
    public int frames;

    @Param({"FIFO", "LRU", "CLOCK", "OPT"})
    public String policy;

    private PageTrace pages;
    private Machine machine;

    @Setup(Level.Trial)
    public void setUp() {
        long[] refs = trace.equals("zipf")
                ? Traces.zipf(REFERENCES, 100_000, 0.99, 1)
                : Traces.loop(REFERENCES, frames * 6 / 5);
        pages = PageTrace.of(refs);
        machine = machine().frames(frames).policy(Policy.named(policy));
    }

    @Benchmark
    @OperationsPerInvocation(REFERENCES)
    public long run() {
        return machine.run(pages).faults();
    }
}
