package dev.pagelab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.engine.JournalKind;
import dev.pagelab.engine.JournalView;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Windows working sets through the DSL: the machine setting, trimming, the standby and modified lists, the
 * modified-page writer, repurposing and global pressure ({@code docs/windows-rules.md} W4). Every machine here has
 * 64 frames: a default working set of 32 to 64 pages, a writer that runs past 16 modified pages.
 */
class WindowsWorkingSetsTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    private static final long PAGE = 4096;

    private static Machine windows() {
        return PageLab.machine().frames(64).windowsWorkingSets();
    }

    private AddressSpace space(Computer computer) {
        return checked.add(computer.space());
    }

    private static long count(AddressSpace s, JournalKind kind) {
        JournalView j = s.journal();
        long n = 0;
        for (int i = 0; i < j.size(); i++) {
            n += j.kind(i) == kind ? 1 : 0;
        }
        return n;
    }

    private static VirtualMemory vm(AddressSpace s) {
        return SpaceAccess.engine(s);
    }

    /** Writes one byte to each of {@code pages} pages of {@code r}, from page {@code from}. */
    private static void writePages(Region r, int from, int pages) {
        for (int i = from; i < from + pages; i++) {
            r.write(i * PAGE, i + 1);
        }
    }

    /** Gives {@code s} a working set of 20 pages exactly and a region of {@code pages} pages. */
    private static Region twentyPageWorkingSet(AddressSpace s, int pages) {
        s.workingSetSize(Size.bytes(20 * PAGE), Size.bytes(20 * PAGE));
        return s.allocate(Size.bytes(pages * PAGE));
    }

    @Test
    void theSettingIsOffByDefault_andNamedWhenOn() {
        // docs/windows-rules.md W4-1
        assertThat(PageLab.machine().frames(64).workingSetsOn()).isFalse();
        assertThat(PageLab.machine().frames(64).toString()).doesNotContain("working sets");
        assertThat(windows().workingSetsOn()).isTrue();
        assertThat(windows().toString()).contains("64 frames (256 KiB, CLOCK, Windows working sets)");
        assertThat(windows().windowsWorkingSets(false)).isEqualTo(PageLab.machine().frames(64));
    }

    @Test
    void theSettingNeedsAFiniteSharedMemory_andSaysWhichEarlierSettingConflicts() {
        assertThatThrownBy(() -> PageLab.machine().windowsWorkingSets())
                .hasMessageContaining("needs a finite memory");
        assertThatThrownBy(() -> PageLab.machine().frames(8).framesPerSpace(4).windowsWorkingSets())
                .hasMessageContaining("framesPerSpace(4) set earlier");
        assertThatThrownBy(() -> windows().framesPerSpace(4)).hasMessageContaining("windowsWorkingSets() set earlier");
        assertThatThrownBy(() -> windows().unlimitedMemory()).hasMessageContaining("windowsWorkingSets() set earlier");
        assertThatThrownBy(() -> windows().policy(dev.pagelab.policy.Policy.OPT))
                .hasMessageStartingWith("policy(OPT): the windowsWorkingSets() set earlier");
        assertThatThrownBy(() -> PageLab.machine().frames(64).policy(dev.pagelab.policy.Policy.OPT).windowsWorkingSets())
                .hasMessageStartingWith("windowsWorkingSets(): the policy(OPT) set earlier");
        assertThat(windows().policy(dev.pagelab.policy.Policy.LRU).workingSetsOn()).isTrue();
    }

    @Test
    void optIsRefused_forItCannotRankOneProcesssPages_butRunUsesTheWorkingSets() {
        // docs/windows-rules.md W4-1
        var trace = PageLab.trace(1, 2, 3, 1, 4);
        assertThatThrownBy(() -> windows().policy(dev.pagelab.policy.Policy.OPT).run(trace))
                .hasMessageContaining("choose another policy");
        TraceRun run = windows().run(trace);
        assertThat(run.space().machine().workingSetsOn()).isTrue();
    }

    @Test
    void theMachineSettingSurvivesSettings() {
        assertThat(Machine.of(windows().settings())).isEqualTo(windows());
    }

    @Test
    void aTrimmedDirtyPage_waitsOnTheModifiedList_andComesBackSoftWithItsBytes() {
        // docs/windows-rules.md W4-2, W4-3, W4-4
        AddressSpace s = space(windows().boot());
        Region r = twentyPageWorkingSet(s, 21);
        writePages(r, 0, 21);
        assertThat(count(s, JournalKind.TRIM)).isEqualTo(1);
        assertThat(count(s, JournalKind.PAGE_WRITE)).as("one modified page is below the writer's threshold").isZero();
        Access a = r.read(0);
        assertThat(a.value()).isEqualTo(1);
        assertThat(a.pageFault()).isEqualTo(Access.PageFault.SOFT);
        assertThat(a.toString()).contains("soft fault");
        assertThat(s.faults().soft()).isEqualTo(1);
        assertThat(s.faults().toString()).startsWith("22 faults: 21 demand-zero, 0 hard, 1 soft, ");
    }

    @Test
    void theWriter_runsWhenTheModifiedListPassesAQuarterOfTheFrames_andMovesThePagesToStandby() {
        // docs/windows-rules.md W4-5
        AddressSpace s = space(windows().boot());
        Region r = twentyPageWorkingSet(s, 40);
        writePages(r, 0, 36);
        // 16 trimmed dirty pages wait; the 17th passes the threshold of 16 and the writer writes all 17.
        assertThat(count(s, JournalKind.TRIM)).isEqualTo(16);
        assertThat(count(s, JournalKind.PAGE_WRITE)).isZero();
        writePages(r, 36, 1);
        assertThat(count(s, JournalKind.PAGE_WRITE)).isEqualTo(17);
        assertThat(vm(s).memory().pageFileWrites()).isEqualTo(17);
        long writes = vm(s).memory().pageFileWrites();
        assertThat(r.read(0).pageFault()).as("a written page on standby is still a soft fault")
                .isEqualTo(Access.PageFault.SOFT);
        assertThat(vm(s).memory().pageFileWrites()).isEqualTo(writes);
    }

    @Test
    void aFaultWithNoFreeFrame_repurposesTheOldestStandbyPage_whichThenNeedsAHardFault() {
        // docs/windows-rules.md W4-5, W4-8
        AddressSpace s = space(windows().boot());
        Region r = s.allocate(Size.bytes(65 * PAGE));
        writePages(r, 0, 64);
        assertThat(count(s, JournalKind.TRIM)).isZero();
        writePages(r, 64, 1);
        // At its maximum of 64 the space trims its oldest page (modified); no frame is free or on standby, so the
        // writer writes it and its frame is repurposed.
        assertThat(count(s, JournalKind.TRIM)).isEqualTo(1);
        assertThat(count(s, JournalKind.PAGE_WRITE)).isEqualTo(1);
        assertThat(count(s, JournalKind.EVICTION)).isEqualTo(1);
        Access back = r.read(0);
        assertThat(back.pageFault()).isEqualTo(Access.PageFault.HARD);
        assertThat(back.value()).isEqualTo(1);
    }

    @Test
    void globalPressure_trimsTheWorkingSetFurthestAboveItsMinimum() {
        // docs/windows-rules.md W4-8
        Computer c = windows().boot();
        AddressSpace a = space(c);
        AddressSpace b = space(c);
        Region ra = a.allocate(Size.bytes(50 * PAGE));
        Region rb = b.allocate(Size.bytes(30 * PAGE));
        writePages(ra, 0, 50);
        writePages(rb, 0, 14);
        assertThat(count(a, JournalKind.TRIM)).isZero();
        writePages(rb, 14, 1);
        // 64 frames taken: a has 50 pages, 18 above its minimum of 32; b has 15, below its own.
        assertThat(count(a, JournalKind.TRIM)).isEqualTo(1);
        assertThat(count(b, JournalKind.TRIM)).isZero();
        assertThat(a.residentPages()).isEqualTo(49);
        assertThat(b.residentPages()).isEqualTo(15);
        assertThat(c.modifiedFrames()).as("the trimmed page was written and its frame repurposed").isZero();
        assertThat(c.standbyFrames()).isZero();
        ra.write(10 * PAGE, 1);
        assertThat(c.softFaults()).as("a page still in a working set takes no fault").isZero();
        assertThat(c.workingSets()).isEqualTo("standby 0, modified 0, soft faults 0, written by the writer 1");
    }

    @Test
    void lockAndUnlock_throughTheDsl() {
        // docs/windows-rules.md W4-11 to W4-17
        AddressSpace s = space(windows().boot());
        Region r = s.allocate(Size.bytes(4 * PAGE));
        s.lock(r.base(), Size.bytes(2 * PAGE));
        assertThat(s.locked(r.base())).isTrue();
        assertThat(s.locked(r.base() + 2 * PAGE)).isFalse();
        assertThat(s.residentPages()).as("locking brings the pages in").isEqualTo(2);
        assertThatThrownBy(() -> s.unlock(r.base(), Size.bytes(3 * PAGE)))
                .isInstanceOfSatisfying(MemoryException.class, e -> assertThat(e.error()).isEqualTo(158))
                .hasMessageContaining("page 0x1_2000 is not locked");
        s.unlock(r.base(), Size.bytes(2 * PAGE));
        assertThat(s.locked(r.base())).isFalse();
        assertThatThrownBy(() -> s.lock(r.base() + 4 * PAGE, Size.bytes(1L)))
                .isInstanceOfSatisfying(MemoryException.class, e -> assertThat(e.error()).isEqualTo(998))
                .hasMessageContaining("is not committed");
    }

    @Test
    void workingSetSizes_throughTheDsl() {
        // docs/windows-rules.md W4-1, W4-6, W4-7
        AddressSpace s = space(windows().boot());
        assertThat(s.workingSetMinimum()).isEqualTo(Size.bytes(32 * PAGE));
        assertThat(s.workingSetMaximum()).isEqualTo(Size.bytes(64 * PAGE));
        Region r = s.allocate(Size.bytes(30 * PAGE));
        writePages(r, 0, 30);
        s.workingSetSize(Size.bytes(20 * PAGE), Size.bytes(25 * PAGE));
        assertThat(s.residentPages()).as("a lower maximum trims at once").isEqualTo(25);
        assertThatThrownBy(() -> s.workingSetSize(Size.bytes(30 * PAGE), Size.bytes(25 * PAGE)))
                .isInstanceOfSatisfying(MemoryException.class, e -> assertThat(e.error()).isEqualTo(87))
                .hasMessageContaining("is greater than the maximum");
        s.emptyWorkingSet();
        assertThat(s.residentPages()).isZero();
    }

    @Test
    void textbookMachines_haveNoSoftFaults_andTheirFaultTextIsAsBefore() {
        AddressSpace s = space(PageLab.machine().frames(4).boot());
        Region r = s.allocate(Size.bytes(8 * PAGE));
        writePages(r, 0, 8);
        r.read(0);
        assertThat(s.faults().soft()).isZero();
        assertThat(s.faults().toString()).startsWith("9 faults: 8 demand-zero, 1 hard, 0 access violations, ");
    }
}
