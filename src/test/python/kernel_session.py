"""Drives one session of a Jupyter kernel the way a front end does, and reports what came back as JSON.

usage: kernel_session.py SCRIPT.json  (JUPYTER_PATH must name the folder holding kernels/<name>)

SCRIPT.json: {"kernel": "pagelab", "steps": [STEP, ...]} where a STEP is one of
  {"execute": CODE}                          run a cell, wait for it to end
  {"execute": CODE, "interrupt_after": S}    run a cell, send interrupt_request S seconds after its first
                                             output (so a slow compile does not eat the time)
  {"complete": CODE, "cursor": N}            a completion request
  {"is_complete": CODE}                      an is-complete request
  {"inspect": CODE, "cursor": N}             an inspection request
  {"execute_all": [CODE, ...]}               send the cells back to back, then wait for each to end; the
                                             RESULT holds "cells": [{reply, outputs}, ...]
  {"request": KIND}                          a history, comm_info (shell) or interrupt or shutdown (control)
                                             request; shutdown must be the last step, and its RESULT says in
                                             "exited_after" how many seconds the kernel process took to end
  {"request": "shutdown", "while": CODE}     the same, sent once the cell CODE has printed something
  {"forge": "signature"}                     on a shell socket of its own, an execute request signed with a
                                             wrong key; no reply is expected
  {"forge": "frames"}                        the same with two frames that are no Jupyter message at all
Prints {"start_to_first_result": seconds, "kernel_info": {...}, "results": [RESULT, ...], "kernel_log": TEXT},
where the first figure runs from starting the kernel process to the first output of the first cell, a RESULT
holds the step's reply content and, for a cell, its outputs (stream, execute_result, display_data, error) in
order and the reply's metadata, and the log is what the kernel wrote on its stderr.
"""
import hashlib
import hmac
import json
import sys
import tempfile
import time
import uuid

import zmq
from jupyter_client.manager import KernelManager

TIMEOUT = 120


def reply_to(kc, msg_id, channel="shell"):
    return reply_msg(kc, msg_id, channel)["content"]


def reply_msg(kc, msg_id, channel="shell"):
    get = kc.get_control_msg if channel == "control" else kc.get_shell_msg
    while True:
        msg = get(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


OUTPUT_TYPES = ("stream", "execute_result", "display_data", "error")


def output_of(msg):
    content = dict(msg["content"])
    content["output_type"] = msg["msg_type"]
    return content


def execute_all(kc, codes):
    """Sends every cell before reading anything back, as a front end's Run All does."""
    ids = [kc.execute(code, allow_stdin=False) for code in codes]
    outputs = {i: [] for i in ids}
    waiting = set(ids)
    while waiting:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        parent = msg["parent_header"].get("msg_id")
        if parent not in outputs:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            waiting.discard(parent)
        elif msg["msg_type"] in OUTPUT_TYPES:
            outputs[parent].append(output_of(msg))
    cells = []
    for i in ids:
        reply = reply_msg(kc, i)
        cells.append({"reply": reply["content"], "metadata": reply["metadata"], "outputs": outputs[i]})
    return {"cells": cells}


def request(km, kc, step):
    kind = step["request"]
    if "while" in step:
        running = kc.execute(step["while"], allow_stdin=False)
        while True:
            msg = kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == running and msg["msg_type"] in OUTPUT_TYPES:
                break
    if kind in ("interrupt", "shutdown"):
        content = {"restart": False} if kind == "shutdown" else {}
        msg = kc.session.msg(kind + "_request", content)
        kc.control_channel.send(msg)
        result = {"reply": reply_to(kc, msg["header"]["msg_id"], "control")}
        if kind == "shutdown":
            sent = time.monotonic()
            while km.is_alive() and time.monotonic() - sent < TIMEOUT:
                time.sleep(0.05)
            result["exited_after"] = None if km.is_alive() else round(time.monotonic() - sent, 3)
        return result
    if kind == "history":
        return {"reply": reply_to(kc, kc.history(hist_access_type="tail", n=10))}
    if kind == "comm_info":
        return {"reply": reply_to(kc, kc.comm_info())}
    raise ValueError("unknown request %r" % kind)


def forge(km, kind):
    """An execute request whose signature was made with another key, or frames without a message's form: the
    kernel must drop them."""
    info = km.get_connection_info()
    socket = zmq.Context.instance().socket(zmq.DEALER)
    socket.linger = 1000
    socket.connect("%s://%s:%d" % (info["transport"], info["ip"], info["shell_port"]))
    header = {"msg_id": uuid.uuid4().hex, "session": uuid.uuid4().hex, "username": "forger",
              "date": "2026-01-01T00:00:00.000000Z", "msg_type": "execute_request", "version": "5.3"}
    content = {"code": "System.out.println(\"forged\")", "silent": False, "store_history": True,
               "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
    frames = [json.dumps(part).encode() for part in (header, {}, {}, content)]
    signature = hmac.new(b"not-the-key", digestmod=hashlib.sha256)
    for frame in frames:
        signature.update(frame)
    if kind == "frames":
        socket.send_multipart([b"not a", b"Jupyter message"])
    else:
        socket.send_multipart([b"<IDS|MSG>", signature.hexdigest().encode()] + frames)
    time.sleep(0.5)
    socket.close()
    return {}


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
        if kind in OUTPUT_TYPES:
            if first_output is None:
                first_output = time.monotonic() - clock
            if delay is not None and interrupt_at is None:
                interrupt_at = time.monotonic() + delay
            outputs.append(output_of(msg))
    reply = reply_msg(kc, msg_id)
    return {"reply": reply["content"], "metadata": reply["metadata"], "outputs": outputs}, first_output


def main(path):
    with open(path, encoding="utf-8") as f:
        script = json.load(f)
    clock = time.monotonic()
    km = KernelManager(kernel_name=script.get("kernel", "pagelab"))
    log = tempfile.TemporaryFile()
    km.start_kernel(stderr=log)
    kc = km.client()
    kc.start_channels()
    report = {"results": []}
    shut_down = False
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
            elif "execute_all" in step:
                result = execute_all(kc, step["execute_all"])
            elif "request" in step:
                result = request(km, kc, step)
                shut_down = step["request"] == "shutdown"
            elif "forge" in step:
                result = forge(km, step["forge"])
            else:
                raise ValueError("unknown step %r" % step)
            report["results"].append(result)
    finally:
        kc.stop_channels()
        if shut_down:
            km.finish_shutdown()
            km.cleanup_resources()
        else:
            km.shutdown_kernel(now=False)
        log.seek(0)
        report["kernel_log"] = log.read().decode("utf-8", "replace")
    json.dump(report, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
