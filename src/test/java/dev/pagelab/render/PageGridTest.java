package dev.pagelab.render;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.PageLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PageGridTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    @Test
    void title_replacesTheHeading_andDrawsTheSamePages() {
        var r = space().reserve(kb(64));
        r.commit(kb(60), kb(4));
        PageGrid plain = PageGrid.of(r);
        PageGrid titled = plain.title("8 calls deep");

        assertThat(titled.title()).isEqualTo("8 calls deep");
        assertThat(titled.svg()).contains(">8 calls deep<").doesNotContain(plain.title());
        assertThat(plain.svg()).contains("[0x1_f000, 0x2_0000) committed READWRITE");
        assertThat(titled.svg()).contains("[0x1_f000, 0x2_0000) committed READWRITE");
        Markup.xml(titled.svg());
    }
}
