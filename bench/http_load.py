"""Verify over HTTP under load: gunicorn (2 workers) on loopback, driven by wrk.

    .venv/bin/python bench/http_load.py --database-url URL [--duration 30] [--connections 8]
    .venv/bin/python bench/http_load.py --database-url URL --with-writes [--import-rows 2000]
        [--api-writes 200]

URL is a database that already holds the index (e.g. ``bench/scale.py --snapshot 500000`` makes a
500k-quote SQLite copy). Needs wrk (Debian: ``apt-get install wrk``). The load is the qv-bench dev
claims, POSTed to /api/v1/verify in turn. Prints requests/s, latency p50/p90/p99 (wrk's own
figures), errors (non-2xx and socket errors), each worker's resident memory before and after, and
whether a quote added through the API is found by the very next requests on every worker.

With ``--with-writes``, while wrk sends the verify load, ``quotetrace import`` stores a file of new quotes
and API writes (create, then patch or delete some, with a write key) run one after another; at the end it
checks that the counts of quotes and speakers are exactly what the writes imply, that the word index is
exactly what the stored quotes imply (bench/index_audit.py), and that every quote written is found by
its words and none deleted or re-worded is (over HTTP). The database is changed: use a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from common import QV, machine_speed, need
from index_audit import audit
from sqlalchemy import func, select

from service.db import make_engine, session_scope
from service.keys import create_key
from service.models import Quote, Speaker

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


def write_key(url: str, name: str) -> str:
    """A key that may write (``quotetrace keys create NAME --scope write``)."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return create_key(session, name, scope="write")
    finally:
        engine.dispose()


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as conn:
        found = {
            "quotes": conn.scalar(select(func.count()).select_from(Quote)),
            "speakers": conn.scalar(select(func.count()).select_from(Speaker)),
        }
    engine.dispose()
    return found


