package dev.pagelab.win32;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;

/**
 * A simulated hardware exception from {@link Win32#read}, {@link Win32#write} or {@link Win32#execute}: what a C
 * program would die of. It carries the NTSTATUS, the access type and the faulting address, as
 * EXCEPTION_RECORD does; the fault is in the space's journal too.
 */
public class MemoryFault extends RuntimeException {
    private final int status;
    private final int accessType;
    private final long address;

    public MemoryFault(int status, int accessType, long address, String detail) {
        super(Flags.statusName(status) + String.format(" (0x%08X)", status) + ": " + Flags.accessName(accessType)
                + " at " + Hex.address(address) + (detail.isEmpty() ? "" : " - " + detail));
        this.status = status;
        this.accessType = accessType;
        this.address = address;
    }

    /** 0xC0000005 (STATUS_ACCESS_VIOLATION) or 0x80000001 (STATUS_GUARD_PAGE_VIOLATION). */
    public int status() {
        return status;
    }

    /** ExceptionInformation[0]: 0 read, 1 write, 8 execute. */
    public int accessType() {
        return accessType;
    }

    /** ExceptionInformation[1]: the faulting virtual address. */
    public long address() {
        return address;
    }
}
