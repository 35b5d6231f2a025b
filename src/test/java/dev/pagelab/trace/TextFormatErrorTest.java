package dev.pagelab.trace;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed line is reported with the file, its line number and the problem. */
class TextFormatErrorTest {

    /** Reads {@code text} to the end and returns the error's message, after checking the references before it. */
    private static String error(TraceFormat format, String text, int expectedBefore) throws IOException {
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(text.getBytes(ISO_8859_1)), "prog.trace", format)) {
            long[] v = new long[1000];
            byte[] k = new byte[1000];
            int n = r.read(v, k, 1000);
            if (expectedBefore > 0) {
                assertThat(n).as("references before the bad line").isEqualTo(expectedBefore);
            }
            TraceFormatException e = org.junit.jupiter.api.Assertions.assertThrows(TraceFormatException.class,
                    () -> r.read(v, k, 1000));
            TraceFormatException again = org.junit.jupiter.api.Assertions.assertThrows(TraceFormatException.class,
                    () -> r.read(v, k, 1000));
            assertThat(again).isSameAs(e);
            return e.getMessage();
        } catch (TraceFormatException e) {
            assertThat(expectedBefore).as("the error came with the first batch").isZero();
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Q 0x1000                   | prog.trace:3: expected R, W or X before the address, found 'Q'
            READ 0x1000                | prog.trace:3: expected a blank between 'R' and the address, found 'E'
            R                          | prog.trace:3: expected an address after 'R', found the end of the line
            W 0x                       | prog.trace:3: expected a hexadecimal address after 'W', found the end of the line
            W zz                       | prog.trace:3: expected a hexadecimal address after 'W', found 'z'
            X 0x12g4                   | prog.trace:3: unexpected 'g' in the address '0x12g4' (addresses are hexadecimal)
            R 0x1000 0x2000            | prog.trace:3: unexpected '0' after the address
            R 0x10000000000000000      | prog.trace:3: address '0x10000000000000000' is larger than 2^64-1
            R 123456789abcdef01        | prog.trace:3: address '123456789abcdef01' is larger than 2^64-1
            R -12                      | prog.trace:3: expected a hexadecimal address after 'R', found '-'
            """)
    void rwxErrors(String line, String message) throws IOException {
        assertThat(error(TraceFormat.RWX, "R 0x1000\n# comment\n" + line.strip() + "\nR 0x2000\n", 1))
                .isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -5                         | prog.trace:4: a page number cannot be negative, found '-5'
            12a                        | prog.trace:4: unexpected 'a' in the page number '12a'
            12 13                      | prog.trace:4: unexpected '1' after the page number
            0x                         | prog.trace:4: expected hex digits after '0x', found the end of the line
            0xfffffffffffffffff        | prog.trace:4: page number '0xfffffffffffffffff' is larger than 2^64-1
            0x8000000000000000         | prog.trace:4: page number '0x8000000000000000' is larger than 2^63-1
            9223372036854775808        | prog.trace:4: page number '9223372036854775808' is larger than 2^63-1
            99999999999999999999999    | prog.trace:4: page number '99999999999999999999999' is larger than 2^63-1
            R 0x1000                   | prog.trace:4: expected a page number, found 'R'
            3.5                        | prog.trace:4: unexpected '.' in the page number '3.5'
            """)
    void pageNumberErrors(String line, String message) throws IOException {
        assertThat(error(TraceFormat.PAGES, "1\n\n2 # two\n" + line.strip() + "\n3\n", 2)).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ' Q 0401ab70,8'            | prog.trace:3: expected I, L, S or M (a valgrind lackey record), found 'Q'
            ' L 0401ab70'              | prog.trace:3: expected ',' and the access size after the address '0401ab70', found the end of the line
            ' L 0401ab70,'             | prog.trace:3: expected the access size (decimal) after ',', found the end of the line
            ' L 0401ab70,x'            | prog.trace:3: expected the access size (decimal) after ',', found 'x'
            ' L 0401ab70,8 junk'       | prog.trace:3: unexpected 'j' after the access size
            ' L 0401ab70,2000000'      | prog.trace:3: access size 2000000 is larger than 1048576
            ' L ,8'                    | prog.trace:3: expected a hexadecimal address after 'L', found ','
            ' L0401ab70,8'             | prog.trace:3: expected a blank between 'L' and the address, found '0'
            'I  10000000000000000,2'   | prog.trace:3: address '10000000000000000' is larger than 2^64-1
            'R 0x1000'                 | prog.trace:3: expected I, L, S or M (a valgrind lackey record), found 'R'
            ' L 0401ab70,8 # comment'  | prog.trace:3: unexpected '#' after the access size
            """)
    void lackeyErrors(String line, String message) throws IOException {
        assertThat(error(TraceFormat.LACKEY, "==1== Lackey\nI  0401ab70,3\n" + line + "\n L 04222cac,8\n", 1))
                .isEqualTo(message);
    }

    @Test
    void controlAndNonAsciiBytesAreNamed() throws IOException {
        assertThat(error(TraceFormat.PAGES, "1\n2\u0000\n", 1))
                .isEqualTo("prog.trace:2: unexpected byte 0x00 in the page number '2?'");
        assertThat(error(TraceFormat.RWX, "\u00e9 0x10\n", 0))
                .isEqualTo("prog.trace:1: expected R, W or X before the address, found byte 0xE9");
        assertThat(error(TraceFormat.RWX, "R\t0x10\r\nW\t0x20\rX 0x30\n", 1))
                .isEqualTo("prog.trace:2: unexpected a carriage return after the address");
    }

    @Test
    void linesLongerThanTheCapAreReported() throws IOException {
        String longComment = "#" + "x".repeat(TextReader.MAX_LINE) + "\n";
        assertThat(error(TraceFormat.PAGES, "1\n2\n" + longComment + "3\n", 2))
                .isEqualTo("prog.trace:3: line is longer than 4096 bytes");
        String endless = "7".repeat(200_000);
        assertThat(error(TraceFormat.PAGES, "1\n" + endless, 1))
                .isEqualTo("prog.trace:2: page number '7777777777777777777777777777777777777777...' is larger than 2^63-1");
        String blanks = "R" + " ".repeat(300_000) + "0x10\n";
        assertThat(error(TraceFormat.RWX, "R 1\n" + blanks, 1)).isEqualTo("prog.trace:2: line is longer than 4096 bytes");
        String valgrindNoise = "==1== " + "y".repeat(100_000) + "\n";
        assertThat(error(TraceFormat.LACKEY, valgrindNoise, 0)).isEqualTo("prog.trace:1: line is longer than 4096 bytes");
    }

    @Test
    void aLineOfExactlyTheCapIsFine() throws IOException {
        String padded = "5" + " ".repeat(TextReader.MAX_LINE - 1);
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream((padded + "\r\n6\n" + padded).getBytes(ISO_8859_1)),
                "prog.trace", TraceFormat.PAGES)) {
            assertThat(ArrayTrace.readAll(r, 7).values).containsExactly(5, 6, 5);
        }
    }

    @Test
    void blankLinesCommentsAndLineEndingsAreAccepted() throws IOException {
        String pages = "# a trace\n\n  \t\n1\r\n0x1F\t# hex\n  42  \n\r\n7";
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(pages.getBytes(ISO_8859_1)), "p", TraceFormat.PAGES)) {
            assertThat(ArrayTrace.readAll(r, 2).values).containsExactly(1, 31, 42, 7);
        }
        String rwx = "# kinds\nR 0x10\nw 20\r\n  X\t0XfF  # fetch\nW FFFFFFFFFFFFFFFF";
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(rwx.getBytes(ISO_8859_1)), "p", TraceFormat.RWX)) {
            ArrayTrace t = ArrayTrace.readAll(r, 3);
            assertThat(t.values).containsExactly(0x10, 0x20, 0xff, -1L);
            assertThat(t.kinds).containsExactly(ReferenceReader.READ, ReferenceReader.WRITE, ReferenceReader.EXECUTE,
                    ReferenceReader.WRITE);
        }
    }

    @Test
    void theErrorComesAfterTheReferencesBeforeItWhateverTheBatch() throws IOException {
        String text = "1\n2\n3\n4\nfive\n6\n";
        for (int batch = 1; batch <= 6; batch++) {
            try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(text.getBytes(ISO_8859_1)), "t", TraceFormat.PAGES)) {
                long[] v = new long[batch];
                byte[] k = new byte[batch];
                int seen = 0;
                int n;
                try {
                    while ((n = r.read(v, k, batch)) >= 0) {
                        seen += n;
                    }
                    throw new AssertionError("no error");
                } catch (TraceFormatException e) {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).isEqualTo("t:5: expected a page number, found 'f'");
                }
                assertThat(seen).as("batch %d", batch).isEqualTo(4);
            }
        }
    }

    @Test
    void aClosedReaderRefusesToRead() throws IOException {
        ReferenceReader r = Traces.reader(new ByteArrayInputStream("1\n".getBytes(ISO_8859_1)), "t", TraceFormat.PAGES);
        r.close();
        assertThatThrownBy(() -> r.read(new long[1], new byte[1], 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }
}
