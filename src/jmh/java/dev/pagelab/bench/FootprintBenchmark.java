package dev.pagelab.bench;

import static dev.pagelab.PageLab.*;

import dev.pagelab.AddressSpace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

/**
 * What a reservation costs. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per
 * operation. {@code emptySpace} is the baseline; {@code reserve127TiB} minus it is the price of reserving almost the
 * whole user range; {@code touch1000Pages} shows memory growing with pages touched, not with pages reserved.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class FootprintBenchmark {

    @Benchmark
    public AddressSpace emptySpace() {
        return space();
    }

    @Benchmark
    public AddressSpace reserve127TiB() {
        AddressSpace s = space();
        s.reserve(tb(127));
        return s;
    }

    @Benchmark
    public AddressSpace touch1000Pages() {
        AddressSpace s = space();
        var r = s.reserve(tb(127));
        r.commit(0, mb(4));
        for (long i = 0; i < 1000; i++) {
            r.touch(i * 4096);
        }
        return s;
    }
}
