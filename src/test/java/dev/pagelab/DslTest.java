package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.engine.Flags;
import dev.pagelab.engine.JournalKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DslTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    @Test
    void sizes_printInBinaryUnits() {
        assertThat(kb(16)).hasToString("16 KiB");
        assertThat(mb(1)).hasToString("1 MiB");
        assertThat(bytes(1536)).hasToString("1.5 KiB");
        assertThat(bytes(100)).hasToString("100 bytes");
        assertThat(sizeInPages(3)).hasToString("3 pages");
        assertThat(tb(128).bytes()).isEqualTo(1L << 47);
        assertThat(sizeInPages(3).bytes(4096)).isEqualTo(12288);
    }

    @Test
    void negativeOrOverflowingSizes_areRefusedWithTheValue() {
        assertThatThrownBy(() -> kb(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> tb(Long.MAX_VALUE)).hasMessageContaining("64-bit");
    }

    @Test
    void protections_printShortNames() {
        assertThat(READWRITE.guard()).hasToString("READWRITE+GUARD");
        assertThat(READONLY).hasToString("READONLY");
        assertThat(READWRITE.guard().win32()).isEqualTo(0x104);
        assertThat(EXECUTE.canRead()).isTrue();
        assertThat(EXECUTE_READ.canWrite()).isFalse();
    }

    @Test
    void designCardSnippet_commitsOnePageReadOnly() {
        Pages pages = space().reserve(kb(16)).commit(0, kb(4)).protect(READONLY);
        assertThat(pages).hasToString("pages [0x1_0000, 0x1_1000) 4 KiB: 1 page committed READONLY");
        assertThat(pages.oldProtection()).isEqualTo(READWRITE);
        assertThat(pages.region().committedPages()).isEqualTo(1);
    }

    @Test
    void writeToReservedPage_isAnAccessViolationOutcomeInTheJournal() {
        var s = space();
        var r = s.reserve(kb(16));
        r.commit(0, kb(4)).protect(READONLY);

        Access a = r.write(kb(4), 42);

        assertThat(a.outcome()).isEqualTo(Access.Outcome.ACCESS_VIOLATION);
        assertThat(a.faultAddress()).isEqualTo(r.base() + 0x1000);
        assertThat(a.reason()).contains("reserved, not committed");
        assertThat(s.faults().accessViolations()).isEqualTo(1);
        assertThat(s.journal().kind(s.journal().size() - 1)).isEqualTo(JournalKind.ACCESS_VIOLATION);
    }

    @Test
    void firstRead_isADemandZeroFaultAndReadsZero() {
        var r = space().allocate(kb(4));
        Access first = r.read(0);
        Access second = r.read(0);
        assertThat(first.pageFault()).isEqualTo(Access.PageFault.DEMAND_ZERO);
        assertThat(first.value()).isZero();
        assertThat(second.pageFault()).isEqualTo(Access.PageFault.NONE);
    }

    @Test
    void writesAndReads_roundTripLittleEndian() {
        var r = space().allocate(kb(8));
        r.write(0xFFE, 0x1122334455667788L, 8);   // straddles pages 0 and 1
        assertThat(r.read(0xFFE, 8).value()).isEqualTo(0x1122334455667788L);
        assertThat(r.read(0xFFE).value()).isEqualTo(0x88);
        assertThat(r.read(0x1000, 2).value()).isEqualTo(0x5566);
    }

    @Test
    void guardPage_firesOnceThenTheAccessProceeds() {
        var r = space().reserve(kb(8));
        r.commit(0, kb(4), READWRITE.guard());
        Access first = r.write(0, 1);
        Access second = r.write(0, 1);
        assertThat(first.outcome()).isEqualTo(Access.Outcome.GUARD_PAGE);
        assertThat(r.read(0).value()).isEqualTo(1);
        assertThat(second.ok()).isTrue();
        assertThat(r.space().query(r.base()).protect()).isEqualTo(Flags.PAGE_READWRITE);
    }

    @Test
    void sizesAsOffsets_decommitAndNameTheSamePagesAsLongOffsets() {
        var r = space().reserve(kb(16));
        r.commit(kb(4), kb(8));
        assertThat(r.pages(kb(4), kb(4)).start()).isEqualTo(r.pages(4096, kb(4)).start());
        Pages dropped = r.decommit(kb(4), kb(4));
        assertThat(dropped).hasToString("pages [0x1_1000, 0x1_2000) 4 KiB: 1 page reserved");
        assertThat(r.committedPages()).isEqualTo(1);
        assertThatThrownBy(() -> r.decommit(kb(12), kb(8)))
                .hasMessage("decommit [0x1_3000, 0x1_5000) runs past the reservation [0x1_0000, 0x1_4000)");
    }

    @Test
    void protectionViolations_nameTheProtectionWithItsArticle() {
        var r = space().reserve(kb(8));
        r.commit(0, kb(4), EXECUTE);
        r.commit(kb(4), kb(4), READONLY);
        assertThat(r.write(0, 1).reason()).isEqualTo("an EXECUTE page does not allow write");
        assertThat(r.write(kb(4), 1).reason()).isEqualTo("a READONLY page does not allow write");
    }

    @Test
    void journalEvents_sayOneByteAndFourBytes() {
        var s = space();
        var r = s.allocate(kb(4));
        r.write(0, 7);
        r.write(8, 42, 4);
        var j = s.journal();
        assertThat(j.event(j.size() - 2).toString()).endsWith("write 1 byte at 0x1_0000 = 0x7");
        assertThat(j.event(j.size() - 1).toString()).endsWith("write 4 bytes at 0x1_0008 = 0x2a");
    }

    @Test
    void commitPastTheReservation_namesBothRanges() {
        var r = space().reserve(kb(16));
        assertThatThrownBy(() -> r.commit(kb(12), kb(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commit [0x1_3000, 0x1_5000) runs past the reservation [0x1_0000, 0x1_4000)");
    }

    @Test
    void offsetsOutsideTheRegion_areMisuse() {
        var r = space().reserve(kb(16));
        assertThatThrownBy(() -> r.read(kb(16))).hasMessageContaining("outside the region [0x1_0000, 0x1_4000)");
        assertThatThrownBy(() -> r.commit(-1, kb(4))).hasMessageContaining("negative");
        assertThatThrownBy(() -> r.write(0, 300)).hasMessageContaining("does not fit in one byte");
    }

    @Test
    void protectingReservedPages_throwsWithTheWin32ErrorAndChangesNothing() {
        var s = space();
        var r = s.reserve(kb(16));
        r.commit(0, kb(4));
        assertThatThrownBy(() -> r.protect(READONLY))
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("reserved, not committed")
                .satisfies(e -> assertThat(((MemoryException) e).error()).isEqualTo(487));
        assertThat(s.query(r.base()).protect()).isEqualTo(Flags.PAGE_READWRITE);
    }

    @Test
    void releasedRegion_refusesEverything() {
        var s = space();
        var r = s.reserve(kb(16));
        r.release();
        assertThat(r.released()).isTrue();
        assertThat(r).hasToString("region [0x1_0000, 0x1_4000) 16 KiB (released)");
        assertThatThrownBy(r::commit).hasMessageContaining("was released");
        assertThat(s.regions()).isEmpty();
    }

    @Test
    void reservations_arePlacedAtTheLowestFreeGranule_orTheHighestWithTopDown() {
        var s = space();
        var a = s.reserve(bytes(1));
        var b = s.reserve(kb(100));
        var top = s.reserveTopDown(kb(64));
        assertThat(a.base()).isEqualTo(0x10000);
        assertThat(a.size()).isEqualTo(kb(4));
        assertThat(b.base()).isEqualTo(0x20000);
        assertThat(top.base()).isEqualTo(0x7FFF_FFFE_0000L - 0x10000);
    }

    @Test
    void spaceText_staysWithinTwentyLinesWhateverTheNumberOfRegions() {
        var s = space();
        for (int i = 0; i < 50; i++) {
            s.reserve(kb(64)).commit(0, kb(4));
        }
        String text = s.toString();
        assertThat(text.lines().count()).isLessThanOrEqualTo(20);
        assertThat(text).contains("more regions").contains("largest free block");
    }

    @Test
    void machinesAreImmutable_andSpacesOfOneComputerShareItsCommitCharge() {
        Machine m = machine().commitLimit(kb(16));
        Machine other = m.pageSize(kb(64));
        assertThat(m.pageSize()).isEqualTo(4096);
        assertThat(other.pageSize()).isEqualTo(65536);
        var computer = m.boot();
        var a = checked.add(computer.space());
        var b = checked.add(computer.space());
        a.allocate(kb(12));
        assertThatThrownBy(() -> b.allocate(kb(8)))
                .isInstanceOf(MemoryException.class)
                .satisfies(e -> assertThat(((MemoryException) e).error()).isEqualTo(1455));
        b.allocate(kb(4));
        assertThat(computer.committed()).isEqualTo(kb(16));
        assertThat(checked.add(m.space()).committed()).as("each space() boots a fresh computer").isEqualTo(bytes(0));
    }

    @Test
    void aComputer_countsItsFramesInUse_inTheSingularAndThePlural() {
        var one = machine().frames(1).boot();
        var r = checked.add(one.space()).allocate(kb(8));
        assertThat(one.toString()).startsWith("computer: 0 of 1 frame in use, ");
        r.read(0);
        assertThat(one.toString()).startsWith("computer: 1 of 1 frame in use, ");
        var two = machine().frames(2).boot();
        checked.add(two.space()).allocate(kb(4)).read(0);
        assertThat(two.toString()).startsWith("computer: 1 of 2 frames in use, ");
        var unlimited = machine().unlimitedMemory().boot();
        var u = checked.add(unlimited.space()).allocate(kb(8));
        u.read(0);
        assertThat(unlimited.toString()).startsWith("computer: 1 frame in use (unlimited memory), ");
        u.read(kb(4));
        assertThat(unlimited.toString()).startsWith("computer: 2 frames in use (unlimited memory), ");
    }

    @Test
    void aMissingProtection_isRefusedByName_andChangesNothing() {
        var s = space();
        var r = s.reserve(kb(16));
        var p = r.commit(0, kb(4));
        for (Runnable call : new Runnable[] {() -> s.reserve(kb(16), null), () -> r.commit(0, kb(8), null),
            () -> p.protect(null), () -> s.allocate(kb(4), null)}) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("protection is missing (null)");
        }
        assertThat(s.regions()).hasSize(1);
        assertThat(s.query(r.base() + 4096).state()).isEqualTo(dev.pagelab.engine.Flags.MEM_RESERVE);
    }
}
