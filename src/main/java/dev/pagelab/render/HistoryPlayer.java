package dev.pagelab.render;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.History;
import dev.pagelab.engine.Hex;

import java.util.List;

/**
 * A space's history as HTML: first, readable untrusted, without scripts and on code hosts, the page map after the last
 * call (one cell a page, its code as in the space map: {@code res}, {@code RW}, ... with {@code g} for a guard page,
 * {@code *} for a page in a frame and {@code d} for a dirty one) and the table of the calls, one row a step; then,
 * where scripts run, the controls every player has ({@link PlayerScript}), which show the map after each step, the
 * call's row highlighted and the pages it changed outlined.
 *
 * <p>For tests and screen readers: {@code data-role="step"} reads {@code k / n}, {@code data-role="call"} the call of
 * step k as the journal writes it ({@code -} before the first), and {@code data-role="pages"} the code of every page
 * of the map after step k, lowest address first, separated by spaces ({@code -} for a free page).
 */
public final class HistoryPlayer {
    private static final int PAGES_A_ROW = 16;
    private static final String CELL = "border:1px solid #8c8c8c;padding:1px 3px;text-align:center;min-width:2.6em;"
            + "font-family:monospace;font-size:11px";
    private static final String LABEL = "padding:1px 6px 1px 0;text-align:right;font-family:monospace;font-size:11px;"
            + "font-weight:normal;white-space:nowrap;color:#4d4d4d";
    private static final String TD = "border:1px solid #c8c8c8;padding:1px 6px;text-align:left;vertical-align:top";
    private static final String TH = TD + ";background:#eeeeee";

    private HistoryPlayer() {}

    /** The player of one space's history: its page map and calls, then (where scripts run) its controls. */
    public static String html(History history) {
        int n = history.size();
        StringBuilder sb = new StringBuilder(2048 + n * 200);
        sb.append("<div style=\"").append(Html.CARD_STYLE).append("\" data-pagelab-history=\"1\" tabindex=\"0\" ")
                .append("data-colours=\"").append(colours()).append("\">\n");
        sb.append("<div style=\"font-weight:bold;margin-bottom:4px\">").append(Xml.text(history.summary()))
                .append("</div>\n");
        sb.append("<div data-role=\"map-caption\" style=\"margin:2px 0\">")
                .append(n == 0 ? "No calls yet: the space is empty" : "The page map after the last call (" + n + ")")
                .append("</div>\n");
        map(sb, history);
        sb.append("<div style=\"color:#4d4d4d;margin:2px 0 6px 0\">").append(Xml.text(
                "res reserved; R, RW, RX, RWX, WC, X, NA committed with that protection; g a guard page, * in a frame, "
                        + "d dirty (its data is nowhere else)")).append("</div>\n");
        calls(sb, history);
        return sb.append("</div>\n").append(PlayerScript.SCRIPT).toString();
    }

    private static void map(StringBuilder sb, History history) {
        long[] pages = history.pages();
        List<History.Page> last = history.pagesAfter(history.size());
        sb.append("<table data-role=\"map\" style=\"border-collapse:separate;border-spacing:2px;color:#1a1a1a\"><tbody>");
        long pageSize = history.pageSize();
        int inRow = 0;
        for (int i = 0; i < pages.length; i++) {
            boolean fresh = i == 0 || pages[i] != pages[i - 1] + pageSize || inRow == PAGES_A_ROW;
            if (fresh) {
                sb.append(i == 0 ? "" : "</tr>").append("<tr><th scope=\"row\" style=\"").append(LABEL).append("\">")
                        .append(Hex.address(pages[i])).append("</th>");
                inRow = 0;
            }
            String token = token(last.get(i));
            sb.append("<td data-cell=\"").append(i).append("\" style=\"").append(cellStyle(token)).append("\">")
                    .append(Xml.text(token)).append("</td>");
            inRow++;
        }
        sb.append(pages.length > 0 ? "</tr>" : "").append("</tbody></table>\n");
    }

