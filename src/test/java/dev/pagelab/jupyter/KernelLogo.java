package dev.pagelab.jupyter;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the kernel's logo, a page map in miniature: a 4 by 4 grid of pages on a dark tile, committed pages
 * filled by protection (read-write green, read-only blue, guard orange), reserved ones outlined, free ones
 * left dark. Regenerate the committed PNGs with
 * {@code java -cp target/test-classes dev.pagelab.jupyter.KernelLogo kernel-config/kernels/pagelab}.
 */
final class KernelLogo {
    /** Each page's look, row by row: R read-write, O read-only, G guard, r reserved, . free. */
    private static final String[] PAGES = {"RRO.", "RRrr", "G.OO", "rrR."};

    private KernelLogo() {
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        int arc = size / 4;
        g.setColor(new Color(0x1B2A41));
        g.fillRoundRect(0, 0, size, size, arc, arc);
        int margin = size / 8;
        int cell = (size - 2 * margin) / 4;
        int gap = Math.max(1, size / 32);
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                int x = margin + col * cell + gap / 2;
                int y = margin + row * cell + gap / 2;
                int w = cell - gap;
                switch (PAGES[row].charAt(col)) {
                    case 'R' -> fill(g, 0x4CAF50, x, y, w);
                    case 'O' -> fill(g, 0x42A5F5, x, y, w);
                    case 'G' -> fill(g, 0xFFA726, x, y, w);
                    case 'r' -> {
                        g.setColor(new Color(0x90A4AE));
                        g.drawRect(x, y, w - 1, w - 1);
                    }
                    default -> { }
                }
            }
        }
        g.dispose();
        return img;
    }

    private static void fill(Graphics2D g, int rgb, int x, int y, int w) {
        g.setColor(new Color(rgb));
        g.fillRect(x, y, w, w);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "kernel-config/kernels/pagelab");
        Files.createDirectories(dir);
        for (int size : new int[] {32, 64}) {
            ImageIO.write(draw(size), "png", dir.resolve("logo-" + size + "x" + size + ".png").toFile());
        }
    }
}
