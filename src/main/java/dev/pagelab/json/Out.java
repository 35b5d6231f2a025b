package dev.pagelab.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;

/**
 * Writes one PageLab document: fields in the order the writer calls them, two-space indentation, and the
 * containers the writer marks {@link #inline} on one line (a journal event, a page, a frame), so files diff and
 * grep well. The same state always gives the same bytes.
 */
final class Out implements AutoCloseable {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator gen;
    private final Printer printer = new Printer();

    private Out(JsonGenerator gen) {
        this.gen = gen;
        gen.setPrettyPrinter(printer);
    }

    static Out to(OutputStream stream) {
        try {
            return new Out(FACTORY.createGenerator(stream, JsonEncoding.UTF8)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a document with {@code body} and returns its text. */
    static String string(java.util.function.Consumer<Out> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Out out = to(bytes)) {
            body.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The next object or array goes on one line, with everything inside it. */
    Out inline() {
        printer.inlineNext = true;
        return this;
    }

    Out startObject() {
        return run(() -> gen.writeStartObject());
    }

    Out endObject() {
        return run(() -> gen.writeEndObject());
    }

    Out startArray() {
        return run(() -> gen.writeStartArray());
    }

    Out endArray() {
        return run(() -> gen.writeEndArray());
    }

    Out name(String name) {
        return run(() -> gen.writeFieldName(name));
    }

    Out field(String name, String value) {
        return run(() -> gen.writeStringField(name, value));
    }

    Out field(String name, long value) {
        return run(() -> gen.writeNumberField(name, value));
    }

    Out field(String name, boolean value) {
        return run(() -> gen.writeBooleanField(name, value));
    }

    /** The field of a {@link Fields} table. */
    Out name(Enum<?> key) {
        return name(Fields.name(key));
    }

    Out field(Enum<?> key, String value) {
        return field(Fields.name(key), value);
    }

    Out field(Enum<?> key, long value) {
        return field(Fields.name(key), value);
    }

    Out field(Enum<?> key, boolean value) {
        return field(Fields.name(key), value);
    }

    Out hex(Enum<?> key, long value) {
        return hex(Fields.name(key), value);
    }

    Out base64(Enum<?> key, byte[] bytes) {
        return base64(Fields.name(key), bytes);
    }

    /** A field of a {@link Fields} table whose value is an array of numbers, on one line. */
    Out field(Enum<?> key, long[] values) {
        name(key).inline().startArray();
        for (long v : values) {
            value(v);
        }
        return endArray();
    }

    /** A field of a {@link Fields} table whose value is an array of numbers, on one line. */
    Out field(Enum<?> key, int[] values) {
        name(key).inline().startArray();
        for (int v : values) {
            value(v);
        }
        return endArray();
    }

    /** An address or raw bit pattern as a hex string, {@code "0x10000"}. */
    Out hex(String name, long value) {
        return field(name, hex(value));
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value).toLowerCase(Locale.ROOT);
    }

    Out value(long value) {
        return run(() -> gen.writeNumber(value));
    }

    Out value(String value) {
        return run(() -> gen.writeString(value));
    }

    Out base64(String name, byte[] bytes) {
        return field(name, Base64.getEncoder().encodeToString(bytes));
    }

    /** The format tag and version every document starts with. */
    Out header(String format, int version) {
        return field(Header.FORMAT, format).field(Header.VERSION, version);
    }

    private Out run(IoStep step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private interface IoStep {
        void run() throws IOException;
    }

    @Override
    public void close() {
        try {
            gen.flush();
            gen.writeRaw('\n');
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two-space indentation, except inside containers marked inline. */
    private static final class Printer implements PrettyPrinter {
        private final ArrayDeque<Boolean> inline = new ArrayDeque<>();
        boolean inlineNext;

        private boolean inInline() {
            return !inline.isEmpty() && inline.peek();
        }

        private void open(JsonGenerator g, char c) throws IOException {
            inline.push(inlineNext || inInline());
            inlineNext = false;
            g.writeRaw(c);
        }

        private void close(JsonGenerator g, char c, int entries) throws IOException {
            boolean wasInline = inline.pop();
            if (!wasInline && entries > 0) {
                newline(g);
            }
            g.writeRaw(c);
        }

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            for (int i = 0; i < inline.size(); i++) {
                g.writeRaw("  ");
            }
        }

        private void separate(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            if (inInline()) {
                g.writeRaw(' ');
            } else {
                newline(g);
            }
        }

        @Override public void writeRootValueSeparator(JsonGenerator g) throws IOException { g.writeRaw('\n'); }
        @Override public void writeStartObject(JsonGenerator g) throws IOException { open(g, '{'); }
        @Override public void writeEndObject(JsonGenerator g, int n) throws IOException { close(g, '}', n); }
        @Override public void writeObjectEntrySeparator(JsonGenerator g) throws IOException { separate(g); }
        @Override public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(": "); }
        @Override public void writeStartArray(JsonGenerator g) throws IOException { open(g, '['); }
        @Override public void writeEndArray(JsonGenerator g, int n) throws IOException { close(g, ']', n); }
        @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException { separate(g); }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (!inInline()) {
                newline(g);
            }
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (!inInline()) {
                newline(g);
            }
        }
    }
}
