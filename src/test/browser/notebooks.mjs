// Opens PageLab's notebooks in Chromium, in JupyterLab 4, Notebook 7, the classic Notebook 6 and as nbconvert's
// HTML export, and checks that every output holding a picture shows it (pictures.mjs says how), and that the step
// player works where its script runs and shows its tables where it does not (players.mjs).
//
// usage: node src/test/browser/notebooks.mjs [--front-ends lab,notebook7,classic,nbconvert,nbconvert-venv]
//                                             [--run-all NAME,...] [--players NAME,...] [--out DIR]
//                                             [NOTEBOOK.ipynb ...]
//
// Each server starts once, on 127.0.0.1 with a token, with the PageLab kernel (JUPYTER_PATH=kernel-config) and
// fresh Jupyter folders (no trust database: the notebooks open untrusted, as a fresh clone's do), serving copies
// of the notebooks. Each notebook is checked as opened; the --run-all ones (by file name) again after Run All.
// The report (DIR/report.json, DIR = target/browser-it) has one result per front end, phase and notebook, and
// per player check; screenshots of failures go to DIR/screenshots, the players' (untrusted, and after a few steps)
// to DIR/players. Exit status: 0 all passed, 1 some failed, 3 tools missing.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compare, expectations, readPage } from './pictures.mjs';
import { checkHistory, checkHistoryStatic, checkPlayers, checkStatic, historyExpectations, playerExpectations }
  from './players.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const DEFAULT_NOTEBOOKS = () => [
  ...fs.readdirSync(path.join(repo, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort()
    .map((f) => `notebooks/${f}`),
  'src/test/resources/notebooks/pictures.ipynb',
  // A control: outputs in the form that every front end shows, so the checks are seen to pass as well as fail.
  'src/test/browser/fixtures/pictures-as-img.ipynb',
];
// Run All on two notebooks per front end (each takes seconds more): one with committed outputs, one that has none.
const DEFAULT_RUN_ALL = ['00-quick-start.ipynb', 'pictures.ipynb'];
// The step player's checks (players.mjs), on the notebook whose compare(...) output holds three players: its static
// tables as opened (untrusted) in every front end, its controls in both exports and after Run All in JupyterLab and
// the classic Notebook (Notebook 7 draws outputs as JupyterLab does).
// Notebook 01's process().history() output holds a history player, checked the same ways.
const DEFAULT_PLAYERS = ['01-reserve-and-commit.ipynb', '06-page-faults-and-replacement.ipynb'];
const PLAYERS_RUN_ALL = ['lab', 'classic'];
const ALL_FRONT_ENDS = ['lab', 'notebook7', 'classic', 'nbconvert', 'nbconvert-venv'];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TIMEOUT = 120_000;

// Where each kind of page keeps its notebook, code cells and outputs ('lab' is JupyterLab's and Notebook 7's).
const PAGES = {
  lab: { root: '.jp-NotebookPanel', cell: '.jp-CodeCell', output: '.jp-OutputArea-child > .jp-OutputArea-output',
    stream: '[data-mime-type^="application/vnd.jupyter.std"]', prompt: '.jp-InputPrompt' },
  classic: { root: '#notebook-container', cell: '.cell.code_cell', output: '.output_area > .output_subarea',
    stream: '.output_stream, .output_error', prompt: '.input_prompt' },
  // nbconvert writes a stdout stream as text/plain, told from other text only by its exact class attribute.
  html: { root: 'body', cell: '.jp-CodeCell', output: '.jp-OutputArea-child > .jp-OutputArea-output',
    stream: '[class="jp-RenderedText jp-OutputArea-output"], [data-mime-type^="application/vnd.jupyter.std"]' },
};

function parseArgs(argv) {
  const options = { frontEnds: ALL_FRONT_ENDS, runAll: DEFAULT_RUN_ALL, players: DEFAULT_PLAYERS,
    out: path.join(repo, 'target/browser-it'), notebooks: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--front-ends') {
      options.frontEnds = argv[++i].split(',');
    } else if (arg === '--run-all') {
      options.runAll = argv[++i].split(',').filter((n) => n);
    } else if (arg === '--players') {
      options.players = argv[++i].split(',').filter((n) => n);
    } else if (arg === '--out') {
      options.out = path.resolve(argv[++i]);
    } else if (arg.startsWith('-')) {
      console.error(`unknown option ${arg}`);
      process.exit(2);
    } else {
      options.notebooks.push(path.relative(repo, path.resolve(arg)));
    }
  }
  if (options.notebooks.length === 0) {
    options.notebooks = DEFAULT_NOTEBOOKS();
  }
  const unknown = options.frontEnds.filter((f) => !ALL_FRONT_ENDS.includes(f));
  if (unknown.length > 0) {
    console.error(`unknown front end ${unknown.join(', ')}; known: ${ALL_FRONT_ENDS.join(', ')}`);
    process.exit(2);
  }
  return options;
}

