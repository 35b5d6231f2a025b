package dev.pagelab.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LongIntMapTest {

    @Test
    void everyLongIsAKey_includingTheOneThatScramblesToZero() {
        LongIntMap map = new LongIntMap(4);
        long[] keys = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x5DEECE66DL, 1};
        for (int i = 0; i < keys.length; i++) {
            assertThat(map.put(keys[i], i)).isEqualTo(-1);
        }
        for (int i = 0; i < keys.length; i++) {
            assertThat(map.get(keys[i])).isEqualTo(i);
        }
        assertThat(map.size()).isEqualTo(keys.length);
        assertThat(map.remove(0x5DEECE66DL)).isEqualTo(4);
        assertThat(map.containsKey(0x5DEECE66DL)).isFalse();
        assertThat(map.putIfAbsent(0x5DEECE66DL, 9)).isEqualTo(-1);
        assertThat(map.putIfAbsent(0x5DEECE66DL, 10)).isEqualTo(9);
        assertThat(map.size()).isEqualTo(keys.length);
    }

    @Test
    void growsPastItsExpectedSize() {
        LongIntMap map = new LongIntMap(1, Integer.MIN_VALUE);
        for (int i = 0; i < 100_000; i++) {
            map.put(i * 4096L, i);
        }
        assertThat(map.size()).isEqualTo(100_000);
        assertThat(map.get(4096L * 77_777)).isEqualTo(77_777);
        assertThat(map.get(3)).isEqualTo(Integer.MIN_VALUE);
    }

    /** An operation: 0 put, 1 remove, 2 get, 3 putIfAbsent; on a small key range so that keys collide and recur. */
    record Op(int kind, long key, int value) {}

    @Property(tries = 300)
    void behavesLikeAHashMap(@ForAll("operations") List<Op> ops) {
        LongIntMap map = new LongIntMap(2);
        Map<Long, Integer> model = new HashMap<>();
        for (Op op : ops) {
            switch (op.kind()) {
                case 0 -> assertThat(map.put(op.key(), op.value())).isEqualTo(orMissing(model.put(op.key(), op.value())));
                case 1 -> assertThat(map.remove(op.key())).isEqualTo(orMissing(model.remove(op.key())));
                case 2 -> assertThat(map.get(op.key())).isEqualTo(orMissing(model.get(op.key())));
                default -> assertThat(map.putIfAbsent(op.key(), op.value()))
                        .isEqualTo(orMissing(model.putIfAbsent(op.key(), op.value())));
            }
            assertThat(map.size()).isEqualTo(model.size());
        }
        for (Map.Entry<Long, Integer> e : model.entrySet()) {
            assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    private static int orMissing(Integer value) {
        return value == null ? -1 : value;
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Long> keys = Arbitraries.oneOf(Arbitraries.longs().between(0, 40),
                Arbitraries.longs().between(0, 40).map(k -> k << 40),
                Arbitraries.of(0x5DEECE66DL, -1L, Long.MIN_VALUE));
        Arbitrary<Op> op = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3), keys,
                Arbitraries.integers().between(0, 1000)).as(Op::new);
        return op.list().ofMaxSize(400);
    }

    @Test
    void splitMix64_matchesTheReferenceSequence() {
        // SplitMix64 seeded with 0 starts 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4 (Vigna's splitmix64.c).
        SplitMix64 random = new SplitMix64(0);
        assertThat(random.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(random.nextLong()).isEqualTo(0x6e789e6aa1b965f4L);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            counts[random.nextInt(3)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(900, 1100);
        }
    }
}
