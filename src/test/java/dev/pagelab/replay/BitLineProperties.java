package dev.pagelab.replay;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BitLine} against a sorted set: members, and the next and previous member of any slot, at every level, with
 * its own words or every second word of an array whose other words are full of bits.
 */
class BitLineProperties {

    /** Slot counts from one word to three summary levels (64^3 slots and more). */
    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 200), Arbitraries.integers().between(4000, 5000),
                Arbitraries.integers().between(262_000, 300_000));
    }

    @Property(tries = 200)
    void nextAndPrevious_agreeWithASortedSet(@ForAll("sizes") int slots,
            @ForAll @IntRange(min = 0, max = 300) int operations, @ForAll long seed, @ForAll boolean interleaved) {
        long[] shared = new long[2 * ((slots + 63) >>> 6)];
        java.util.Arrays.fill(shared, 0x5555_5555_5555_5555L); // the other half of a shared array: never read as ours
        for (int w = 0; w < shared.length; w += 2) {
            shared[w + 1] = 0;
        }
        BitLine line = interleaved ? BitLine.interleaved(shared, 1, slots) : new BitLine(slots);
        TreeSet<Integer> model = new TreeSet<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < operations; i++) {
            // a few clusters, so that words, summary words and whole summary levels empty and fill again
            int slot = random.nextInt(4) == 0 ? random.nextInt(slots) : Math.min(slots - 1, random.nextInt(3) * 70_000
                    % slots + random.nextInt(Math.min(slots, 130)));
            if (random.nextBoolean() || model.contains(slot)) {
                if (model.remove(slot)) {
                    line.remove(slot);
                } else {
                    line.add(slot);
                    model.add(slot);
                }
            } else {
                line.add(slot);
                model.add(slot);
            }
            int probe = random.nextInt(slots);
            for (int at : List.of(probe, 0, slots - 1, slot)) {
                Integer next = model.ceiling(at);
                Integer previous = model.floor(at);
                assertThat(line.next(at)).as("next from %d", at).isEqualTo(next == null ? -1 : next);
                assertThat(line.previous(at)).as("previous from %d", at).isEqualTo(previous == null ? -1 : previous);
                assertThat(line.contains(at)).as("holds %d", at).isEqualTo(model.contains(at));
            }
        }
        assertThat(line.next(slots)).as("past the end").isEqualTo(-1);
        assertThat(line.previous(-1)).as("before the start").isEqualTo(-1);
    }
}