    private static void calls(StringBuilder sb, History history) {
        sb.append("<div style=\"overflow:auto;max-height:20em;max-width:100%;margin-top:6px\"><table data-role=\"calls\" style=\"")
                .append("border-collapse:collapse;font-size:12px;color:#1a1a1a;background:#ffffff\">")
                .append("<caption style=\"text-align:left;padding:2px 0\">The calls of the space's journal, one a step")
                .append("</caption><thead><tr><th style=\"").append(TH).append("\">#</th><th style=\"").append(TH)
                .append("\">call</th><th style=\"").append(TH).append("\">result</th></tr></thead><tbody>");
        for (History.Step step : history.steps()) {
            int[] changed = history.changedBy(step.index());
            List<History.Page> to = history.changedTo(step.index());
            StringBuilder changes = new StringBuilder();
            for (int j = 0; j < changed.length; j++) {
                changes.append(j == 0 ? "" : ",").append(changed[j]).append('=').append(token(to.get(j)));
            }
            String colour = step.ok() ? "" : ";color:#9b1c1c";
            sb.append("<tr data-changes=\"").append(Xml.text(changes.toString())).append("\"><td style=\"").append(TD)
                    .append(";text-align:right\">").append(step.index() + 1).append("</td><td style=\"").append(TD)
                    .append(";font-family:monospace\">").append(Xml.text(step.text())).append("</td><td style=\"")
                    .append(TD).append(colour).append("\">").append(Xml.text(step.result())).append("</td></tr>");
        }
        sb.append("</tbody></table></div>\n");
    }

    /** A page's code: its category's ({@code -} for free), then {@code g} guard, {@code *} resident, {@code d} dirty. */
    static String token(History.Page p) {
        String base = switch (p.state()) {
            case MEM_COMMIT -> Category.committed(p.protect()).code();
            case MEM_RESERVE -> Category.RESERVED.code();
            default -> "-";
        };
        return base + (p.guard() ? "g" : "") + (p.resident() ? "*" : "") + (p.dirty() ? "d" : "");
    }

    private static String cellStyle(String token) {
        String base = token.replaceAll("[g*d]+$", "");
        Category c = category(base);
        return CELL + ";background:" + paper(c) + ";color:" + ink(c) + ";border-style:"
                + (token.indexOf('g') > 0 ? "dashed" : "solid") + ";font-weight:" + (token.indexOf('*') > 0 ? "bold" : "normal");
    }

    private static Category category(String code) {
        if (code.equals("-")) {
            return Category.FREE;
        }
        for (Category c : Category.VALUES) {
            if (c != Category.FREE && c != Category.UNUSABLE && c.code().equals(code)) {
                return c;
            }
        }
        return Category.FREE;
    }

    /** Each code's paper and ink, {@code code:paper:ink;...}, which the script paints cells with. */
    private static String colours() {
        StringBuilder sb = new StringBuilder("-:" + paper(Category.FREE) + ":" + ink(Category.FREE));
        for (Category c : Category.VALUES) {
            if (c != Category.FREE && c != Category.UNUSABLE) {
                sb.append(';').append(c.code()).append(':').append(paper(c)).append(':').append(ink(c));
            }
        }
        return sb.toString();
    }

    /** The category's colour; reserved pages get a light grey, as their diagonal lines do not fit in a cell. */
    private static String paper(Category c) {
        return c == Category.RESERVED ? "#e4e4e4" : c.fill().paper();
    }

    /** White on the dark papers, near-black on the light ones; grey for free pages. */
    private static String ink(Category c) {
        if (c == Category.FREE) {
            return "#8c8c8c";
        }
        String paper = paper(c);
        int r = Integer.parseInt(paper.substring(1, 3), 16);
        int g = Integer.parseInt(paper.substring(3, 5), 16);
        int b = Integer.parseInt(paper.substring(5, 7), 16);
        return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? "#ffffff" : "#1a1a1a";
    }
}
