package dev.pagelab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

class PageTableTest {

    @Test
    void emptyTable_hasNoTablePagesAndReadsZero() {
        PageTable t = new PageTable(4, 9);
        assertThat(t.get(123456789L)).isZero();
        assertThat(t.tablePages()).isZero();
        assertThat(t.nextNonZero(0, 1L << 35)).isEqualTo(1L << 35);
    }

    @Test
    void oneEntry_costsOneTablePagePerLevel() {
        // x86-64: a single mapped page needs a PML4, a PDPT, a page directory and a page table.
        PageTable t = new PageTable(4, 9);
        t.set(0x7FFF_FFFFL, 42);
        assertThat(t.tablePages()).isEqualTo(4);
        for (int level = 0; level < 4; level++) {
            assertThat(t.tablePages(level)).isEqualTo(1);
        }
        assertThat(t.get(0x7FFF_FFFFL)).isEqualTo(42);
    }

    @Test
    void settingZeroOnAnAbsentPage_allocatesNothing() {
        PageTable t = new PageTable(4, 9);
        t.set(5, 0);
        assertThat(t.tablePages()).isZero();
    }

    @Test
    void pagesInTheSameLeaf_shareItsTablePages() {
        PageTable t = new PageTable(4, 9);
        for (long v = 0; v < 512; v++) {
            t.set(v, v + 1);
        }
        assertThat(t.tablePages()).isEqualTo(4);
        t.set(512, 1);
        assertThat(t.tablePages()).isEqualTo(5);
    }

    @Property(tries = 300)
    void nextNonZero_findsTheSameEntryAsALinearScan(@ForAll @Size(max = 40) List<@LongRange(min = 0, max = (1L << 20) - 1) Long> vpns,
                                                     @ForAll @LongRange(min = 0, max = 1L << 20) long from,
                                                     @ForAll @LongRange(min = 0, max = 1L << 20) long to) {
        PageTable t = new PageTable(3, 7);
        TreeSet<Long> set = new TreeSet<>();
        for (long v : vpns) {
            t.set(v, 1);
            set.add(v);
        }
        Long expected = set.ceiling(from);
        long want = expected == null || expected >= to ? Math.max(from, to) : expected;
        if (from >= to) {
            want = to;
        }
        assertThat(t.nextNonZero(from, to)).isEqualTo(want);
    }

    @Property(tries = 200)
    void entriesReadBackAsWritten_acrossMoreLeavesThanTheLeafCacheHolds(
            @ForAll @Size(min = 1, max = 400) List<@LongRange(min = 0, max = (1L << 22) - 1) Long> vpns) {
        // Pages below 2^22 in a table of 2^24 with leaves of 64 entries: up to 400 leaves, so the leaf cache grows
        // and its slots collide.
        PageTable t = new PageTable(4, 6);
        Map<Long, Long> expected = new HashMap<>();
        long value = 1;
        for (long v : vpns) {
            t.set(v, value);
            expected.put(v, value);
            value++;
            // Read back an earlier page too, so cached and uncached leaves interleave.
            long earlier = vpns.get((int) (value % vpns.size()));
            assertThat(t.get(earlier)).isEqualTo(expected.getOrDefault(earlier, 0L));
        }
        for (Map.Entry<Long, Long> e : expected.entrySet()) {
            assertThat(t.get(e.getKey())).isEqualTo(e.getValue());
            long[] leaf = t.leafOf(e.getKey());
            assertThat(leaf[t.index(e.getKey())]).isEqualTo(e.getValue());
        }
        assertThat(t.get((1L << 22) + 5)).isZero();
        assertThat(t.leafOf((1L << 22) + 5)).isNull();
    }

    @Test
    void singleLevelTable_works() {
        PageTable t = new PageTable(1, 9);
        t.set(100, 7);
        assertThat(t.get(100)).isEqualTo(7);
        assertThat(t.nextNonZero(0, 512)).isEqualTo(100);
        assertThat(t.tablePages()).isEqualTo(1);
    }
}
