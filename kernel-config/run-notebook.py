"""Executes a notebook headless through the PageLab kernel, as `./pagelab run FILE.ipynb [--html]` does.

The executed notebook is written so that running it twice gives the same bytes: no timing metadata,
cell ids kept or made from the cell's position, consecutive stream outputs merged (as Jupyter's own
front ends show them). Cells tagged `raises-exception` may fail; any other error stops the run with the
error printed and the notebook left as it was. Files are written whole or not at all (a temporary file
beside them, then renamed), so a run that fails never leaves new outputs above stale ones. A notebook made
for another kernel (its kernelspec names, say, python3) is refused unless `--kernel pagelab` is given.
The kernel's execute reply says how many outputs a cell had (`pagelab_outputs` in its metadata): a cell that got
fewer fails the run too, since a lost result or error would otherwise pass unnoticed.

usage: run-notebook.py NOTEBOOK [--output PATH] [--html] [--allow-errors] [--timeout SECONDS] [--kernel pagelab]
Needs nbclient and nbformat (nbconvert for --html) and JUPYTER_PATH naming kernel-config/.
"""
import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "pagelab"


def merge_streams(cell):
    """Joins consecutive stream outputs of the same stream into one, as the notebook front end shows them."""
    merged = []
    for out in cell.get("outputs", []):
        last = merged[-1] if merged else None
        if (out.get("output_type") == "stream" and last is not None
                and last.get("output_type") == "stream" and last.get("name") == out.get("name")):
            last["text"] = last["text"] + out["text"]
        else:
            merged.append(out)
    cell["outputs"] = merged


def count_outputs(lost):
    """An nbclient hook that notes each cell whose outputs are fewer or more than its kernel says it sent."""
    def on_cell_executed(cell, cell_index, execute_reply):
        sent = execute_reply.get("metadata", {}).get("pagelab_outputs")
        got = len(cell.get("outputs", []))
        if sent is not None and got != sent:
            lost.append("cell %d: the kernel sent %d outputs, %d arrived" % (cell_index + 1, sent, got))
    return on_cell_executed


def normalize(nb):
    """Gives every cell a stable id and drops what changes from run to run."""
    for i, cell in enumerate(nb.cells):
        if not cell.get("id"):
            cell["id"] = "cell-%d" % (i + 1)
        cell.get("metadata", {}).pop("execution", None)
        if cell.get("cell_type") == "code":
            merge_streams(cell)
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "PageLab (Java)", "language": "java"}


class RunError(Exception):
    """A run that cannot go on: its message is what the user reads, with no traceback. Exit code 2 for a bad
    input (nothing ran), 1 for a run that failed."""

    def __init__(self, message, code=2):
        super().__init__(message)
        self.code = code


def read_notebook(source):
    """The notebook at `source` with a stable id on every cell; a RunError names what is wrong with the file."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RunError("cannot read %s: %s" % (source, getattr(e, "strerror", None) or e))
    if not text.strip():
        raise RunError("%s is empty, not a notebook" % source)
    try:
        raw = json.loads(text)
    except ValueError as e:
        raise RunError("%s is not a notebook: not JSON (%s)" % (source, e))
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list) or raw.get("nbformat") != 4:
        raise RunError("%s is not a notebook of format 4 (an object with \"nbformat\": 4 and a list of \"cells\")"
                       % source)
    # Cell ids before nbformat sees the notebook: left to it, a notebook without ids gets random ones.
    raw["nbformat_minor"] = max(raw.get("nbformat_minor", 0), 5)
    for i, cell in enumerate(raw["cells"]):
        if not isinstance(cell, dict):
            raise RunError("%s: cell %d is not an object" % (source, i + 1))
        if not cell.get("id"):
            cell["id"] = "cell-%d" % (i + 1)
    try:
        return nbformat.reads(json.dumps(raw), as_version=4)
    except Exception as e:  # nbformat's validation errors have no common base
        raise RunError("%s is not a valid notebook: %s" % (source, str(e).splitlines()[0] if str(e) else e))


def check_kernel(nb, source, chosen):
    """Refuses a notebook made for another kernel unless the run names PageLab's explicitly."""
    name = (nb.metadata.get("kernelspec") or {}).get("name")
    if name and name != KERNEL and chosen != KERNEL:
        raise RunError("%s is a notebook for the kernel '%s', not PageLab's; running it would replace its outputs "
                       "and kernel. Give --kernel %s to run it on PageLab anyway" % (source, name, KERNEL))


