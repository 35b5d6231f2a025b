package dev.pagelab.render;

import dev.pagelab.replay.ReplaySteps;
import dev.pagelab.replay.StepsComparison;

/**
 * A step-by-step replay as HTML: first the whole frame table as a plain table, which reads the same untrusted,
 * without scripts and on code hosts; then, where scripts run, a player built by a small inline script from that
 * table ({@link PlayerScript}, shared with a space's history): First, Step back, Play, Pause, Step and Last
 * buttons, a speed choice, a step slider and the arrow keys, with the current reference's column highlighted, the slot that changed marked, the victim named and running
 * counts of faults and hits. The script loads nothing and keeps no state outside its own player, so several
 * players on one page go on independently; the bytes depend only on the replay.
 *
 * <p>For tests and screen readers: the element with {@code data-role="step"} reads {@code k / n} and the one
 * with {@code data-role="frames"} the pages in the slots after step k ({@code -} for an empty slot), and the
 * buttons carry the {@code aria-label}s {@code First}, {@code Step back}, {@code Play}, {@code Pause},
 * {@code Step} and {@code Last}.
 */
public final class StepPlayer {
    private static final String CELL = "border:1px solid #c8c8c8;padding:1px 5px;text-align:center;min-width:1.6em";
    private static final String HEAD = CELL + ";background:#eeeeee;font-weight:bold";
    private static final String LABEL = "border:1px solid #c8c8c8;padding:1px 6px;text-align:left;background:#eeeeee;"
            + "white-space:nowrap";

    private StepPlayer() {}

    /** The player of one replay: its table, then (where scripts run) its controls. */
    public static String html(ReplaySteps steps) {
        return player(steps) + PlayerScript.SCRIPT;
    }

    private static String player(ReplaySteps steps) {
        return "<div style=\"" + Html.CARD_STYLE + "\" data-pagelab-player=\"1\" tabindex=\"0\">\n"
                + "<div style=\"font-weight:bold;margin-bottom:4px\">" + Xml.text(steps.summary()) + "</div>\n"
                + table(steps) + "</div>\n";
    }

    /** Several players, one under another, under a line of totals; one script sets them all up. */
    public static String html(StepsComparison comparison) {
        StringBuilder sb = new StringBuilder("<div style=\"font-family:sans-serif;font-size:12px;margin-bottom:6px\">")
                .append(Xml.text(comparison.summary())).append("</div>\n");
        for (ReplaySteps s : comparison.replays()) {
            sb.append("<div style=\"margin-bottom:8px\">\n").append(player(s)).append("</div>\n");
        }
        return sb.append(PlayerScript.SCRIPT).toString();
    }

    private static String table(ReplaySteps s) {
        int n = s.size();
        int frames = s.frames();
        ReplaySteps.Step[] steps = new ReplaySteps.Step[n]; // each step read once, not once a cell
        for (int i = 0; i < n; i++) {
            steps[i] = s.step(i);
        }
        boolean clock = n > 0 && steps[0].referenceBits() != null;
        StringBuilder sb = new StringBuilder(256 + n * (frames + 3) * 40);
        sb.append("<div style=\"overflow-x:auto;max-width:100%\"><table data-role=\"table\" data-frames=\"").append(frames)
                .append("\" style=\"border-collapse:collapse;font-family:monospace;font-size:12px;color:#1a1a1a;"
                        + "background:#ffffff\">");
        sb.append("<caption style=\"text-align:left;padding:2px 0;font-family:sans-serif\">").append(Xml.text(
                "The page in each frame slot after each reference; F marks a fault"
                        + (clock ? "; * a set reference bit, and the last row the slot CLOCK's hand rests at" : "")))
                .append("</caption>");
        sb.append("<thead><tr><th style=\"").append(LABEL).append("\" scope=\"row\">reference</th>");
        for (int i = 0; i < n; i++) {
            sb.append("<th style=\"").append(HEAD).append("\" data-ref=\"").append(steps[i].page()).append("\">")
                    .append(steps[i].page()).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int f = 0; f < frames; f++) {
            sb.append("<tr><th style=\"").append(LABEL).append("\" scope=\"row\">frame ").append(f).append("</th>");
            for (int i = 0; i < n; i++) {
                ReplaySteps.Step step = steps[i];
                long page = step.frameSlots()[f];
                boolean loaded = step.fault() && page == step.page();
                sb.append("<td style=\"").append(CELL).append(loaded ? ";font-weight:bold;color:#9b1c1c" : "")
                        .append("\" data-page=\"").append(page < 0 ? "-" : Long.toString(page)).append("\"")
                        .append(loaded ? " data-changed=\"1\"" : "").append(">")
                        .append(page < 0 ? "-" : Long.toString(page))
                        .append(clock && step.referenceBits()[f] ? "*" : "").append("</td>");
            }
            sb.append("</tr>");
        }
        row(sb, "fault", n, i -> steps[i].fault() ? "F" : "", "data-fault");
        row(sb, "evicted", n, i -> steps[i].victim() < 0 ? "" : Long.toString(steps[i].victim()), "data-victim");
        if (clock) {
            row(sb, "hand at", n, i -> Integer.toString(steps[i].hand()), "data-hand");
        }
        sb.append("</tbody></table></div>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, int n, java.util.function.IntFunction<String> cell,
            String role) {
        sb.append("<tr data-row=\"").append(role).append("\"><th style=\"").append(LABEL).append("\" scope=\"row\">")
                .append(label).append("</th>");
        for (int i = 0; i < n; i++) {
            sb.append("<td style=\"").append(CELL).append("\">").append(Xml.text(cell.apply(i))).append("</td>");
        }
        sb.append("</tr>");
    }
}