function python(py, code) {
  const r = spawnSync(py, ['-c', code], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

// --- the tools ---------------------------------------------------------------------------------------------

/** Finds Chromium, playwright-core and the Pythons behind the front ends; lists what is missing. */
async function findTools(frontEnds) {
  const tools = { missing: [] };
  tools.chromium = [process.env.PAGELAB_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']
    .find((c) => c && fs.existsSync(c));
  if (!tools.chromium) {
    tools.missing.push('Chromium (Debian: apt-get install chromium; or PAGELAB_CHROMIUM=/path/to/chromium)');
  }
  try {
    tools.playwright = await import('playwright-core');
  } catch {
    tools.missing.push('playwright-core (cd src/test/browser && npm ci)');
  }
  if (frontEnds.some((f) => f === 'lab' || f === 'notebook7' || f === 'nbconvert-venv')) {
    // The launcher finds JupyterLab 4 and Notebook 7 as `./pagelab notebook` does; here it installs nothing.
    const r = spawnSync('bash', [path.join(repo, 'pagelab'), 'frontends', 'install'], { encoding: 'utf8',
      env: { ...process.env, PAGELAB_NO_INSTALL: '1' } });
    tools.labPython = r.status === 0 ? r.stdout.trim().split('\n').pop() : null;
    if (!tools.labPython) {
      tools.missing.push('JupyterLab 4 and Notebook 7 (./pagelab frontends install)');
    }
  }
  if (frontEnds.some((f) => f === 'classic' || f === 'nbconvert')) {
    tools.classicPython = [process.env.PAGELAB_PYTHON, '/usr/bin/python3', 'python3'].find((py) => py
      && python(py, 'import notebook, nbconvert, sys; sys.exit(int(notebook.__version__.split(".")[0]) >= 7)') !== null);
    if (!tools.classicPython) {
      tools.missing.push("Debian's classic Notebook 6 and nbconvert (apt-get install jupyter-notebook jupyter-nbconvert)");
    }
  }
  return tools;
}

// --- Jupyter servers ---------------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Copies the notebooks, with the folders they sit in (a notebook may read data beside it), under root. */
function copyNotebooks(notebooks, root) {
  for (const dir of new Set(notebooks.map((nb) => path.dirname(nb)))) {
    fs.cpSync(path.join(repo, dir), path.join(root, dir), { recursive: true,
      filter: (src) => !src.includes('.ipynb_checkpoints') && !src.endsWith('.html') });
  }
}

/** JupyterLab's settings for these runs: every cell in the page (no windowing), and no news from the web. */
function writeLabSettings(configDir) {
  const settings = path.join(configDir, 'lab/user-settings/@jupyterlab');
  const write = (file, json) => {
    fs.mkdirSync(path.dirname(path.join(settings, file)), { recursive: true });
    fs.writeFileSync(path.join(settings, file), JSON.stringify(json));
  };
  write('notebook-extension/tracker.jupyterlab-settings', { windowingMode: 'none' });
  write('apputils-extension/notification.jupyterlab-settings', { fetchNews: 'false', checkForUpdates: false });
}

const SERVERS = {
  lab: (tools) => ({ python: tools.labPython, page: 'lab', version: 'import jupyterlab; print("JupyterLab", jupyterlab.__version__)',
    args: (root) => ['-m', 'jupyterlab', `--ServerApp.root_dir=${root}`, '--LabApp.expose_app_in_browser=True'],
    url: null }),
  notebook7: (tools) => ({ python: tools.labPython, page: 'lab', version: 'import notebook; print("Notebook", notebook.__version__)',
    args: (root) => ['-m', 'notebook', `--ServerApp.root_dir=${root}`, '--JupyterNotebookApp.expose_app_in_browser=True'],
    url: (nb) => `/notebooks/${nb}?` }),
  classic: (tools) => ({ python: tools.classicPython, page: 'classic',
    version: 'import notebook; print("Notebook", notebook.__version__, "(classic)")',
    args: (root) => ['-m', 'notebook', `--notebook-dir=${root}`], url: (nb) => `/notebooks/${nb}?` }),
};

async function startServer(name, spec, notebooks, out) {
  const dir = path.join(out, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const root = path.join(dir, 'root');
  copyNotebooks(notebooks, root);
  const env = { ...process.env, JUPYTER_PATH: path.join(repo, 'kernel-config'),
    JUPYTER_DATA_DIR: path.join(dir, 'data'), JUPYTER_CONFIG_DIR: path.join(dir, 'config'),
    JUPYTER_RUNTIME_DIR: path.join(dir, 'runtime'), JUPYTER_TOKEN: crypto.randomBytes(24).toString('hex') };
  writeLabSettings(env.JUPYTER_CONFIG_DIR);
  const port = await freePort();
  const args = [...spec.args(root), '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0'];
  if (process.getuid && process.getuid() === 0) {
    args.push('--allow-root');
  }
  const log = fs.openSync(path.join(dir, 'server.log'), 'w');
  const child = spawn(spec.python, args, { env, cwd: root, stdio: ['ignore', log, log] });
  const server = { name, label: python(spec.python, spec.version), page: spec.page, url: spec.url, child, root,
    base: `http://127.0.0.1:${port}`, token: env.JUPYTER_TOKEN, log: path.join(dir, 'server.log') };
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${server.label} stopped at start; see ${server.log}`);
    }
    try {
      if ((await api(server, 'GET', '/api/status')).ok) {
        return server;
      }
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`${server.label} did not answer in ${TIMEOUT / 1000} s; see ${server.log}`);
}

function api(server, method, route) {
  return fetch(server.base + route, { method, headers: { Authorization: `token ${server.token}` } });
}

/** Shuts every kernel down, so that one notebook's kernel does not take the next one's processor. */
async function stopKernels(server) {
  const sessions = await (await api(server, 'GET', '/api/sessions')).json();
  for (const s of sessions) {
    await api(server, 'DELETE', `/api/sessions/${s.id}`);
  }
}

async function stopServer(server) {
  await server.labPage?.close();
  if (server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    const deadline = Date.now() + 20_000;
    while (server.child.exitCode === null && Date.now() < deadline) {
      await sleep(200);
    }
    if (server.child.exitCode === null) {
      server.child.kill('SIGKILL');
    }
  }
}

// --- in the page -------------------------------------------------------------------------------------------

/** Waits until the front end shows the notebook's code cells and every output the notebook has. */
async function waitForNotebook(page, kind, expected) {
  const sel = PAGES[kind];
  if (kind === 'lab') {
    await page.waitForFunction(() => window.jupyterapp?.shell?.currentWidget?.context?.isReady === true,
      null, { timeout: TIMEOUT });
  } else if (kind === 'classic') {
    await page.waitForFunction(() => window.Jupyter?.notebook?._fully_loaded === true, null, { timeout: TIMEOUT });
  }
  const withOutputs = expected.filter((c) => c.outputs.length > 0).length;
  await page.waitForFunction(([s, cells, withOutputs]) => {
    const root = document.querySelector(s.root);
    const shown = root ? [...root.querySelectorAll(s.cell)] : [];
    return shown.length === cells && shown.filter((c) => c.querySelector(s.output)).length === withOutputs;
  }, [sel, expected.length, withOutputs], { timeout: 30_000 }).catch(() => undefined);
  await sleep(500);
}

/** Waits until the kernel is idle and no cell is queued or running. */
async function waitForIdle(page, kind, timeout) {
  await page.waitForFunction(([kind, prompt]) => {
    const running = [...document.querySelectorAll(prompt)].some((p) => p.textContent.includes('*'));
    const idle = kind === 'lab'
      ? window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'
      : document.querySelector('#kernel_indicator_icon')?.classList.contains('kernel_idle_icon');
    const now = !running && idle;
    // Idle twice in a row, half a second apart: Run All queues cells one after another.
    const was = window.pagelabIdleSince;
    window.pagelabIdleSince = now ? (was ?? Date.now()) : undefined;
    return now && Date.now() - window.pagelabIdleSince >= 500;
  }, [kind, PAGES[kind].prompt], { timeout, polling: 250 });
}

/** Run All, as the Run menu does it; then the notebook's cells as the front end holds them (nbformat JSON). */
async function runAll(page, kind) {
  if (kind === 'lab') {
    // JupyterLab takes no status from the kernel until a cell runs (it ignores those answering kernel_info):
    // a kernel that has answered kernel_info is ready.
    await withTimeout(page.evaluate(async () => {
      const session = window.jupyterapp.shell.currentWidget.sessionContext;
      await session.ready;
      await session.session.kernel.info;
    }), TIMEOUT, 'the kernel did not answer kernel_info');
    await page.evaluate(() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); });
  } else {
    await waitForIdle(page, kind, TIMEOUT);
    await page.evaluate(() => window.Jupyter.notebook.execute_all_cells());
  }
  await sleep(1000);
  await waitForIdle(page, kind, 300_000);
  return page.evaluate((kind) => (kind === 'lab'
    ? window.jupyterapp.shell.currentWidget.content.model.toJSON()
    : window.Jupyter.notebook.toJSON()), kind);
}

/** Scrolls the output of the first problem into view, for the screenshot. */
async function reveal(page, kind, first) {
  await page.evaluate(([s, { cellIndex, outputIndex }]) => {
    const cell = document.querySelector(s.root)?.querySelectorAll(s.cell)[cellIndex];
    const target = outputIndex >= 0 ? cell?.querySelectorAll(s.output)[outputIndex] : cell;
    target?.scrollIntoView({ block: 'center' });
  }, [PAGES[kind], first]).catch(() => undefined);
}

// --- checks ------------------------------------------------------------------------------------------------

async function check(page, kind, expected, result, screenshots) {
  const seen = await page.evaluate(readPage, PAGES[kind]);
  const verdict = compare(expected, seen);
  Object.assign(result, { expected: verdict.expected, shown: verdict.shown, problems: verdict.problems });
  if (verdict.problems.length > 0) {
    await reveal(page, kind, verdict.first);
    fs.mkdirSync(screenshots, { recursive: true });
    const file = path.join(screenshots, `${result.frontEnd}-${result.phase}-${path.basename(result.notebook, '.ipynb')}.png`);
    await page.screenshot({ path: file }).then(() => { result.screenshot = path.relative(repo, file); },
      () => undefined);
  }
}

function record(results, result, started) {
  result.seconds = Math.round((Date.now() - started) / 100) / 10;
  results.push(result);
  const status = result.problems.length === 0 ? 'ok  ' : 'FAIL';
  const what = result.check ?? `${result.shown ?? '?'} of ${result.expected ?? '?'} pictures shown`;
  console.log(`${status} ${result.label}, ${result.phase}, ${result.notebook}: ${what} (${result.seconds} s)`);
  for (const p of result.problems.slice(0, 5)) {
    console.log(`       ${p}`);
  }
  if (result.problems.length > 5) {
    console.log(`       ... ${result.problems.length - 5} more`);
  }
}

/**
 * The page showing one notebook, and how to be done with it. JupyterLab loads once and opens each notebook as
 * its File menu does, then closes it (unsaved); Notebook 7 and the classic Notebook show one notebook a page.
 */
async function openNotebook(context, server, nb) {
  if (server.name !== 'lab') {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`${server.base}${server.url(nb)}token=${server.token}`);
    return { page, done: () => page.close() };
  }
  if (!server.labPage) {
    server.labPage = await context.newPage();
    server.labPage.setDefaultTimeout(TIMEOUT);
    await server.labPage.goto(`${server.base}/lab?reset&token=${server.token}`);
    await server.labPage.waitForFunction(() => window.jupyterapp?.shell !== undefined, null, { timeout: TIMEOUT });
    await withTimeout(server.labPage.evaluate(() => window.jupyterapp.restored), TIMEOUT, 'JupyterLab did not start');
  }
  const page = server.labPage;
  await withTimeout(page.evaluate(async (file) => {
    const widget = await window.jupyterapp.commands.execute('docmanager:open', { path: file });
    await widget.context.ready;
  }, nb), TIMEOUT, `JupyterLab did not open ${nb}`);
  return { page, done: () => page.evaluate(() => window.jupyterapp.shell.currentWidget?.dispose()) };
}

/**
 * The player checks on the page showing nb (players.mjs): the step player's where the notebook has one, the history
 * player's where it has one; each check recorded as a result of its own.
 */
async function checkPlayerNotebook(page, kind, base, nb, trusted, out, results) {
  const notebook = JSON.parse(fs.readFileSync(path.join(repo, nb), 'utf8'));
  const steps = playerExpectations(notebook);
  const history = historyExpectations(notebook);
  if (!page || (!steps && !history)) {
    const started = Date.now();
    record(results, { ...base, notebook: nb, check: 'player',
      problems: [page ? 'the notebook has no output with a player' : 'the notebook did not open'] }, started);
    return;
  }
  if (steps) {
    await checkOnePlayer(page, kind, base, nb, trusted, out, results, steps, 'player', checkStatic, checkPlayers,
      'fifo-step-4');
  }
  if (history) {
    await checkOnePlayer(page, kind, base, nb, trusted, out, results, history, 'history player', checkHistoryStatic,
      checkHistory, 'history-step-2');
  }
}

async function checkOnePlayer(page, kind, base, nb, trusted, out, results, expected, what, staticCheck, liveCheck,
  shotName) {
  const started = Date.now();
  const sel = PAGES[kind];
  const cell = page.locator(sel.root).first().locator(sel.cell).nth(expected.cell);
  const where = `cell ${expected.cell + 1} of the code cells (In [${expected.count}])`;
  let outcomes;
  fs.mkdirSync(path.join(out, 'players'), { recursive: true });
  if (!trusted) {
    const shot = path.join(out, 'players', `${base.frontEnd}-${base.phase}-${path.basename(nb, '.ipynb')}-static.png`);
    outcomes = [{ check: `${what} untrusted: its static tables, no controls`, ...await staticCheck(cell, expected, shot)
      .catch((e) => ({ problems: [`could not check it: ${e.message.split('\n')[0]}`] })) }];
  } else {
    const shot = path.join(out, 'players', `${base.frontEnd}-${base.phase}-${path.basename(nb, '.ipynb')}-${shotName}.png`);
    outcomes = (await liveCheck(page, cell, expected, shot)).map((o) => ({ ...o, check: `player: ${o.check}` }));
  }
  for (const { ms, ...o } of outcomes) {
    const result = { ...base, notebook: nb, ...o, problems: o.problems.map((p) => `${where}: ${p}`) };
    record(results, result, ms === undefined ? started : Date.now() - ms);
  }
}

async function checkServer(context, server, notebooks, options, out, results) {
  for (const nb of notebooks) {
    const expected = expectations(JSON.parse(fs.readFileSync(path.join(repo, nb), 'utf8')));
    const player = options.players.includes(path.basename(nb));
    const playerRun = player && PLAYERS_RUN_ALL.includes(server.name);
    const phases = options.runAll.includes(path.basename(nb)) || playerRun ? ['opened', 'run-all'] : ['opened'];
    let opened = null;
    try {
      let started = Date.now();
      let result = { frontEnd: server.name, label: server.label, phase: 'opened', notebook: nb, problems: [] };
      try {
        opened = await openNotebook(context, server, nb);
        const { page } = opened;
        await waitForNotebook(page, server.page, expected);
        await check(page, server.page, expected, result, path.join(out, 'screenshots'));
      } catch (e) {
        result.problems.push(`could not check it: ${e.message.split('\n')[0]}`);
      }
      record(results, result, started);
      const base = { frontEnd: server.name, label: server.label };
      if (player) {
        await checkPlayerNotebook(opened?.page, server.page, { ...base, phase: 'opened' }, nb, false, out, results);
      }
      if (phases.includes('run-all')) {
        started = Date.now();
        result = { ...base, phase: 'run-all', notebook: nb, problems: [] };
        try {
          const { page } = opened;
          const live = await runAll(page, server.page);
          await check(page, server.page, expectations(live), result, path.join(out, 'screenshots'));
        } catch (e) {
          result.problems.push(`could not run it: ${e.message.split('\n')[0]}`);
        }
        record(results, result, started);
        if (playerRun) {
          await checkPlayerNotebook(opened?.page, server.page, { ...base, phase: 'run-all' }, nb, true, out, results);
        }
      }
    } finally {
      await opened?.done().catch(() => undefined);
      await stopKernels(server).catch(() => undefined);
    }
  }
}

/** nbconvert's HTML export of every notebook, by one Python's nbconvert, each opened from its file. */
async function checkExport(context, name, py, notebooks, options, out, results) {
  const dir = path.join(out, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const label = `${python(py, 'import nbconvert; print("nbconvert", nbconvert.__version__)')} HTML`;
  const convert = spawnSync(py, ['-m', 'nbconvert', '--to', 'html', '--output-dir', dir,
    ...notebooks.map((nb) => path.join(repo, nb))], { encoding: 'utf8', env: { ...process.env,
    JUPYTER_PATH: path.join(repo, 'kernel-config') } });
  for (const nb of notebooks) {
    const started = Date.now();
    const result = { frontEnd: name, label, phase: 'export', notebook: nb, problems: [] };
    const html = path.join(dir, `${path.basename(nb, '.ipynb')}.html`);
    if (convert.status !== 0 || !fs.existsSync(html)) {
      result.problems.push(`nbconvert did not export it: ${convert.stderr.trim().split('\n').pop()}`);
      record(results, result, started);
      continue;
    }
    const page = await context.newPage();
    try {
      try {
        await page.goto(pathToFileURL(html).href);
        await check(page, 'html', expectations(JSON.parse(fs.readFileSync(path.join(repo, nb), 'utf8'))), result,
          path.join(out, 'screenshots'));
      } catch (e) {
        result.problems.push(`could not check it: ${e.message.split('\n')[0]}`);
      }
      record(results, result, started);
      if (options.players.includes(path.basename(nb))) {
        await checkPlayerNotebook(page, 'html', { frontEnd: name, label, phase: 'export' }, nb, true, out, results);
      }
    } finally {
      await page.close();
    }
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(options.out, { recursive: true });
  const reportFile = path.join(options.out, 'report.json');
  const report = { frontEnds: options.frontEnds, runAll: options.runAll, players: options.players, results: [],
    missing: [] };
  const save = () => fs.writeFileSync(reportFile, JSON.stringify(report, null, 1));
  const tools = await findTools(options.frontEnds);
  if (tools.missing.length > 0) {
    report.missing = tools.missing;
    save();
    console.error(`browser tests: missing ${tools.missing.join('; ')}`);
    return 3;
  }
  fs.rmSync(path.join(options.out, 'screenshots'), { recursive: true, force: true });
  const prepare = spawnSync('bash', [path.join(repo, 'kernel-config/kernels/pagelab/pagelab-kernel'), '--prepare'],
    { stdio: 'inherit' });
  if (prepare.status !== 0) {
    throw new Error('pagelab-kernel --prepare failed');
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pagelab-chromium-'));
  const context = await tools.playwright.chromium.launchPersistentContext(profile, {
    executablePath: tools.chromium, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 1000 } });
  const started = Date.now();
  try {
    for (const name of options.frontEnds) {
      const t = Date.now();
      if (name === 'nbconvert' || name === 'nbconvert-venv') {
        await checkExport(context, name, name === 'nbconvert' ? tools.classicPython : tools.labPython,
          options.notebooks, options, options.out, report.results);
      } else {
        const server = await startServer(name, SERVERS[name](tools), options.notebooks, options.out);
        try {
          console.log(`${server.label} at ${server.base} (log: ${path.relative(repo, server.log)})`);
          await checkServer(context, server, options.notebooks, options, options.out, report.results);
        } finally {
          await stopServer(server);
        }
      }
      console.log(`${name}: ${Math.round((Date.now() - t) / 1000)} s`);
      save();
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    report.seconds = Math.round((Date.now() - started) / 1000);
    save();
  }
  const failed = report.results.filter((r) => r.problems.length > 0).length;
  console.log(`browser checks: ${report.results.length - failed} of ${report.results.length} passed`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(2);
});
