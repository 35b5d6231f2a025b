package dev.pagelab.engine;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's invariants, checked after every step of the property tests. */
final class Invariants {
    private Invariants() {}

    /** Regions tile [0, user limit); commit charge equals committed pages; allocations do not overlap. */
    static void check(VirtualMemory vm) {
        long expected = 0;
        long committedSeen = 0;
        int page = vm.layout().pageSize();
        while (expected < vm.layout().maxAddress()) {
            MemoryRegion r = vm.query(expected);
            assertThat(r).as("VirtualQuery(%s)", Hex.address(expected)).isNotNull();
            assertThat(r.baseAddress()).as("region base at %s", Hex.address(expected)).isEqualTo(expected);
            assertThat(r.regionSize()).as("region size at %s", Hex.address(expected)).isPositive();
            assertThat(r.regionSize() % page).isZero();
            if (r.state() == Flags.MEM_COMMIT) {
                committedSeen += r.regionSize() / page;
                assertThat(r.protect()).isNotZero();
            } else if (r.state() == Flags.MEM_RESERVE) {
                assertThat(r.protect()).isZero();
            } else {
                assertThat(r.protect()).isEqualTo(Flags.PAGE_NOACCESS);
                assertThat(r.allocationBase()).isZero();
            }
            expected = r.end();
        }
        assertThat(expected).isEqualTo(vm.layout().maxAddress());
        assertThat(vm.committedPages()).as("committed pages").isEqualTo(committedSeen);
        assertThat(vm.memory().commitCharge()).as("commit charge").isEqualTo(committedSeen);
        long sum = 0;
        long previousEnd = 0;
        for (Allocation a : vm.allocations()) {
            assertThat(a.base()).as("allocation bases are granule-aligned and ordered")
                    .isGreaterThanOrEqualTo(previousEnd);
            assertThat(a.base() % vm.layout().granularity()).isZero();
            previousEnd = a.end();
            sum += a.committedPages();
        }
        assertThat(sum).as("per-allocation committed pages").isEqualTo(committedSeen);
        assertThat(vm.residentPages()).isLessThanOrEqualTo(committedSeen);
    }
}
