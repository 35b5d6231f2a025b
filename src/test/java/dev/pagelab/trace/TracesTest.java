package dev.pagelab.trace;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opening files: format detection, gzip, conversion, and what each format refuses to hold. */
class TracesTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(ISO_8859_1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            12\\n13\\n                                    | PAGES
            '# pages\\n\\n  0x1f\\n'                        | PAGES
            -3\\n                                          | PAGES
            ''                                             | PAGES
            '# only a comment\\n'                          | PAGES
            R 0x1000\\n                                    | RWX
            '# kinds\\n\\tw 1000\\n'                       | RWX
            x 0x401000\\n                                  | RWX
            ==123== Lackey, an example Valgrind tool\\n    | LACKEY
            --123-- a warning\\n                           | LACKEY
            I  0401ab70,3\\n                               | LACKEY
            ' L 04222cac,8\\n'                             | LACKEY
            ' M 0421be24,4\\n'                             | LACKEY
            """)
    void theFormatIsToldFromTheFirstRecord(String text, TraceFormat format) throws IOException {
        Path p = file("t", text.replace("\\n", "\n").replace("\\t", "\t"));
        assertThat(Traces.detect(p)).isEqualTo(format);
        assertThat(Traces.open(p).format()).isEqualTo(format);
        assertThat(Traces.open(p).pageNumbers()).isEqualTo(format == TraceFormat.PAGES);
    }

    @Test
    void pageNumbers_ofEveryLength_andTheirNeighbours_readAsWritten() throws IOException {
        // Short decimal lines take a quick path (up to 18 digits, then '\n'); longer ones, hex, leading zeros,
        // blanks, comments and \r\n the general one. Both must agree.
        String text = "7\n0\n007\n0x1F\n42 # c\n43\r\n  44\n999999999999999999\n1000000000000000000\n"
                + "9223372036854775807\n12";
        ArrayTrace t = ArrayTrace.readAll(Traces.open(file("n.pages", text)), 3);
        assertThat(t.values).containsExactly(7, 0, 7, 31, 42, 43, 44, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L, Long.MAX_VALUE, 12);
        assertThatThrownBy(() -> ArrayTrace.readAll(Traces.open(file("o.pages", "1\n9223372036854775808\n")), 4))
                .hasMessage(dir.resolve("o.pages") + ":2: page number '9223372036854775808' is larger than 2^63-1");
        assertThatThrownBy(() -> ArrayTrace.readAll(Traces.open(file("x.pages", "1\n12x\n")), 4))
                .hasMessageStartingWith(dir.resolve("x.pages") + ":2: unexpected 'x'");
    }

    @Test
    void binaryAndGzipAreToldFromTheirMagic() throws IOException {
        Path bin = dir.resolve("z.trace");
        Traces.write(ArrayTrace.pages(3, 1, 4, 1, 5), bin, TraceFormat.BINARY);
        TraceFile t = Traces.open(bin);
        assertThat(t.format()).isEqualTo(TraceFormat.BINARY);
        assertThat(t.pageNumbers()).isTrue();
        assertThat(t.compressed()).isFalse();
        assertThat(t.references()).hasValue(5);
        assertThat(t.describe()).isEqualTo("binary trace z.trace, 5 references");

        Path gz = dir.resolve("z.trace.gz");
        Traces.write(t, gz, TraceFormat.BINARY);
        TraceFile g = Traces.open(gz);
        assertThat(g.format()).isEqualTo(TraceFormat.BINARY);
        assertThat(g.compressed()).isTrue();
        assertThat(g.references()).isEmpty();
        assertThat(ArrayTrace.readAll(g, 2).values).containsExactly(3, 1, 4, 1, 5);

        Path lackeyGz = dir.resolve("l.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(lackeyGz))) {
            out.write("==1== hello\nI  0401ab70,3\n M 10,4\n".getBytes(ISO_8859_1));
        }
        TraceFile l = Traces.open(lackeyGz);
        assertThat(l.format()).isEqualTo(TraceFormat.LACKEY);
        assertThat(ArrayTrace.readAll(l, 2).values).containsExactly(0x401ab70, 0x10, 0x10);
    }

    @Test
    void unknownContentIsRefusedWithItsLine() throws IOException {
        assertThatThrownBy(() -> Traces.open(file("prog.trace", "# header\n\nhello\n")))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(dir.resolve("prog.trace") + ":3: cannot tell the trace format: the first record starts"
                        + " with 'h', not a page number, R/W/X, a valgrind lackey record or the binary trace header");
        assertThatThrownBy(() -> Traces.open(file("zeros", "\0\0\0")))
                .isInstanceOf(TraceFormatException.class).hasMessageContaining(":1: ").hasMessageContaining("byte 0x00");
        Path badBinary = Files.write(dir.resolve("b"), new byte[] {(byte) 0x89, 'P', 'L', 'T', '\r', '\n', 0x1A, '\n', 9, 0});
        assertThatThrownBy(() -> Traces.open(badBinary)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("unsupported binary trace version 9");
    }

    @Test
    void aDamagedGzipFileIsAFormatError() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < 20_000; i++) {
                out.write((i + "\n").getBytes(ISO_8859_1));
            }
        }
        byte[] whole = bytes.toByteArray();
        Path cut = Files.write(dir.resolve("cut.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        TraceFile t = Traces.open(cut);
        assertThat(t.format()).isEqualTo(TraceFormat.PAGES);
        assertThatThrownBy(() -> ArrayTrace.readAll(t, 1000)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("the compressed data is corrupt or truncated");
        byte[] header = whole.clone();
        header[3] = (byte) 0xFF; // reserved flag bits
        Path bad = Files.write(dir.resolve("bad.gz"), header);
        assertThatThrownBy(() -> Traces.open(bad)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("bad.gz:1: the compressed data is corrupt");
    }

    @Test
    void anExplicitFormatIsTrustedAndErrorsNameTheFile() throws IOException {
        Path p = file("n", "10\n20\n");
        TraceFile t = Traces.open(p, TraceFormat.RWX);
        assertThatThrownBy(() -> ArrayTrace.readAll(t, 4)).isInstanceOf(TraceFormatException.class)
                .hasMessage(p + ":1: expected R, W or X before the address, found '1'");
    }

    @Test
    void conversionsBetweenFormats() throws IOException {
        Path lackey = file("ls.lackey", "==9== x\nI  00401000,4\n S 7ff0001008,8\n M 00403ffc,8\n");
        TraceFile in = Traces.open(lackey);
        Path rwx = dir.resolve("ls.rwx");
        assertThat(Traces.write(in, rwx, TraceFormat.RWX)).isEqualTo(4);
        assertThat(Files.readString(rwx)).isEqualTo("X 0x401000\nW 0x7ff0001008\nR 0x403ffc\nW 0x403ffc\n");
        Path back = dir.resolve("back.lackey");
        Traces.write(Traces.open(rwx), back, TraceFormat.LACKEY);
        assertThat(Files.readString(back)).isEqualTo("I  00401000,1\n S 7ff0001008,1\n L 00403ffc,1\n S 00403ffc,1\n");

        assertThatThrownBy(() -> Traces.write(in, dir.resolve("p"), TraceFormat.PAGES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds page numbers, not byte addresses; convert with Traces.pages(trace, pageSize)");
        Trace pages = Traces.pages(in, 4096);
        assertThat(pages.describe()).isEqualTo("valgrind lackey trace ls.lackey as 4096-byte pages");
        Path p = dir.resolve("ls.pages");
        Traces.write(pages, p, TraceFormat.PAGES);
        assertThat(Files.readString(p)).isEqualTo("1025\n134152193\n1027\n1027\n");
        assertThatThrownBy(() -> Traces.write(Traces.open(p), dir.resolve("x"), TraceFormat.RWX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds byte addresses, not page numbers");
        assertThatThrownBy(() -> Traces.write(in, lackey, TraceFormat.BINARY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write valgrind lackey trace ls.lackey over itself");
        assertThat(Files.readString(lackey)).startsWith("==9== x");
        assertThatThrownBy(() -> Traces.pages(pages, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Traces.pages(in, 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writerChecksWhatItIsGiven() throws IOException {
        try (TraceWriter w = TraceWriter.create(new ByteArrayOutputStream(), TraceFormat.BINARY, true)) {
            assertThatThrownBy(() -> w.write(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("negative page number -1");
            assertThatThrownBy(() -> w.write(1, (byte) 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown reference kind 2 (READ 0, WRITE 1 or EXECUTE 8)");
        }
        assertThatThrownBy(() -> Traces.open(dir).splitAccessesAt(4096)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Traces.open(file("p", "1\n")).splitAccessesAt(4096))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only lackey records carry access sizes");
    }
}
