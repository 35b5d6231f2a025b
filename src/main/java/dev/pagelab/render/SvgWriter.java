package dev.pagelab.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link Sketch} as a standalone SVG element. The output depends on the sketch alone: numbers are
 * rounded to two decimals without locale, patterns are defined in order of first use, and the ids that patterns
 * need are prefixed with a digest of the picture itself, so two different pictures inlined in one page never
 * share an id while the same picture always gets the same bytes.
 */
final class SvgWriter {
    /** Stands for the id prefix until the digest is known; escaped text can never contain it. */
    private static final String ID = "\u0001";
    static final String SANS = "sans-serif";
    static final String MONO = "monospace";

    private SvgWriter() {}

    static String write(Sketch sketch) {
        Map<String, Fill> patterns = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder(4096 + sketch.ops().size() * 80);
        body.append("<rect width=\"").append(num(sketch.width())).append("\" height=\"").append(num(sketch.height()))
                .append("\" fill=\"#ffffff\"/>\n");
        for (Sketch.Op op : sketch.ops()) {
            if (op instanceof Sketch.Rect r) {
                rect(body, r, patterns);
            } else if (op instanceof Sketch.Line l) {
                line(body, l);
            } else if (op instanceof Sketch.Poly p) {
                poly(body, p, patterns);
            } else if (op instanceof Sketch.Text t) {
                text(body, t);
            }
        }
        StringBuilder sb = new StringBuilder(body.length() + 1024);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(sketch.width()))
                .append("\" height=\"").append(num(sketch.height())).append("\" viewBox=\"0 0 ")
                .append(num(sketch.width())).append(' ').append(num(sketch.height()))
                .append("\" role=\"img\" aria-labelledby=\"").append(ID).append("title ").append(ID).append("desc\"")
                .append(" font-family=\"").append(SANS).append("\" style=\"background:#ffffff\">\n");
        sb.append("<title id=\"").append(ID).append("title\">").append(Xml.text(sketch.title())).append("</title>\n");
        sb.append("<desc id=\"").append(ID).append("desc\">").append(Xml.text(sketch.description())).append("</desc>\n");
        if (!patterns.isEmpty()) {
            sb.append("<defs>\n");
            for (Fill f : patterns.values()) {
                pattern(sb, f);
            }
            sb.append("</defs>\n");
        }
        sb.append(body).append("</svg>\n");
        return withIds(sb.toString(), ID);
    }

    /**
     * {@code draft} with each {@code placeholder} replaced by an id prefix made from a digest of the draft: the same
     * on every run, different for different drawings inlined in one page. The chart writer uses it too.
     */
    static String withIds(String draft, String placeholder) {
        return draft.replace(placeholder, "pl" + digest(draft) + "-");
    }

    private static void rect(StringBuilder sb, Sketch.Rect r, Map<String, Fill> patterns) {
        sb.append("<rect x=\"").append(num(r.x())).append("\" y=\"").append(num(r.y())).append("\" width=\"")
                .append(num(r.w())).append("\" height=\"").append(num(r.h())).append('"');
        fill(sb, r.fill(), patterns);
        pen(sb, r.pen());
        tipOrClose(sb, r.tip(), "rect");
    }

    private static void line(StringBuilder sb, Sketch.Line l) {
        sb.append("<line x1=\"").append(num(l.x1())).append("\" y1=\"").append(num(l.y1())).append("\" x2=\"")
                .append(num(l.x2())).append("\" y2=\"").append(num(l.y2())).append('"');
        pen(sb, l.pen());
        sb.append("/>\n");
    }

    private static void poly(StringBuilder sb, Sketch.Poly p, Map<String, Fill> patterns) {
        String tag = p.closed() ? "polygon" : "polyline";
        sb.append('<').append(tag).append(" points=\"");
        double[] xy = p.xy();
        for (int i = 0; i < xy.length; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(num(xy[i])).append(',').append(num(xy[i + 1]));
        }
        sb.append('"');
        if (p.fill() == null) {
            sb.append(" fill=\"none\"");
        } else {
            fill(sb, p.fill(), patterns);
        }
        pen(sb, p.pen());
        tipOrClose(sb, p.tip(), tag);
    }

    private static void text(StringBuilder sb, Sketch.Text t) {
        TextStyle s = t.style();
        sb.append("<text x=\"").append(num(t.x())).append("\" y=\"").append(num(t.y())).append('"');
        if (s.mono()) {
            sb.append(" font-family=\"").append(MONO).append('"');
        }
        sb.append(" font-size=\"").append(num(s.size())).append('"');
        if (s.bold()) {
            sb.append(" font-weight=\"bold\"");
        }
        sb.append(" fill=\"").append(s.colour()).append('"');
        if (t.anchor() != Anchor.START) {
            sb.append(" text-anchor=\"").append(t.anchor().svg()).append('"');
        }
        if (t.angle() != 0) {
            sb.append(" transform=\"rotate(").append(num(t.angle())).append(' ').append(num(t.x())).append(' ')
                    .append(num(t.y())).append(")\"");
        }
        sb.append('>').append(Xml.text(t.text())).append("</text>\n");
    }

    private static void fill(StringBuilder sb, Fill f, Map<String, Fill> patterns) {
        if (f == null) {
            sb.append(" fill=\"none\"");
        } else if (f.pattern() == Fill.Pattern.SOLID) {
            sb.append(" fill=\"").append(f.paper()).append('"');
        } else {
            patterns.putIfAbsent(f.key(), f);
            sb.append(" fill=\"url(#").append(ID).append(f.key()).append(")\"");
        }
    }

    private static void pen(StringBuilder sb, Pen p) {
        if (p == null || !p.visible()) {
            return;
        }
        sb.append(" stroke=\"").append(p.colour()).append("\" stroke-width=\"").append(num(p.width())).append('"');
        if (p.dash() != null) {
            sb.append(" stroke-dasharray=\"");
            for (int i = 0; i < p.dash().length; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(num(p.dash()[i]));
            }
            sb.append('"');
        }
    }

    private static void tipOrClose(StringBuilder sb, String tip, String tag) {
        if (tip == null) {
            sb.append("/>\n");
        } else {
            sb.append("><title>").append(Xml.text(tip)).append("</title></").append(tag).append(">\n");
        }
    }

    private static void pattern(StringBuilder sb, Fill f) {
        String transform = switch (f.pattern()) {
            case DIAGONAL, CROSS -> " patternTransform=\"rotate(45)\"";
            case BACKDIAGONAL -> " patternTransform=\"rotate(-45)\"";
            default -> "";
        };
        sb.append("<pattern id=\"").append(ID).append(f.key()).append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
                .append(transform).append('>');
        sb.append("<rect width=\"6\" height=\"6\" fill=\"").append(f.paper()).append("\"/>");
        String stroke = "\" stroke=\"" + f.ink() + "\" stroke-width=\"1.4\"/>";
        switch (f.pattern()) {
            case HLINES -> sb.append("<path d=\"M0 3H6").append(stroke);
            case VLINES, DIAGONAL, BACKDIAGONAL -> sb.append("<path d=\"M3 0V6").append(stroke);
            case GRID, CROSS -> sb.append("<path d=\"M0 3H6M3 0V6").append(stroke);
            case DOTS -> sb.append("<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"").append(f.ink()).append("\"/>");
            default -> { }
        }
        sb.append("</pattern>\n");
    }

    /** A number with at most two decimals, no exponent, no locale. */
    static String num(double v) {
        long hundredths = Math.round(v * 100);
        boolean negative = hundredths < 0;
        long a = Math.abs(hundredths);
        long whole = a / 100;
        int frac = (int) (a % 100);
        StringBuilder sb = new StringBuilder(12);
        if (negative && (whole != 0 || frac != 0)) {
            sb.append('-');
        }
        sb.append(whole);
        if (frac != 0) {
            sb.append('.');
            if (frac % 10 == 0) {
                sb.append(frac / 10);
            } else {
                if (frac < 10) {
                    sb.append('0');
                }
                sb.append(frac);
            }
        }
        return sb.toString();
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
