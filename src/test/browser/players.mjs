// The step player (StepPlayer.java) in a page: its static tables where scripts do not run, and its controls where
// they do, pressed as a person would.
//
// The notebook's JSON says what to expect: the output whose text/html holds players, and, from its text/plain, each
// replay's references and the pages in its frame slots after every step. On compare(FIFO, LRU, OPT) over the
// textbook string 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1 with 3 frames, the checks also hold the textbook's own
// answers (FIFO after 4 steps holds 2 0 1, LRU after 8 4 0 3, OPT after 8 2 4 3), so that the player is checked
// against more than the table it was built from.

const PLAYER = '[data-pagelab-player]';
const LABELS = ['First', 'Step back', 'Play', 'Pause', 'Step', 'Last'];
const TEXTBOOK = '7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1';
const QUICK = 5000;

/** The replays a notebook's player output holds: {cell (index among code cells), replays: {NAME: {n, slots}}}. */
export function playerExpectations(notebook) {
  const code = notebook.cells.filter((c) => c.cell_type === 'code');
  for (let i = 0; i < code.length; i++) {
    for (const output of code[i].outputs || []) {
      const html = [].concat(output.data?.['text/html'] ?? []).join('');
      if (html.includes('data-pagelab-player="')) { // the attribute: the shared script names both kinds
        const text = [].concat(output.data['text/plain'] ?? []).join('');
        return { cell: i, count: code[i].execution_count, replays: replays(text) };
      }
    }
  }
  return null;
}

/** From the text form: each block headed `NAME, F frames: ...` and its `frame i` rows, one column a step. */
function replays(text) {
  const found = {};
  let current = null;
  for (const line of text.split('\n')) {
    const head = /^(\S+), \d+ frames?: (\d+) references?/.exec(line);
    if (head) {
      current = { n: +head[2], references: [], slots: [] };
      found[head[1]] = current;
    } else if (current && /^reference\s/.test(line)) {
      current.references = line.replace(/^reference\s+/, '').trim().split(/\s+/);
    } else if (current && /^frame \d+\s/.test(line)) {
      current.slots.push(line.replace(/^frame \d+\s+/, '').trim().split(/\s+/));
    }
  }
  return found;
}

/** The textbook's answer where the replay is the textbook's (3 frames), else what its text form says. */
function answer(replay, k, frames) {
  return replay.references.join(' ') === TEXTBOOK && replay.slots.length === 3 ? frames : framesAt(replay, k);
}

/** What frames should read after step k: the page in each slot, '-' for an empty one (every one at k = 0). */
function framesAt(replay, k) {
  return replay.slots.map((row) => (k === 0 ? '-' : row[k - 1])).join(' ');
}

/**
 * Untrusted (no scripts): the player output still shows one frame table per replay, with its references, and no
 * controls. cell is the code cell's locator. Returns the problems, and what was seen.
 */
export async function checkStatic(cell, expected) {
  const problems = [];
  const names = Object.keys(expected.replays);
  const seen = await cell.evaluate((node, labels) => ({
    tables: [...node.querySelectorAll('table')].map((t) => {
      const box = t.getBoundingClientRect();
      return { width: Math.round(box.width), height: Math.round(box.height),
        references: [...(t.querySelector('tr')?.children ?? [])].slice(1).map((c) => c.textContent.trim()).join(' ') };
    }),
    players: node.querySelectorAll('[data-pagelab-player]').length,
    // The player's controls only: a front end puts buttons of its own in a cell.
    controls: [...node.querySelectorAll('button, select, input')].map((b) => b.getAttribute('aria-label'))
      .filter((label) => labels.includes(label)),
    scripts: node.querySelectorAll('script').length,
  }), [...LABELS, 'Speed', 'Step slider']);
  if (seen.tables.length !== names.length) {
    problems.push(`shows ${seen.tables.length} tables, expected one per replay (${names.join(', ')})`);
  }
  seen.tables.forEach((t, i) => {
    const replay = expected.replays[names[i]];
    if (t.width < 100 || t.height < 40) {
      problems.push(`table ${i + 1} (${names[i]}) is ${t.width}x${t.height} px, not shown`);
    }
    if (replay && t.references !== replay.references.join(' ')) {
      problems.push(`table ${i + 1} (${names[i]}) has the references "${t.references}",`
        + ` not "${replay.references.join(' ')}"`);
    }
  });
  if (seen.controls.length > 0) {
    problems.push(`shows the player's controls (${[...new Set(seen.controls)].join(', ')}) though the notebook is`
      + ' untrusted: the player script ran');
  }
  return { problems, seen };
}

