package dev.pagelab;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.engine.Allocation;
import dev.pagelab.engine.Hex;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.VirtualMemory;

import java.util.List;

/** The plain-text pictures every REPL shows: a VMMap-like map of a space, and one-line summaries of page runs. */
final class TextMap {
    private TextMap() {}

    private static final int MAX_LINES = 20;

    /** A map of at most 20 lines: a header, then each allocation and its regions, then the free space. */
    static String of(AddressSpace space) {
        VirtualMemory vm = space.vm();
        StringBuilder sb = new StringBuilder();
        List<Allocation> allocations = vm.allocations();
        sb.append("address space: ").append(allocations.size()).append(allocations.size() == 1 ? " region, " : " regions, ")
                .append(Hex.size(vm.committedPages() * space.pageSize())).append(" committed, ")
                .append(vm.residentPages()).append(vm.residentPages() == 1 ? " page" : " pages").append(" resident\n");
        int lines = 1;
        if (!allocations.isEmpty()) {
            sb.append(String.format("  %-18s %-10s %-8s %-20s %s%n", "address", "size", "state", "protection", "pages"));
            lines++;
        }
        int shown = 0;
        for (Allocation a : allocations) {
            if (lines >= MAX_LINES - 2) {
                break;
            }
            sb.append(String.format("  %-18s %-10s %-8s %-20s %s%n", Hex.address(a.base()), Hex.size(a.size()),
                    a.isView() ? "view" : "region", "(" + Protection.shortName(a.protect()) + ")",
                    a.isView() ? "of " + a.section().label() : a.committedPages() + " of " + a.size() / space.pageSize()
                    + " committed"));
            lines++;
            long address = a.base();
            while (address < a.end() && lines < MAX_LINES - 2) {
                MemoryRegion r = vm.query(address);
                sb.append(String.format("    %-16s %-10s %-8s %-20s%n", Hex.address(r.baseAddress()), Hex.size(r.regionSize()),
                        r.state() == MEM_COMMIT ? "commit" : "reserve",
                        r.state() == MEM_COMMIT ? Protection.shortName(r.protect()) : ""));
                lines++;
                address = r.end();
            }
            shown++;
        }
        if (shown < allocations.size()) {
            sb.append("  ... ").append(allocations.size() - shown).append(" more regions\n");
        }
        sb.append("  largest free block: ").append(Hex.size(vm.largestFreeBlock()));
        return sb.toString().lines().map(String::stripTrailing).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** "1 page committed READONLY, 3 reserved": the pages of a run of regions by state and protection. */
    static String summary(List<MemoryRegion> regions, int pageSize) {
        StringBuilder sb = new StringBuilder();
        for (MemoryRegion r : regions) {
            long pages = r.regionSize() / pageSize;
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(pages).append(pages == 1 ? " page " : " pages ");
            sb.append(switch (r.state()) {
                case MEM_COMMIT -> "committed " + Protection.shortName(r.protect());
                case MEM_RESERVE -> "reserved";
                default -> "free";
            });
        }
        return sb.toString();
    }
}
