package dev.pagelab.win32;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;

/** The structure VirtualQuery fills in, with the C field names (x64 layout, 48 bytes). */
@SuppressWarnings({"checkstyle:MemberName", "java:S116"})
public final class MEMORY_BASIC_INFORMATION {
    /** {@code sizeof(MEMORY_BASIC_INFORMATION)} on x64. */
    public static final int SIZE = 48;

    public long BaseAddress;
    public long AllocationBase;
    public int AllocationProtect;
    public short PartitionId;
    public long RegionSize;
    public int State;
    public int Protect;
    public int Type;

    @Override
    public String toString() {
        return "MEMORY_BASIC_INFORMATION { BaseAddress=" + Hex.address(BaseAddress)
                + ", AllocationBase=" + Hex.address(AllocationBase)
                + ", AllocationProtect=" + Flags.protectionName(AllocationProtect)
                + ", RegionSize=" + Hex.address(RegionSize)
                + ", State=" + Flags.stateName(State)
                + ", Protect=" + Flags.protectionName(Protect)
                + ", Type=" + typeName(Type) + " }";
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0 -> "0";
            case Flags.MEM_PRIVATE -> "MEM_PRIVATE";
            case Flags.MEM_MAPPED -> "MEM_MAPPED";
            case Flags.MEM_IMAGE -> "MEM_IMAGE";
            default -> "0x" + Integer.toHexString(type);
        };
    }
}
