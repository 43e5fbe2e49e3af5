"""Verify over HTTP under load: gunicorn (2 workers) on loopback, driven by wrk.

    .venv/bin/python bench/http_load.py --database-url URL [--duration 30] [--connections 8]

URL is a database that already holds the index (e.g. ``bench/scale.py --snapshot 500000`` makes a
500k-quote SQLite copy). Needs wrk (Debian: ``apt-get install wrk``). The load is the qv-bench dev
claims, POSTed to /api/v1/verify in turn. Prints requests/s, latency p50/p90/p99 (wrk's own
figures), errors (non-2xx and socket errors), each worker's resident memory before and after, and
whether a quote added through the API is found by the very next requests on every worker.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import QV, machine_speed, need

from service.db import make_engine, session_scope
from service.keys import create_key

LUA = """
local bodies = {}
for line in io.lines("%(bodies)s") do bodies[#bodies + 1] = line end
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format("POST", "/api/v1/verify", {["Content-Type"] = "application/json"}, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%.0f %%.0f %%.0f %%.0f\\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, summary.duration, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers_of(master: int) -> list[int]:
    """The gunicorn worker processes: children of the master."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                pids.append(int(entry.name))
    return sorted(pids)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def call(base: str, method: str, path: str, body: dict, headers: dict | None = None) -> dict:
    req = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def wrk(base: str, script: Path, seconds: int, connections: int, threads: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(li for li in out.splitlines() if li.startswith("RESULT"))
    n, status_errors, socket_errors, duration_us, p50, p90, p99, worst = (float(x) for x in line.split()[1:])
    return {
        "requests": n,
        "rps": n / (duration_us / 1e6),
        "errors": int(status_errors + socket_errors),
        "p50": p50 / 1000,
        "p90": p90 / 1000,
        "p99": p99 / 1000,
        "max": worst / 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("skipped: wrk is not installed (Debian: apt-get install wrk)")

    work = Path(tempfile.mkdtemp(prefix="quotetrace-http-"))
    bodies = work / "bodies.jsonl"
    with bodies.open("w", encoding="utf-8") as fh:
        for line in need(QV / "dev-cases.jsonl").open(encoding="utf-8"):
            case = json.loads(line)
            fh.write(json.dumps({"claim": case["claim"], "speaker": case["speaker"]}) + "\n")
    script = work / "verify.lua"
    script.write_text(LUA % {"bodies": bodies}, encoding="utf-8")

    engine = make_engine(args.database_url)
    with session_scope(engine) as session:
        key = create_key(session, f"http-load-{os.getpid()}-{int(time.time())}")
    engine.dispose()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    speed = machine_speed()  # before the server starts: measured on an idle machine
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("quotetrace")),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        # The load is one client on loopback: the rate limit (service.limits) would measure itself instead.
        env={**os.environ, "DATABASE_URL": args.database_url, "QUOTETRACE_RATE_LIMIT": "1000000 per second"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        pids = workers_of(server.pid)
        before = {pid: rss_mib(pid) for pid in pids}
        wrk(base, script, 5, args.connections, args.threads)  # warm-up: caches, connections
        result = wrk(base, script, args.duration, args.connections, args.threads)
        after = {pid: rss_mib(pid) for pid in pids}

        marker = f"Harbour lanterns glow violet on the {os.getpid()}th night of the quotetrace load test"
        call(
            base,
            "POST",
            "/api/v1/quotes",
            {"text": marker, "speaker": "Load Test"},
            {"Authorization": f"Bearer {key}"},
        )
        seen = sum(
            call(base, "POST", "/api/v1/verify", {"claim": marker})["verdict"] == "verified"
            for _ in range(20)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"gunicorn {args.workers} workers, wrk {args.threads} threads x {args.connections} connections, "
        f"{args.duration} s, {args.database_url.split('@')[-1]}"
    )
    print(f"machine: {os.cpu_count()} cores; {speed}")
    print(f"requests/s: {result['rps']:.0f} ({result['requests']:.0f} requests), errors: {result['errors']}")
    print(
        f"latency ms: p50 {result['p50']:.1f}, p90 {result['p90']:.1f}, p99 {result['p99']:.1f}, "
        f"max {result['max']:.1f}"
    )
    for pid in pids:
        print(f"worker {pid}: resident {before[pid]:.0f} MiB before load, {after[pid]:.0f} MiB after")
    print(f"a quote added through the API, verified by the next 20 requests: {seen}/20")


if __name__ == "__main__":
    main()
