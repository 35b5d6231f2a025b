package dev.pagelab.win32;

import static dev.pagelab.win32.Win32.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.heap.HeapLayout;
import dev.pagelab.heap.ProcessHeaps;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random sequences of HeapAlloc, HeapReAlloc and HeapFree (good and bad calls) on growable and fixed heaps keep the
 * heap consistent (docs/windows-rules.md H-5 to H-17): blocks tile every segment's committed part without overlap,
 * no two free blocks touch, the committed part VirtualQuery reports is the one the heap uses, every live block keeps
 * the bytes written into it through the engine, and a call that fails changes nothing.
 */
class HeapProperties {

    enum Op { ALLOC, ALLOC_ZERO, FREE, REALLOC, REALLOC_IN_PLACE, REALLOC_ZERO, FREE_BAD, SIZE }

    record Call(Op op, int pick, long bytes) {}

    record Spec(long initial, long maximum, List<Call> calls) {}

    @Provide
    Arbitrary<Spec> sequences() {
        Arbitrary<Long> bytes = sizes();
        Arbitrary<Call> call = Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, 1000), bytes)
                .as(Call::new);
        return Combinators.combine(Arbitraries.of(0L, 0x1000L, 0x5000L), Arbitraries.of(0L, 0L, 0x4000L, 0x20000L, 0x100000L),
                call.list().ofMinSize(1).ofMaxSize(40)).as(Spec::new);
    }

    /** Mostly small blocks, some of a few pages, a few big ones (own reservation, or refused by a fixed heap). */
    private static Arbitrary<Long> sizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.longs().between(0, 300)),
                Tuple.of(4, Arbitraries.longs().between(0x1000, 0x9000)),
                Tuple.of(1, Arbitraries.longs().between(0x7FFF0, 0x90000)));
    }

    @Property(tries = 150)
    void randomSequences_keepTheHeapConsistent_andFailedCallsChangeNothing(@ForAll("sequences") Spec spec) {
        Win32.reset();
        long h = HeapCreate(0, spec.initial(), spec.maximum());
        assertThat(h).isNotZero();
        Map<Long, long[]> live = new LinkedHashMap<>(); // pointer -> {bytes, seed}
        long seed = 1;
        for (Call c : spec.calls()) {
            List<Long> pointers = new ArrayList<>(live.keySet());
            long p = pointers.isEmpty() ? 0 : pointers.get(c.pick() % pointers.size());
            var before = Win32Rules.snapshot();
            boolean failed;
            switch (c.op()) {
                case ALLOC, ALLOC_ZERO -> {
                    boolean zero = c.op() == Op.ALLOC_ZERO;
                    long q = HeapAlloc(h, zero ? HEAP_ZERO_MEMORY : 0, c.bytes());
                    failed = q == 0;
                    if (!failed) {
                        assertThat(live).doesNotContainKey(q);
                        if (zero) {
                            checkSamples(q, c.bytes(), c.bytes(), -1);
                        }
                        live.put(q, new long[] {c.bytes(), seed});
                        fill(q, c.bytes(), seed++);
                    }
                }
                case FREE -> {
                    failed = p == 0;
                    if (p != 0) {
                        assertThat(HeapFree(h, 0, p)).isTrue();
                        live.remove(p);
                    }
                }
                case FREE_BAD -> {
                    long bad = p == 0 ? h + 8 : p + 16;
                    if (live.containsKey(bad)) {
                        continue;
                    }
                    assertThat(HeapFree(h, 0, bad)).isFalse();
                    assertThat(GetLastError()).isEqualTo(ERROR_INVALID_PARAMETER);
                    failed = true;
                }
                case SIZE -> {
                    assertThat(HeapSize(h, 0, p)).isEqualTo(p == 0 ? -1 : live.get(p)[0]);
                    failed = true; // changes nothing either way
                }
                default -> {
                    int flags = c.op() == Op.REALLOC_IN_PLACE ? HEAP_REALLOC_IN_PLACE_ONLY
                            : c.op() == Op.REALLOC_ZERO ? HEAP_ZERO_MEMORY : 0;
                    long q = p == 0 ? 0 : HeapReAlloc(h, flags, p, c.bytes());
                    failed = q == 0;
                    if (!failed) {
                        long[] old = live.remove(p);
                        assertThat(flags != HEAP_REALLOC_IN_PLACE_ONLY || q == p).as("in place only").isTrue();
                        checkSamples(q, old[0], Math.min(old[0], c.bytes()), old[1]);
                        if (flags == HEAP_ZERO_MEMORY && c.bytes() > old[0]) {
                            checkZeroAbove(q, old[0], c.bytes());
                        }
                        live.put(q, new long[] {c.bytes(), old[1]});
                        fill(q, c.bytes(), old[1]);
                    }
                }
            }
            if (failed) {
                assertThat(Win32Rules.snapshot()).as("state after a failed %s", c).isEqualTo(before);
            }
            checkHeap(h, live);
        }
        assertThat(HeapDestroy(h)).isTrue();
        assertThat(process().view().reservations()).isEmpty();
        Win32Rules.checkInvariants();
    }

    /** The bytes a test writes: the first and last byte of the block, its middle and one per page. */
    private static List<Long> offsets(long bytes) {
        List<Long> list = new ArrayList<>();
        for (long o = 0; o < bytes; o += 4096) {
            list.add(o);
        }
        if (bytes > 0) {
            list.add(bytes / 2);
            list.add(bytes - 1);
        }
        return list;
    }

    private static long value(long seed, long offset) {
        return (seed * 31 + offset) & 0xFF;
    }

    private static void fill(long p, long bytes, long seed) {
        for (long o : offsets(bytes)) {
            write(p + o, 1, value(seed, o));
        }
    }

    /** The bytes sampled in a block of {@code bytes}, below {@code kept}, hold the seed's pattern (zero for seed -1). */
    private static void checkSamples(long p, long bytes, long kept, long seed) {
        for (long o : offsets(bytes)) {
            if (o >= kept) {
                continue;
            }
            assertThat(read(p + o, 1)).as("byte %d of the block at %#x", o, p).isEqualTo(seed < 0 ? 0 : value(seed, o));
        }
    }

    private static void checkZeroAbove(long p, long from, long to) {
        for (long o : offsets(to)) {
            if (o >= from) {
                assertThat(read(p + o, 1)).as("added byte %d of %#x", o, p).isZero();
            }
        }
        assertThat(read(p + from, 1)).isZero();
    }

    private static void checkHeap(long h, Map<Long, long[]> live) {
        HeapLayout layout = ProcessHeaps.of(Win32Rules.engine()).layout(h);
        Map<Long, Long> used = new LinkedHashMap<>();
        int b = 0;
        List<HeapLayout.Block> blocks = layout.blocks();
        for (HeapLayout.Segment s : layout.segments()) {
            assertThat(s.committed()).isBetween(0L, s.reserved());
            MEMORY_BASIC_INFORMATION info = Win32Rules.query(s.base());
            assertThat(info.State).isEqualTo(MEM_COMMIT);
            assertThat(info.RegionSize).as("committed part of %s", s).isEqualTo(s.committed());
            if (s.committed() < s.reserved()) {
                assertThat(Win32Rules.query(s.committedEnd()).State).isEqualTo(MEM_RESERVE);
            }
            long at = s.base() + s.header();
            boolean previousFree = false;
            while (b < blocks.size() && blocks.get(b).address() < s.end()) {
                HeapLayout.Block k = blocks.get(b++);
                assertThat(k.address()).as("blocks tile %s", s).isEqualTo(at);
                assertThat(k.size() % 16).isZero();
                assertThat(k.size()).as("a block holds a header and 16 bytes").isGreaterThanOrEqualTo(32);
                assertThat(k.pointer() % 16).isZero();
                assertThat(k.free() && previousFree).as("two free blocks touch at %#x", k.address()).isFalse();
                if (!k.free()) {
                    used.put(k.pointer(), k.requested());
                    assertThat(k.requested()).isLessThanOrEqualTo(k.size() - HeapLayout.BLOCK_HEADER);
                }
                previousFree = k.free();
                at = k.end();
            }
            assertThat(at).as("blocks end where the commit ends in %s", s).isEqualTo(s.committedEnd());
        }
        assertThat(b).isEqualTo(blocks.size());
        Map<Long, Long> expected = new LinkedHashMap<>();
        live.forEach((p, v) -> expected.put(p, v[0]));
        assertThat(used).containsExactlyInAnyOrderEntriesOf(expected);
        live.forEach((p, v) -> checkSamples(p, v[0], v[0], v[1]));
    }
}
