"""End to end: `quotetrace serve` (gunicorn) on a free port, spoken to over real HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from service.db import session_scope
from service.seeding import seed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(empty_db, database_url):
    with session_scope(empty_db) as s:
        seed(s)
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    # The command a user runs: `quotetrace serve` (gunicorn, two workers).
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("quotetrace")), "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("gunicorn exited: " + proc.stderr.read().decode()[-2000:])
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()


def _post(base, path, body):
    req = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers["Content-Type"], json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], json.loads(e.read())


def test_seed_claims_over_http_through_gunicorn(server):
    claim = "Korea is an important strategic partner"
    assert (
        _post(server, "/api/v1/verify", {"claim": claim, "speaker": "Kaja Kallas"})[2]["verdict"]
        == "verified"
    )
    altered = _post(
        server,
        "/api/v1/verify",
        {"claim": "Korea is the most important strategic partner", "speaker": "Kaja Kallas"},
    )[2]
    assert altered["verdict"] == "altered"
    wrong = _post(server, "/api/v1/verify", {"claim": claim, "speaker": "Cho Tae-yul"})[2]
    assert wrong["verdict"] == "misattributed"
    assert wrong["matches"][0]["quote"]["speaker"]["name"] == "Kaja Kallas"
    status, ctype, problem = _post(server, "/api/v1/verify", {"claim": ""})
    assert (status, ctype) == (422, "application/problem+json")
    assert problem["detail"]
