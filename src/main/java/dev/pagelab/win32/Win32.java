package dev.pagelab.win32;

import dev.pagelab.AddressSpace;
import dev.pagelab.PageLab;
import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;

/**
 * The VirtualAlloc family with Win32 names, values and return conventions, on the "current process" address
 * space, made for {@code import static dev.pagelab.win32.Win32.*} so that C code runs nearly verbatim:
 *
 * <pre>{@code
 * long p = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
 * write(p, 4, 42);
 * VirtualFree(p, 0, MEM_RELEASE);
 * }</pre>
 *
 * Failed calls return NULL or false and set {@link #GetLastError()}; bad accesses throw {@link MemoryFault}, as
 * the C program would crash. The process is {@link #process()}, a fresh default space until {@link #attach}.
 */
public final class Win32 {
    private Win32() {}

    public static final long NULL = 0L;
    public static final boolean TRUE = true;
    public static final boolean FALSE = false;

    public static final int MEM_COMMIT = Flags.MEM_COMMIT;
    public static final int MEM_RESERVE = Flags.MEM_RESERVE;
    public static final int MEM_DECOMMIT = Flags.MEM_DECOMMIT;
    public static final int MEM_RELEASE = Flags.MEM_RELEASE;
    public static final int MEM_FREE = Flags.MEM_FREE;
    public static final int MEM_PRIVATE = Flags.MEM_PRIVATE;
    public static final int MEM_MAPPED = Flags.MEM_MAPPED;
    public static final int MEM_IMAGE = Flags.MEM_IMAGE;
    public static final int MEM_RESET = Flags.MEM_RESET;
    public static final int MEM_RESET_UNDO = Flags.MEM_RESET_UNDO;
    public static final int MEM_TOP_DOWN = Flags.MEM_TOP_DOWN;
    public static final int MEM_WRITE_WATCH = Flags.MEM_WRITE_WATCH;
    public static final int MEM_PHYSICAL = Flags.MEM_PHYSICAL;
    public static final int MEM_LARGE_PAGES = Flags.MEM_LARGE_PAGES;
    public static final int AT_ROUND_TO_PAGE = Flags.AT_ROUND_TO_PAGE;

    public static final int PAGE_NOACCESS = Flags.PAGE_NOACCESS;
    public static final int PAGE_READONLY = Flags.PAGE_READONLY;
    public static final int PAGE_READWRITE = Flags.PAGE_READWRITE;
    public static final int PAGE_WRITECOPY = Flags.PAGE_WRITECOPY;
    public static final int PAGE_EXECUTE = Flags.PAGE_EXECUTE;
    public static final int PAGE_EXECUTE_READ = Flags.PAGE_EXECUTE_READ;
    public static final int PAGE_EXECUTE_READWRITE = Flags.PAGE_EXECUTE_READWRITE;
    public static final int PAGE_EXECUTE_WRITECOPY = Flags.PAGE_EXECUTE_WRITECOPY;
    public static final int PAGE_GUARD = Flags.PAGE_GUARD;
    public static final int PAGE_NOCACHE = Flags.PAGE_NOCACHE;
    public static final int PAGE_WRITECOMBINE = Flags.PAGE_WRITECOMBINE;

    public static final int ERROR_SUCCESS = Flags.ERROR_SUCCESS;
    public static final int ERROR_ACCESS_DENIED = Flags.ERROR_ACCESS_DENIED;
    public static final int ERROR_NOT_ENOUGH_MEMORY = Flags.ERROR_NOT_ENOUGH_MEMORY;
    public static final int ERROR_BAD_LENGTH = Flags.ERROR_BAD_LENGTH;
    public static final int ERROR_INVALID_PARAMETER = Flags.ERROR_INVALID_PARAMETER;
    public static final int ERROR_INVALID_ADDRESS = Flags.ERROR_INVALID_ADDRESS;
    public static final int ERROR_NOACCESS = Flags.ERROR_NOACCESS;
    public static final int ERROR_PRIVILEGE_NOT_HELD = Flags.ERROR_PRIVILEGE_NOT_HELD;
    public static final int ERROR_COMMITMENT_LIMIT = Flags.ERROR_COMMITMENT_LIMIT;

    public static final int STATUS_ACCESS_VIOLATION = Flags.STATUS_ACCESS_VIOLATION;
    public static final int STATUS_GUARD_PAGE_VIOLATION = Flags.STATUS_GUARD_PAGE_VIOLATION;
    public static final int EXCEPTION_READ_FAULT = Flags.ACCESS_READ;
    public static final int EXCEPTION_WRITE_FAULT = Flags.ACCESS_WRITE;
    public static final int EXCEPTION_EXECUTE_FAULT = Flags.ACCESS_EXECUTE;

    private static volatile AddressSpace process;
    /** GetLastError's code, one per thread as on Windows. */
    private static final ThreadLocal<int[]> LAST_ERROR = ThreadLocal.withInitial(() -> new int[1]);

    /** The current process's address space (a fresh default space until {@link #attach} names another). */
    public static synchronized AddressSpace process() {
        if (process == null) {
            process = PageLab.space();
        }
        return process;
    }