def failed_cell(nb):
    """The number and first line of the first cell with an error that its tags do not allow, or None."""
    for i, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code" or "raises-exception" in cell.get("metadata", {}).get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                first = next((line for line in cell.source.splitlines() if line.strip()), "")
                return i + 1, first.strip(), "%s: %s" % (out.get("ename", "error"), out.get("evalue", ""))
    return None


def html_links(html, folder):
    """The export's links to the notebooks beside it (`href="NEXT.ipynb"`) point to their HTML exports instead
    (`NEXT.html`, which `--html` on that notebook writes), so an exported series reads page to page."""
    def swap(match):
        name = match.group(2)
        page = name[:-len(".ipynb")] + ".html"
        return match.group(1) + (page if (Path(folder) / name).is_file() else name) + match.group(3)
    return re.sub(r'(href=")([^"/:#?]+\.ipynb)(["#])', swap, html)


def write_whole(path, text):
    """Writes `text` to a temporary file beside `path`, then renames it over `path`: whole or not at all."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix="." + path.name, suffix=".tmp", dir=str(folder))
    except OSError as e:
        raise RunError("cannot write %s: %s" % (path, e.strerror or e))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        mode = os.stat(path).st_mode & 0o777 if path.exists() else 0o666 & ~current_umask()
        os.chmod(temp, mode)
        os.replace(temp, str(path))
    except OSError as e:
        if os.path.exists(temp):
            os.unlink(temp)
        raise RunError("cannot write %s: %s" % (path, e.strerror or e))
    print("pagelab: wrote %s" % path, file=sys.stderr)


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def execute(nb, source, args):
    """Runs every cell; a RunError says which cell stopped the run and why."""
    lost = []
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=args.timeout, record_timing=False,
                            allow_errors=args.allow_errors, resources={"metadata": {"path": str(source.parent)}},
                            on_cell_executed=count_outputs(lost))
    try:
        client.execute()
    except CellExecutionError:
        failed = failed_cell(nb)
        where = "cell %d (%s)" % failed[:2] if failed else "a cell"
        why = failed[2] if failed else "it failed"
        raise RunError("%s stopped at %s: %s\n(tag the cell raises-exception if that is intended, or give "
                       "--allow-errors to keep going); the notebook is left as it was" % (source, where, why), 1)
    except CellTimeoutError:
        raise RunError("%s: a cell ran longer than %d s (--timeout); the notebook is left as it was"
                       % (source, args.timeout), 1)
    except DeadKernelError:
        raise RunError("%s: the kernel died while running the notebook; the notebook is left as it was" % source, 1)
    except Exception as e:  # the kernel could not start, or Jupyter failed: say so in one line
        raise RunError("%s: the run failed: %s: %s" % (source, type(e).__name__, str(e).splitlines()[0] if str(e) else ""), 1)
    if lost:
        raise RunError("%s lost outputs on the way from the kernel (%s); the notebook is left as it was"
                       % (source, "; ".join(lost)), 1)


def main(argv):
    parser = argparse.ArgumentParser(prog="pagelab run")
    parser.add_argument("notebook")
    parser.add_argument("--output", help="where to write the executed notebook (default: over NOTEBOOK)")
    parser.add_argument("--html", action="store_true", help="also write an HTML export beside the output")
    parser.add_argument("--allow-errors", action="store_true", help="keep going past cells that fail")
    parser.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default 600)")
    parser.add_argument("--kernel", help="run a notebook made for another kernel on this one (only: pagelab)")
    args = parser.parse_args(argv)

    source = Path(args.notebook)
    target = Path(args.output) if args.output else source
    try:
        if args.kernel is not None and args.kernel != KERNEL:
            raise RunError("--kernel %s: this command runs notebooks on the kernel '%s' only" % (args.kernel, KERNEL))
        if not source.is_file():
            raise RunError("no notebook at %s" % source)
        nb = read_notebook(source)
        check_kernel(nb, source, args.kernel)
        execute(nb, source, args)
        normalize(nb)
        write_whole(target, nbformat.writes(nb) + "\n")
        if args.html:
            from nbconvert import HTMLExporter
            html, _ = HTMLExporter().from_notebook_node(nb)
            write_whole(target.with_suffix(".html"), html_links(html, target.parent))
    except RunError as e:
        print("pagelab: %s" % e, file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("pagelab: interrupted; the notebook is left as it was", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