/** Play's and Pause's state: disabled or not, and whether each looks like it (dimmed or greyed beside the other). */
async function playPause(player) {
  return player.evaluate((root) => {
    const look = (b) => {
      const style = getComputedStyle(b);
      return { disabled: b.disabled, opacity: +style.opacity, color: style.color };
    };
    return { play: look(root.querySelector('button[aria-label="Play"]')),
      pause: look(root.querySelector('button[aria-label="Pause"]')) };
  });
}

/** A problem when one of Play and Pause is not the one disabled, or does not look different from the other. */
function expectPlaying(problems, what, state, playing) {
  const [off, on] = playing ? ['Play', 'Pause'] : ['Pause', 'Play'];
  const o = state[off.toLowerCase()];
  const e = state[on.toLowerCase()];
  if (!o.disabled || e.disabled) {
    problems.push(`${what}: ${off} should be disabled and ${on} not, but ${off} is ${o.disabled ? '' : 'not '}`
      + `disabled and ${on} is ${e.disabled ? '' : 'not '}`);
  } else if (o.opacity >= e.opacity && o.color === e.color) {
    problems.push(`${what}: the disabled ${off} looks like ${on} (opacity ${o.opacity}, colour ${o.color})`);
  }
}

/** Reads a player's step and frames. */
async function read(player) {
  const [step, frames] = await Promise.all(['step', 'frames'].map((role) => player.locator(`[data-role=${role}]`)
    .first().textContent({ timeout: QUICK }).then((t) => t.trim(), () => null)));
  return { step, frames };
}

function describe(state) {
  return `step "${state.step}" and frames "${state.frames}"`;
}

/** A problem when the player does not read step k of n with the given frames. */
function expect(problems, what, state, k, n, frames) {
  if (state.step !== `${k} / ${n}` || state.frames !== frames) {
    problems.push(`${what}: reads ${describe(state)}, expected "${k} / ${n}" and "${frames}"`);
  }
}

async function press(player, label, times = 1) {
  for (let i = 0; i < times; i++) {
    await player.locator(`button[aria-label="${label}"]`).click({ timeout: QUICK });
  }
}

/**
 * A runner of checks into results: each check's body gets its problems and what it saw; a body that throws is a
 * check that could not run. Returns whether the check passed.
 */
function checker(results) {
  return async (check, body) => {
    const result = { check, problems: [], seen: {} };
    const started = Date.now();
    try {
      await body(result.problems, result.seen);
    } catch (e) {
      result.problems.push(`could not check it: ${e.message.split('\n')[0]}`);
    }
    result.ms = Date.now() - started;
    results.push(result);
    return result.problems.length === 0;
  };
}

/**
 * Where scripts ran: the players are built, and their controls work, each player on its own. page is the page, cell
 * the code cell's locator; a screenshot of the FIFO player after a few steps goes to shot (a path). Returns one
 * {check, problems, seen} a check; a check that could not run says why.
 */
