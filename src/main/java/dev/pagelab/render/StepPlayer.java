package dev.pagelab.render;

import dev.pagelab.replay.ReplaySteps;
import dev.pagelab.replay.StepsComparison;

/**
 * A step-by-step replay as HTML: first the whole frame table as a plain table, which reads the same untrusted,
 * without scripts and on code hosts; then, where scripts run, a player built by a small inline script from that
 * table: First, Step back, Play, Pause, Step and Last buttons, a speed choice, a step slider and the arrow keys,
 * with the current reference's column highlighted, the slot that changed marked, the victim named and running
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
        return player(steps) + SCRIPT;
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
        return sb.append(SCRIPT).toString();
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

    /**
     * Builds the controls of every player on the page that has none yet, from its table. ES5 only, so classic
     * Notebook's and VS Code's output frames run it as they are; inside a commented CDATA section, so the fragment
     * is well-formed XML as well as HTML.
     */
    static final String SCRIPT = """
            <script>//<![CDATA[
            (function () {
              var players = document.querySelectorAll('[data-pagelab-player]:not([data-ready])');
              for (var p = 0; p < players.length; p++) { setUp(players[p]); }
              function setUp(root) {
                root.setAttribute('data-ready', '1');
                var table = root.querySelector('[data-role=table]');
                var frames = +table.getAttribute('data-frames');
                var refs = table.querySelectorAll('thead th[data-ref]');
                var n = refs.length;
                var slotRows = table.querySelectorAll('tbody tr:not([data-row])');
                var faultRow = table.querySelector('tr[data-row=data-fault]');
                var victimRow = table.querySelector('tr[data-row=data-victim]');
                var k = 0, timer = null, delay = 800;
                var bar = document.createElement('div');
                bar.style.cssText = 'margin-top:6px;display:flex;flex-wrap:wrap;gap:4px;align-items:center';
                function button(label, text, action) {
                  var b = document.createElement('button');
                  b.type = 'button'; b.setAttribute('aria-label', label); b.title = label; b.textContent = text;
                  b.style.cssText = 'min-width:2.4em;padding:1px 6px;cursor:pointer';
                  b.addEventListener('click', function () { action(); root.focus(); });
                  bar.appendChild(b); return b;
                }
                button('First', '|\\u25C0', function () { stop(); show(0); });
                button('Step back', '\\u25C0', function () { stop(); show(k - 1); });
                var play = button('Play', '\\u25B6 Play', start);
                var pause = button('Pause', 'Pause', stop);
                button('Step', '\\u25B6', function () { stop(); show(k + 1); });
                button('Last', '\\u25B6|', function () { stop(); show(n); });
                var speed = document.createElement('select');
                speed.setAttribute('aria-label', 'Speed');
                var speeds = [['0.5\\u00D7', 1600], ['1\\u00D7', 800], ['2\\u00D7', 400], ['4\\u00D7', 200], ['8\\u00D7', 100]];
                for (var s = 0; s < speeds.length; s++) {
                  var o = document.createElement('option'); o.textContent = speeds[s][0]; o.value = speeds[s][1];
                  if (speeds[s][1] === delay) { o.selected = true; }
                  speed.appendChild(o);
                }
                speed.addEventListener('change', function () { delay = +speed.value; if (timer) { stop(); start(); } });
                bar.appendChild(speed);
                var slider = document.createElement('input');
                slider.type = 'range'; slider.min = 0; slider.max = n; slider.value = 0;
                slider.setAttribute('aria-label', 'Step slider');
                slider.addEventListener('input', function () { stop(); show(+slider.value); });
                bar.appendChild(slider);
                var status = document.createElement('div');
                status.style.cssText = 'margin-top:4px;font-family:monospace';
                status.innerHTML = 'step <span data-role="step"></span> \\u00B7 frames <span data-role="frames"></span>'
                  + ' \\u00B7 <span data-role="counts"></span> <span data-role="victim"></span>';
                root.appendChild(bar); root.appendChild(status);
                var stepOut = status.querySelector('[data-role=step]');
                var framesOut = status.querySelector('[data-role=frames]');
                var countsOut = status.querySelector('[data-role=counts]');
                var victimOut = status.querySelector('[data-role=victim]');
                function cell(row, i) { return row.children[i + 1]; }
                function mark(i, on) {
                  if (i < 0) { return; }
                  var bg = on ? '#dbeafe' : '';
                  refs[i].style.background = on ? '#93c5fd' : '#eeeeee';
                  for (var r = 0; r < slotRows.length; r++) {
                    var c = cell(slotRows[r], i);
                    c.style.background = on && c.getAttribute('data-changed') ? '#fde68a' : bg;
                    c.style.outline = on && c.getAttribute('data-changed') ? '2px solid #b45309' : '';
                  }
                  cell(faultRow, i).style.background = bg; cell(victimRow, i).style.background = bg;
                }
                function show(to) {
                  to = Math.max(0, Math.min(n, to));
                  mark(k - 1, false); k = to; mark(k - 1, true);
                  var faults = 0;
                  for (var i = 0; i < k; i++) { if (cell(faultRow, i).textContent === 'F') { faults++; } }
                  var pages = [];
                  for (var f = 0; f < frames; f++) { pages.push(k === 0 ? '-' : cell(slotRows[f], k - 1).getAttribute('data-page')); }
                  stepOut.textContent = k + ' / ' + n;
                  framesOut.textContent = pages.join(' ');
                  countsOut.textContent = faults + (faults === 1 ? ' fault, ' : ' faults, ') + (k - faults) + (k - faults === 1 ? ' hit' : ' hits');
                  var victim = k === 0 ? '' : cell(victimRow, k - 1).textContent;
                  var page = k === 0 ? '' : refs[k - 1].textContent;
                  victimOut.textContent = k === 0 ? '' : '\\u00B7 page ' + page + (cell(faultRow, k - 1).textContent === 'F'
                    ? ' faults' + (victim ? ', evicting page ' + victim : ' into a free frame') : ' hits');
                  slider.value = k;
                  var box = table.parentNode;
                  if (k > 0 && box.clientWidth > 0) {
                    var th = refs[k - 1];
                    if (th.offsetLeft < box.scrollLeft || th.offsetLeft + th.offsetWidth > box.scrollLeft + box.clientWidth) {
                      box.scrollLeft = Math.max(0, th.offsetLeft - box.clientWidth / 2);
                    }
                  }
                  if (k >= n) { stop(); }
                }
                function start() {
                  if (timer || n === 0) { return; }
                  if (k >= n) { show(0); }
                  enable(play, false); enable(pause, true);
                  timer = setInterval(function () { show(k + 1); }, delay);
                }
                function stop() {
                  if (timer) { clearInterval(timer); timer = null; }
                  enable(play, true); enable(pause, false);
                }
                // Dimmed as well as disabled: a page's own style sheet (classic Notebook's) may undo the browser's grey.
                function enable(b, on) {
                  b.disabled = !on; b.style.opacity = on ? '' : '0.45'; b.style.cursor = on ? 'pointer' : 'default';
                }
                root.addEventListener('keydown', function (e) {
                  var key = e.key;
                  if (key === 'ArrowRight') { stop(); show(k + 1); }
                  else if (key === 'ArrowLeft') { stop(); show(k - 1); }
                  else if (key === 'Home') { stop(); show(0); }
                  else if (key === 'End') { stop(); show(n); }
                  else if (key === ' ') { if (timer) { stop(); } else { start(); } }
                  else { return; }
                  e.preventDefault(); e.stopPropagation();
                });
                stop(); show(0);
              }
            })();
            //]]></script>
            """;
}
