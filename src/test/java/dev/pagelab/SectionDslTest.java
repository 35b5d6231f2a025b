package dev.pagelab;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.engine.JournalKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DSL's sections: {@code computer.section(size)}, {@code space.map(section, access)}, {@code unmap}. */
class SectionDslTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    @Test
    void twoSpacesMappingOneSection_readEachOthersWrites() {
        Computer c = machine().boot();
        AddressSpace a = checked.add(c.space());
        AddressSpace b = checked.add(c.space());
        Section shm = c.section(kb(64));
        Region va = a.map(shm, READWRITE);
        Region vb = b.map(shm, READONLY);
        assertThat(va.isView()).isTrue();
        va.write(0x2000, 0x1234, 4);
        assertThat(vb.read(0x2000, 4).value()).isEqualTo(0x1234);
        assertThat(vb.write(0, 1).ok()).as("a READONLY view refuses writes").isFalse();
        assertThat(a.query(va.base()).type()).isEqualTo(dev.pagelab.engine.Flags.MEM_MAPPED);
        assertThat(a.query(va.base()).toString()).contains("MEM_COMMIT PAGE_READWRITE MEM_MAPPED (allocation ");
        Region own = a.allocate(kb(4));
        assertThat(a.query(own.base()).toString()).doesNotContain("MEM_MAPPED");
        own.release();
        assertThat(shm.views()).isEqualTo(2);
        assertThat(shm.toString()).startsWith("section 1 64 KiB, 2 views");
        assertThat(va.toString()).startsWith("view of section 1 ");
        assertThat(c.committed()).isEqualTo(kb(64));
        shm.close();
        assertThat(vb.read(0x2000, 4).value()).as("views keep a closed section").isEqualTo(0x1234);
        va.unmap();
        b.unmap(vb);
        assertThat(shm.closed()).isTrue();
        assertThat(c.committed()).isEqualTo(kb(0));
        assertThat(va.released()).isTrue();
        assertThat(va.toString()).endsWith("(unmapped)");
    }

    @Test
    void writeCopyView_getsAPrivateCopy_andTheJournalShowsIt() {
        Computer c = machine().unboundedJournal().boot();
        AddressSpace s = checked.add(c.space());
        Section shm = c.section(kb(64));
        Region shared = s.map(shm, READWRITE);
        Region copy = s.map(shm, WRITECOPY);
        shared.write(0, 7);
        assertThat(copy.read(0).value()).isEqualTo(7);
        copy.write(0, 9);
        assertThat(shared.read(0).value()).isEqualTo(7);
        assertThat(copy.read(0).value()).isEqualTo(9);
        assertThat(s.query(copy.base()).protect()).isEqualTo(dev.pagelab.engine.Flags.PAGE_READWRITE);
        assertThat(s.query(copy.base() + 0x1000).protect()).isEqualTo(dev.pagelab.engine.Flags.PAGE_WRITECOPY);
        assertThat(s.journal().count(JournalKind.COPY_ON_WRITE)).isEqualTo(1);
        assertThat(s.journal().count(JournalKind.MAP)).isEqualTo(2);
        copy.unmap();
        assertThat(s.journal().count(JournalKind.UNMAP)).isEqualTo(1);
        History h = s.history();
        assertThat(h.toString()).contains("MapViewOfFile").contains("UnmapViewOfFile");
        assertThat(h.steps().stream().flatMap(st -> st.caused().stream()).map(e -> e.kind()))
                .contains(JournalKind.COPY_ON_WRITE);
        shared.unmap();
        shm.close();
    }

    @Test
    void misuse_isRefusedByName_andChangesNothing() {
        Computer c = machine().boot();
        AddressSpace s = checked.add(c.space());
        Section shm = c.section(kb(64), "lab");
        assertThat(c.section(kb(4), "lab").size()).as("a name gives the existing section").isEqualTo(kb(64));
        assertThatThrownBy(() -> s.map(shm, READWRITE, 0x1000, kb(4))).isInstanceOf(MemoryException.class)
                .hasMessageContaining("granularity").extracting(e -> ((MemoryException) e).error()).isEqualTo(1132);
        assertThatThrownBy(() -> s.map(shm, READWRITE, 0, kb(128))).isInstanceOf(MemoryException.class)
                .hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> s.map(shm, NOACCESS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("READONLY, READWRITE or WRITECOPY");
        assertThatThrownBy(() -> machine().boot().space().map(shm, READWRITE)).hasMessageContaining("another computer");
        Region v = s.map(shm, READWRITE);
        assertThatThrownBy(v::release).isInstanceOf(MemoryException.class).hasMessageContaining("UnmapViewOfFile");
        assertThatThrownBy(() -> s.allocate(kb(4), WRITECOPY)).isInstanceOf(MemoryException.class);
        assertThatThrownBy(() -> machine().commitLimit(kb(64)).boot().section(mb(1)))
                .isInstanceOf(MemoryException.class).hasMessageContaining("commit limit");
        v.unmap();
        shm.close();
        shm.close();
        assertThatThrownBy(shm::close).hasMessageContaining("closed already");
        assertThat(c.committed()).isEqualTo(kb(0));
    }
}