export async function checkPlayers(page, cell, expected, shot) {
  const results = [];
  const names = Object.keys(expected.replays);
  const players = {};
  const run = checker(results);

  await run(`${names.length} players built, at step 0`, async (problems, seen) => {
    const ready = cell.locator(`${PLAYER}[data-ready]`);
    await ready.nth(names.length - 1).waitFor({ state: 'attached', timeout: 15_000 }).catch(() => undefined);
    Object.assign(seen, await cell.evaluate((node) => ({
      players: node.querySelectorAll('[data-pagelab-player]').length,
      ready: node.querySelectorAll('[data-pagelab-player][data-ready]').length,
      tables: node.querySelectorAll('table').length,
      buttons: node.querySelectorAll('button').length,
      scripts: node.querySelectorAll('script').length,
    })));
    if (seen.ready !== names.length) {
      problems.push(`${seen.ready} of ${names.length} players built (the output holds ${seen.players} player`
        + ` elements, ${seen.tables} tables, ${seen.buttons} buttons, ${seen.scripts} script elements)`);
      return;
    }
    for (let i = 0; i < names.length; i++) {
      const player = ready.nth(i);
      const heading = (await player.locator('div').first().textContent()).trim();
      const name = names.find((nm) => heading.startsWith(`${nm},`));
      if (name !== names[i]) {
        problems.push(`player ${i + 1} is headed "${heading}", expected ${names[i]}`);
      }
      const labels = await player.locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
      const missing = LABELS.filter((l) => !labels.includes(l));
      if (missing.length > 0) {
        problems.push(`${names[i]} player lacks the buttons ${missing.join(', ')}`
          + ` (has ${labels.length > 0 ? labels.join(', ') : 'none'})`);
      } else {
        players[names[i]] = player;
      }
      const state = await read(player);
      expect(problems, `${names[i]} player as built`, state, 0, expected.replays[names[i]].n,
        framesAt(expected.replays[names[i]], 0));
    }
  });
  const checks = [];
  const fifo = expected.replays.FIFO;
  if (fifo) {
    const n = fifo.n;
    const textbook = (k, frames) => answer(fifo, k, frames);
    checks.push(['FIFO: Step 4 times', ['FIFO'], async (problems) => {
      await press(players.FIFO, 'Step', 4);
      expect(problems, 'after Step 4 times', await read(players.FIFO), 4, n, textbook(4, '2 0 1'));
      await players.FIFO.screenshot({ path: shot, timeout: QUICK }).catch(() => undefined);
    }]);
    checks.push(['FIFO: Step back', ['FIFO'], async (problems) => {
      await press(players.FIFO, 'Step back');
      expect(problems, 'after Step back', await read(players.FIFO), 3, n, textbook(3, '7 0 1'));
    }]);
    checks.push(['FIFO: Last, then First', ['FIFO'], async (problems) => {
      await press(players.FIFO, 'Last');
      expect(problems, 'after Last', await read(players.FIFO), n, n, textbook(n, '7 0 1'));
      await press(players.FIFO, 'First');
      expect(problems, 'after First', await read(players.FIFO), 0, n, framesAt(fifo, 0));
    }]);
    checks.push(['FIFO: Play, then Pause', ['FIFO'], async (problems, seen) => {
      seen.before = await playPause(players.FIFO);
      expectPlaying(problems, 'before Play', seen.before, false);
      await press(players.FIFO, 'Play');
      expectPlaying(problems, 'after Play', await playPause(players.FIFO), true);
      // 800 ms a step at 1x: two steps within 5 s show that it plays on by itself.
      const played = await players.FIFO.locator('[data-role=step]').evaluate((el) => new Promise((resolve) => {
        const t0 = Date.now();
        const poll = () => (parseInt(el.textContent, 10) >= 2 || Date.now() - t0 > 5000
          ? resolve(el.textContent) : setTimeout(poll, 50));
        poll();
      }), null, { timeout: 10_000 });
      seen.playing = played;
      await press(players.FIFO, 'Pause');
      const paused = await read(players.FIFO);
      expectPlaying(problems, 'after Pause', await playPause(players.FIFO), false);
      await new Promise((resolve) => setTimeout(resolve, 1800));
      const later = await read(players.FIFO);
      Object.assign(seen, { paused: paused.step, later: later.step });
      const k = parseInt(paused.step, 10);
      if (!(parseInt(played, 10) >= 2)) {
        problems.push(`after Play the step read "${played}" 5 s later, expected it to reach 2 / ${n}`);
      } else if (later.step !== paused.step) {
        problems.push(`after Pause the step went on from "${paused.step}" to "${later.step}" within 1.8 s`);
      } else {
        expect(problems, 'after Pause', later, k, n, framesAt(fifo, k));
      }
    }]);
    checks.push(['FIFO: ArrowRight, ArrowLeft with the player focused', ['FIFO'], async (problems, seen) => {
      const before = await read(players.FIFO);
      const k = parseInt(before.step, 10);
      await players.FIFO.focus({ timeout: QUICK });
      seen.focused = await players.FIFO.evaluate((el) => el === document.activeElement);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(problems, `from step ${k}, after ArrowRight twice`, await read(players.FIFO), k + 2, n,
        framesAt(fifo, k + 2));
      await page.keyboard.press('ArrowLeft');
      expect(problems, `from step ${k}, after ArrowRight twice and ArrowLeft`, await read(players.FIFO), k + 1, n,
        framesAt(fifo, k + 1));
      if (!seen.focused) {
        problems.push('the player could not take the focus');
      }
    }]);
    checks.push(['the other players stay at step 0', names, async (problems) => {
      for (const name of names.filter((nm) => nm !== 'FIFO')) {
        expect(problems, `${name} player, after FIFO's steps`, await read(players[name]), 0,
          expected.replays[name].n, framesAt(expected.replays[name], 0));
      }
    }]);
  }
  for (const [name, frames] of [['LRU', '4 0 3'], ['OPT', '2 4 3']]) {
    const replay = expected.replays[name];
    if (replay) {
      checks.push([`${name}: Step 8 times`, [name], async (problems) => {
        const fifoBefore = players.FIFO ? await read(players.FIFO) : null;
        await press(players[name], 'Step', 8);
        expect(problems, 'after Step 8 times', await read(players[name]), 8, replay.n,
          answer(replay, 8, frames));
        const fifoAfter = players.FIFO ? await read(players.FIFO) : null;
        if (fifoBefore && fifoAfter.step !== fifoBefore.step) {
          problems.push(`the FIFO player moved too, from "${fifoBefore.step}" to "${fifoAfter.step}"`);
        }
      }]);
    }
  }
  for (const [check, needs, body] of checks) {
    const unbuilt = needs.filter((name) => !players[name]);
    if (unbuilt.length === 0) {
      await run(check, body);
    } else {
      results.push({ check, problems: [`not run: the ${unbuilt.join(', ')} player was not built (see the check`
        + ' of the players as built)'], seen: {} });
    }
  }
  return results;
}

