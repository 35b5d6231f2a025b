package dev.pagelab.engine;

/**
 * What a journal event records. Column meanings: {@code address}; {@code arg} (size or value);
 * {@code flags}; {@code result}; {@code out}; {@code protect} (0 but for ALLOCATE).
 */
public enum JournalKind {
    /**
     * VirtualAlloc: address, size, flags = allocation type, protect = the protection asked for, result = error
     * code, out = returned base.
     */
    ALLOCATE(true),
    /** VirtualFree: address, size, flags = free type, result = error code. */
    FREE(true),
    /** VirtualProtect: address, size, flags = new protection, result = error code, out = old protection. */
    PROTECT(true),
    /** A value written through the API: address, arg = value, flags = width in bytes. */
    WRITE(false),
    /** A read through the API (only when reads are recorded): address, arg = value read, flags = width. */
    READ(false),
    /** An instruction fetch through the API (only when reads are recorded): address. */
    EXECUTE(false),
    /** A recorded touch of a page through the API (only when reads are recorded): address, flags = access type. */
    TOUCH(false),
    /** First touch of a committed page: a zero-filled frame; address = page, result = frame. */
    DEMAND_ZERO_FAULT(false),
    /** Touch of an evicted page: read back from the page file; address = page, result = frame. */
    HARD_FAULT(false),
    /**
     * STATUS_ACCESS_VIOLATION: address = faulting address, flags = access type, arg = the address the access asked
     * for (it differs when an access straddles into a bad page), out = the access's width in bytes (1, 2, 4 or 8;
     * 0 for a touch).
     */
    ACCESS_VIOLATION(false),
    /** STATUS_GUARD_PAGE_VIOLATION: columns as for ACCESS_VIOLATION. */
    GUARD_PAGE(false),
    /** A page left its frame: address = page, result = frame, flags = 1 if written to the page file. */
    EVICTION(false),
    /**
     * CreateFileMapping or OpenFileMapping (or a section the DSL maps): arg = section size in bytes, flags = its
     * protection, result = error code (ERROR_ALREADY_EXISTS when a name opened a section), out = the handle (0 for
     * none), protect = the section's id, address = 0 for a section made, 1 | rights << 1 for one opened by name with
     * the FILE_MAP_* rights of its handle.
     */
    SECTION(true),
    /**
     * MapViewOfFileEx: address = the base asked for (the view's base when it succeeded), arg = the size asked for (the
     * view's size when it succeeded), flags = FILE_MAP_* access, result = error code, out = the offset in the section,
     * protect = the handle, or minus the section's id for a view mapped without a handle (the DSL).
     */
    MAP(true),
    /** UnmapViewOfFile: address, result = error code. */
    UNMAP(true),
    /** CloseHandle: address = the handle, result = error code. */
    CLOSE_HANDLE(true),
    /**
     * The first write to a copy-on-write page gave the space a private copy: address = page, arg = the section's id,
     * flags = the shared frame copied from (-1 when it was not resident), result = the private frame.
     */
    COPY_ON_WRITE(false),
    /**
     * Windows working sets: a touch of a page still on the standby or modified list, which returns to the working
     * set without a page-file read; address = page, result = frame, flags = 1 for a write.
     */
    SOFT_FAULT(false),
    /**
     * Windows working sets: a page left its working set for the standby list (flags 0) or the modified list
     * (flags 1); its frame keeps it until repurposed; address = page, result = frame.
     */
    TRIM(false),
    /** The modified-page writer wrote a page to the page file; it moves to the standby list. address = page, result = frame. */
    PAGE_WRITE(false),
    /** VirtualLock: address, size, result = error code. */
    LOCK(true),
    /** VirtualUnlock: address, size, result = error code. */
    UNLOCK(true),
    /**
     * SetProcessWorkingSetSize: arg = minimum, out = maximum, both in bytes ((SIZE_T)-1 for both: empty the working
     * set, as EmptyWorkingSet), result = error code.
     */
    WORKING_SET(true);

    static final JournalKind[] VALUES = values();

    private final boolean operation;

    JournalKind(boolean operation) {
        this.operation = operation;
    }

    /** Whether this is an API operation (allocate, free, protect) rather than an access or a fault. */
    public boolean isOperation() {
        return operation;
    }

    /** Whether this is a fault of any kind. */
    public boolean isFault() {
        return this == DEMAND_ZERO_FAULT || this == HARD_FAULT || this == SOFT_FAULT || this == ACCESS_VIOLATION
                || this == GUARD_PAGE || this == COPY_ON_WRITE;
    }
}
