"""Drives one session of a Jupyter kernel the way a front end does, and reports what came back as JSON.

usage: kernel_session.py SCRIPT.json  (JUPYTER_PATH must name the folder holding kernels/<name>)

SCRIPT.json: {"kernel": "pagelab", "steps": [STEP, ...]} where a STEP is one of
  {"execute": CODE}                          run a cell, wait for it to end
  {"execute": CODE, "interrupt_after": S}    run a cell, send interrupt_request S seconds after its first
                                             output (so a slow compile does not eat the time)
  {"complete": CODE, "cursor": N}            a completion request
  {"is_complete": CODE}                      an is-complete request
  {"inspect": CODE, "cursor": N}             an inspection request
Prints {"start_to_first_result": seconds, "kernel_info": {...}, "results": [RESULT, ...]}, where the first
figure runs from starting the kernel process to the first output of the first cell, and a RESULT holds the
step's reply content and, for a cell, its outputs (stream, execute_result, display_data, error) in order.
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 120


def reply_to(kc, msg_id):
    while True:
        msg = kc.get_shell_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def execute(km, kc, step, clock):
    msg_id = kc.execute(step["execute"], allow_stdin=False)
    delay = step.get("interrupt_after")
    interrupt_at, started = None, time.monotonic()
    outputs, first_output = [], None
    while True:
        if interrupt_at is not None and time.monotonic() >= interrupt_at:
            km.interrupt_kernel()
            delay, interrupt_at = None, None
        try:
            msg = kc.get_iopub_msg(timeout=0.05 if delay is not None else TIMEOUT)
        except Exception:  # queue.Empty while waiting to interrupt
            if delay is not None and time.monotonic() - started > TIMEOUT:
                raise RuntimeError("the cell to interrupt printed nothing in %d s" % TIMEOUT)
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        if kind in ("stream", "execute_result", "display_data", "error"):
            if first_output is None:
                first_output = time.monotonic() - clock
            if delay is not None and interrupt_at is None:
                interrupt_at = time.monotonic() + delay
            content = dict(msg["content"])
            content["output_type"] = kind
            outputs.append(content)
    return {"reply": reply_to(kc, msg_id), "outputs": outputs}, first_output


def main(path):
    with open(path, encoding="utf-8") as f:
        script = json.load(f)
    clock = time.monotonic()
    km = KernelManager(kernel_name=script.get("kernel", "pagelab"))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    report = {"results": []}
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        info_id = kc.kernel_info()
        report["kernel_info"] = reply_to(kc, info_id)
        for step in script["steps"]:
            if "execute" in step:
                result, first = execute(km, kc, step, clock)
                if "start_to_first_result" not in report and first is not None:
                    report["start_to_first_result"] = round(first, 3)
            elif "complete" in step:
                result = {"reply": reply_to(kc, kc.complete(step["complete"], step["cursor"]))}
            elif "is_complete" in step:
                result = {"reply": reply_to(kc, kc.is_complete(step["is_complete"]))}
            elif "inspect" in step:
                result = {"reply": reply_to(kc, kc.inspect(step["inspect"], step["cursor"]))}
            else:
                raise ValueError("unknown step %r" % step)
            report["results"].append(result)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    json.dump(report, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
