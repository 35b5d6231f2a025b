package dev.pagelab.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A streaming reader of one untrusted JSON document: Jackson's parser under {@link Limits}, duplicate fields
 * refused, and every problem turned into a {@link JsonInputException} with a JSON path, line and column. Large
 * arrays are walked element by element ({@link #array}); small values become {@link Node} trees ({@link #tree}).
 *
 * <p>Convention: a read starts with the value's first token as the current token and ends with its last token
 * current. {@link #start()} moves to the root value; {@link #finish()} checks nothing follows it.
 */
final class In implements Closeable {
    /** Reads the value of one field; the value's first token is current. */
    interface FieldReader {
        void read(String name, String path);
    }

    /** Reads one array element; its first token is current. */
    interface ElementReader {
        void read(int index, String path);
    }

    private static final JsonFactory DEFAULT_FACTORY = factory(Limits.DEFAULT);

    private static JsonFactory factory(Limits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(limits.constraints())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    private final JsonParser parser;
    private final String source;
    private final Limits limits;

    private In(JsonParser parser, String source, Limits limits) {
        this.parser = parser;
        this.source = source;
        this.limits = limits;
    }

    static In of(InputStream stream, String source, Limits limits) {
        JsonFactory factory = limits == Limits.DEFAULT ? DEFAULT_FACTORY : factory(limits);
        // JSON files are UTF-8 (RFC 8259): refuse what Jackson would guess as UTF-16 or UTF-32 (a byte order mark or
        // a zero byte in the first four); its UTF-8 parser checks the rest, with line and column.
        java.io.PushbackInputStream in = new java.io.PushbackInputStream(stream, 4);
        try {
            byte[] head = in.readNBytes(4);
            in.unread(head);
            boolean zero = false;
            for (byte b : head) {
                zero |= b == 0;
            }
            boolean bom16 = head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                    || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE));
            if (zero || bom16) {
                throw new JsonInputException(new Place(source, Paths.ROOT, 1, 1),
                        "the document is not UTF-8 text (it starts like UTF-16 or UTF-32)");
            }
            return new In(factory.createParser(in), source, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    Limits limits() {
        return limits;
    }

    String source() {
        return source;
    }

    /** Moves to the root value; fails on an empty document. */
    void start() {
        if (advance() == null) {
            throw fail(Paths.ROOT, "the document is empty");
        }
    }

    /** Checks that nothing but white space follows the root value. */
    void finish() {
        JsonToken t = advance();
        if (t != null) {
            throw fail(Paths.ROOT, "unexpected " + tokenName(t) + " after the end of the document");
        }
    }

    /** Walks the object whose '{' is current, giving each field to {@code reader}, which must read its value. */
    void object(String path, FieldReader reader) {
        require(JsonToken.START_OBJECT, path, "an object");
        JsonToken t;
        while ((t = advance()) == JsonToken.FIELD_NAME) {
            String name = name();
            String fieldPath = Paths.field(path, name);
            advance();
            reader.read(name, fieldPath);
        }
        if (t != JsonToken.END_OBJECT) {
            throw fail(path, "the object does not end");
        }
    }

    /** Walks the array whose '[' is current, at most {@code max} elements; returns how many there were. */
    int array(String path, int max, ElementReader reader) {
        require(JsonToken.START_ARRAY, path, "an array");
        int n = 0;
        JsonToken t;
        while ((t = advance()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw fail(path, "the array does not end");
            }
            String elementPath = Paths.index(path, n);
            if (n >= max) {
                throw fail(elementPath, "more than " + max + " elements; at most " + max + " are allowed here");
            }
            reader.read(n, elementPath);
            n++;
        }
        return n;
    }

    /** The value whose first token is current, as a tree (arrays in it limited to {@link Limits#maxArray}). */
    Node tree(String path) {
        JsonToken t = parser.currentToken();
        Place place = Place.of(source, path, parser.currentTokenLocation());
        try {
            switch (t) {
                case START_OBJECT: {
                    Map<String, Node> fields = Node.newFields();
                    JsonToken n;
                    while ((n = advance()) == JsonToken.FIELD_NAME) {
                        String name = name();
                        advance();
                        fields.put(name, tree(Paths.field(path, name)));
                    }
                    if (n != JsonToken.END_OBJECT) {
                        throw fail(path, "the object does not end");
                    }
                    return new Node(place, Node.Type.OBJECT, fields);
                }
                case START_ARRAY: {
                    List<Node> elements = new ArrayList<>();
                    JsonToken n;
                    while ((n = advance()) != JsonToken.END_ARRAY) {
                        if (n == null) {
                            throw fail(path, "the array does not end");
                        }
                        if (elements.size() >= limits.maxArray()) {
                            throw fail(Paths.index(path, elements.size()), "more than " + limits.maxArray()
                                    + " elements; at most " + limits.maxArray() + " are allowed in an array");
                        }
                        elements.add(tree(Paths.index(path, elements.size())));
                    }
                    return new Node(place, Node.Type.ARRAY, elements);
                }
                case VALUE_STRING:
                    return new Node(place, Node.Type.STRING, parser.getText());
                case VALUE_NUMBER_INT:
                    return new Node(place, Node.Type.INTEGER, parser.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT:
                    return new Node(place, Node.Type.DECIMAL, parser.getText());
                case VALUE_TRUE:
                    return new Node(place, Node.Type.BOOLEAN, Boolean.TRUE);
                case VALUE_FALSE:
                    return new Node(place, Node.Type.BOOLEAN, Boolean.FALSE);
                case VALUE_NULL:
                    return new Node(place, Node.Type.NULL, null);
                default:
                    throw fail(path, "unexpected " + tokenName(t));
            }
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    /** The integer whose token is current, without building a tree, in {@code [min, max]}. */
    long integer(String path, long min, long max) {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return tree(path).integer(min, max);
        }
        try {
            BigInteger v = parser.getBigIntegerValue();
            if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
                throw fail(path, "the number " + Paths.clip(v.toString(), 40) + " is out of range [" + min + ", "
                        + max + "]");
            }
            return v.longValue();
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    private void require(JsonToken token, String path, String what) {
        JsonToken t = parser.currentToken();
        if (t != token) {
            String found = t == JsonToken.START_OBJECT ? "an object" : t == JsonToken.START_ARRAY ? "an array"
                    : tree(path).describe();
            throw fail(path, "expected " + what + ", found " + found);
        }
    }

    /** An input error at {@code path}, with no line and column (for checks made after the value was read). */
    JsonInputException failAt(String path, String problem) {
        return new JsonInputException(Place.of(source, path), problem);
    }

    JsonInputException fail(String path, String problem) {
        return new JsonInputException(Place.of(source, path, parser.currentTokenLocation()), problem);
    }

    private String name() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw translate(e, Paths.ROOT);
        }
    }

    private JsonToken advance() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw translate(e, null);
        }
    }

    /**
     * A parser error (malformed JSON, a limit, a duplicate field, bytes that are not UTF-8) as an input error at the
     * parser's place; any other I/O error is a failure to read, not bad input.
     */
    private RuntimeException translate(IOException e, String path) {
        if (!(e instanceof JsonProcessingException) && !(e instanceof java.nio.charset.CharacterCodingException)
                && !(e instanceof java.io.CharConversionException)) {
            return new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (!(e instanceof JsonProcessingException)) {
            String where = path != null ? path : contextPath(parser.getParsingContext());
            return new JsonInputException(Place.of(source, where, parser.currentLocation()),
                    "the document is not UTF-8 text (" + e.getClass().getSimpleName() + ")");
        }
        JsonLocation at = e instanceof JsonProcessingException p && p.getLocation() != null ? p.getLocation()
                : parser.currentLocation();
        String where = path != null ? path : contextPath(parser.getParsingContext());
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        if (message != null) {
            message = message.replace("Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "");
        }
        return new JsonInputException(Place.of(source, where, at),
                Paths.clip(message == null ? e.getClass().getSimpleName() : message, 300));
    }

    /** The JSON path of a parser context, e.g. {@code $.spaces[0].pages[12]}. */
    static String contextPath(JsonStreamContext context) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(0, c);
        }
        String path = Paths.ROOT;
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path = Paths.index(path, Math.max(0, c.getCurrentIndex()));
            } else if (c.inObject() && c.getCurrentName() != null) {
                path = Paths.field(path, c.getCurrentName());
            }
        }
        return path;
    }

    private static String tokenName(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "'{'";
            case END_OBJECT -> "'}'";
            case START_ARRAY -> "'['";
            case END_ARRAY -> "']'";
            case FIELD_NAME -> "a field name";
            default -> "a value";
        };
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
