package dev.pagelab.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole observable state of an address space, for "a failed call changes nothing" checks: every
 * VirtualQuery region over the user range, every allocation, the raw page entry and bytes of every page
 * of every allocation, and the commit charge. Equal snapshots mean byte-for-byte equal states.
 */
record EngineSnapshot(List<MemoryRegion> regions, List<String> allocations, List<Long> entries, List<String> contents,
                      long commitCharge, long committedPages, long residentPages) {

    static EngineSnapshot of(VirtualMemory vm) {
        List<MemoryRegion> regions = new ArrayList<>();
        for (long a = 0; a < vm.layout().maxAddress(); ) {
            MemoryRegion r = vm.query(a);
            regions.add(r);
            a = r.end();
        }
        List<String> allocations = new ArrayList<>();
        List<Long> entries = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        byte[] page = new byte[vm.layout().pageSize()];
        for (Allocation al : vm.allocations()) {
            allocations.add(al.base() + "+" + al.size() + "/" + al.protect() + "/" + al.committedPages());
            for (long p = al.base(); p < al.end(); p += vm.layout().pageSize()) {
                entries.add(vm.entry(p));
                vm.peek(p, page);
                contents.add(java.util.Arrays.toString(page).hashCode() + ":" + java.util.Arrays.hashCode(page));
            }
        }
        return new EngineSnapshot(regions, allocations, entries, contents, vm.memory().commitCharge(),
                vm.committedPages(), vm.residentPages());
    }
}
