package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;
import static dev.pagelab.engine.PageTable.*;

/**
 * The section calls of one address space (CreateFileMapping, OpenFileMapping, MapViewOfFileEx, UnmapViewOfFile,
 * FlushViewOfFile, CloseHandle) and what VirtualAlloc, VirtualFree and VirtualProtect do on a mapped view. Each
 * returns 0 or a Win32 error, with {@link VirtualMemory#result()} set, and changes nothing when it fails. The rule
 * numbers cited are those of {@code docs/windows-rules.md}, section S.
 */
final class SectionCalls {
    private final VirtualMemory vm;
    private final PhysicalMemory memory;
    private final PageTable table;
    private final Tlb tlb;
    private final Counters counters;
    private final Handles handles = new Handles();
    private final int shift;
    /** The rights of a handle CreateFileMapping returns: SECTION_ALL_ACCESS, which lets a view execute too. */
    static final int ALL_RIGHTS = FILE_MAP_ALL_ACCESS | FILE_MAP_EXECUTE;

    SectionCalls(VirtualMemory vm, PageTable table, Tlb tlb, Counters counters) {
        this.vm = vm;
        this.memory = vm.memory();
        this.table = table;
        this.tlb = tlb;
        this.counters = counters;
        this.shift = vm.layout().pageShift();
    }

    Handles handles() {
        return handles;
    }

    // ---- CreateFileMapping, OpenFileMapping, CloseHandle ----

    /**
     * CreateFileMapping on the page file: 0 with the new handle in the result, ERROR_ALREADY_EXISTS with a handle to
     * the section of that name (a success, as Windows reports it), or an error.
     */
    int create(long file, int protect, long size, String name, int id) {
        if (file != -1) {
            // S-1: files are not simulated; any handle but INVALID_HANDLE_VALUE names no file.
            return vm.fail(ERROR_INVALID_HANDLE, "handle " + file + " is not a file: PageLab has no files, so a section is "
                    + "backed by the page file (hFile INVALID_HANDLE_VALUE, -1)");
        }
        String bad = sectionProtection(protect);
        if (bad != null) {
            return vm.fail(bad.startsWith("not simulated") ? ERROR_NOT_SUPPORTED : ERROR_INVALID_PARAMETER, bad);
        }
        if (size == 0) {
            return vm.fail(ERROR_INVALID_PARAMETER, "a section backed by the page file needs a size; 0 is for file "
                    + "mappings"); // S-3
        }
        if (size < 0) {
            return vm.fail(ERROR_INVALID_PARAMETER, "section size " + Long.toUnsignedString(size) + " is too large");
        }
        name = sessionName(name);
        if (name != null) {
            Section existing = memory.sections().named(name);
            if (existing != null) {
                existing.opened();
                vm.result(handles.add(existing, ALL_RIGHTS));
                return ERROR_ALREADY_EXISTS; // S-4
            }
        }
        if (memory.framesPerSpace() > 0) {
            return vm.fail(ERROR_NOT_SUPPORTED, "sections share frames between spaces, which a machine with "
                    + memory.framesPerSpace() + " frames per space (local replacement) does not do");
        }
        long pages = (size + memory.pageSize() - 1) / memory.pageSize();
        if (pages > Integer.MAX_VALUE - 16 || !memory.budget().room(pages * 8)) {
            return vm.fail(ERROR_NOT_ENOUGH_MEMORY, "a section of " + Hex.size(pages * memory.pageSize())
                    + " needs prototype entries the host's heap cannot hold");
        }
        if (!memory.charge(pages)) {
            return vm.fail(ERROR_COMMITMENT_LIMIT, "a section of " + Hex.size(pages * memory.pageSize())
                    + " would bring the commit charge past the commit limit "
                    + Hex.size(memory.commitLimit() * memory.pageSize())); // S-2: its commit is taken when it is created
        }
        memory.budget().take(pages * 8);
        Section s = memory.sections().create(id, name, protect & 0xFF, (int) pages, memory);
        s.opened();
        vm.result(handles.add(s, ALL_RIGHTS));
        return vm.ok();
    }

    /**
     * A name as the session's namespace holds it: {@code Local\\Foo} and {@code Foo} name the same section (S-5);
     * an empty name is no name.
     */
    static String sessionName(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        return name.regionMatches(true, 0, "Local\\", 0, 6) && name.length() > 6 ? name.substring(6) : name;
    }

