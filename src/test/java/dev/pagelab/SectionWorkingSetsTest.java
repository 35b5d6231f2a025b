package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.Invariants;
import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sections on a machine with Windows working sets ({@code docs/windows-rules.md} W5): two processes map one section;
 * its pages count in the working set of the process whose fault brought them in, a trim unmaps them from every view
 * and lists them, a touch through either view is a soft fault, the writer cleans them, copy-on-write copies from a
 * listed page, repurposing sends them to the page file, and locked view pages stay. Every machine has 64 frames: the
 * writer runs past 16 modified pages.
 */
class SectionWorkingSetsTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    private static final long PAGE = 4096;

    private static VirtualMemory vm(AddressSpace s) {
        return SpaceAccess.engine(s);
    }

    private static PhysicalMemory memory(AddressSpace s) {
        return vm(s).memory();
    }

    /** Writes {@code page + 1} to the first byte of pages {@code [from, from + pages)} of {@code r}. */
    private static void writePages(Region r, int from, int pages) {
        for (int i = from; i < from + pages; i++) {
            r.write(i * PAGE, i + 1);
        }
    }

    // Processes a and b on computer c, a section both map, a's view (READWRITE) and b's.
    private Computer c;
    private AddressSpace a;
    private AddressSpace b;
    private Section shm;
    private Region va;
    private Region vb;

    /**
     * A machine of 64 frames with working sets and a section of {@code size} that a maps READWRITE and b maps with
     * {@code bAccess}; a has written the first {@code pages} pages.
     */
    private void shared(Size size, Protection bAccess, int pages) {
        c = machine().frames(64).windowsWorkingSets().unboundedJournal().boot();
        a = checked.add(c.space());
        b = checked.add(c.space());
        shm = c.section(size);
        va = a.map(shm, READWRITE);
        vb = b.map(shm, bAccess);
        writePages(va, 0, pages);
    }

    @Test
    void aTrimUnmapsASectionPageFromEveryView_andATouchThroughTheOtherViewIsASoftFault() {
        shared(kb(64), READWRITE, 4);
        assertThat(vb.read(0).value()).as("a resident section page is mapped without a fault (S-18)").isEqualTo(1);
        assertThat(vm(b).journal().count(JournalKind.DEMAND_ZERO_FAULT)).isZero();
        assertThat(vm(a).residentPages()).isEqualTo(4);
        assertThat(vm(b).residentPages()).isEqualTo(1);

        a.emptyWorkingSet();
        // W5-2: the four dirty section pages wait on the modified list; no view maps them.
        assertThat(memory(a).modifiedFrames()).isEqualTo(4);
        assertThat(shm.residentPages()).isZero();
        assertThat(vm(a).residentPages()).isZero();
        assertThat(vm(b).residentPages()).as("b's view lost the page too").isZero();
        assertThat(vm(a).trims()).isEqualTo(4);
        assertThat(vm(b).trims()).isEqualTo(1);
        assertThat(vm(b).page(vb.base()).resident()).isFalse();

        // W5-3: b touches page 1, which it never mapped: a soft fault with a's bytes, into b's working set.
        assertThat(vb.read(PAGE).value()).isEqualTo(2);
        assertThat(vm(b).softFaults()).isEqualTo(1);
        assertThat(vm(b).journal().count(JournalKind.SOFT_FAULT)).isEqualTo(1);
        assertThat(memory(a).modifiedFrames()).isEqualTo(3);
        assertThat(va.read(PAGE).value()).as("a maps it again without a fault").isEqualTo(2);
        assertThat(vm(a).softFaults()).isZero();

        // b's emptying trims the page its fault brought in: it is dirty still, so modified again.
        b.emptyWorkingSet();
        assertThat(memory(a).modifiedFrames()).isEqualTo(4);
        assertThat(vm(a).residentPages()).isZero();
        assertThat(shm.residentPages()).isZero();
    }

    @Test
    void theWriterCleansSectionPages_copyOnWriteCopiesAListedPage_andRepurposingSendsThemToThePageFile() {
        shared(kb(128), READONLY, 20);
        a.emptyWorkingSet();
        // W5-4: the 17th modified page passes the writer's threshold of 16: those 17 go to the page file and the
        // standby list, the last 3 trimmed wait on the modified list.
        assertThat(memory(a).writerPages()).isEqualTo(17);
        assertThat(memory(a).modifiedFrames()).isEqualTo(3);
        assertThat(memory(a).standbyFrames()).isEqualTo(17);
        assertThat(vm(a).journal().count(JournalKind.PAGE_WRITE)).as("journalled in the first view's space")
                .isEqualTo(17);
        assertThat(vm(b).journal().count(JournalKind.PAGE_WRITE)).isZero();
        assertThat(vb.read(3 * PAGE).value()).isEqualTo(4);
        assertThat(vm(b).softFaults()).isEqualTo(1);

        // W5-5: a copy-on-write view's first write to a listed page copies it from its frame, which stays listed.
        Region copy = b.map(shm, WRITECOPY);
        int standby = memory(a).standbyFrames();
        copy.write(5 * PAGE, 0x99);
        assertThat(copy.read(5 * PAGE).value()).isEqualTo(0x99);
        assertThat(copy.read(5 * PAGE + 1).value()).isZero();
        assertThat(b.query(copy.base() + 5 * PAGE).protect()).isEqualTo(Flags.PAGE_READWRITE);
        assertThat(memory(a).standbyFrames()).isEqualTo(standby);
        assertThat(vb.read(5 * PAGE).value()).as("the section keeps its bytes").isEqualTo(6);
        assertThat(copy.read(6 * PAGE).value()).as("a shared page of the copy view").isEqualTo(7);

        // Fill the memory with another process's pages: the oldest standby section pages are repurposed; their
        // prototype entries name their page-file slots, so a touch through a view is a hard fault with their bytes.
        AddressSpace d = checked.add(c.space());
        Region big = d.allocate(kb(4 * 60));
        writePages(big, 0, 60);
        assertThat(memory(a).repurposed()).isPositive();
        long hard = vm(a).journal().count(JournalKind.HARD_FAULT);
        assertThat(va.read(0).value()).isEqualTo(1);
        assertThat(vm(a).journal().count(JournalKind.HARD_FAULT)).isEqualTo(hard + 1);
        Invariants.checkFrames(vm(a), vm(b), vm(d));
    }

    @Test
    void aLockedViewPageIsNeverTrimmed_andUnmappingTheViewUnlocksIt() {
        shared(kb(64), READWRITE, 4);
        // b locks page 2 through its view (W5-6): the frame stays in a's working set, and a cannot trim it.
        b.lock(vb.base() + 2 * PAGE, bytes(PAGE));
        a.emptyWorkingSet();
        assertThat(shm.residentPages()).isEqualTo(1);
        assertThat(vm(a).page(va.base() + 2 * PAGE).resident()).isTrue();
        assertThat(vm(b).page(vb.base() + 2 * PAGE).resident()).isTrue();
        assertThat(b.locked(vb.base() + 2 * PAGE)).isTrue();
        assertThat(memory(a).modifiedFrames()).isEqualTo(3);
        // W5-7: unmapping the view ends its locks.
        vb.unmap();
        assertThat(vm(b).lockedPages()).isZero();
        assertThat(memory(a).lockedPages()).isZero();
        a.emptyWorkingSet();
        assertThat(shm.residentPages()).isZero();
        assertThat(memory(a).modifiedFrames()).isEqualTo(4);
    }

    @Test
    void closingTheSectionFreesItsListedFrames() {
        shared(kb(64), READWRITE, 6);
        a.emptyWorkingSet();
        assertThat(memory(a).modifiedFrames()).isEqualTo(6);
        va.unmap();
        vb.unmap();
        assertThat(memory(a).modifiedFrames()).as("the section lives on its handle").isEqualTo(6);
        shm.close();
        assertThat(memory(a).modifiedFrames()).isZero();
        assertThat(c.framesInUse()).isZero();
    }
}