def code(n: int) -> str:
    """``n`` as a made-up word of letters (a word no stored quote has, so each text is found by it)."""
    letters = ""
    n += 26**3  # at least four letters
    while n:
        n, r = divmod(n, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[r]
    return letters


def text_of(tag: str, kind: str, n: int) -> str:
    return f"The {tag} {kind} lantern {code(n)} glows violet over the northern harbour every winter night."


# Re-worded quotes share no word with their first wording, so the old words must find nothing.
def patched_text(tag: str, n: int) -> str:
    return f"Quiet {tag}q engines {code(n)}q hum beneath cobbled squares until sunrise."


def api_writes(base: str, key: str, tag: str, n: int) -> dict:
    """``n`` quotes created through the API; every second re-worded, every third deleted."""
    auth = {"Authorization": f"Bearer {key}"}
    speaker = f"Lanternwriter {tag.capitalize()}"
    alive, gone, reworded, failures = {}, [], [], []
    created = 0
    t0 = time.perf_counter()
    for i in range(n):
        try:
            quote = call(
                base, "POST", "/api/v1/quotes", {"text": text_of(tag, "api", i), "speaker": speaker}, auth
            )
        except (OSError, ValueError) as exc:  # urllib's HTTPError is an OSError
            failures.append(f"create {i}: {exc}")
            continue
        created += 1
        qid, text = quote["id"], quote["text"]
        if i % 2 == 0:
            try:
                text = call(base, "PATCH", f"/api/v1/quotes/{qid}", {"text": patched_text(tag, i)}, auth)[
                    "text"
                ]
                reworded.append(quote["text"])
            except (OSError, ValueError) as exc:
                failures.append(f"patch {qid}: {exc}")
        if i % 3 == 0:
            try:
                req = urllib.request.Request(f"{base}/api/v1/quotes/{qid}", method="DELETE", headers=auth)
                urllib.request.urlopen(req, timeout=10).close()
                gone.append(text)
                continue
            except OSError as exc:
                failures.append(f"delete {qid}: {exc}")
        alive[qid] = text
    return {
        "alive": alive,
        "gone": gone,
        "reworded": reworded,
        "failures": failures,
        "created": created,
        "seconds": time.perf_counter() - t0,
        "speaker": speaker,
    }


def writes_under_load(args, base: str, script: Path, work: Path) -> list[str]:
    """Verify load, an import and API writes at once; the checks after, one line each (``ok``/``WRONG``)."""
    tag = code(os.getpid() * 7 + int(time.time()) % 100_000)
    key = write_key(args.database_url, f"http-load-writes-{tag}")
    before = counts(args.database_url)
    rows = work / "import.jsonl"
    importer = f"Lanternimporter {tag.capitalize()}"
    with rows.open("w", encoding="utf-8") as fh:
        for i in range(args.import_rows):
            fh.write(json.dumps({"text": text_of(tag, "import", i), "speaker": importer}) + "\n")

    lines = []
    # The load runs until the writes are done (wrk reports when interrupted), so all of them meet it.
    load = subprocess.Popen(
        ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", "3600s",
         "--timeout", "10s", "-s", str(script), base],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(2)  # the load is on before the writes start
    t0 = time.perf_counter()
    importing = subprocess.Popen(
        [str(Path(sys.executable).with_name("quotetrace")), "import", str(rows)],
        env={**os.environ, "DATABASE_URL": args.database_url},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    imported: dict = {}

    def wait_for_import() -> None:
        imported["out"], imported["err"] = importing.communicate()
        imported["seconds"] = time.perf_counter() - t0

    waiter = threading.Thread(target=wait_for_import)
    waiter.start()
    writes = api_writes(base, key, tag, args.api_writes)
    waiter.join()
    load.send_signal(signal.SIGINT)
    out, _ = load.communicate()
    line = next((li for li in out.splitlines() if li.startswith("RESULT")), None)
    if line:
        n, status_errors, socket_errors, duration_us, p50, p90, p99, worst = (
            float(x) for x in line.split()[1:]
        )
        lines.append(
            f"verify load: {n / (duration_us / 1e6):.0f} requests/s, {int(status_errors)} non-2xx, "
            f"{int(socket_errors)} socket errors; latency ms p50 {p50 / 1000:.0f}, p99 {p99 / 1000:.0f}, "
            f"max {worst / 1000:.0f} ({duration_us / 1e6:.0f} s, all through the writes)"
        )
    summary = imported["out"].strip().splitlines()[-1:] or [imported["err"].strip()[-300:]]
    lines.append(
        f"import of {args.import_rows} rows: {imported['seconds']:.1f} s, "
        f"exit {importing.returncode}: {summary[0]}"
    )
    lines.append(
        f"API writes: {writes['created']} created, {len(writes['reworded'])} re-worded, "
        f"{len(writes['gone'])} deleted in {writes['seconds']:.1f} s; {len(writes['failures'])} failed"
        + "".join(f"\n    {f}" for f in writes["failures"][:5])
    )

    def check(ok: bool, what: str) -> None:
        lines.append(f"{'ok   ' if ok else 'WRONG'} {what}")

    after = counts(args.database_url)
    expected_quotes = before["quotes"] + args.import_rows + writes["created"] - len(writes["gone"])
    check(
        after["quotes"] == expected_quotes,
        f"quotes: {after['quotes']} stored, {before['quotes']} + {args.import_rows} imported + "
        f"{writes['created']} created - {len(writes['gone'])} deleted = {expected_quotes}",
    )
    check(
        after["speakers"] == before["speakers"] + 2,
        f"speakers: {after['speakers']} stored, {before['speakers']} + 2 new "
        f"({importer!r}, {writes['speaker']!r})",
    )
    engine = make_engine(args.database_url)
    found = audit(engine)
    with engine.connect() as conn:
        imported = dict(
            conn.execute(select(Quote.id, Quote.text).join(Speaker).where(Speaker.name == importer)).all()
        )
    engine.dispose()
    check(
        found.exact,
        f"word index: {found.postings} postings of {found.quotes} quotes, exactly as they imply"
        + "".join(f"\n    {p}" for p in found.problems),
    )
    check(len(imported) == args.import_rows, f"imported quotes stored under {importer!r}: {len(imported)}")

    def verdict(text: str) -> tuple[str, int | None]:
        answer = call(base, "POST", "/api/v1/verify", {"claim": text})
        top = answer["matches"][0]["quote"]["id"] if answer["matches"] else None
        return answer["verdict"], top

    sample = list(writes["alive"].items()) + list(imported.items())[:: max(1, len(imported) // 100)]
    found_by_words = sum(verdict(text) == ("verified", qid) for qid, text in sample)
    check(
        found_by_words == len(sample),
        f"written quotes verified by their words: {found_by_words}/{len(sample)}",
    )
    stale = [t for t in writes["gone"] + writes["reworded"] if verdict(t)[0] == "verified"]
    check(
        not stale,
        f"deleted or re-worded wordings verified: {len(stale)} of "
        f"{len(writes['gone']) + len(writes['reworded'])}",
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--with-writes", action="store_true", help="import and API writes during the load")
    parser.add_argument("--import-rows", type=int, default=2000)
    parser.add_argument("--api-writes", type=int, default=200)
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

    key = write_key(args.database_url, f"http-load-{os.getpid()}-{int(time.time())}")

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
        if args.with_writes:
            wrk(base, script, 5, args.connections, args.threads)  # warm-up: caches, connections
            checks = writes_under_load(args, base, script, work)
            print(f"gunicorn {args.workers} workers, {args.database_url.split('@')[-1]}; {speed}")
            print("\n".join(checks))
            sys.exit(1 if any(c.startswith("WRONG") for c in checks) else 0)
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
