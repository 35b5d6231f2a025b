package dev.pagelab.heap;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;

/**
 * The heap's own memory faulted while it wrote a block header or moved a block's bytes: the program re-protected,
 * decommitted or released heap pages behind the heap's back, and the heap function crashes as it would on Windows.
 * The engine's fault registers hold the access type and address (rule H-16).
 */
public final class HeapFault extends RuntimeException {
    private final int status;

    HeapFault(int status, int accessType, long address) {
        super(Flags.statusName(status) + " in the heap's own memory: " + Flags.accessName(accessType) + " at "
                + Hex.address(address) + " (its pages were re-protected, decommitted or released outside the heap)");
        this.status = status;
    }

    /** The NTSTATUS of the fault, e.g. 0xC0000005. */
    public int status() {
        return status;
    }
}
