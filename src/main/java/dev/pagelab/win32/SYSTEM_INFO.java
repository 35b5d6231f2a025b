package dev.pagelab.win32;

import dev.pagelab.engine.Hex;

/** What GetSystemInfo reports about the memory geometry, with the C field names. */
public final class SYSTEM_INFO {
    public int dwPageSize;
    public long lpMinimumApplicationAddress;
    public long lpMaximumApplicationAddress;
    public int dwAllocationGranularity;
    public int dwNumberOfProcessors;

    @Override
    public String toString() {
        return "SYSTEM_INFO { dwPageSize=" + dwPageSize + ", lpMinimumApplicationAddress=" + Hex.address(lpMinimumApplicationAddress)
                + ", lpMaximumApplicationAddress=" + Hex.address(lpMaximumApplicationAddress)
                + ", dwAllocationGranularity=" + dwAllocationGranularity + " }";
    }
}
