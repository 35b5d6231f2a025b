package dev.pagelab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

/**
 * The TLB against a plain model of a set-associative TLB with LRU inside each set (a tag and a last-use time per
 * entry, searched way by way): random lookups, single invalidations and range flushes give the same answers and
 * the same counters, for every size from none to 64 entries.
 */
class TlbProperties {

    /** One step: 0 a lookup of {@code page}, 1 an invalidation of it, 2 a flush of {@code [page, page + span)}. */
    record Op(int kind, long page, int span) {}

    /** The model: {@code tag[i]} is the page plus one (0 empty), {@code used[i]} its last lookup's number. */
    static final class Model {
        final int ways;
        final int sets;
        final long[] tag;
        final long[] used;
        long tick;
        long hits;
        long misses;
        long flushes;
        long invalidated;

        Model(int entries) {
            ways = Math.min(4, Math.max(1, entries));
            sets = entries == 0 ? 0 : entries / ways;
            tag = new long[entries];
            used = new long[entries];
        }

        boolean lookup(long page) {
            if (tag.length == 0) {
                return false;
            }
            tick++;
            int base = (int) (page % sets) * ways;
            for (int i = base; i < base + ways; i++) {
                if (tag[i] == page + 1) {
                    used[i] = tick;
                    hits++;
                    return true;
                }
            }
            misses++;
            int victim = base;
            for (int i = base + 1; i < base + ways; i++) {
                if (used[i] < used[victim]) {
                    victim = i;
                }
            }
            tag[victim] = page + 1;
            used[victim] = tick;
            return false;
        }

        void invalidate(long page) {
            for (int i = 0; i < tag.length; i++) {
                if (tag[i] == page + 1) {
                    tag[i] = 0;
                    used[i] = 0;
                    invalidated++;
                }
            }
        }

        void flush(long from, long to) {
            if (tag.length == 0) {
                return;
            }
            flushes++;
            for (int i = 0; i < tag.length; i++) {
                if (tag[i] != 0 && tag[i] - 1 >= from && tag[i] - 1 < to) {
                    tag[i] = 0;
                    used[i] = 0;
                    invalidated++;
                }
            }
        }
    }

    @Property(tries = 500)
    void tlb_answersAndCountsAsTheModel(@ForAll @IntRange(min = 0, max = 6) int sizeLog,
                                        @ForAll boolean none,
                                        @ForAll("ops") List<Op> ops) {
        int entries = none ? 0 : 1 << sizeLog;
        Tlb tlb = new Tlb(entries);
        Model model = new Model(entries);
        for (Op op : ops) {
            switch (op.kind()) {
                case 0 -> assertThat(tlb.lookup(op.page())).as("lookup of page %d", op.page())
                        .isEqualTo(model.lookup(op.page()));
                case 1 -> {
                    tlb.invalidate(op.page());
                    model.invalidate(op.page());
                }
                default -> {
                    tlb.flush(op.page(), op.page() + op.span());
                    model.flush(op.page(), op.page() + op.span());
                }
            }
        }
        assertThat(tlb.stats()).isEqualTo(new TlbStats(entries, model.ways, model.hits, model.misses, model.flushes,
                model.invalidated));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        // Mostly lookups over a few dozen pages, so that sets fill, hit and evict.
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 14).map(k -> k < 12 ? 0 : k < 14 ? 1 : 2);
        return Combinators.combine(kind, Arbitraries.longs().between(0, 40),
                Arbitraries.integers().between(1, 12)).as(Op::new).list().ofMinSize(1).ofMaxSize(300);
    }
}
