package dev.pagelab.json;

import dev.pagelab.Machine;
import dev.pagelab.engine.Hex;

import java.util.Arrays;
import java.util.List;

/**
 * The whole state of a machine and its address spaces at one moment, as plain values: the machine's settings,
 * its physical memory (clock, commit charge, frame table, page-file use, counters) and for each space its
 * reservations, committed pages (state, protection, bits, frame or page-file slot, contents) and counters.
 * Two snapshots are equal exactly when the states are; {@link PageLabJson#snapshot} takes one and
 * {@link PageLabJson#toJson(Snapshot)} writes it ({@code docs/json-formats.md}).
 *
 * @param machine the machine's settings
 * @param memory  the physical memory shared by the spaces
 * @param spaces  the address spaces, in the order they were given
 */
public record Snapshot(Machine machine, Memory memory, List<Space> spaces) {

    public Snapshot {
        spaces = List.copyOf(spaces);
    }

    /**
     * The physical side: logical clock, references, commit charge, the frames holding a page (lowest first),
     * page-file slots in use, and the fault and eviction counts over every space.
     */
    public record Memory(long clock, long references, long commitCharge, int framesInUse, int framesTouched,
                         long pageFileInUse, long demandZeroFaults, long hardFaults, long evictions,
                         long pageFileWrites, List<Frame> frames) {
        public Memory {
            frames = List.copyOf(frames);
        }
    }

    /** Frame {@code frame} holds the page at address {@code page} of space number {@code space}. */
    public record Frame(int frame, int space, long page) {}

    /** One address space: its counters, reservations (lowest first) and committed pages (lowest first). */
    public record Space(Counters counters, List<Reservation> reservations, List<PageRun> pages) {
        public Space {
            reservations = List.copyOf(reservations);
            pages = List.copyOf(pages);
        }
    }

    /** One reservation: base, size, AllocationProtect, type (MEM_PRIVATE), flAllocationType and pages committed. */
    public record Reservation(long base, long size, int protect, int type, int allocationType, long committedPages) {}

    /**
     * {@code count} committed pages from {@code address} alike in everything: protection (modifiers included),
     * accessed, dirty and MEM_RESET bits, the frame while resident ({@code -1} otherwise), the page-file slot
     * holding a copy ({@code -1} for none) and the contents up to the last non-zero byte. Only pages with no
     * frame, no slot and no contents share a run; the others have {@code count == 1}.
     */
    public record PageRun(long address, long count, int protect, boolean accessed, boolean dirty, boolean reset,
                          int frame, long slot, byte[] contents, boolean listed, boolean locked) {
        public PageRun {
            contents = contents.clone();
        }

        /**
         * A run that is neither on a list nor locked. {@code listed}: with Windows working sets, the page left its
         * working set for the standby list (clean) or the modified list ({@code dirty}), its frame keeping it;
         * {@code locked}: VirtualLock (docs/windows-rules.md W4).
         */
        public PageRun(long address, long count, int protect, boolean accessed, boolean dirty, boolean reset,
                       int frame, long slot, byte[] contents) {
            this(address, count, protect, accessed, dirty, reset, frame, slot, contents, false, false);
        }

        /** The contents (a copy): the page's bytes up to its last non-zero byte, empty for a page of zeros. */
        @Override
        public byte[] contents() {
            return contents.clone();
        }

        /** Whether the page is in a physical frame and its working set (a page on a list has a frame, but is not). */
        public boolean resident() {
            return frame >= 0 && !listed;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PageRun p && p.address == address && p.count == count && p.protect == protect
                    && p.accessed == accessed && p.dirty == dirty && p.reset == reset && p.frame == frame
                    && p.slot == slot && Arrays.equals(p.contents, contents);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(address) * 31 + Arrays.hashCode(contents);
        }

        @Override
        public String toString() {
            return "pages " + Hex.address(address) + " x" + count + " " + Names.protection(protect)
                    + (frame >= 0 ? " frame " + frame : "") + (slot >= 0 ? " slot " + slot : "")
                    + (contents.length > 0 ? ", " + contents.length + " bytes of contents" : "");
        }
    }

    /** A space's counters, page-table pages per level (root first) and its TLB's. */
    public record Counters(long committedPages, long residentPages, long peakResidentPages, long reads, long writes,
                           long demandZeroFaults, long hardFaults, long accessViolations, long guardPageFaults,
                           long evictions, List<Long> pageTablePages, int tlbEntries, long tlbHits, long tlbMisses,
                           long tlbFlushes, long tlbInvalidated) {
        public Counters {
            pageTablePages = List.copyOf(pageTablePages);
        }
    }

    @Override
    public String toString() {
        long pages = 0;
        for (Space s : spaces) {
            pages += s.counters().committedPages();
        }
        return "snapshot at t=" + memory.clock() + ": " + spaces.size() + (spaces.size() == 1 ? " space, " : " spaces, ")
                + pages + (pages == 1 ? " page" : " pages") + " committed, " + memory.framesInUse()
                + (memory.framesInUse() == 1 ? " frame" : " frames") + " in use";
    }
}
