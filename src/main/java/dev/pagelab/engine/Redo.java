package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;

/**
 * Makes a journaled call again on an engine: the one place that knows which call each kind of event records, shared
 * by journal replay (which rebuilds a state from a journal file) and a space's history (which steps through one).
 * VirtualAlloc, VirtualFree, VirtualProtect and each access are made again, the ones that faulted included (read
 * from their fault events); demand-zero and hard faults and evictions are not calls but their consequences.
 */
public final class Redo {
    private Redo() {}

    /** Whether events of {@code kind} record a call (an operation or an access, faulted or not). */
    public static boolean isCall(JournalKind kind) {
        return switch (kind) {
            case DEMAND_ZERO_FAULT, HARD_FAULT, EVICTION, COPY_ON_WRITE, SOFT_FAULT, TRIM, PAGE_WRITE -> false;
            default -> true;
        };
    }

    /**
     * Makes the call {@code e} records on {@code vm}. Returns null when it gives the recorded outcome, else what it
     * gave instead ({@code "result 487"}, {@code "result 0 and 0x2_0000 instead of 0x1_0000"}); an event that
     * records no call does nothing and returns null.
     */
    public static String call(VirtualMemory vm, JournalEvent e) {
        return switch (e.kind()) {
            case ALLOCATE -> {
                int error = vm.allocate(e.address(), e.arg(), e.flags(), e.protect());
                yield differs(error, error == 0 ? vm.result() : 0, e.result(), e.out());
            }
            case FREE -> differs(vm.free(e.address(), e.arg(), e.flags()), 0, e.result(), 0);
            case PROTECT -> {
                int error = vm.protect(e.address(), e.arg(), e.flags());
                yield differs(error, error == 0 ? vm.result() : 0, e.result(), e.out());
            }
            case WRITE -> differs(vm.write(e.address(), e.flags(), e.arg()), 0, 0, 0);
            case READ -> {
                int status = vm.read(e.address(), e.flags());
                yield differs(status, status == 0 ? vm.value() : 0, 0, e.arg());
            }
            case EXECUTE -> differs(vm.execute(e.address()), 0, 0, 0);
            case TOUCH -> differs(vm.reference(e.address(), e.flags()), 0, 0, 0);
            case ACCESS_VIOLATION, GUARD_PAGE -> {
                int width = (int) e.out();
                long at = e.arg();
                int status;
                if (width == 0) {
                    status = vm.reference(at, e.flags());
                } else if (e.flags() == ACCESS_WRITE) {
                    status = vm.write(at, width, 0);
                } else if (e.flags() == ACCESS_EXECUTE) {
                    status = vm.execute(at);
                } else {
                    status = vm.read(at, width);
                }
                yield differs(status, 0, e.result(), 0);
            }
            case SECTION -> vm.redoSection(e);
            case MAP -> vm.redoMap(e);
            case UNMAP -> differs(vm.unmapView(e.address()), 0, e.result(), 0);
            case CLOSE_HANDLE -> differs(vm.closeHandle(e.address()), 0, e.result(), 0);
            case LOCK -> differs(vm.lock(e.address(), e.arg()), 0, e.result(), 0);
            case UNLOCK -> differs(vm.unlock(e.address(), e.arg()), 0, e.result(), 0);
            case WORKING_SET -> differs(vm.workingSetSize(e.arg(), e.out()), 0, e.result(), 0);
            case DEMAND_ZERO_FAULT, HARD_FAULT, EVICTION, COPY_ON_WRITE, SOFT_FAULT, TRIM, PAGE_WRITE -> null;
        };
    }

    private static String differs(int result, long out, int wantResult, long wantOut) {
        if (result == wantResult && out == wantOut) {
            return null;
        }
        return "result " + result + (out != wantOut ? " and " + hex(out) + " instead of " + hex(wantOut) : "");
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
