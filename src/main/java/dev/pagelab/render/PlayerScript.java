package dev.pagelab.render;

/**
 * The one script of every player (a replay's {@link StepPlayer}, a space's {@link HistoryPlayer}): it builds the
 * controls of each player on the page that has none yet, from the static markup the player printed. The controls
 * are the same for both: First, Step back, Play, Pause, Step and Last buttons with those {@code aria-label}s, a speed
 * choice, a step slider, the arrow keys (Home, End and space too) on the focused player, and a status line whose
 * {@code data-role="step"} element reads {@code k / n}. What a step shows is the player's own: a replay's frame
 * slots ({@code data-pagelab-player}), or a space's page map and call ({@code data-pagelab-history}).
 *
 * <p>ES5 only, so classic Notebook's and VS Code's output frames run it as it is; inside a commented CDATA section,
 * so the fragment is well-formed XML as well as HTML. It loads nothing and keeps no state outside its own player,
 * so several players on one page go on independently.
 */
final class PlayerScript {
    private PlayerScript() {}

    static final String SCRIPT = """
            <script>//<![CDATA[
            (function () {
              var players = document.querySelectorAll('[data-pagelab-player]:not([data-ready]),[data-pagelab-history]:not([data-ready])');
              for (var p = 0; p < players.length; p++) { setUp(players[p]); }
              function setUp(root) {
                root.setAttribute('data-ready', '1');
                var view = root.hasAttribute('data-pagelab-history') ? historyView(root) : framesView(root);
                var n = view.n, k = 0, timer = null, delay = 800;
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
                root.insertBefore(bar, view.before || null); root.insertBefore(view.status, view.before || null);
                var stepOut = view.status.querySelector('[data-role=step]');
                function show(to) {
                  to = Math.max(0, Math.min(n, to));
                  view.show(k, to); k = to;
                  stepOut.textContent = k + ' / ' + n;
                  slider.value = k;
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
              function status(html) {
                var div = document.createElement('div');
                div.style.cssText = 'margin-top:4px;font-family:monospace';
                div.innerHTML = html;
                return div;
              }
              // Keeps an element of a scrolling box in view, without scrolling the page.
              function reveal(box, el, across) {
                if (across) {
                  if (box.clientWidth > 0 && (el.offsetLeft < box.scrollLeft || el.offsetLeft + el.offsetWidth > box.scrollLeft + box.clientWidth)) {
                    box.scrollLeft = Math.max(0, el.offsetLeft - box.clientWidth / 2);
                  }
                } else if (box.clientHeight > 0 && (el.offsetTop < box.scrollTop || el.offsetTop + el.offsetHeight > box.scrollTop + box.clientHeight)) {
                  box.scrollTop = Math.max(0, el.offsetTop - box.clientHeight / 2);
                }
              }
              // A replay's frame table: the reference's column highlighted, the slot that changed marked.
              function framesView(root) {
                var table = root.querySelector('[data-role=table]');
                var frames = +table.getAttribute('data-frames');
                var refs = table.querySelectorAll('thead th[data-ref]');
                var n = refs.length;
                var slotRows = table.querySelectorAll('tbody tr:not([data-row])');
                var faultRow = table.querySelector('tr[data-row=data-fault]');
                var victimRow = table.querySelector('tr[data-row=data-victim]');
                var out = status('step <span data-role="step"></span> \\u00B7 frames <span data-role="frames"></span>'
                  + ' \\u00B7 <span data-role="counts"></span> <span data-role="victim"></span>');
                var framesOut = out.querySelector('[data-role=frames]');
                var countsOut = out.querySelector('[data-role=counts]');
                var victimOut = out.querySelector('[data-role=victim]');
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
                function show(from, k) {
                  mark(from - 1, false); mark(k - 1, true);
                  var faults = 0;
                  for (var i = 0; i < k; i++) { if (cell(faultRow, i).textContent === 'F') { faults++; } }
                  var pages = [];
                  for (var f = 0; f < frames; f++) { pages.push(k === 0 ? '-' : cell(slotRows[f], k - 1).getAttribute('data-page')); }
                  framesOut.textContent = pages.join(' ');
                  countsOut.textContent = faults + (faults === 1 ? ' fault, ' : ' faults, ') + (k - faults) + (k - faults === 1 ? ' hit' : ' hits');
                  var victim = k === 0 ? '' : cell(victimRow, k - 1).textContent;
                  var page = k === 0 ? '' : refs[k - 1].textContent;
                  victimOut.textContent = k === 0 ? '' : '\\u00B7 page ' + page + (cell(faultRow, k - 1).textContent === 'F'
                    ? ' faults' + (victim ? ', evicting page ' + victim : ' into a free frame') : ' hits');
                  if (k > 0) { reveal(table.parentNode, refs[k - 1], true); }
                }
                return { n: n, status: out, show: show };
              }
              // A space's history: the page map after step k (every page from the steps' changes), the call's row
              // highlighted, the pages it changed marked.
              function historyView(root) {
                var rows = root.querySelectorAll('[data-role=calls] tbody tr');
                var n = rows.length;
                var cells = root.querySelectorAll('[data-role=map] [data-cell]');
                var caption = root.querySelector('[data-role=map-caption]');
                var colours = {};
                var spec = root.getAttribute('data-colours').split(';');
                for (var c = 0; c < spec.length; c++) { var part = spec[c].split(':'); colours[part[0]] = [part[1], part[2]]; }
                var changes = [];
                for (var r = 0; r < n; r++) {
                  var list = rows[r].getAttribute('data-changes'), pairs = [];
                  if (list) {
                    var items = list.split(',');
                    for (var j = 0; j < items.length; j++) { var kv = items[j].split('='); pairs.push([+kv[0], kv[1]]); }
                  }
                  changes.push(pairs);
                }
                var out = status('step <span data-role="step"></span> \\u00B7 <span data-role="call"></span>'
                  + ' <span data-role="result"></span><br>pages <span data-role="pages"></span>');
                var callOut = out.querySelector('[data-role=call]');
                var resultOut = out.querySelector('[data-role=result]');
                var pagesOut = out.querySelector('[data-role=pages]');
                function paint(el, token, changed) {
                  var base = token.replace(/[g*d]+$/, '');
                  var colour = colours[base] || colours['-'];
                  el.textContent = token; el.style.background = colour[0]; el.style.color = colour[1];
                  el.style.borderStyle = token.indexOf('g') > 0 ? 'dashed' : 'solid';
                  el.style.fontWeight = token.indexOf('*') > 0 ? 'bold' : 'normal';
                  el.style.outline = changed ? '2px solid #b45309' : '';
                }
                function show(from, k) {
                  if (from > 0) { rows[from - 1].style.background = ''; }
                  var tokens = [], changed = {};
                  for (var i = 0; i < cells.length; i++) { tokens.push('-'); }
                  for (var s = 0; s < k; s++) {
                    for (var j = 0; j < changes[s].length; j++) { tokens[changes[s][j][0]] = changes[s][j][1]; }
                  }
                  if (k > 0) { for (var m = 0; m < changes[k - 1].length; m++) { changed[changes[k - 1][m][0]] = true; } }
                  for (var q = 0; q < cells.length; q++) { paint(cells[q], tokens[q], changed[q]); }
                  pagesOut.textContent = tokens.join(' ');
                  caption.textContent = k === 0 ? 'The page map before the first call' : 'The page map after call ' + k;
                  if (k > 0) {
                    var row = rows[k - 1];
                    row.style.background = '#dbeafe';
                    callOut.textContent = row.children[1].textContent;
                    resultOut.textContent = '\\u2192 ' + row.children[2].textContent;
                    reveal(row.parentNode.parentNode.parentNode, row, false);
                  } else {
                    callOut.textContent = '-'; resultOut.textContent = '';
                  }
                }
                return { n: n, status: out, show: show, before: root.querySelector('[data-role=calls]').parentNode };
              }
            })();
            //]]></script>
            """;
}
