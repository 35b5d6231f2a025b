package dev.pagelab.render;

import static dev.pagelab.PageLab.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.History;
import dev.pagelab.PageLab;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

/** A space's history as HTML without a browser: the static map and calls a reader without scripts gets, and the player's parts. */
class HistoryPlayerTest {
    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    /** The tutorial's program: reserve 16 KiB, commit 8, write, a refused write, a guard page touched twice. */
    private History program() {
        AddressSpace s = space();
        var r = s.reserve(kb(16));
        r.commit(0, kb(8));
        r.write(0, 42);
        r.write(kb(12), 1);                          // reserved: access violation
        r.commit(kb(8), kb(4), READWRITE.guard());
        r.touch(0x2000);                            // guard page violation
        r.touch(0x2000);                            // demand-zero
        return s.history();
    }

    @Test
    void theStaticPlayer_showsTheLastPageMap_andOneRowACall_readableWithoutScripts() {
        String html = HistoryPlayer.html(program());
        var doc = Markup.fragment(html);
        var tables = doc.getElementsByTagName("table");
        var map = (Element) tables.item(0);
        assertThat(map.getAttribute("data-role")).isEqualTo("map");
        assertThat(map.getTextContent()).isEqualTo("0x1_0000RW*dRWRW*dres");
        var calls = (Element) tables.item(1);
        assertThat(calls.getAttribute("data-role")).isEqualTo("calls");
        var rows = calls.getElementsByTagName("tr");
        assertThat(rows.getLength()).as("a head and 7 calls").isEqualTo(8);
        assertThat(rows.item(1).getTextContent()).isEqualTo("1VirtualAlloc(0x0, 16 KiB, MEM_RESERVE, PAGE_READWRITE)0x1_0000");
        assertThat(rows.item(4).getTextContent()).isEqualTo("4write 1 byte at 0x1_3000access violation at 0x1_3000");
        assertThat(((Element) rows.item(1)).getAttribute("data-changes")).isEqualTo("0=res,1=res,2=res,3=res");
        assertThat(((Element) rows.item(4)).getAttribute("data-changes")).as("a faulted write changes nothing").isEmpty();
        assertThat(((Element) rows.item(6)).getAttribute("data-changes")).as("the guard goes").isEqualTo("2=RW");
        assertThat(html).contains("History of a space: 7 calls, 2 refused or faulted, 4 faults; 4 pages shown");
    }

    @Test
    void thePlayer_sharesTheStepPlayersScript_loadsNothing_andIsTheSameBytesEachTime() {
        String html = HistoryPlayer.html(program());
        assertThat(html).endsWith(PlayerScript.SCRIPT);
        assertThat(StepPlayer.html(machine().frames(3).policy(FIFO).steps(trace(1, 2, 3)))).endsWith(PlayerScript.SCRIPT);
        for (String label : new String[] {"'First'", "'Step back'", "'Play'", "'Pause'", "'Step'", "'Last'"}) {
            assertThat(html).contains("button(" + label);
        }
        assertThat(html).contains("data-role=\"step\"").contains("data-role=\"call\"").contains("data-role=\"pages\"");
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("http:").doesNotContain("https:").doesNotContain(" src=")
                .doesNotContain("import(").doesNotContain("fetch(");
        assertThat(HistoryPlayer.html(program())).isEqualTo(html);
        Golden.check("history.html", html);
    }

    @Test
    void pageCodes_sayStateProtectionGuardResidentAndDirty() {
        History h = program();
        assertThat(h.pagesAfter(h.size()).stream().map(HistoryPlayer::token)).containsExactly("RW*d", "RW", "RW*d", "res"); // a zero-filled page is dirty: no copy elsewhere
        assertThat(h.pagesAfter(5).stream().map(HistoryPlayer::token)).containsExactly("RW*d", "RW", "RWg", "res");
        assertThat(h.pagesAfter(0).stream().map(HistoryPlayer::token)).containsOnly("-");
    }

    @Test
    void anEmptySpace_saysSo() {
        String html = HistoryPlayer.html(space().history());
        assertThat(html).contains("No calls yet");
        Markup.fragment(html);
    }
}