    /** Why a CreateFileMapping protection is refused, or null. */
    private static String sectionProtection(int protect) {
        int page = protect & 0xFF;
        int attributes = protect & ~0xFF;
        switch (page) {
            case PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE,
                 PAGE_EXECUTE_WRITECOPY -> { }
            default -> {
                return "section protection " + Flags.protectionName(page) + " is not one of PAGE_READONLY, PAGE_READWRITE, "
                        + "PAGE_WRITECOPY, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY";
            }
        }
        if ((attributes & ~(SEC_COMMIT | SEC_RESERVE | SEC_IMAGE | SEC_NOCACHE | SEC_WRITECOMBINE | SEC_LARGE_PAGES
                | SEC_FILE)) != 0) {
            return "section attributes 0x" + Integer.toHexString(attributes) + " have unknown bits";
        }
        if ((attributes & SEC_COMMIT) != 0 && (attributes & SEC_RESERVE) != 0) {
            return "SEC_COMMIT and SEC_RESERVE exclude each other";
        }
        if ((attributes & (SEC_IMAGE | SEC_FILE)) != 0) {
            return "SEC_IMAGE and SEC_FILE need a file, and a page-file section has none";
        }
        if ((attributes & ~SEC_COMMIT) != 0) {
            // S-1
            return "not simulated: SEC_RESERVE, SEC_NOCACHE, SEC_WRITECOMBINE and SEC_LARGE_PAGES sections; "
                    + "PageLab's sections are SEC_COMMIT";
        }
        return null;
    }

    /** OpenFileMapping: 0 with a handle of {@code access} to the section named {@code name}, or an error. */
    int open(int access, String name) {
        if (name == null || name.isEmpty()) {
            return vm.fail(ERROR_INVALID_PARAMETER, "OpenFileMapping needs the name of a section");
        }
        name = sessionName(name);
        Section s = memory.sections().named(name);
        if (s == null) {
            return vm.fail(ERROR_FILE_NOT_FOUND, "no section is named \"" + name + "\" on this machine"); // S-5
        }
        s.opened();
        // SECTION_MAP_EXECUTE (0x8, part of FILE_MAP_ALL_ACCESS) and FILE_MAP_EXECUTE (0x20) both grant execution.
        vm.result(handles.add(s, (access & (0x8 | FILE_MAP_EXECUTE)) != 0 ? access | 0x8 | FILE_MAP_EXECUTE : access));
        return vm.ok();
    }

    /** CloseHandle: the section dies when this was its last reference (S-6). */
    int close(long handle) {
        Handles.Handle h = handles.get(handle);
        if (h == null) {
            return vm.fail(ERROR_INVALID_HANDLE, "handle " + handle + " is not open in this process");
        }
        handles.remove(handle);
        Section s = h.section();
        s.closed();
        if (s.handleCount() == 0) {
            memory.sections().unname(s);
        }
        release(s);
        return vm.ok();
    }

    /** A section nothing refers to any more dies: its frames, slots and commit charge go back. */
    private void release(Section s) {
        if (s.unreferenced()) {
            s.destroy();
            memory.uncharge(s.pages());
            memory.sections().remove(s);
        }
    }

    // ---- MapViewOfFileEx, UnmapViewOfFile, FlushViewOfFile ----

    /** MapViewOfFileEx through a handle of this process. */
    int map(long handle, int access, long offset, long size, long base) {
        Handles.Handle h = handles.get(handle);
        if (h == null) {
            return vm.fail(ERROR_INVALID_HANDLE, "handle " + handle + " is not open in this process");
        }
        int needed = neededRights(access);
        if ((h.access() & needed) != needed) {
            return vm.fail(ERROR_ACCESS_DENIED, "handle " + handle + " was opened for " + accessName(h.access())
                    + ", not " + accessName(access)); // S-7
        }
        return mapSection(h.section(), access, offset, size, base);
    }

