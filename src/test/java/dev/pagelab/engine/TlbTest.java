package dev.pagelab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TlbTest {

    @Test
    void loopWithinTheTlb_missesOncePerPageThenHits() {
        Tlb tlb = new Tlb(16);
        for (int round = 0; round < 10; round++) {
            for (long vpn = 0; vpn < 16; vpn++) {
                tlb.lookup(vpn);
            }
        }
        assertThat(tlb.stats().misses()).isEqualTo(16);
        assertThat(tlb.stats().hits()).isEqualTo(144);
    }

    @Test
    void fourWaySet_evictsTheLeastRecentlyUsedOfItsSet() {
        // 16 entries, 4 ways, 4 sets: pages 0, 4, 8, 12, 16 all map to set 0.
        Tlb tlb = new Tlb(16);
        for (long vpn : new long[] {0, 4, 8, 12}) {
            tlb.lookup(vpn);
        }
        tlb.lookup(0);      // 0 is now the most recent; 4 the least
        tlb.lookup(16);     // evicts 4
        assertThat(tlb.lookup(0)).isTrue();
        assertThat(tlb.lookup(4)).isFalse();
    }

    @Test
    void flush_invalidatesOnlyTheRange() {
        Tlb tlb = new Tlb(64);
        for (long vpn = 0; vpn < 10; vpn++) {
            tlb.lookup(vpn);
        }
        tlb.flush(2, 5);
        assertThat(tlb.stats().flushes()).isEqualTo(1);
        assertThat(tlb.stats().invalidated()).isEqualTo(3);
        assertThat(tlb.lookup(1)).isTrue();
        assertThat(tlb.lookup(3)).isFalse();
    }

    @Test
    void noTlb_countsNothing() {
        Tlb tlb = new Tlb(0);
        assertThat(tlb.lookup(1)).isFalse();
        assertThat(tlb.stats().hits() + tlb.stats().misses()).isZero();
        assertThat(tlb).hasToString("no TLB");
    }

    @Test
    void entriesMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new Tlb(48)).hasMessageContaining("power of two").hasMessageContaining("48");
    }
}
