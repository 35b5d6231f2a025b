package dev.pagelab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OPT's next-use array equals the plain definition (the index of the next reference to the same page, else
 * {@link Opt#NEVER}) whether the pages lie close together (found by an array indexed by page) or far apart (found
 * by a hash map), at any offset, negative ones included.
 */
class OptNextUseProperties {

    @Property(tries = 300)
    void nextUses_equalTheDefinition(@ForAll @Size(max = 200) List<@LongRange(min = 0, max = 40) Long> near,
                                     @ForAll long offset, @ForAll boolean spread) {
        long[] pages = new long[near.size()];
        for (int i = 0; i < pages.length; i++) {
            // spread: a few pages very far apart, beyond any array indexed by page.
            long page = spread ? near.get(i) * (Long.MAX_VALUE / 64) : near.get(i);
            pages[i] = page + (spread ? 0 : offset);
        }
        assertThat(Opt.nextUses(pages)).containsExactly(definition(pages));
    }

    private static int[] definition(long[] pages) {
        int[] next = new int[pages.length];
        Map<Long, Integer> later = new HashMap<>();
        for (int i = pages.length - 1; i >= 0; i--) {
            next[i] = later.getOrDefault(pages[i], Opt.NEVER);
            later.put(pages[i], i);
        }
        return next;
    }
}