// The history player (HistoryPlayer.java): a space's calls, one a step, and its page map after each. Its text/plain
// numbers the calls ("  3. write 4 bytes at 0x1_0000 = 0x2a -> ok; ..."), which is what data-role=call must read.

const HISTORY = '[data-pagelab-history]';

/** The history a notebook's output holds: {cell, count, n, pages, calls: [call text of step 1, 2, ...]}, or null. */
export function historyExpectations(notebook) {
  const code = notebook.cells.filter((c) => c.cell_type === 'code');
  for (let i = 0; i < code.length; i++) {
    for (const output of code[i].outputs || []) {
      const html = [].concat(output.data?.['text/html'] ?? []).join('');
      if (html.includes('data-pagelab-history="')) {
        const text = [].concat(output.data['text/plain'] ?? []).join('');
        const head = /^History of a space: (\d+) calls?.*; (\d+) pages? shown/.exec(text);
        const calls = [];
        for (const line of text.split('\n')) {
          const call = /^\s*(\d+)\. (.*?) -> /.exec(line);
          if (call) {
            calls[+call[1] - 1] = call[2];
          }
        }
        return { cell: i, count: code[i].execution_count, n: head ? +head[1] : calls.length,
          pages: head ? +head[2] : 0, calls };
      }
    }
  }
  return null;
}

/**
 * Untrusted: the page map and one row a call show, and no controls; a screenshot of the output goes to shot. Returns
 * the problems, and what was seen.
 */
export async function checkHistoryStatic(cell, expected, shot) {
  const problems = [];
  // Untrusted, the sanitizer strips data- attributes: the two tables are found as tables, the map first.
  const seen = await cell.evaluate((node, labels) => {
    const tables = [...node.querySelectorAll('table')];
    const box = tables[0]?.getBoundingClientRect();
    return {
      tables: tables.length,
      cells: tables[0] ? tables[0].querySelectorAll('td').length : 0,
      map: box ? { width: Math.round(box.width), height: Math.round(box.height) } : null,
      calls: tables[1] ? [...tables[1].querySelectorAll('tbody tr')].map((r) => r.children[1]?.textContent) : [],
      controls: [...node.querySelectorAll('button, select, input')].map((b) => b.getAttribute('aria-label'))
        .filter((label) => labels.includes(label)),
    };
  }, [...LABELS, 'Speed', 'Step slider']);
  await cell.locator('table').first().locator('xpath=../..').screenshot({ path: shot, timeout: QUICK }).catch(() => undefined);
  if (seen.tables !== 2) {
    problems.push(`shows ${seen.tables} tables, expected 2 (the page map and the calls)`);
  }
  if (seen.cells !== expected.pages || !seen.map || seen.map.width < 40 || seen.map.height < 10) {
    problems.push(`the page map shows ${seen.cells} pages (${JSON.stringify(seen.map)}), expected ${expected.pages}`);
  }
  if (seen.calls.join('\n') !== expected.calls.join('\n')) {
    problems.push(`the calls read ${JSON.stringify(seen.calls)}, expected ${JSON.stringify(expected.calls)}`);
  }
  if (seen.controls.length > 0) {
    problems.push(`shows the player's controls (${[...new Set(seen.controls)].join(', ')}) though the notebook is`
      + ' untrusted: the player script ran');
  }
  return { problems, seen };
}

