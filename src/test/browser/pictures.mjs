// What a notebook's pictures should look like in a page, and whether they do.
//
// The notebook's JSON says which outputs hold a picture: data with image/svg+xml or image/png, or text/html with
// an <svg> or <img> in it. The page must show each of them as an <svg> or a decoded <img> at a real size, never
// as JSON's tree view nor as text. Front ends (and nbconvert 6) merge consecutive stream outputs into one, so stream
// and error outputs are left out on both sides and the others are paired in order, cell by cell.

const MIN_SIZE = 20;

/** Every code cell of a notebook (nbformat 4 JSON) as {cell, count, outputs: [{kind, picture, mimes}]}. */
export function expectations(notebook) {
  const cells = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') {
      return;
    }
    cells.push({
      cell: index + 1,
      count: cell.execution_count ?? null,
      outputs: (cell.outputs || []).map(describe),
    });
  });
  return cells;
}

function describe(output) {
  if (output.output_type === 'stream' || output.output_type === 'error') {
    return { kind: output.output_type, picture: false, mimes: [] };
  }
  const data = output.data || {};
  const html = [].concat(data['text/html'] ?? []).join('');
  const picture = 'image/svg+xml' in data || 'image/png' in data || /<(svg|img)\b/i.test(html);
  return { kind: 'data', picture, mimes: Object.keys(data) };
}

export function pictureCount(cells) {
  return cells.reduce((n, c) => n + c.outputs.filter((o) => o.picture).length, 0);
}

/**
 * Runs in the page: each code cell's outputs as the page shows them. sel names the page's notebook (root), code
 * cells (cell), outputs (output) and stream or error outputs (stream). Waits for images to decode.
 */
export async function readPage(sel) {
  const root = document.querySelector(sel.root);
  const jsonSelector = '.jp-RenderedJSON, [data-mime-type="application/json"], .output_json';
  const images = [...root.querySelectorAll('img')];
  await Promise.race([
    Promise.all(images.map((img) => img.decode().catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 5000)),
  ]);

  const cells = [...root.querySelectorAll(sel.cell)].map((cell) => {
    const outputs = [...cell.querySelectorAll(sel.output)].map((out) => {
      // Pictures: <img> and outermost <svg> (an SVG's own nested <svg> elements are part of it).
      const pictures = [...out.querySelectorAll('img, svg')]
        .filter((el) => el.tagName.toLowerCase() === 'img' || !el.parentElement.closest('svg'))
        .map((el) => {
          const box = el.getBoundingClientRect();
          return {
            tag: el.tagName.toLowerCase(),
            width: Math.round(box.width),
            height: Math.round(box.height),
            natural: el.tagName.toLowerCase() === 'img' ? el.naturalWidth : null,
          };
        });
      return {
        stream: out.matches(sel.stream),
        mime: out.getAttribute('data-mime-type')
          || [...out.classList].filter((c) => c.startsWith('output_') && c !== 'output_subarea').join(' '),
        json: out.matches(jsonSelector) || out.querySelector(jsonSelector) !== null,
        pictures,
        text: (out.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 160),
      };
    });
    return { outputs };
  });
  return { cells, jsonTrees: root.querySelectorAll(jsonSelector).length };
}

function goodPicture(p) {
  return p.width > MIN_SIZE && p.height > MIN_SIZE && (p.tag !== 'img' || p.natural > 0);
}

function describePicture(p) {
  return p.tag === 'img' && !(p.natural > 0) ? `an <img> that did not decode (${p.width}x${p.height} px)`
    : `an <${p.tag}> of ${p.width}x${p.height} px`;
}

/**
 * Compares what the JSON expects with what the page showed. Returns {expected, shown, problems[], first}, where
 * first is the page's index of the code cell and output of the first problem (for a screenshot).
 */
export function compare(expected, page) {
  const problems = [];
  let shown = 0;
  let first = null;
  const problem = (cellIndex, outputIndex, text) => {
    problems.push(text);
    first ??= { cellIndex, outputIndex };
  };
  if (page.cells.length !== expected.length) {
    problem(0, -1, `the page shows ${page.cells.length} code cells, the notebook has ${expected.length}`);
  }
  expected.forEach((cell, i) => {
    const where = `cell ${cell.cell}${cell.count === null ? '' : ` (In [${cell.count}])`}`;
    const want = cell.outputs.filter((o) => o.kind === 'data');
    const all = page.cells[i]?.outputs ?? [];
    const got = all.filter((o) => !o.stream);
    const pictures = want.filter((o) => o.picture).length;
    if (got.length !== want.length) {
      problem(i, -1, `${where}: ${want.length} outputs other than streams and errors`
        + ` (${pictures} with a picture) in the notebook, ${got.length} in the page`);
      return;
    }
    want.forEach((o, j) => {
      if (!o.picture) {
        return;
      }
      const out = got[j];
      const index = all.indexOf(out);
      const label = `${where}, output ${j + 1} (${o.mimes.join(', ')})`;
      if (out.json) {
        problem(i, index, `${label}: shows JSON's tree view (application/json) instead of a picture`);
      } else if (out.pictures.length === 0) {
        problem(i, index, `${label}: shows no <svg> or <img> but ${out.mime} with the text "${out.text}"`);
      } else if (!out.pictures.every(goodPicture)) {
        problem(i, index, `${label}: shows ${out.pictures.map(describePicture).join(' and ')}`);
      } else {
        shown++;
      }
    });
  });
  if (page.jsonTrees > 0 && !problems.some((p) => p.includes('tree view'))) {
    problem(0, -1, `the page shows ${page.jsonTrees} JSON tree views (application/json)`);
  }
  return { expected: pictureCount(expected), shown, problems, first };
}