    /** Makes {@code space} the current process, so the calls here and the DSL work on the same memory; returns it. */
    public static synchronized AddressSpace attach(AddressSpace space) {
        if (space == null) {
            throw new IllegalArgumentException("attach needs an address space, not null");
        }
        process = space;
        LAST_ERROR.get()[0] = 0;
        return space;
    }

    /** Starts a fresh current process (a new default space) and returns it. */
    public static synchronized AddressSpace reset() {
        process = PageLab.space();
        LAST_ERROR.get()[0] = 0;
        return process;
    }

    private static VirtualMemory vm() {
        return SpaceAccess.engine(process());
    }

    /**
     * The lock of the current process's computer memory, the one the DSL takes on the same space: each call here
     * holds it from its first step to its result, so threads may call these functions at once.
     */
    private static Object lock() {
        return vm().memory();
    }

    /** Reserves, commits or changes pages; returns the base address, or NULL with the reason in GetLastError. */
    public static long VirtualAlloc(long lpAddress, long dwSize, int flAllocationType, int flProtect) {
        synchronized (lock()) {
            VirtualMemory vm = vm();
            int error = vm.allocate(lpAddress, dwSize, flAllocationType, flProtect);
            return error == 0 ? vm.result() : failed(error, NULL);
        }
    }

    /** Decommits (MEM_DECOMMIT) or releases (MEM_RELEASE, size 0) pages; false with GetLastError on failure. */
    public static boolean VirtualFree(long lpAddress, long dwSize, int dwFreeType) {
        synchronized (lock()) {
            int error = vm().free(lpAddress, dwSize, dwFreeType);
            return error == 0 || failed(error, false);
        }
    }

    /**
     * Changes the protection of committed pages; the first page's old protection goes to
     * {@code lpflOldProtect[0]}, which must not be null (ERROR_NOACCESS, as Windows).
     */
    public static boolean VirtualProtect(long lpAddress, long dwSize, int flNewProtect, int[] lpflOldProtect) {
        synchronized (lock()) {
            VirtualMemory vm = vm();
            if (lpflOldProtect == null || lpflOldProtect.length == 0) {
                // NT checks the new protection before it probes the out-pointer.
                return failed(vm.acceptsProtection(flNewProtect) ? ERROR_NOACCESS : ERROR_INVALID_PARAMETER, false);
            }
            int error = vm.protect(lpAddress, dwSize, flNewProtect);
            if (error != 0) {
                return failed(error, false);
            }
            lpflOldProtect[0] = (int) vm.result();
            return true;
        }
    }

    /** Describes the pages from {@code lpAddress} on; returns the bytes written (48) or 0 with GetLastError. */
    public static long VirtualQuery(long lpAddress, MEMORY_BASIC_INFORMATION lpBuffer, long dwLength) {
        synchronized (lock()) {
            if (lpBuffer == null) {
                return failed(ERROR_NOACCESS, 0L);
            }
            if (dwLength < MEMORY_BASIC_INFORMATION.SIZE) {
                return failed(ERROR_BAD_LENGTH, 0L);
            }
            VirtualMemory vm = vm();
            MemoryRegion r = vm.query(lpAddress);
            if (r == null) {
                return failed(vm.lastError(), 0L);
            }
            lpBuffer.BaseAddress = r.baseAddress();
            lpBuffer.AllocationBase = r.allocationBase();
            lpBuffer.AllocationProtect = r.allocationProtect();
            lpBuffer.PartitionId = 0;
            lpBuffer.RegionSize = r.regionSize();
            lpBuffer.State = r.state();
            lpBuffer.Protect = r.protect();
            lpBuffer.Type = r.type();
            return MEMORY_BASIC_INFORMATION.SIZE;
        }
    }

    private static <T> T failed(int error, T result) {
        LAST_ERROR.get()[0] = error;
        return result;
    }

    /**
     * The error code of this thread's last failed call; as on Windows, a call that succeeds leaves it as it was,
     * and each thread has its own.
     */
    public static int GetLastError() {
        return LAST_ERROR.get()[0];
    }

    /** Sets this thread's last error, as SetLastError. */
    public static void SetLastError(int code) {
        LAST_ERROR.get()[0] = code;
    }

    // ---- Working sets and VirtualLock (docs/windows-rules.md W4) ----

    public static final int ERROR_INVALID_HANDLE = Flags.ERROR_INVALID_HANDLE;
    public static final int ERROR_NOT_LOCKED = Flags.ERROR_NOT_LOCKED;
    public static final int ERROR_WORKING_SET_QUOTA = Flags.ERROR_WORKING_SET_QUOTA;
    /** The pseudo-handle of the current process, what {@link #GetCurrentProcess()} returns. */
    public static final long CURRENT_PROCESS = -1L;

    /** The current process's pseudo-handle, -1; it stands for whichever process is attached when it is used. */
    public static long GetCurrentProcess() {
        return CURRENT_PROCESS;
    }

