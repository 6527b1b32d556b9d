#!/usr/bin/env python3
"""What grows with the number of stored reports and what stays constant (docs/performance.md).

For each size N: fills a fresh data folder with N synthetic reports in one inspection through the
store's own write path (`xuncha bench generate`: screened, sealed, numbered, audited), then times
  - the server's start until /healthz answers, and its memory (VmRSS) then;
  - the data folder's size on disk after generating;
  - the first report after the start (POST /api/v1/reports: builds the screener over the roster;
    the near-duplicate index is read from the database) and the one after it, and the memory
    afterwards;
  - the inbox's first and last page and a report's page (`xuncha bench console`, median of 3);
  - `report list --json` (wall clock and peak memory), `audit verify`, and `report rescreen`.
Usage: scripts/scale.py [--bin .build/release/xuncha] [--keep DIR] [--no-rescreen] N [N ...]
       scripts/scale.py [--bin B] [--no-rescreen] --folder DIR N
  --no-rescreen  leaves out `report rescreen` (hours at 1,000,000)
  --folder DIR   measures a folder `bench generate` filled before (with N reports), instead of
                 filling a new one: a million takes half an hour to generate. The two reports the
                 measurement posts stay in it.
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed(cmd):
    """Runs a command; returns (seconds, peak RSS in MB, stdout)."""
    start = time.monotonic()
    out = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M"] + cmd, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    peak = int(re.search(r"MAXRSS (\d+)", out.stderr).group(1)) / 1024
    return elapsed, peak, out.stdout


def post_report(port, text):
    body = json.dumps({"channel": "web", "content": text}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/reports", data=body, headers={"Content-Type": "application/json"})
    start = time.monotonic()
    with urllib.request.urlopen(req, timeout=600) as r:
        assert r.status == 201, r.status
    return time.monotonic() - start


def measure(binary, n, folder, rescreen=True, generate=True):
    row = {"reports": n}
    if generate:
        row["generate_s"], _, _ = timed([binary, "bench", "generate", "--data", folder, "--reports", str(n), "--decisions", "0"])
    row["folder_mb"] = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs) / 2**20
    port = free_port()
    log = open(folder + "-serve.log", "w")
    start = time.monotonic()
    server = subprocess.Popen([binary, "serve", "--data", folder, "--port", str(port)], stdout=log, stderr=log)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except Exception:
                if server.poll() is not None:
                    sys.exit(open(folder + "-serve.log").read())
                time.sleep(0.02)
        row["startup_s"] = time.monotonic() - start
        row["startup_rss_mb"] = rss_mb(server.pid)
        text = "反映县住建局副局长在老旧小区改造项目招标中多次私下约见投标企业负责人，事后该企业中标，请巡察组核查。"
        row["first_report_s"] = post_report(port, text + "一")
        row["second_report_s"] = post_report(port, text + "二")
        row["rss_after_first_mb"] = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait()
    _, _, console = timed([binary, "bench", "console", "--data", folder, "--rounds", "3", "--only", "page"])
    for line in console.splitlines():
        # Fixed columns: the name in 34 characters, then first, median and max in ms.
        name, times = line[:34].strip(), line[34:].split()
        for key in ("inbox page 1", "inbox last page", "report page"):
            if name.startswith(key) and len(times) >= 3:
                row[key.replace(" ", "_") + "_ms"] = float(times[1])
    row["console"] = console
    row["report_list_s"], row["report_list_peak_mb"], _ = timed([binary, "report", "list", "--json", "--data", folder])
    row["audit_verify_s"], _, _ = timed([binary, "audit", "verify", "--data", folder])
    if rescreen:
        row["rescreen_s"], row["rescreen_peak_mb"], _ = timed([binary, "report", "rescreen", "--data", folder])
        row["rescreen_per_10k_s"] = row["rescreen_s"] / n * 10_000
    return row


def show(row):
    """One JSON line of figures on standard output; the console's own table on standard error."""
    console = row.pop("console")
    print(json.dumps({k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()}), flush=True)
    print(console, file=sys.stderr, flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", default=".build/release/xuncha")
    p.add_argument("--keep", help="keep the data folders under this directory")
    p.add_argument("--no-rescreen", action="store_true")
    p.add_argument("--folder", help="a folder generated before, holding the one size given")
    p.add_argument("sizes", nargs="+", type=int)
    a = p.parse_args()
    if a.folder:
        if len(a.sizes) != 1:
            sys.exit("--folder measures one folder: give its one size")
        show(measure(a.bin, a.sizes[0], a.folder, rescreen=not a.no_rescreen, generate=False))
        return
    base = a.keep or tempfile.mkdtemp(prefix="xuncha-scale.")
    os.makedirs(base, exist_ok=True)
    try:
        for n in a.sizes:
            show(measure(a.bin, n, os.path.join(base, f"n{n}"), rescreen=not a.no_rescreen))
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
