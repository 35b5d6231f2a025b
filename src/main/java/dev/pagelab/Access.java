package dev.pagelab;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Hex;

/**
 * What one simulated memory access did: its kind, address, width and value, whether it completed or raised
 * an exception (access violation, guard page), and whether it took a page fault on the way. Faults are
 * outcomes, recorded in the space's journal too, never exceptions.
 *
 * @param kind        read, write, execute or touch
 * @param address     the address accessed
 * @param width       bytes accessed (1, 2, 4 or 8)
 * @param value       the value read, or the value written
 * @param outcome     completed, or the exception raised
 * @param pageFault   the page fault resolved during the access, if any
 * @param faultAddress where the exception was raised (the first byte of the bad page when an access straddles)
 * @param reason      why an exception was raised, in words; empty when it completed
 */
public record Access(Kind kind, long address, int width, long value, Outcome outcome, PageFault pageFault,
                     long faultAddress, String reason) {

    /** What was attempted. */
    public enum Kind { READ, WRITE, EXECUTE, TOUCH }

    /** How it ended. */
    public enum Outcome {
        /** The access completed. */
        OK(0),
        /** STATUS_ACCESS_VIOLATION 0xC0000005. */
        ACCESS_VIOLATION(Flags.STATUS_ACCESS_VIOLATION),
        /** STATUS_GUARD_PAGE_VIOLATION 0x80000001: the guard is now cleared, the access was not performed. */
        GUARD_PAGE(Flags.STATUS_GUARD_PAGE_VIOLATION);

        private final int status;

        Outcome(int status) {
            this.status = status;
        }

        /** The NTSTATUS value. */
        public int status() {
            return status;
        }

        static Outcome of(int status) {
            return switch (status) {
                case 0 -> OK;
                case Flags.STATUS_ACCESS_VIOLATION -> ACCESS_VIOLATION;
                case Flags.STATUS_GUARD_PAGE_VIOLATION -> GUARD_PAGE;
                default -> throw new IllegalArgumentException("unknown status " + Flags.statusName(status));
            };
        }
    }

    /** The page fault an access took, if any. */
    public enum PageFault { NONE, DEMAND_ZERO, HARD, SOFT }

    /** Whether the access completed. */
    public boolean ok() {
        return outcome == Outcome.OK;
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case READ -> "read " + widthText() + "at " + Hex.address(address);
            case WRITE -> "write " + value + " (" + width + (width == 1 ? " byte" : " bytes") + ") at " + Hex.address(address);
            case EXECUTE -> "execute at " + Hex.address(address);
            case TOUCH -> "touch " + Hex.address(address);
        };
        String fault = switch (pageFault) {
            case NONE -> "";
            case DEMAND_ZERO -> " (demand-zero fault)";
            case HARD -> " (hard fault: read back from the page file)";
            case SOFT -> " (soft fault: taken back from the standby or modified list, no page-file read)";
        };
        if (outcome != Outcome.OK) {
            return what + " -> " + outcome + " at " + Hex.address(faultAddress) + ": " + reason;
        }
        return what + (kind == Kind.READ ? " -> " + value : " -> ok") + fault;
    }

    private String widthText() {
        return width == 1 ? "" : width + " bytes ";
    }
}
