package dev.pagelab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Damaged and arbitrary input: every reader either reads to the end or throws a {@link TraceFormatException}
 * naming the place, never another exception, and never runs away.
 */
class MalformedInputProperties {

    /** Reads to the end; returns the error, or null. Any exception but a format error fails the property. */
    private static TraceFormatException readAll(byte[] bytes, TraceFormat format) {
        try (ReferenceReader r = format == null
                ? Traces.reader(new ByteArrayInputStream(bytes), "fuzz")
                : Traces.reader(new ByteArrayInputStream(bytes), "fuzz", format)) {
            long[] v = new long[7];
            byte[] k = new byte[7];
            long total = 0;
            int n;
            while ((n = r.read(v, k, 7)) >= 0) {
                total += n;
                assertThat(total).isLessThanOrEqualTo(2L * bytes.length + 2);
                for (int i = 0; i < n; i++) {
                    assertThat(k[i]).isIn(ReferenceReader.READ, ReferenceReader.WRITE, ReferenceReader.EXECUTE);
                    if (r.pageNumbers()) {
                        assertThat(v[i]).isNotNegative();
                    }
                }
            }
            return null;
        } catch (TraceFormatException e) {
            assertThat(e.getMessage()).startsWith("fuzz:" + e.line() + ": ");
            assertThat(e.line()).isNotNegative();
            return e;
        } catch (IOException e) {
            throw new AssertionError("not a format error", e);
        }
    }

    @Property(tries = 500)
    void arbitraryBytesInAnyFormat(@ForAll @Size(max = 200) byte[] bytes, @ForAll("formats") TraceFormat format) {
        readAll(bytes, format);
    }

    @Property(tries = 500)
    void arbitraryTextDetected(@ForAll("texty") String text) {
        readAll(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), null);
    }

    @Property(tries = 500)
    void damagedFilesOfEveryFormat(@ForAll("validFiles") byte[] file, @ForAll @IntRange(min = 0, max = 1_000_000) int at,
                                   @ForAll byte value, @ForAll @IntRange(min = 0, max = 3) int how) {
        byte[] damaged;
        int i = file.length == 0 ? 0 : at % file.length;
        switch (how) {
            case 0:
                damaged = file.clone();
                if (damaged.length > 0) {
                    damaged[i] = value;
                }
                break;
            case 1:
                damaged = java.util.Arrays.copyOf(file, i);
                break;
            case 2:
                damaged = new byte[file.length + 1];
                System.arraycopy(file, 0, damaged, 0, i);
                damaged[i] = value;
                System.arraycopy(file, i, damaged, i + 1, file.length - i);
                break;
            default:
                damaged = gzip(java.util.Arrays.copyOf(file, i));
                damaged = java.util.Arrays.copyOf(damaged, Math.max(0, damaged.length - (at % 5)));
                break;
        }
        readAll(damaged, null);
    }

    @Property(tries = 300)
    void aBinaryFileWithAnyOneByteChangedIsRefused(@ForAll("validBinary") byte[] file,
                                                   @ForAll @IntRange(min = 0, max = 1_000_000) int at,
                                                   @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] damaged = file.clone();
        damaged[at % file.length] ^= (byte) xor;
        assertThat(readAll(damaged, TraceFormat.BINARY)).as("a changed byte goes unnoticed").isNotNull();
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    @Provide
    Arbitrary<TraceFormat> formats() {
        return Arbitraries.of(TraceFormat.class);
    }

    @Provide
    Arbitrary<String> texty() {
        return Arbitraries.strings().withChars("RWXILSM0123456789abcdefxX,#=- \t\r\n\u0000\u00ff").ofMaxLength(120);
    }

    @Provide
    Arbitrary<byte[]> validBinary() {
        return new TraceRoundTripProperties().addressTraces().map(t -> {
            try {
                return TraceRoundTripProperties.bytes(t, TraceFormat.BINARY);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Provide
    Arbitrary<byte[]> validFiles() {
        return Arbitraries.of(TraceFormat.class).flatMap(format -> {
            Arbitrary<ArrayTrace> traces = format == TraceFormat.PAGES
                    ? new TraceRoundTripProperties().pageTraces()
                    : new TraceRoundTripProperties().addressTraces();
            return traces.map(t -> {
                try {
                    return TraceRoundTripProperties.bytes(t, format);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        });
    }
}