    /** MapViewOfFileEx of {@code s} itself (the DSL, which holds sections without handles, and journal replay). */
    int mapSection(Section s, int access, long offset, long size, long base) {
        long granularity = vm.layout().granularity();
        if (base != 0 && (base & (granularity - 1)) != 0) {
            return vm.fail(ERROR_MAPPED_ALIGNMENT, "view base " + Hex.address(base) + " is not a multiple of the allocation "
                    + "granularity " + Hex.size(granularity)); // S-8
        }
        if ((offset & (granularity - 1)) != 0 || offset < 0) {
            return vm.fail(ERROR_MAPPED_ALIGNMENT, "view offset " + Hex.address(offset) + " is not a multiple of the "
                    + "allocation granularity " + Hex.size(granularity)); // S-8
        }
        int protect = viewProtection(access);
        if (!allows(s.protect(), protect)) {
            return vm.fail(ERROR_ACCESS_DENIED, accessName(access) + " asks for " + Flags.protectionName(protect)
                    + " on a section created " + Flags.protectionName(s.protect())); // S-7
        }
        long sectionBytes = s.size();
        if (offset >= sectionBytes || Long.compareUnsigned(size, sectionBytes - offset) > 0) {
            return vm.fail(ERROR_ACCESS_DENIED, "view of " + (size == 0 ? "the rest" : Long.toUnsignedString(size) + " bytes")
                    + " at offset " + Hex.address(offset) + " runs past the end of the " + Hex.size(sectionBytes)
                    + " section"); // S-9
        }
        long pageMask = vm.layout().pageSize() - 1L;
        long bytes = size == 0 ? sectionBytes - offset : (size + pageMask) & ~pageMask;
        long start;
        if (base == 0) {
            start = vm.lowestHole(bytes);
            if (start < 0) {
                return vm.fail(ERROR_NOT_ENOUGH_MEMORY, "no free block of " + Hex.size(bytes) + " is left for the view");
            }
        } else {
            String outside = Rules.outsideUserRange(vm.layout(), "view", base, bytes);
            Allocation other = outside == null ? vm.overlapping(base, base + bytes) : null;
            if (outside != null || other != null || base + bytes > vm.allocationLimit()) {
                return vm.fail(ERROR_INVALID_ADDRESS, "view " + Hex.range(base, base + bytes) + " is not free: "
                        + (other != null ? "it overlaps " + other : outside != null ? outside : "it runs past the highest "
                        + "allocatable address")); // S-10
            }
            start = base;
        }
        long first = start >>> shift;
        long last = (start + bytes) >>> shift;
        boolean copy = protect == PAGE_WRITECOPY || protect == PAGE_EXECUTE_WRITECOPY;
        long charge = copy ? last - first : 0;
        if (charge > 0 && !memory.charge(charge)) {
            return vm.fail(ERROR_COMMITMENT_LIMIT, "a copy-on-write view of " + Hex.size(bytes) + " charges its whole size "
                    + "to the commit limit, which it would pass"); // S-12
        }
        long tableBytes = table.bytesToCover(first, last);
        if (tableBytes > 0 && !memory.budget().room(tableBytes)) {
            memory.uncharge(charge);
            return vm.fail(ERROR_NOT_ENOUGH_MEMORY, memory.budget().refusal("the page tables of the view"));
        }
        Allocation view = new Allocation(start, bytes, protect, s, offset >>> shift, access);
        view.committedPages = last - first;
        view.privatePages = 0;
        vm.addAllocation(view);
        long entry = COMMITTED | MAPPED | protect | allowedInView(protect);
        long tables = table.tablePages();
        for (long vpn = first; vpn < last; vpn++) {
            table.set(vpn, entry);
        }
        memory.budget().take((table.tablePages() - tables) * table.nodeBytes());
        s.mapped(vm, view);
        vm.result(start);
        return vm.ok();
    }