    /**
     * Locks the pages holding {@code [lpAddress, lpAddress + dwSize)} into memory, bringing them in: they are never
     * trimmed nor evicted. Every page must be committed and accessible (ERROR_NOACCESS); the locked pages are bounded
     * by the working-set minimum (ERROR_WORKING_SET_QUOTA).
     */
    public static boolean VirtualLock(long lpAddress, long dwSize) {
        synchronized (lock()) {
            int error = vm().lock(lpAddress, dwSize);
            return error == 0 || failed(error, false);
        }
    }

    /** Unlocks the pages of a range, every one of which must be locked (ERROR_NOT_LOCKED otherwise). */
    public static boolean VirtualUnlock(long lpAddress, long dwSize) {
        synchronized (lock()) {
            int error = vm().unlock(lpAddress, dwSize);
            return error == 0 || failed(error, false);
        }
    }

    /**
     * Sets the current process's working-set minimum and maximum, in bytes; (SIZE_T)-1 for both empties the working
     * set instead. {@code hProcess} must be {@link #GetCurrentProcess()} (ERROR_INVALID_HANDLE).
     */
    public static boolean SetProcessWorkingSetSize(long hProcess, long dwMinimumWorkingSetSize,
                                                   long dwMaximumWorkingSetSize) {
        synchronized (lock()) {
            if (hProcess != CURRENT_PROCESS) {
                return failed(ERROR_INVALID_HANDLE, false);
            }
            int error = vm().workingSetSize(dwMinimumWorkingSetSize, dwMaximumWorkingSetSize);
            return error == 0 || failed(error, false);
        }
    }

    /**
     * The current process's working-set minimum and maximum, in bytes, into {@code lpMinimumWorkingSetSize[0]} and
     * {@code lpMaximumWorkingSetSize[0]}, which must not be null (ERROR_NOACCESS).
     */
    public static boolean GetProcessWorkingSetSize(long hProcess, long[] lpMinimumWorkingSetSize,
                                                   long[] lpMaximumWorkingSetSize) {
        synchronized (lock()) {
            if (hProcess != CURRENT_PROCESS) {
                return failed(ERROR_INVALID_HANDLE, false);
            }
            if (lpMinimumWorkingSetSize == null || lpMinimumWorkingSetSize.length == 0
                    || lpMaximumWorkingSetSize == null || lpMaximumWorkingSetSize.length == 0) {
                return failed(ERROR_NOACCESS, false);
            }
            VirtualMemory vm = vm();
            long pageSize = vm.layout().pageSize();
            lpMinimumWorkingSetSize[0] = vm.workingSetMinimum() * pageSize;
            lpMaximumWorkingSetSize[0] = vm.workingSetMaximum() * pageSize;
            return true;
        }
    }

    /**
     * Removes every page that is not locked from the current process's working set (K32EmptyWorkingSet): with Windows
     * working sets to the standby or modified list, else out to the page file.
     */
    public static boolean EmptyWorkingSet(long hProcess) {
        return SetProcessWorkingSetSize(hProcess, -1L, -1L);
    }

    /** The memory geometry of the current process's machine. */
    public static void GetSystemInfo(SYSTEM_INFO info) {
        synchronized (lock()) {
            Layout layout = vm().layout();
            info.dwPageSize = layout.pageSize();
            info.dwAllocationGranularity = (int) layout.granularity();
            info.lpMinimumApplicationAddress = layout.minAddress();
            info.lpMaximumApplicationAddress = layout.maxAddress() - 1;
            info.dwNumberOfProcessors = 1;
        }
    }

    /** The large-page size, 2 MiB on x64 (allocating large pages needs a privilege this process lacks). */
    public static long GetLargePageMinimum() {
        return 2L << 20;
    }

    /** Reads {@code width} bytes (1, 2, 4 or 8), little-endian, zero-extended; throws {@link MemoryFault} on a bad access. */
    public static long read(long address, int width) {
        synchronized (lock()) {
            VirtualMemory vm = vm();
            int status = vm.read(address, width);
            if (status != 0) {
                throw fault(vm, status);
            }
            return vm.value();
        }
    }

    /** Writes the low {@code width} bytes of {@code value}, little-endian; throws {@link MemoryFault} on a bad access (no byte is written). */
    public static void write(long address, int width, long value) {
        synchronized (lock()) {
            VirtualMemory vm = vm();
            int status = vm.write(address, width, value);
            if (status != 0) {
                throw fault(vm, status);
            }
        }
    }

    /** Fetches an instruction at {@code address}; throws {@link MemoryFault} unless the page is executable. */
    public static void execute(long address) {
        synchronized (lock()) {
            VirtualMemory vm = vm();
            int status = vm.execute(address);
            if (status != 0) {
                throw fault(vm, status);
            }
        }
    }

    private static MemoryFault fault(VirtualMemory vm, int status) {
        String detail = status == STATUS_GUARD_PAGE_VIOLATION ? "the guard is now cleared; retry to proceed" : "";
        return new MemoryFault(status, vm.faultAccess(), vm.faultAddress(), detail);
    }
}