async function readHistory(player) {
  const [step, call, pages] = await Promise.all(['step', 'call', 'pages'].map((role) => player
    .locator(`[data-role=${role}]`).first().textContent({ timeout: QUICK }).then((t) => t.trim(), () => null)));
  return { step, call, pages };
}

function expectCall(problems, what, state, k, expected) {
  const call = k === 0 ? '-' : expected.calls[k - 1];
  const pages = state.pages === null ? -1 : state.pages.split(' ').length;
  if (state.step !== `${k} / ${expected.n}` || state.call !== call || pages !== expected.pages) {
    problems.push(`${what}: reads step "${state.step}", call "${state.call}" and ${pages} pages, expected`
      + ` "${k} / ${expected.n}", "${call}" and ${expected.pages} pages`);
  }
}

/**
 * Where scripts ran: the history player is built and its Step, Step back, Play, Pause, Last and First move it, the
 * call shown following the step. A screenshot after two steps goes to shot. Returns one {check, problems, seen} a check.
 */
export async function checkHistory(page, cell, expected, shot) {
  const results = [];
  const player = cell.locator(`${HISTORY}[data-ready]`).first();
  const run = checker(results);
  const built = await run('history: built, at step 0', async (problems, seen) => {
    await player.waitFor({ state: 'attached', timeout: 15_000 });
    seen.labels = await player.locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    const missing = LABELS.filter((l) => !seen.labels.includes(l));
    if (missing.length > 0) {
      problems.push(`the history player lacks the buttons ${missing.join(', ')}`);
    }
    expectCall(problems, 'as built', await readHistory(player), 0, expected);
  });
  if (!built) {
    return results;
  }
  await run('history: Step twice, then Step back', async (problems) => {
    await press(player, 'Step', 2);
    expectCall(problems, 'after Step twice', await readHistory(player), 2, expected);
    await player.screenshot({ path: shot, timeout: QUICK }).catch(() => undefined);
    await press(player, 'Step back');
    expectCall(problems, 'after Step back', await readHistory(player), 1, expected);
  });
  await run('history: Play, then Pause', async (problems, seen) => {
    await press(player, 'First');
    await press(player, 'Play');
    const played = await player.locator('[data-role=step]').evaluate((el) => new Promise((resolve) => {
      const t0 = Date.now();
      const poll = () => (parseInt(el.textContent, 10) >= 2 || Date.now() - t0 > 5000
        ? resolve(el.textContent) : setTimeout(poll, 50));
      poll();
    }), null, { timeout: 10_000 });
    await press(player, 'Pause');
    const paused = await readHistory(player);
    await new Promise((resolve) => setTimeout(resolve, 1800));
    const later = await readHistory(player);
    Object.assign(seen, { played, paused: paused.step, later: later.step });
    if (!(parseInt(played, 10) >= 2)) {
      problems.push(`after Play the step read "${played}" 5 s later, expected it to reach 2 / ${expected.n}`);
    } else if (later.step !== paused.step) {
      problems.push(`after Pause the step went on from "${paused.step}" to "${later.step}" within 1.8 s`);
    } else {
      expectCall(problems, 'after Pause', later, parseInt(paused.step, 10), expected);
    }
  });
  await run('history: Last, then First', async (problems) => {
    await press(player, 'Last');
    expectCall(problems, 'after Last', await readHistory(player), expected.n, expected);
    await press(player, 'First');
    expectCall(problems, 'after First', await readHistory(player), 0, expected);
  });
  return results;
}
