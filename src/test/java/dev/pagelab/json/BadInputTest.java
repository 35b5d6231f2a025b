package dev.pagelab.json;

import static dev.pagelab.PageLab.*;
import static dev.pagelab.json.PageLabJson.*;
import static dev.pagelab.scenario.Replayer.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagelab.AddressSpace;
import dev.pagelab.CheckedSpaces;
import dev.pagelab.PageLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Every kind of bad input gives a {@link JsonInputException} whose message names the place and the problem. */
class BadInputTest {
    private static final String SCENARIO = "{\"format\": \"pagelab.scenario\", \"version\": 1, \"operations\": [";

    @RegisterExtension
    final CheckedSpaces checked = new CheckedSpaces();

    /** The DSL's space(), checked against the engine's invariants when the test ends. */
    private AddressSpace space() {
        return checked.add(PageLab.space());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed JSON       | {"format": "pagelab.scenario", "version": 1, "operations": [}                                  | $.operations[0] (line 1, column 61) | Unexpected close marker '}': expected ']' (for Array starting at [line: 1, column: 60])
            not JSON at all      | hello                                                                                           | $ (line 1, column 1)                | Unrecognized token 'hello'
            empty document       | ``                                                                                              | $                                   | the document is empty
            trailing content     | {"format": "pagelab.scenario", "version": 1, "operations": []} []                               | $ (line 1, column 64)               | unexpected '[' after the end of the document
            unknown field        | {"format": "pagelab.scenario", "version": 1, "operations": [], "extra": 1}                     | $.extra (line 1, column 73)         | unknown field; known here: format, version, title, machine, operations
            type from the input  | `SCENARIO{"op": "reserve", "size": 4096, "@class": "java.lang.ProcessBuilder"}]}`              | $.operations[0][^@class^] (line 1, column 103) | unknown field; known here: address, expect, name, note, op, protect, size, topDown
            missing field        | {"format": "pagelab.scenario", "version": 1}                                                    | $:                                  | missing field ^operations^
            missing op field     | `SCENARIO{"op": "commit", "size": 4096}]}`                                                      | $.operations[0] (line 1, column 61) | missing field ^address^
            wrong type           | `SCENARIO{"op": "reserve", "size": true}]}`                                                     | $.operations[0].size (line 1, column 87) | expected a size (a byte count, or a string such as ^16 KiB^), found true
            wrong op             | `SCENARIO{"op": "format_disk"}]}`                                                               | $.operations[0].op (line 1, column 68) | unknown operation ^format_disk^; known: reserve, commit
            out of range         | `SCENARIO{"op": "read", "address": 65536, "width": 16}]}`                                       | $.operations[0].width (line 1, column 103) | the number 16 is out of range [1, 8]
            bad width            | `SCENARIO{"op": "read", "address": 65536, "width": 3}]}`                                        | $.operations[0].width (line 1, column 103) | width 3 must be 1, 2, 4 or 8 bytes
            number too big       | `SCENARIO{"op": "write", "address": 65536, "value": 123456789012345678901234567890}]}`          | $.operations[0].value             | a value 123456789012345678901234567890 does not fit in 64 bits
            unbound name         | `SCENARIO{"op": "write", "address": "heap+16", "value": 1}]}`                                   | $.operations[0].address (line 1, column 88) | the name ^heap^ is not bound by an earlier operation
            bad protection       | `SCENARIO{"op": "reserve", "size": 4096, "protect": "PAGE_READWRITE|PAGE_SHINY"}]}`             | $.operations[0].protect (line 1, column 104) | unknown name ^PAGE_SHINY^ in the protection
            wrong format         | {"format": "pagelab.snapshot", "version": 1, "operations": []}                                  | $.format (line 1, column 12)        | this is a ^pagelab.snapshot^ document; expected ^pagelab.scenario^
            newer version        | {"format": "pagelab.scenario", "version": 7, "operations": []}                                  | $.version (line 1, column 43)       | version 7 of pagelab.scenario is newer than this PageLab reads
            duplicate field      | {"format": "pagelab.scenario", "format": "x", "version": 1, "operations": []}                  | $.format (line 1, column                | Duplicate field 'format'
            deep nesting         | `SCENARIO{"op": "reserve", "size": 1, "note": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]}` | $.operations[0].note[0]   | exceeds the maximum allowed (32
            bad machine          | {"format": "pagelab.scenario", "version": 1, "machine": {"pageSize": 3000}, "operations": []}  | $.machine.pageSize (line 1, column 70) | page size 3000 must be a power of two
            huge machine         | {"format": "pagelab.scenario", "version": 1, "machine": {"frames": 100000000}, "operations": []} | $.machine                          | a machine of 100000000 frames is more than a file may run
            not UTF-8            | `{}`                                                                                            | $.title (line 1, column 57)         | Invalid UTF-8 start byte 0xff
            UTF-16               | `{}`                                                                                            | $ (line 1, column 1)                | the document is not UTF-8 text (it starts like UTF-16 or UTF-32)
            """)
    void badScenario_namesThePlaceAndTheProblem(String what, String json, String place, String problem) {
        byte[] bytes = json.replace("SCENARIO", SCENARIO).getBytes(StandardCharsets.UTF_8);
        if (what.equals("not UTF-8")) {
            bytes = (SCENARIO.replace("\"operations\": [", "\"title\": \"") + "\u00ff\"}").getBytes(StandardCharsets.ISO_8859_1);
        } else if (what.equals("UTF-16")) {
            bytes = SCENARIO.getBytes(StandardCharsets.UTF_16);
        }
        byte[] input = bytes;
        assertThatThrownBy(() -> PageLabJson.readScenario(new ByteArrayInputStream(input), "s.json"))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("s.json: " + place.replace('^', '"'))
                .hasMessageContaining(problem.replace('^', '"'));
    }

    @Test
    void hugeArray_isRefusedAtTheFirstElementPastTheLimit() {
        Limits small = new Limits(16, 1 << 20, 1 << 16, 3, 5, 1 << 20);
        String json = SCENARIO + "{\"op\": \"touch\", \"address\": 1},".repeat(6) + "{\"op\": \"touch\", \"address\": 1}]}";
        assertThatThrownBy(() -> PageLabJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "s.json",
                small, ScenarioReader::read))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("s.json: $.operations[5] (line 1, column ")
                .hasMessageContaining("more than 5 elements; at most 5 are allowed here");
    }

    @Test
    void longDocument_isRefusedByTheParsersLimit() {
        Limits small = new Limits(16, 200, 1 << 16, 100, 100, 1 << 20);
        String json = SCENARIO + "{\"op\": \"touch\", \"address\": 1},".repeat(20) + "{\"op\": \"touch\", \"address\": 1}]}";
        assertThatThrownBy(() -> PageLabJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "s.json",
                small, ScenarioReader::read))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("s.json: $")
                .hasMessageContaining("Document length (691) exceeds the maximum allowed (200");
    }

    @Test
    void snapshot_withAFrameOfAMissingSpace_namesTheFrame() {
        var s = space();
        s.allocate(kb(4)).write(0, 1);
        String json = toJson(snapshot(s)).replace("\"space\": 0", "\"space\": 3");
        assertThatThrownBy(() -> readSnapshot(json))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("<string>: $.memory.frames[0].space: space 3 does not exist; the snapshot has 1");
    }

    @Test
    void journal_withEventsOutOfTimeOrder_namesTheEvent() {
        var s = space();
        s.allocate(kb(4)).write(0, 1);
        String json = toJson(journal(s)).replace("{\"t\": 1,", "{\"t\": 9,");
        assertThatThrownBy(() -> readJournal(json))
                .isInstanceOf(JsonInputException.class)
                .hasMessageContaining("$.events[1].t (line ")
                .hasMessageContaining("time 2 is before the previous event's 9: events are listed in time order");
    }

    @Test
    void journal_withReadsOff_isRefusedByTheReplay_andTamperedOutcomesNameTheEvent() {
        var s = space();
        s.recordReads(false);
        var r = s.allocate(kb(4));
        r.read(0);
        assertThat(journal(s).complete()).isFalse();
        assertThatThrownBy(() -> replay(journal(s))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not hold every access");

        var t = space();
        t.allocate(kb(4)).write(0, 1);
        String tampered = toJson(journal(t)).replace("\"error\": 0, \"base\": \"0x10000\"",
                "\"error\": 0, \"base\": \"0x20000\"");
        assertThatThrownBy(() -> replay(readJournal(tampered))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event 0 (space 0: t=1 VirtualAlloc(")
                .hasMessageContaining("0x10000 instead of 0x20000");
    }

    @Test
    void snapshotContents_thatAreNotBase64_nameTheSegment() {
        var s = space();
        s.allocate(kb(4)).write(0, 1);
        String json = toJson(snapshot(s)).replace("\"AQ==\"", "\"A$==\"");
        assertThatThrownBy(() -> readSnapshot(json))
                .isInstanceOf(JsonInputException.class)
                .hasMessageContaining("$.spaces[0].pages[0].contents[0].base64 (line ")
                .hasMessageContaining("expected base64 (RFC 4648 with padding)");
    }

    @Test
    void snapshotContents_farPastThePage_areRefusedBeforeAnyPageIsAllocated() {
        // Each page's one segment sits at offset 2^30 - 2: assembling them would take 1 GiB per page. The check
        // against the 4 KiB page comes first, so this small document is refused without a large allocation.
        var s = space();
        s.allocate(kb(64)).write(0, 1);
        String bomb = "{\"offset\": " + ((1 << 30) - 2) + ", \"base64\": \"AQI=\"}";
        String json = toJson(snapshot(s)).replaceFirst("\\{\"offset\": 0, \"base64\": \"AQ==\"}", bomb);
        assertThat(json.length()).isLessThan(2048);
        assertThatThrownBy(() -> readSnapshot(json))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("<string>: $.spaces[0].pages[0].contents: the contents run to byte 1073741824, past the "
                        + "4096-byte page");
    }

    @Test
    void snapshotPage_outsideEveryReservation_namesThePage() {
        var s = space();
        s.allocate(kb(4)).write(0, 1);
        String json = toJson(snapshot(s)).replace("{\"address\": \"0x10000\"", "{\"address\": \"0x90000\"");
        assertThatThrownBy(() -> readSnapshot(json))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("<string>: $.spaces[0].pages[0].address: page 0x90000 lies in no reservation of the space");
    }

    @Test
    void snapshotRun_largerThanItsReservation_namesTheCount() {
        var s = space();
        s.reserve(kb(64)).commit(0, kb(8));
        String json = toJson(snapshot(s)).replace("\"count\": 2", "\"count\": " + (1L << 62));
        assertThatThrownBy(() -> readSnapshot(json))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("<string>: $.spaces[0].pages[0].count: 4611686018427387904 pages from 0x10000 run past "
                        + "the reservation [0x10000, 0x20000), which has room for 16");
    }

    @Test
    void snapshotReservation_pastTheUserRange_namesItsSize() {
        var s = space();
        s.reserve(kb(64));
        String json = toJson(snapshot(s)).replace("\"size\": 65536", "\"size\": " + (1L << 62));
        assertThatThrownBy(() -> readSnapshot(json))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("<string>: $.spaces[0].reservations[0].size: the reservation of "
                        + "4611686018427387904 bytes at 0x10000 runs out of the user range [0x10000, ");
    }

    @Test
    void snapshotReservation_whoseCommittedPagesDisagreeWithItsPages_namesTheCount() {
        var s = space();
        s.reserve(kb(64)).commit(0, kb(8));
        String json = toJson(snapshot(s)).replace("\"committedPages\": 2}", "\"committedPages\": 3}");
        assertThatThrownBy(() -> readSnapshot(json))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("<string>: $.spaces[0].reservations[0].committedPages: committedPages 3, but the pages "
                        + "listed in the reservation count 2");
    }

    @Test
    void snapshotPage_inAFrameNeverTouched_namesTheFrame() {
        var s = space();
        s.allocate(kb(4)).write(0, 1);
        String json = toJson(snapshot(s)).replace("\"frame\": 0, \"contents\"", "\"frame\": 7, \"contents\"");
        assertThatThrownBy(() -> readSnapshot(json))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("<string>: $.spaces[0].pages[0].frame: frame 7 is not below framesTouched 1");
    }
}
