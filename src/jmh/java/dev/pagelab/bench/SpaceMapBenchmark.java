package dev.pagelab.bench;

import static dev.pagelab.PageLab.*;

import dev.pagelab.AddressSpace;
import dev.pagelab.render.SpaceMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Milliseconds to draw an address-space map as SVG (scan and write), for a space of ten pages and for spaces of
 * a million: {@code million} is one 4 GiB reservation, every page committed and every third touched;
 * {@code runs} is a million reserved pages of which every other one is committed, the protections alternating,
 * so VirtualQuery sees half a million runs. The SVG's size is checked in {@code SpaceMapTest} (under 200 KB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Djava.awt.headless=true"})
public class SpaceMapBenchmark {

    @Param({"ten", "million", "runs"})
    public String space;

    private AddressSpace s;

    @Setup
    public void build() {
        s = space();
        switch (space) {
            case "ten" -> s.allocate(kb(40)).touch(0);
            case "million" -> {
                var r = s.allocate(gb(4));
                for (long i = 0; i < (1L << 20); i += 3) {
                    r.touch(i * 4096);
                }
            }
            case "runs" -> {
                var r = s.reserve(gb(4));
                for (long i = 0; i < (1L << 20); i += 2) {
                    r.commit(i * 4096, kb(4), (i & 2) == 0 ? READONLY : READWRITE);
                }
            }
            default -> throw new IllegalArgumentException("unknown space " + space);
        }
    }

    @Benchmark
    public String svg() {
        return SpaceMap.of(s).svg();
    }
}
