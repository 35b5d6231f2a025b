package dev.pagelab.engine;

/**
 * What VirtualQuery reports for an address: the run of pages from the queried page on that share state,
 * protection, type and allocation base. Field names follow MEMORY_BASIC_INFORMATION.
 */
public record MemoryRegion(long baseAddress, long allocationBase, int allocationProtect, long regionSize,
                           int state, int protect, int type) {

    /** The first address past the region. */
    public long end() {
        return baseAddress + regionSize;
    }

    @Override
    public String toString() {
        String text = Hex.range(baseAddress, end()) + " " + Hex.size(regionSize) + " " + Flags.stateName(state);
        if (state == Flags.MEM_COMMIT) {
            text += " " + Flags.protectionName(protect);
        }
        if (type == Flags.MEM_MAPPED) {
            text += " MEM_MAPPED";
        }
        if (state != Flags.MEM_FREE) {
            text += " (allocation " + Hex.address(allocationBase) + ")";
        }
        return text;
    }
}
