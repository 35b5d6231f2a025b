package dev.pagelab.render;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.TexturePaint;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/** Paints a {@link Sketch} with Java2D at twice its size (for sharp text) and encodes it as PNG. */
final class PngWriter {
    static final double SCALE = 2;
    private static final int TILE = 6;

    private PngWriter() {}

    static byte[] write(Sketch sketch) {
        Awt.init();
        BufferedImage image = new BufferedImage((int) Math.ceil(sketch.width() * SCALE),
                (int) Math.ceil(sketch.height() * SCALE), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Awt.canvas(image, SCALE);
        try {
            paint(sketch, g);
        } finally {
            g.dispose();
        }
        return Awt.png(image);
    }

    static void paint(Sketch sketch, Graphics2D g) {
        Map<Fill, Paint> paints = new HashMap<>();
        for (Sketch.Op op : sketch.ops()) {
            if (op instanceof Sketch.Rect r) {
                Rectangle2D shape = new Rectangle2D.Double(r.x(), r.y(), r.w(), r.h());
                fillAndStroke(g, shape, r.fill(), r.pen(), paints);
            } else if (op instanceof Sketch.Line l) {
                stroke(g, new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()), l.pen());
            } else if (op instanceof Sketch.Poly p) {
                Path2D path = new Path2D.Double();
                double[] xy = p.xy();
                path.moveTo(xy[0], xy[1]);
                for (int i = 2; i < xy.length; i += 2) {
                    path.lineTo(xy[i], xy[i + 1]);
                }
                if (p.closed()) {
                    path.closePath();
                }
                fillAndStroke(g, path, p.fill(), p.pen(), paints);
            } else if (op instanceof Sketch.Text t) {
                text(g, t);
            }
        }
    }

    private static void fillAndStroke(Graphics2D g, java.awt.Shape shape, Fill fill, Pen pen, Map<Fill, Paint> paints) {
        if (fill != null) {
            g.setPaint(paints.computeIfAbsent(fill, PngWriter::paint));
            g.fill(shape);
        }
        stroke(g, shape, pen);
    }

    private static void stroke(Graphics2D g, java.awt.Shape shape, Pen pen) {
        if (pen == null || !pen.visible()) {
            return;
        }
        float[] dash = null;
        if (pen.dash() != null) {
            dash = new float[pen.dash().length];
            for (int i = 0; i < dash.length; i++) {
                dash[i] = (float) pen.dash()[i];
            }
        }
        g.setStroke(new BasicStroke((float) pen.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, dash, 0));
        g.setColor(Awt.colour(pen.colour()));
        g.draw(shape);
    }

    private static void text(Graphics2D g, Sketch.Text t) {
        TextStyle s = t.style();
        java.awt.Font font = Awt.font(s.mono(), s.bold(), s.size());
        g.setFont(font);
        g.setColor(Awt.colour(s.colour()));
        FontRenderContext frc = g.getFontRenderContext();
        double w = font.getStringBounds(t.text(), frc).getWidth();
        double dx = switch (t.anchor()) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        AffineTransform saved = g.getTransform();
        if (t.angle() != 0) {
            g.rotate(Math.toRadians(t.angle()), t.x(), t.y());
        }
        g.drawString(t.text(), (float) (t.x() + dx), (float) t.y());
        g.setTransform(saved);
    }

    /** A texture for a patterned fill, drawn at the output scale so its lines stay sharp. */
    private static Paint paint(Fill fill) {
        if (fill.pattern() == Fill.Pattern.SOLID) {
            return Awt.colour(fill.paper());
        }
        int px = (int) (TILE * SCALE);
        BufferedImage tile = new BufferedImage(px, px, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tile.createGraphics();
        Awt.hints(g);
        g.setColor(Awt.colour(fill.paper()));
        g.fillRect(0, 0, px, px);
        g.setColor(Awt.colour(fill.ink()));
        g.setStroke(new BasicStroke((float) (1.4 * SCALE)));
        double m = px / 2.0;
        switch (fill.pattern()) {
            case HLINES -> g.draw(new Line2D.Double(0, m, px, m));
            case VLINES -> g.draw(new Line2D.Double(m, 0, m, px));
            case GRID -> {
                g.draw(new Line2D.Double(0, m, px, m));
                g.draw(new Line2D.Double(m, 0, m, px));
            }
            case DIAGONAL -> diagonal(g, px, false);
            case BACKDIAGONAL -> diagonal(g, px, true);
            case CROSS -> {
                diagonal(g, px, false);
                diagonal(g, px, true);
            }
            case DOTS -> {
                double r = 1.3 * SCALE;
                g.fill(new java.awt.geom.Ellipse2D.Double(m - r, m - r, 2 * r, 2 * r));
            }
            default -> { }
        }
        g.dispose();
        return new TexturePaint(tile, new Rectangle2D.Double(0, 0, TILE, TILE));
    }

    private static void diagonal(Graphics2D g, int px, boolean back) {
        for (int k = -px; k <= px; k += px) {
            if (back) {
                g.draw(new Line2D.Double(k, 0, k + px, px));
            } else {
                g.draw(new Line2D.Double(k, px, k + px, 0));
            }
        }
    }
}
