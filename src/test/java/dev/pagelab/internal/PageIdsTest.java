package dev.pagelab.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PageIdsTest {

    @Property(tries = 200)
    void idsFollowFirstAppearance(@ForAll("pages") long[] pages) {
        PageIds ids = new PageIds();
        Map<Long, Integer> model = new HashMap<>();
        for (long page : pages) {
            int expected = model.computeIfAbsent(page, p -> model.size());
            assertThat(ids.idOf(page)).isEqualTo(expected);
            assertThat(ids.size()).isEqualTo(model.size());
        }
    }

    @Provide
    Arbitrary<long[]> pages() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 20_000).array(long[].class).ofMaxSize(500),
                Arbitraries.longs().array(long[].class).ofMaxSize(500),
                Arbitraries.of(0L, -1L, 4095L, 4096L, Long.MAX_VALUE, Long.MIN_VALUE).array(long[].class).ofMaxSize(50));
    }

    @Test
    void scatteredPages_fallBackToAFlatMapAndKeepTheirIds() {
        // A few thousand pages 2^20 apart each want a leaf of their own; past the floor the table falls back.
        PageIds ids = new PageIds();
        Random random = new Random(4);
        long[] pages = new long[5000];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = ((long) i << 20) | random.nextInt(4096);
            assertThat(ids.idOf(pages[i])).isEqualTo(i);
        }
        for (int i = 0; i < pages.length; i++) {
            assertThat(ids.idOf(pages[i])).isEqualTo(i);
        }
        assertThat(ids.size()).isEqualTo(pages.length);
    }
}
