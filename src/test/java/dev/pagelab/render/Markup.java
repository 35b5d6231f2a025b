package dev.pagelab.render;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Test helpers that parse what the pictures write: SVG as XML, JSON by a strict little reader. */
final class Markup {
    private Markup() {}

    /** Parses {@code xml} (no DTDs, no external entities); throws if it is not well-formed. */
    static Document xml(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Parses an HTML fragment made of well-formed markup by wrapping it in one element. */
    static Document fragment(String html) {
        return xml("<root>" + html + "</root>");
    }

    /** Checks that {@code json} is one JSON value and nothing else; throws with the position otherwise. */
    static void json(String json) {
        JsonReader r = new JsonReader(json);
        r.value();
        r.space();
        if (r.at != json.length()) {
            throw new AssertionError("trailing text at " + r.at + " in " + json);
        }
    }

    static boolean isPng(byte[] bytes) {
        try {
            return javax.imageio.ImageIO.read(new ByteArrayInputStream(bytes)) != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static final class JsonReader {
        final String s;
        int at;

        JsonReader(String s) {
            this.s = s;
        }

        void value() {
            space();
            if (at >= s.length()) {
                fail("a value");
            }
            char c = s.charAt(at);
            switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> word("true");
                case 'f' -> word("false");
                case 'n' -> word("null");
                default -> number();
            }
        }

        void object() {
            at++;
            space();
            if (peek() == '}') {
                at++;
                return;
            }
            while (true) {
                space();
                string();
                space();
                expect(':');
                value();
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return;
                }
            }
        }

        void array() {
            at++;
            space();
            if (peek() == ']') {
                at++;
                return;
            }
            while (true) {
                value();
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return;
                }
            }
        }

        void string() {
            expect('"');
            while (at < s.length() && s.charAt(at) != '"') {
                char c = s.charAt(at);
                if (c < 0x20) {
                    fail("no raw control character in a string");
                }
                at += c == '\\' ? 2 : 1;
            }
            expect('"');
        }

        void number() {
            int start = at;
            while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                fail("a value");
            }
            Double.parseDouble(s.substring(start, at));
        }

        void word(String w) {
            if (!s.startsWith(w, at)) {
                fail(w);
            }
            at += w.length();
        }

        void space() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        char peek() {
            return at < s.length() ? s.charAt(at) : '\0';
        }

        void expect(char c) {
            if (peek() != c) {
                fail("'" + c + "'");
            }
            at++;
        }

        void fail(String what) {
            throw new AssertionError("expected " + what + " at " + at + " in " + s);
        }
    }
}
