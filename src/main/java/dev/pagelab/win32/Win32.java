package dev.pagelab.win32;

import dev.pagelab.AddressSpace;
import dev.pagelab.PageLab;
import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Layout;
import dev.pagelab.engine.MemoryRegion;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;
import dev.pagelab.heap.HeapFault;
import dev.pagelab.heap.ProcessHeaps;

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

    // Sections (docs/windows-rules.md, section S).
    public static final long INVALID_HANDLE_VALUE = -1L;
    public static final int ERROR_FILE_NOT_FOUND = Flags.ERROR_FILE_NOT_FOUND;
    public static final int ERROR_INVALID_HANDLE = Flags.ERROR_INVALID_HANDLE;
    public static final int ERROR_NOT_SUPPORTED = Flags.ERROR_NOT_SUPPORTED;
    public static final int ERROR_ALREADY_EXISTS = Flags.ERROR_ALREADY_EXISTS;
    public static final int ERROR_MAPPED_ALIGNMENT = Flags.ERROR_MAPPED_ALIGNMENT;
    public static final int SEC_FILE = Flags.SEC_FILE;
    public static final int SEC_IMAGE = Flags.SEC_IMAGE;
    public static final int SEC_RESERVE = Flags.SEC_RESERVE;
    public static final int SEC_COMMIT = Flags.SEC_COMMIT;
    public static final int SEC_NOCACHE = Flags.SEC_NOCACHE;
    public static final int SEC_WRITECOMBINE = Flags.SEC_WRITECOMBINE;
    public static final int SEC_LARGE_PAGES = Flags.SEC_LARGE_PAGES;
    public static final int FILE_MAP_COPY = Flags.FILE_MAP_COPY;
    public static final int FILE_MAP_WRITE = Flags.FILE_MAP_WRITE;
    public static final int FILE_MAP_READ = Flags.FILE_MAP_READ;
    public static final int FILE_MAP_EXECUTE = Flags.FILE_MAP_EXECUTE;
    public static final int FILE_MAP_ALL_ACCESS = Flags.FILE_MAP_ALL_ACCESS;

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

    // ---- the VirtualAlloc family (docs/windows-rules.md) ----

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

    // ---- sections (docs/windows-rules.md, section S) ----

    /**
     * Creates a section backed by the page file ({@code hFile} must be {@link #INVALID_HANDLE_VALUE}: files are not
     * simulated) of {@code dwMaximumSizeHigh:dwMaximumSizeLow} bytes, named {@code lpName} on this computer or null.
     * Returns a handle of the current process; for a name that exists, a handle to that section with GetLastError
     * ERROR_ALREADY_EXISTS; else NULL with GetLastError. {@code lpAttributes} is ignored.
     */
    public static long CreateFileMapping(long hFile, long lpAttributes, int flProtect, int dwMaximumSizeHigh,
                                         int dwMaximumSizeLow, String lpName) {
        synchronized (lock()) {
            VirtualMemory vm = vm();
            int error = vm.createSection(hFile, flProtect, join(dwMaximumSizeHigh, dwMaximumSizeLow), lpName);
            if (error != 0 && error != ERROR_ALREADY_EXISTS) {
                return failed(error, NULL);
            }
            SetLastError(error); // S-4: 0 for a new section, ERROR_ALREADY_EXISTS for an existing one
            return vm.result();
        }
    }

    /** Opens the section named {@code lpName} on this computer; NULL with ERROR_FILE_NOT_FOUND when there is none. */
    public static long OpenFileMapping(int dwDesiredAccess, boolean bInheritHandle, String lpName) {
        synchronized (lock()) {
            VirtualMemory vm = vm();
            int error = vm.openSection(dwDesiredAccess, lpName);
            return error == 0 ? vm.result() : failed(error, NULL);
        }
    }

    /** Maps a view of a section anywhere; the view's base, or NULL with GetLastError. */
    public static long MapViewOfFile(long hFileMappingObject, int dwDesiredAccess, int dwFileOffsetHigh,
                                     int dwFileOffsetLow, long dwNumberOfBytesToMap) {
        return MapViewOfFileEx(hFileMappingObject, dwDesiredAccess, dwFileOffsetHigh, dwFileOffsetLow,
                dwNumberOfBytesToMap, NULL);
    }

    /**
     * Maps a view of a section at {@code lpBaseAddress} (NULL: anywhere); the offset must be a multiple of the 64 KiB
     * allocation granularity and a size of 0 maps to the end of the section. The view's base, or NULL with GetLastError.
     */
    public static long MapViewOfFileEx(long hFileMappingObject, int dwDesiredAccess, int dwFileOffsetHigh,
                                       int dwFileOffsetLow, long dwNumberOfBytesToMap, long lpBaseAddress) {
        synchronized (lock()) {
            VirtualMemory vm = vm();
            int error = vm.mapView(hFileMappingObject, dwDesiredAccess, join(dwFileOffsetHigh, dwFileOffsetLow),
                    dwNumberOfBytesToMap, lpBaseAddress);
            return error == 0 ? vm.result() : failed(error, NULL);
        }
    }

    /** Unmaps the view whose base is {@code lpBaseAddress}; false with ERROR_INVALID_ADDRESS for any other address. */
    public static boolean UnmapViewOfFile(long lpBaseAddress) {
        synchronized (lock()) {
            int error = vm().unmapView(lpBaseAddress);
            return error == 0 || failed(error, false);
        }
    }

    /** Writes a view's dirty pages to its file: a page-file section has none, so this checks the range and succeeds. */
    public static boolean FlushViewOfFile(long lpBaseAddress, long dwNumberOfBytesToFlush) {
        synchronized (lock()) {
            int error = vm().flushView(lpBaseAddress, dwNumberOfBytesToFlush);
            return error == 0 || failed(error, false);
        }
    }

    /**
     * Closes a section handle of the current process; false with ERROR_INVALID_HANDLE for one it does not hold. The
     * pseudo-handles of the current process (-1) and thread (-2) need no closing: closing them does nothing and succeeds.
     */
    public static boolean CloseHandle(long hObject) {
        if (hObject == -1 || hObject == -2) {
            return true; // S-6
        }
        synchronized (lock()) {
            int error = vm().closeHandle(hObject);
            return error == 0 || failed(error, false);
        }
    }

    private static long join(int high, int low) {
        return ((long) high << 32) | (low & 0xFFFF_FFFFL);
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

    // ---- heaps and malloc (docs/windows-rules.md, section H) ----

    public static final int HEAP_NO_SERIALIZE = ProcessHeaps.HEAP_NO_SERIALIZE;
    public static final int HEAP_GENERATE_EXCEPTIONS = ProcessHeaps.HEAP_GENERATE_EXCEPTIONS;
    public static final int HEAP_ZERO_MEMORY = ProcessHeaps.HEAP_ZERO_MEMORY;
    public static final int HEAP_REALLOC_IN_PLACE_ONLY = ProcessHeaps.HEAP_REALLOC_IN_PLACE_ONLY;
    public static final int HEAP_CREATE_ENABLE_EXECUTE = ProcessHeaps.HEAP_CREATE_ENABLE_EXECUTE;
    public static final int STATUS_NO_MEMORY = ProcessHeaps.STATUS_NO_MEMORY;

    private static ProcessHeaps heaps() {
        return ProcessHeaps.of(vm());
    }

    /** The current process's default heap, made (growable) on first use; NULL with GetLastError if it cannot be. */
    public static long GetProcessHeap() {
        synchronized (lock()) {
            ProcessHeaps heaps = heaps();
            long h = inHeap(heaps::processHeap);
            return h != 0 ? h : failed(heaps.error(), NULL);
        }
    }

    /**
     * Creates a private heap: growable when {@code dwMaximumSize} is 0, else fixed at that size (reserved at once);
     * {@code dwInitialSize} is committed (at least one page). NULL with GetLastError on failure (rules H-1 to H-4).
     */
    public static long HeapCreate(int flOptions, long dwInitialSize, long dwMaximumSize) {
        synchronized (lock()) {
            ProcessHeaps heaps = heaps();
            long h = inHeap(() -> heaps.create(flOptions, dwInitialSize, dwMaximumSize));
            return h != 0 ? h : failed(heaps.error(), NULL);
        }
    }

    /**
     * Allocates {@code dwBytes} from a heap, 16-byte aligned; HEAP_ZERO_MEMORY clears them. On failure NULL and, as
     * documented, no last error; with HEAP_GENERATE_EXCEPTIONS (here or at HeapCreate) a {@link HeapException}
     * (STATUS_NO_MEMORY) instead (rules H-5 to H-8).
     */
    public static long HeapAlloc(long hHeap, int dwFlags, long dwBytes) {
        synchronized (lock()) {
            ProcessHeaps heaps = heaps();
            long p = inHeap(() -> heaps.alloc(hHeap, dwFlags, dwBytes));
            return p != 0 ? p : heapFailed(heaps, hHeap, dwFlags);
        }
    }

    /**
     * Resizes a block, moving it (contents kept) unless HEAP_REALLOC_IN_PLACE_ONLY; HEAP_ZERO_MEMORY clears the
     * bytes added. On failure NULL, the block unchanged, no last error, or {@link HeapException} (rules H-11, H-12).
     */
    public static long HeapReAlloc(long hHeap, int dwFlags, long lpMem, long dwBytes) {
        synchronized (lock()) {
            ProcessHeaps heaps = heaps();
            long p = inHeap(() -> heaps.realloc(hHeap, dwFlags, lpMem, dwBytes));
            return p != 0 ? p : heapFailed(heaps, hHeap, dwFlags);
        }
    }

    /** The bytes asked for the block at {@code lpMem}, or (SIZE_T)-1, i.e. -1, with no last error (rule H-14). */
    public static long HeapSize(long hHeap, int dwFlags, long lpMem) {
        synchronized (lock()) {
            return heaps().size(hHeap, lpMem);
        }
    }

    /**
     * Frees a block; NULL frees nothing and succeeds. FALSE with 87 for a pointer that is no live block of the heap,
     * 6 for a handle that is no heap (rule H-10).
     */
    public static boolean HeapFree(long hHeap, int dwFlags, long lpMem) {
        synchronized (lock()) {
            ProcessHeaps heaps = heaps();
            return inHeap(() -> heaps.free(hHeap, lpMem) ? 1 : 0) == 1 || failed(heaps.error(), false);
        }
    }

    /** Releases every reservation of a private heap; FALSE with 6 for the process heap or no heap (rule H-13). */
    public static boolean HeapDestroy(long hHeap) {
        synchronized (lock()) {
            ProcessHeaps heaps = heaps();
            return inHeap(() -> heaps.destroy(hHeap) ? 1 : 0) == 1 || failed(heaps.error(), false);
        }
    }

    /** The C runtime's malloc on the process heap: malloc(0) gives a unique pointer (one byte), NULL on failure (H-15). */
    public static long malloc(long size) {
        synchronized (lock()) {
            if (Long.compareUnsigned(size, HEAP_MAXREQ) > 0) {
                return NULL;
            }
            long heap = GetProcessHeap();
            return heap == NULL ? NULL : HeapAlloc(heap, 0, size == 0 ? 1 : size);
        }
    }

    /** calloc: {@code count * size} zeroed bytes; NULL when the product overflows or memory runs out (H-15). */
    public static long calloc(long count, long size) {
        synchronized (lock()) {
            if (count != 0 && Long.compareUnsigned(size, Long.divideUnsigned(HEAP_MAXREQ, count)) > 0) {
                return NULL;
            }
            long bytes = count * size;
            long heap = GetProcessHeap();
            return heap == NULL ? NULL : HeapAlloc(heap, HEAP_ZERO_MEMORY, bytes == 0 ? 1 : bytes);
        }
    }

    /**
     * realloc as the Universal CRT: realloc(NULL, n) is malloc(n); realloc(p, 0) frees p and returns NULL; on failure
     * NULL with p untouched (H-15).
     */
    public static long realloc(long p, long size) {
        synchronized (lock()) {
            if (p == NULL) {
                return malloc(size);
            }
            if (size == 0) {
                free(p);
                return NULL;
            }
            if (Long.compareUnsigned(size, HEAP_MAXREQ) > 0) {
                return NULL;
            }
            long heap = GetProcessHeap();
            return heap == NULL ? NULL : HeapReAlloc(heap, 0, p, size);
        }
    }

    /** free: gives a malloc'd block back to the process heap; free(NULL) does nothing (H-15). */
    public static void free(long p) {
        synchronized (lock()) {
            if (p != NULL) {
                long heap = GetProcessHeap();
                if (heap != NULL) {
                    HeapFree(heap, 0, p);
                }
            }
        }
    }

    /** The largest request the C runtime passes on to the heap (_HEAP_MAXREQ on 64-bit). */
    private static final long HEAP_MAXREQ = 0xFFFF_FFFF_FFFF_FFE0L;

    private static long heapFailed(ProcessHeaps heaps, long hHeap, int dwFlags) {
        boolean raise = ((dwFlags | heaps.options(hHeap)) & HEAP_GENERATE_EXCEPTIONS) != 0;
        if (raise && heaps.error() == ERROR_NOT_ENOUGH_MEMORY) {
            throw new HeapException(STATUS_NO_MEMORY, heaps.message());
        }
        return NULL;
    }

    /** Runs a heap call, turning a fault in the heap's own memory into the {@link MemoryFault} Windows would raise. */
    private static long inHeap(java.util.function.LongSupplier call) {
        try {
            return call.getAsLong();
        } catch (HeapFault f) {
            throw fault(vm(), f.status());
        }
    }

    private static MemoryFault fault(VirtualMemory vm, int status) {
        String detail = status == STATUS_GUARD_PAGE_VIOLATION ? "the guard is now cleared; retry to proceed" : "";
        return new MemoryFault(status, vm.faultAccess(), vm.faultAddress(), detail);
    }
}
