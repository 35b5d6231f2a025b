package dev.pagelab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The binary form byte by byte, as {@code docs/trace-formats.md} describes it, and its errors. */
class BinaryFormatTest {
    private static final byte[] HEADER = {(byte) 0x89, 'P', 'L', 'T', '\r', '\n', 0x1A, '\n', 1};

    private static byte[] write(boolean pageNumbers, long[] values, byte[] kinds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = TraceWriter.create(out, TraceFormat.BINARY, pageNumbers)) {
            w.write(values, kinds, values.length);
        }
        return out.toByteArray();
    }

    private static int u(int b) {
        return b & 0xFF;
    }

    @Test
    void layoutMatchesTheDocumentation() throws IOException {
        byte[] file = write(true, new long[] {5, 3, 3, 100_000}, new byte[] {0, 1, 8, 0});
        assertThat(Arrays.copyOf(file, 9)).containsExactly(HEADER);
        assertThat(file[9]).isEqualTo((byte) 1); // flags: page numbers
        // 5: delta +5, zigzag 10 = 0b01010: fits the 5 bits of the first byte: (10 << 2) | READ
        assertThat(u(file[10])).isEqualTo(10 << 2);
        // 3: delta -2, zigzag 3, WRITE (code 1)
        assertThat(u(file[11])).isEqualTo(3 << 2 | 1);
        // 3: delta 0, EXECUTE (code 2)
        assertThat(u(file[12])).isEqualTo(2);
        // 100000: delta 99997, zigzag 199994 = 0b110000110100111010: low 5 bits 11010, then 7-bit groups
        long zz = 199_994;
        assertThat(u(file[13])).isEqualTo(0x80 | (int) (zz & 0x1F) << 2);
        assertThat(u(file[14])).isEqualTo(0x80 | (int) (zz >>> 5 & 0x7F));
        assertThat(u(file[15])).isEqualTo((int) (zz >>> 12));
        // end record, count 4 (8 bytes little-endian), CRC-32 of everything before the CRC
        assertThat(u(file[16])).isEqualTo(0x03);
        assertThat(Arrays.copyOfRange(file, 17, 25)).containsExactly(4, 0, 0, 0, 0, 0, 0, 0);
        CRC32 crc = new CRC32();
        crc.update(file, 0, 25);
        long sum = crc.getValue();
        assertThat(Arrays.copyOfRange(file, 25, 29))
                .containsExactly((byte) sum, (byte) (sum >>> 8), (byte) (sum >>> 16), (byte) (sum >>> 24));
        assertThat(file).hasSize(29);
        // as printed in docs/trace-formats.md
        assertThat(Arrays.copyOf(file, 25)).containsExactly(0x89, 0x50, 0x4C, 0x54, 0x0D, 0x0A, 0x1A, 0x0A, 0x01, 0x01,
                0x28, 0x0D, 0x02, 0xE8, 0xE9, 0x30, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void theLongestRecordIsTenBytes() throws IOException {
        byte[] file = write(false, new long[] {Long.MIN_VALUE}, new byte[] {1});
        // delta MIN_VALUE: zigzag 2^64-1, all ones: 5 + 8 * 7 + 3 bits
        assertThat(file).hasSize(10 + 10 + 13);
        assertThat(u(file[19])).isEqualTo(7);
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(file), "t.bin")) {
            ArrayTrace t = ArrayTrace.readAll(r, 3);
            assertThat(t.values).containsExactly(Long.MIN_VALUE);
            assertThat(r.pageNumbers()).isFalse();
        }
    }

    @Test
    void recordsOfEveryLengthReadBack_inEveryPositionOfTheBuffer() throws IOException {
        // Deltas of +-2^k for every k give records of 1 to 10 bytes, each kind, one after another; repeated so
        // that records straddle the reader's 64 KiB buffer at many offsets.
        int n = 64 * 2 * 3 * 200;
        long[] values = new long[n];
        byte[] kinds = new byte[n];
        byte[] codes = {ReferenceReader.READ, ReferenceReader.WRITE, ReferenceReader.EXECUTE};
        long value = 0;
        for (int i = 0; i < n; i++) {
            int k = i % 64;
            long delta = (i / 64 % 2 == 0 ? 1L : -1L) << k;
            value += delta;
            values[i] = value;
            kinds[i] = codes[i / 128 % 3];
        }
        byte[] file = write(false, values, kinds);
        for (int batch : new int[] {7, 4096}) {
            try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(file), "t.bin")) {
                ArrayTrace t = ArrayTrace.readAll(r, batch);
                assertThat(t.values).containsExactly(values);
                assertThat(t.kinds).containsExactly(kinds);
            }
        }
    }

    @Test
    void anEmptyTraceIsHeaderAndEndRecord() throws IOException {
        byte[] file = write(false, new long[0], new byte[0]);
        assertThat(file).hasSize(23);
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(file), "t.bin")) {
            assertThat(r.read(new long[4], new byte[4], 4)).isEqualTo(-1);
            assertThat(r.read(new long[4], new byte[4], 4)).isEqualTo(-1);
        }
    }

    private static String error(byte[] file) throws IOException {
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(file), "t.bin", TraceFormat.BINARY)) {
            ArrayTrace.readAll(r, 1000);
        } catch (TraceFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    private static byte[] sample() throws IOException {
        return write(false, new long[] {0x401000, 0x401005, 0x1fff000788L, 0x401008},
                new byte[] {8, 8, 1, 8});
    }

    @Test
    void badHeaders() throws IOException {
        byte[] file = sample();
        byte[] magic = file.clone();
        magic[3] = 'X';
        assertThat(error(magic)).isEqualTo(
                "t.bin:0: not a PageLab binary trace: it starts with bytes 89 50 4C 58 0D 0A 1A 0A instead of"
                        + " 89 50 4C 54 0D 0A 1A 0A (byte offset 0)");
        byte[] version = file.clone();
        version[8] = 2;
        assertThat(error(version))
                .isEqualTo("t.bin:8: unsupported binary trace version 2 (this reader knows version 1) (byte offset 8)");
        byte[] flags = file.clone();
        flags[9] = 0x41;
        assertThat(error(flags)).isEqualTo("t.bin:9: unknown header flags 0x41 (byte offset 9)");
        assertThat(error(Arrays.copyOf(file, 5)))
                .isEqualTo("t.bin:5: truncated header: the file has 5 bytes, a binary trace starts with 10 (byte offset 5)");
        assertThat(error(new byte[0]))
                .isEqualTo("t.bin:0: truncated header: the file has 0 bytes, a binary trace starts with 10 (byte offset 0)");
    }

    @Test
    void truncatedFiles() throws IOException {
        byte[] file = sample();
        int end = file.length - 13;
        assertThat(error(Arrays.copyOf(file, end)))
                .isEqualTo("t.bin:" + end + ": truncated: the file ends after 4 references without the end record (byte offset "
                        + end + ")");
        assertThat(error(Arrays.copyOf(file, end - 1))).matches(
                "t\\.bin:\\d+: truncated: the file ends inside a reference record \\(byte offset \\d+\\)");
        assertThat(error(Arrays.copyOf(file, end + 5)))
                .isEqualTo("t.bin:" + end + ": truncated: the file ends inside the end record (byte offset " + end + ")");
        assertThat(error(Arrays.copyOf(file, 10)))
                .isEqualTo("t.bin:10: truncated: the file ends after 0 references without the end record (byte offset 10)");
    }

    @Test
    void damagedFiles() throws IOException {
        byte[] file = sample();
        int end = file.length - 13;
        byte[] count = file.clone();
        count[end + 1] = 5;
        assertThat(error(count)).isEqualTo("t.bin:" + end + ": the end record says 5 references, but the file has 4"
                + " (byte offset " + end + ")");
        byte[] flipped = file.clone();
        flipped[end - 1] ^= 0x10; // changes the last delta, not the record length
        assertThat(error(flipped)).startsWith("t.bin:" + (end + 9) + ": checksum mismatch: the file says CRC-32 ");
        byte[] trailing = Arrays.copyOf(file, file.length + 1);
        assertThat(error(trailing)).isEqualTo("t.bin:" + file.length + ": unexpected data after the end record (byte offset "
                + file.length + ")");
        byte[] control = file.clone();
        control[end] = 0x07; // kind code 3, payload 1
        assertThat(error(control)).isEqualTo("t.bin:" + end
                + ": unknown control record 1 (version 1 knows only the end record, 0x03) (byte offset " + end + ")");
        byte[] negative = write(false, new long[] {7, -5}, new byte[] {0, 0});
        negative[9] = 1; // now claims to hold page numbers
        assertThat(error(negative)).isEqualTo("t.bin:11: negative page number -5 (byte offset 11)");
        byte[] tooLong = new byte[10 + 10];
        System.arraycopy(file, 0, tooLong, 0, 10);
        Arrays.fill(tooLong, 10, 19, (byte) 0xFF);
        tooLong[19] = 0x08;
        assertThat(error(tooLong)).isEqualTo("t.bin:10: a reference record longer than 64 bits (byte offset 10)");
    }

    @Test
    void referencesBeforeADamagedRecordAreReturnedFirst() throws IOException {
        byte[] file = sample();
        int end = file.length - 13;
        byte[] control = file.clone();
        control[end] = 0x07;
        try (ReferenceReader r = Traces.reader(new ByteArrayInputStream(control), "t.bin")) {
            long[] v = new long[100];
            byte[] k = new byte[100];
            assertThat(r.read(v, k, 100)).isEqualTo(4);
            org.junit.jupiter.api.Assertions.assertThrows(TraceFormatException.class, () -> r.read(v, k, 100));
        }
    }
}