    /** UnmapViewOfFile at a view's base (S-11). */
    int unmap(long address) {
        Allocation view = vm.allocationAt(address);
        if (view == null || !view.isView() || view.base() != address) {
            return vm.fail(ERROR_INVALID_ADDRESS, "UnmapViewOfFile(" + Hex.address(address) + "): "
                    + (view == null ? "the address is not in a view" : view.isView() ? "the address is inside " + view
                    + ", not at its base" : "the address is VirtualAlloc memory, " + view)); // S-11
        }
        long first = view.base() >>> shift;
        long last = view.end() >>> shift;
        Section s = view.section;
        long locked = 0;
        for (long vpn = first; vpn < last; vpn++) {
            long pte = table.get(vpn);
            if ((pte & LOCKED) != 0) {
                // W5-7: unmapping a view unlocks its pages.
                locked++;
            }
            if ((pte & MAPPED) != 0) {
                if ((pte & PRESENT) != 0) {
                    long page = view.sectionPage + (vpn - first);
                    s.proto(page, s.proto(page) | (pte & DIRTY));
                    counters.residentPages--;
                }
            } else if ((pte & (PRESENT | TRANSITION)) != 0) {
                // A private copy, resident or on a list (Windows working sets).
                memory.release((int) (pte >>> FRAME_SHIFT));
                if ((pte & PRESENT) != 0) {
                    counters.residentPages--;
                }
            } else if ((pte & IN_FILE) != 0) {
                memory.releaseSlot((int) (pte >>> FRAME_SHIFT));
            }
            table.set(vpn, 0);
        }
        if (locked > 0) {
            memory.unlocked(vm, locked);
        }
        tlb.flush(first, last);
        if (view.protect() == PAGE_WRITECOPY || view.protect() == PAGE_EXECUTE_WRITECOPY) {
            memory.uncharge(last - first);
        }
        vm.removeAllocation(view);
        s.unmapped(view);
        release(s);
        vm.result(view.base());
        return vm.ok();
    }

    /** FlushViewOfFile: a page-file section has no file to write, so it only checks the range (S-13). */
    int flush(long address, long size) {
        Allocation view = vm.allocationAt(address & ~(vm.layout().pageSize() - 1L));
        if (view == null || !view.isView()) {
            return vm.fail(ERROR_INVALID_ADDRESS, "FlushViewOfFile(" + Hex.address(address) + "): the address is not in a "
                    + "mapped view"); // S-13
        }
        if (size != 0 && Long.compareUnsigned(size, view.end() - address) > 0) {
            return vm.fail(ERROR_INVALID_PARAMETER, "FlushViewOfFile of " + Long.toUnsignedString(size) + " bytes at "
                    + Hex.address(address) + " runs past the end of " + view);
        }
        return vm.ok();
    }

    // ---- VirtualAlloc(MEM_COMMIT) and VirtualProtect on a view ----

    /**
     * VirtualProtect (or VirtualAlloc MEM_COMMIT, S-14) of pages {@code [first, last)} of {@code view}: the protection
     * must fit the view's access (S-15); on a copy-on-write view a writable protection stays copy-on-write for pages
     * still shared. Returns 0 with the first page's old protection as the result.
     */
    int protect(Allocation view, long first, long last, int newProtect) {
        int base = newProtect & 0xFF;
        if (!fitsView(view.protect(), base)) {
            return vm.fail(ERROR_INVALID_PARAMETER, Flags.protectionName(newProtect) + " does not fit " + view
                    + ", mapped " + Flags.protectionName(view.protect())); // S-15
        }
        int modifiers = newProtect & ~0xFF & ~(PAGE_NOCACHE | PAGE_WRITECOMBINE);
        int old = (int) (table.get(first) & PROT_MASK);
        boolean copyView = view.protect() == PAGE_WRITECOPY || view.protect() == PAGE_EXECUTE_WRITECOPY;
        for (long vpn = first; vpn < last; vpn++) {
            long pte = table.get(vpn);
            boolean shared = (pte & MAPPED) != 0;
            int p = base;
            if (shared && copyView) {
                p = p == PAGE_READWRITE ? PAGE_WRITECOPY : p == PAGE_EXECUTE_READWRITE ? PAGE_EXECUTE_WRITECOPY : p;
            } else if (!shared) {
                // A private copy is written already: copy-on-write has nothing left to copy.
                p = p == PAGE_WRITECOPY ? PAGE_READWRITE : p == PAGE_EXECUTE_WRITECOPY ? PAGE_EXECUTE_READWRITE : p;
            }
            int full = p | modifiers;
            long allow = shared ? allowedInView(full) : Rules.allowed(full);
            table.set(vpn, (pte & ~(PROT_MASK | ALLOW_MASK)) | full | allow);
        }
        tlb.flush(first, last);
        vm.result(old);
        return vm.ok();
    }

