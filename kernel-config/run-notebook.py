"""Executes a notebook headless through the PageLab kernel, as `./pagelab run FILE.ipynb [--html]` does.

The executed notebook is written so that running it twice gives the same bytes: no timing metadata,
cell ids kept or made from the cell's position, consecutive stream outputs merged (as Jupyter's own
front ends show them). Cells tagged `raises-exception` may fail; any other error stops the run with the
error printed, and the notebook is still written up to that cell. The kernel's execute reply says how many
outputs a cell had (`pagelab_outputs` in its metadata): a cell that got fewer fails the run too, since a lost
result or error would otherwise pass unnoticed.

usage: run-notebook.py NOTEBOOK [--output PATH] [--html] [--allow-errors] [--timeout SECONDS]
Needs nbclient and nbformat (nbconvert for --html) and JUPYTER_PATH naming kernel-config/.
"""
import argparse
import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

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


def main(argv):
    parser = argparse.ArgumentParser(prog="pagelab run")
    parser.add_argument("notebook")
    parser.add_argument("--output", help="where to write the executed notebook (default: over NOTEBOOK)")
    parser.add_argument("--html", action="store_true", help="also write an HTML export beside the output")
    parser.add_argument("--allow-errors", action="store_true", help="keep going past cells that fail")
    parser.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default 600)")
    args = parser.parse_args(argv)

    source = Path(args.notebook)
    target = Path(args.output) if args.output else source
    if not source.is_file():
        print("pagelab: no notebook at %s" % source, file=sys.stderr)
        return 2
    # Cell ids before nbformat sees the notebook: left to it, a notebook without ids gets random ones.
    raw = json.loads(source.read_text(encoding="utf-8"))
    if raw.get("nbformat") == 4:
        raw["nbformat_minor"] = max(raw.get("nbformat_minor", 0), 5)
        for i, cell in enumerate(raw.get("cells", [])):
            if not cell.get("id"):
                cell["id"] = "cell-%d" % (i + 1)
    nb = nbformat.reads(json.dumps(raw), as_version=4)
    lost = []
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=args.timeout, record_timing=False,
                            allow_errors=args.allow_errors, resources={"metadata": {"path": str(source.parent)}},
                            on_cell_executed=count_outputs(lost))
    failure = None
    try:
        client.execute()
    except CellExecutionError as e:
        failure = e
    normalize(nb)
    nbformat.write(nb, str(target))
    print("pagelab: wrote %s" % target, file=sys.stderr)
    if args.html:
        from nbconvert import HTMLExporter
        html, _ = HTMLExporter().from_notebook_node(nb)
        page = target.with_suffix(".html")
        page.write_text(html, encoding="utf-8")
        print("pagelab: wrote %s" % page, file=sys.stderr)
    if failure is not None:
        print(str(failure), file=sys.stderr)
        print("pagelab: %s stopped at a cell that failed (tag it raises-exception if that is intended)"
              % source, file=sys.stderr)
        return 1
    if lost:
        for line in lost:
            print("pagelab: %s" % line, file=sys.stderr)
        print("pagelab: %s lost outputs on the way from the kernel" % source, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
