package dev.pagelab.engine;

/** One journal entry, built when read. */
public record JournalEvent(int index, long time, JournalKind kind, long address, long arg, int flags, int result,
                           long out, int protect) {

    @Override
    public String toString() {
        String at = "t=" + time + " ";
        return switch (kind) {
            case ALLOCATE -> at + "VirtualAlloc(" + Hex.address(address) + ", " + Hex.size(arg) + ", "
                    + Flags.allocationTypeName(flags) + ", " + Flags.protectionName(protect) + ") -> "
                    + (result == 0 ? Hex.address(out) : Flags.errorName(result));
            case FREE -> at + "VirtualFree(" + Hex.address(address) + ", " + Hex.size(arg) + ", "
                    + Flags.allocationTypeName(flags) + ") -> " + (result == 0 ? "ok" : Flags.errorName(result));
            case PROTECT -> at + "VirtualProtect(" + Hex.address(address) + ", " + Hex.size(arg) + ", "
                    + Flags.protectionName(flags) + ") -> "
                    + (result == 0 ? "old " + Flags.protectionName((int) out) : Flags.errorName(result));
            case WRITE -> at + "write " + bytes(flags) + " at " + Hex.address(address) + " = 0x" + Long.toHexString(arg);
            case READ -> at + "read " + bytes(flags) + " at " + Hex.address(address) + " = 0x" + Long.toHexString(arg);
            case EXECUTE -> at + "execute at " + Hex.address(address);
            case TOUCH -> at + "touch (" + Flags.accessName(flags) + ") at " + Hex.address(address);
            case DEMAND_ZERO_FAULT -> at + "demand-zero fault at " + Hex.address(address) + " -> frame " + result;
            case HARD_FAULT -> at + "hard fault at " + Hex.address(address) + " -> frame " + result;
            case ACCESS_VIOLATION -> at + "access violation (" + Flags.accessName(flags) + ") at " + Hex.address(address);
            case GUARD_PAGE -> at + "guard page (" + Flags.accessName(flags) + ") at " + Hex.address(address);
            case EVICTION -> at + "evicted " + Hex.address(address) + " from frame " + result
                    + (flags != 0 ? ", written to the page file" : "");
            case SECTION -> at + section();
            case MAP -> at + "MapViewOfFile(" + (protect < 0 ? "section " + -protect : "handle " + protect) + ", "
                    + SectionCalls.accessName(flags) + ", offset " + Hex.address(out) + ", " + Hex.size(arg) + ") -> "
                    + (result == 0 ? Hex.address(address) : Flags.errorName(result));
            case UNMAP -> at + "UnmapViewOfFile(" + Hex.address(address) + ") -> "
                    + (result == 0 ? "ok" : Flags.errorName(result));
            case CLOSE_HANDLE -> at + "CloseHandle(" + address + ") -> " + (result == 0 ? "ok" : Flags.errorName(result));
            case COPY_ON_WRITE -> at + "copy-on-write at " + Hex.address(address) + " (section " + arg + ") -> frame "
                    + result;
            case SOFT_FAULT -> at + "soft fault at " + Hex.address(address) + " -> frame " + result;
            case TRIM -> at + "trimmed " + Hex.address(address) + " to the " + (flags != 0 ? "modified" : "standby")
                    + " list (frame " + result + ")";
            case PAGE_WRITE -> at + "modified-page writer wrote " + Hex.address(address) + " (frame " + result + ")";
            case LOCK -> at + "VirtualLock(" + Hex.address(address) + ", " + Hex.size(arg) + ") -> "
                    + (result == 0 ? "ok" : Flags.errorName(result));
            case UNLOCK -> at + "VirtualUnlock(" + Hex.address(address) + ", " + Hex.size(arg) + ") -> "
                    + (result == 0 ? "ok" : Flags.errorName(result));
            case WORKING_SET -> at + (arg == -1 && out == -1 ? "EmptyWorkingSet()"
                    : "SetProcessWorkingSetSize(" + Hex.size(arg) + ", " + Hex.size(out) + ")") + " -> "
                    + (result == 0 ? "ok" : Flags.errorName(result));
        };
    }

    private String section() {
        boolean ok = result == 0 || result == Flags.ERROR_ALREADY_EXISTS;
        String outcome = ok ? "handle " + out + " (section " + protect + (result != 0 ? ", " + Flags.errorName(result) : "")
                + ")" : Flags.errorName(result);
        if ((address & 1) != 0) {
            return "OpenFileMapping(" + SectionCalls.accessName((int) (address >>> 1)) + ") -> " + outcome;
        }
        if (out == 0 && ok) {
            return "section " + protect + " of " + Hex.size(arg) + ", " + Flags.protectionName(flags) + " -> ok";
        }
        return "CreateFileMapping(" + (ok ? Hex.size(arg) + ", " + Flags.protectionName(flags) : "") + ") -> " + outcome;
    }

    private static String bytes(int width) {
        return width == 1 ? "1 byte" : width + " bytes";
    }
}
