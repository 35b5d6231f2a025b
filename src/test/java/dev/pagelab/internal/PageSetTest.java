package dev.pagelab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.TreeSet;

class PageSetTest {

    @Property(tries = 300)
    void holdsEachPageOnce_andListsThemInOrder(
            @ForAll @Size(max = 500) List<@LongRange(min = 0, max = (1L << 40)) Long> pages,
            @ForAll @LongRange(min = 0, max = 1L << 20) long cluster) {
        PageSet set = new PageSet();
        TreeSet<Long> expected = new TreeSet<>();
        for (long p : pages) {
            // Half the pages near one another (chunks shared), half scattered (chunks of their own).
            long page = (p & 1) == 0 ? cluster + (p % 9000) : p;
            assertThat(set.add(page)).isEqualTo(expected.add(page));
        }
        assertThat(set.size()).isEqualTo(expected.size());
        assertThat(set.sorted()).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
    }
}
