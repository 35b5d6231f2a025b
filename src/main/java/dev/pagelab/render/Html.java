package dev.pagelab.render;

import java.util.List;

/**
 * HTML fragments and pages around pictures. Every fragment sets its own colours on a white card, so it reads
 * the same on light and dark notebook themes, and uses inline styles only: no class names to clash with a
 * notebook's, no script, no font or image fetched from anywhere.
 */
final class Html {
    private Html() {}

    static final String CARD_STYLE = "background:#ffffff;color:#1a1a1a;padding:8px;border:1px solid #c8c8c8;"
            + "border-radius:4px;display:inline-block;max-width:100%;overflow-x:auto;font-family:sans-serif;font-size:12px";
    private static final String TABLE_STYLE = "border-collapse:collapse;margin-top:6px;font-size:12px;color:#1a1a1a;"
            + "background:#ffffff";
    private static final String CELL = "border:1px solid #c8c8c8;padding:2px 6px;text-align:left";

    /** {@code content} on a card, followed by {@code extra} HTML (both already escaped). */
    static String card(String content, String extra) {
        return "<div style=\"" + CARD_STYLE + "\">\n" + content + extra + "</div>\n";
    }

    /**
     * A picture on a card: its image as an {@code <img>} with the image inline as a {@code data:} URI, shown at
     * its natural size but never wider than the output, with the picture's one-line summary as the text
     * alternative; then {@code extra} HTML (a table, already escaped).
     */
    static String figure(Picture p, EmbeddedImage image, String extra) {
        String img = "<img src=\"" + image.dataUri() + "\" width=\"" + image.width() + "\" height=\"" + image.height()
                + "\" alt=\"" + Xml.text(oneLine(p.toString())) + "\" style=\"max-width:100%;height:auto;display:block\"/>\n";
        return card(img, extra);
    }

    /** {@code text} on one line: runs of white space (new lines included) become one space. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    /** A table with a caption; every cell is escaped here. The first column is set in monospace. */
    static String table(String caption, List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder(256 + rows.size() * 120);
        sb.append("<table style=\"").append(TABLE_STYLE).append("\">");
        if (caption != null && !caption.isEmpty()) {
            sb.append("<caption style=\"text-align:left;font-weight:bold;padding:2px 0\">").append(Xml.text(caption))
                    .append("</caption>");
        }
        sb.append("<thead><tr>");
        for (String h : header) {
            sb.append("<th style=\"").append(CELL).append(";background:#eeeeee\">").append(Xml.text(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                sb.append("<td style=\"").append(CELL).append(i == 0 ? ";font-family:monospace" : "").append("\">")
                        .append(Xml.text(row.get(i))).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>\n");
        return sb.toString();
    }

    /** A standalone HTML5 page with a title and a body of (already escaped) fragments. */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Xml.text(title) + "</title>\n</head>\n"
                + "<body style=\"background:#f4f4f4;color:#1a1a1a;font-family:sans-serif;margin:16px\">\n"
                + body + "</body>\n</html>\n";
    }
}
