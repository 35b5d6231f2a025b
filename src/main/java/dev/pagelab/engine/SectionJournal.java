package dev.pagelab.engine;

import static dev.pagelab.engine.Flags.*;

/**
 * The section and view calls of one space as the space makes them (docs/windows-rules.md, section S): each is made by
 * its {@link SectionCalls}, moves the clock and is journaled; and a journaled SECTION or MAP event is made again
 * (journal replay, a history).
 */
final class SectionJournal {
    private final VirtualMemory vm;
    private final SectionCalls sections;
    private final PhysicalMemory memory;
    private final Journal journal;
    private final int pageSize;

    SectionJournal(VirtualMemory vm, SectionCalls sections) {
        this.vm = vm;
        this.sections = sections;
        this.memory = vm.memory();
        this.journal = vm.journal();
        this.pageSize = vm.layout().pageSize();
    }

    /**
     * CreateFileMapping backed by the page file ({@code file} must be -1, INVALID_HANDLE_VALUE). Returns 0 with the new
     * handle in {@link VirtualMemory#result()}; ERROR_ALREADY_EXISTS with a handle to the section already named {@code name} (a
     * success); or an error, and nothing changed.
     */
    int create(long file, int protect, long size, String name) {
        long now = memory.tick();
        int error = sections.create(file, protect, size, name, 0);
        journalSection(now, error, name, false, 0);
        return error;
    }

    /** OpenFileMapping: 0 with a handle of {@code access} to the section named {@code name}, or an error. */
    int open(int access, String name) {
        long now = memory.tick();
        int error = sections.open(access, name);
        journalSection(now, error, name, true, access);
        return error;
    }

    private void journalSection(long now, int error, String name, boolean open, int access) {
        boolean ok = error == 0 || error == ERROR_ALREADY_EXISTS;
        Handles.Handle h = ok ? sections.handles().get(vm.result()) : null;
        // address: bit 0 for an open by name, the rights of the handle above it (JournalKind.SECTION)
        long how = open ? ((long) (ok ? h.access() : access) << 1) | 1 : 0;
        journal.append(now, JournalKind.SECTION, how, ok ? h.section().size() : 0, ok ? h.section().protect() : 0, error,
                ok ? vm.result() : 0, ok ? h.section().id() : 0);
    }

    /** MapViewOfFileEx through {@code handle}: 0 with the view's base in {@link VirtualMemory#result()}, or an error. */
    int mapView(long handle, int access, long offset, long size, long base) {
        long now = memory.tick();
        int error = sections.map(handle, access, offset, size, base);
        journalMap(now, error, (int) handle, access, offset, size, base);
        return error;
    }

    /** MapViewOfFileEx of {@code section} without a handle (the DSL's {@code space.map(section, access)}). */
    int mapSection(Section section, int access, long offset, long size, long base) {
        if (section.dead() || section.memoryOf() != memory) {
            return vm.fail(ERROR_INVALID_HANDLE, section.label() + (section.dead() ? " is closed and unmapped: it is gone"
                    : " belongs to another machine"));
        }
        journal.append(memory.tick(), JournalKind.SECTION, 0, section.size(), section.protect(), 0, 0, section.id());
        return mapWithoutHandle(section, access, offset, size, base);
    }

    /** The MAP of {@link #mapSection}, journaled with the section's id negated (no handle). */
    int mapWithoutHandle(Section section, int access, long offset, long size, long base) {
        long now = memory.tick();
        int error = sections.mapSection(section, access, offset, size, base);
        journalMap(now, error, -section.id(), access, offset, size, base);
        return error;
    }

    private void journalMap(long now, int error, int source, int access, long offset, long size, long base) {
        if (error == 0) {
            Allocation view = vm.allocationAt(vm.result());
            journal.append(now, JournalKind.MAP, view.base(), view.size(), access, 0, offset, source);
        } else {
            journal.append(now, JournalKind.MAP, base, size, access, error, offset, source);
        }
    }

    /** UnmapViewOfFile: 0, or ERROR_INVALID_ADDRESS when {@code address} is not a view's base. */
    int unmapView(long address) {
        long now = memory.tick();
        int error = sections.unmap(address);
        journal.append(now, JournalKind.UNMAP, address, 0, 0, error, 0);
        return error;
    }

    /** CloseHandle of a section handle: 0, or ERROR_INVALID_HANDLE. */
    int closeHandle(long handle) {
        long now = memory.tick();
        int error = sections.close(handle);
        journal.append(now, JournalKind.CLOSE_HANDLE, handle, 0, 0, error, 0);
        return error;
    }

    /**
     * Makes a journaled SECTION event again (journal replay, a history): the section it names is made (by its id) if
     * this machine has none, the handle it gave is put back with its rights, and the event is journaled again; a failed
     * one changed nothing, so it is only journaled again. Returns null, or what differs.
     */
    String redoSection(JournalEvent e) {
        boolean ok = e.result() == 0 || e.result() == ERROR_ALREADY_EXISTS;
        if (ok) {
            Section s = memory.sections().byId(e.protect());
            if (s == null) {
                if (!memory.charge(e.arg() / pageSize)) {
                    return "result " + ERROR_COMMITMENT_LIMIT;
                }
                s = memory.sections().create(e.protect(), null, e.flags(), (int) (e.arg() / pageSize), memory);
            }
            if (e.out() != 0) {
                int rights = (e.address() & 1) != 0 ? (int) (e.address() >>> 1) : SectionCalls.ALL_RIGHTS;
                if (!sections.handles().put(e.out(), s, rights)) {
                    return "handle " + e.out() + " is taken";
                }
                s.opened();
            }
        }
        journal.append(memory.tick(), JournalKind.SECTION, e.address(), e.arg(), e.flags(), e.result(), e.out(), e.protect());
        return null;
    }

    /** Makes a journaled MAP event again: through the same handle, or of the same section when it had none. */
    String redoMap(JournalEvent e) {
        int error;
        if (e.protect() < 0) {
            Section s = memory.sections().byId(-e.protect());
            if (s == null) {
                return "no section " + -e.protect();
            }
            error = mapWithoutHandle(s, e.flags(), e.out(), e.arg(), e.address());
        } else {
            error = mapView(e.protect(), e.flags(), e.out(), e.arg(), e.address());
        }
        return error == e.result() ? null : "result " + error;
    }
}
