package dev.pagelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagelab.trace.TraceFormat;
import dev.pagelab.trace.TraceGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void convertsByTheOutputName_andSaysWhatItWrote() throws IOException {
        Path in = dir.resolve("t.rwx");
        Files.writeString(in, "R 0x1000\nW 0x2fff\nX 0x3000\n");
        Cli c = Cli.convert(in.toString(), dir.resolve("t.pages").toString());
        assertThat(c.code()).isZero();
        assertThat(c.err()).isEmpty();
        assertThat(c.out()).isEqualTo(dir.resolve("t.pages") + ": 3 references as a page-number trace, from the R/W/X"
                + " address trace t.rwx\n");
        assertThat(Files.readString(dir.resolve("t.pages"))).isEqualTo("1\n2\n3\n");
        Cli big = Cli.convert(in.toString(), dir.resolve("big.pages").toString(), "--page-size", "8192");
        assertThat(big.code()).isZero();
        assertThat(Files.readString(dir.resolve("big.pages"))).isEqualTo("0\n1\n1\n");
    }

    @Test
    void readsGzipFromStandardInput_andWritesStandardOutput() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("5\n6\n5\n".getBytes(StandardCharsets.US_ASCII));
        }
        Cli c = Cli.command("convert", gz.toByteArray(), "-", "-", "--to", "rwx", "--page-size", "4096");
        assertThat(c.err()).isEmpty();
        assertThat(c.out()).isEqualTo("R 0x5000\nR 0x6000\nR 0x5000\n");
        Cli f = Cli.command("convert", gz.toByteArray(), "-", "-", "--format", "pages", "--to", "pages");
        assertThat(f.out()).isEqualTo("5\n6\n5\n");
    }

    @Test
    void neverWritesOverTheInput() throws IOException {
        Path in = dir.resolve("t.pages");
        Files.writeString(in, "1\n2\n");
        Cli c = Cli.convert(in.toString(), dir.resolve(".").resolve("t.pages").toString(), "--to", "binary");
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).isEqualTo("pagelab convert: " + dir.resolve(".").resolve("t.pages")
                + " is the input file; write the converted trace to another file\n");
        assertThat(Files.readString(in)).isEqualTo("1\n2\n");
        Path link = dir.resolve("link.pages");
        Files.createSymbolicLink(link, in);
        assertThat(Cli.convert(in.toString(), link.toString()).code()).isEqualTo(2);
        assertThat(Files.readString(in)).isEqualTo("1\n2\n");
    }

    @Test
    void aBadRecord_isOneLineWithItsPlace_andLeavesTheOutputAsItWas() throws IOException {
        Path in = dir.resolve("bad.pages");
        Files.writeString(in, "1\n2\nseven\n");
        Path out = dir.resolve("out.trace");
        Files.writeString(out, "old");
        Cli c = Cli.convert(in.toString(), out.toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).isEqualTo("pagelab convert: " + in + ":3: expected a page number, found 's'\n");
        assertThat(Files.readString(out)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("bad.pages", "out.trace");
        }
    }

    @Test
    void badArguments_areOneLineAndTheUsage() throws IOException {
        Path in = dir.resolve("t.pages");
        Files.writeString(in, "1\n");
        assertThat(Cli.convert(in.toString()).err()).startsWith("pagelab convert: no output file given\nusage:");
        assertThat(Cli.convert(in.toString(), "x", "--to", "csv").err())
                .startsWith("pagelab convert: --to csv: one of binary, pages, rwx, lackey\n");
        assertThat(Cli.convert(in.toString(), "x", "--page-size", "1000").err())
                .startsWith("pagelab convert: --page-size 1000: a power of two from 1 byte to 1 TiB\n");
        Cli missing = Cli.convert(dir.resolve("nope").toString(), dir.resolve("x").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("pagelab convert: " + dir.resolve("nope") + ": no such file or folder\n");
        Cli noPageSize = Cli.convert(in.toString(), dir.resolve("x.rwx").toString());
        assertThat(noPageSize.err()).isEqualTo("pagelab convert: " + in + " holds page numbers and an R/W/X address"
                + " trace holds byte addresses: give --page-size BYTES to write the first address of each page\n");
        Cli noFolder = Cli.convert(in.toString(), dir.resolve("no/such/x.trace").toString());
        assertThat(noFolder.code()).isEqualTo(2);
        assertThat(noFolder.err()).contains("no such file or folder").doesNotContain("Exception");
    }

    @Test
    void aGeneratedTrace_convertsToTextAndBack_toTheSameBytes() throws IOException {
        Path bin = dir.resolve("z.trace");
        TraceGenerator.zipf(1000, 0.9, 5).writes(0.25).write(bin, TraceFormat.BINARY, 50_000);
        // page numbers with kinds: the address formats keep the kinds
        assertThat(Cli.convert(bin.toString(), dir.resolve("z.rwx").toString(), "--page-size", "1").code()).isZero();
        assertThat(Cli.convert(dir.resolve("z.rwx").toString(), dir.resolve("z2.trace").toString(), "--page-size", "1")
                .code()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("z2.trace"))).isEqualTo(Files.readAllBytes(bin));
    }
}