    /** Whether base protection {@code p} fits a view mapped with {@code viewProtect} (S-15). */
    static boolean fitsView(int viewProtect, int p) {
        boolean exec = viewProtect == PAGE_EXECUTE_READ || viewProtect == PAGE_EXECUTE_READWRITE
                || viewProtect == PAGE_EXECUTE_WRITECOPY;
        boolean write = viewProtect == PAGE_READWRITE || viewProtect == PAGE_EXECUTE_READWRITE
                || viewProtect == PAGE_WRITECOPY || viewProtect == PAGE_EXECUTE_WRITECOPY;
        return switch (p) {
            case PAGE_NOACCESS, PAGE_READONLY -> viewProtect != PAGE_NOACCESS || p == PAGE_NOACCESS;
            case PAGE_READWRITE, PAGE_WRITECOPY -> write;
            case PAGE_EXECUTE, PAGE_EXECUTE_READ -> exec;
            case PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY -> exec && write;
            default -> false;
        };
    }

    // ---- rights and protections ----

    /** The protection a view mapped with FILE_MAP_* {@code access} gets: write wins over copy, copy over read. */
    static int viewProtection(int access) {
        boolean exec = (access & FILE_MAP_EXECUTE) != 0;
        if ((access & FILE_MAP_WRITE) != 0) {
            return exec ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
        }
        if ((access & FILE_MAP_COPY) != 0) {
            return exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
        }
        if ((access & FILE_MAP_READ) != 0) {
            return exec ? PAGE_EXECUTE_READ : PAGE_READONLY;
        }
        return exec ? PAGE_EXECUTE : PAGE_NOACCESS;
    }

    /**
     * The handle rights a view of {@code access} needs: FILE_MAP_WRITE for a writable view, FILE_MAP_READ for any other
     * (a copy-on-write view reads the section), and FILE_MAP_EXECUTE to execute (S-7).
     */
    private static int neededRights(int access) {
        int p = viewProtection(access);
        int needed = p == PAGE_READWRITE || p == PAGE_EXECUTE_READWRITE ? FILE_MAP_WRITE : FILE_MAP_READ;
        if ((access & FILE_MAP_EXECUTE) != 0) {
            needed |= FILE_MAP_EXECUTE;
        }
        return needed;
    }

    /** Whether a section created {@code sectionProtect} lets a view have {@code viewProtect} (S-7). */
    static boolean allows(int sectionProtect, int viewProtect) {
        boolean sectionWrites = sectionProtect == PAGE_READWRITE || sectionProtect == PAGE_EXECUTE_READWRITE;
        boolean sectionExecutes = sectionProtect == PAGE_EXECUTE_READ || sectionProtect == PAGE_EXECUTE_READWRITE
                || sectionProtect == PAGE_EXECUTE_WRITECOPY;
        return switch (viewProtect) {
            case PAGE_READWRITE -> sectionWrites;
            case PAGE_EXECUTE_READWRITE -> sectionWrites && sectionExecutes;
            case PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_EXECUTE_WRITECOPY -> sectionExecutes;
            default -> true;
        };
    }

    /** The access a view page with {@code protect} allows: a copy-on-write page is not writable until copied. */
    static long allowedInView(int protect) {
        return switch (protect & 0xFF) {
            case PAGE_WRITECOPY -> ALLOW_READ;
            case PAGE_EXECUTE_WRITECOPY -> ALLOW_READ | ALLOW_EXECUTE;
            default -> Rules.allowed(protect);
        };
    }

    static String accessName(int access) {
        if (access == FILE_MAP_ALL_ACCESS) {
            return "FILE_MAP_ALL_ACCESS";
        }
        StringBuilder sb = new StringBuilder();
        String[] names = {"FILE_MAP_READ", "FILE_MAP_WRITE", "FILE_MAP_COPY", "FILE_MAP_EXECUTE"};
        int[] bits = {FILE_MAP_READ, FILE_MAP_WRITE, FILE_MAP_COPY, FILE_MAP_EXECUTE};
        for (int i = 0; i < bits.length; i++) {
            if ((access & bits[i]) != 0) {
                sb.append(sb.length() > 0 ? "|" : "").append(names[i]);
            }
        }
        return sb.length() == 0 ? "access 0x" + Integer.toHexString(access) : sb.toString();
    }
}
