"""`quotetrace serve` as deployed: threads, the longest valid GET, gunicorn's refusals as problem+json."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from service.request_line import LONGEST_QUERY, REQUEST_LINE_LIMIT

# gunicorn imports the app in each worker: on a loaded two-core machine that took several seconds.
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(database_url, tmp_path_factory):
    """`quotetrace serve --workers 2` on a free port: its address and its log file."""
    yield from _serve(database_url, tmp_path_factory, workers=2)


@pytest.fixture(scope="module")
def impatient(database_url, tmp_path_factory):
    """One worker (8 threads) that gives a request 1 s for its headers and 2 s for its body."""
    env = {"QUOTETRACE_HEADER_SECONDS": "1", "QUOTETRACE_BODY_SECONDS": "2"}
    yield from _serve(database_url, tmp_path_factory, workers=1, env=env)


def _serve(database_url, tmp_path_factory, *, workers: int, env: dict | None = None):
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "gunicorn.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("quotetrace")),
                "serve",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            env={**os.environ, "DATABASE_URL": database_url, **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    if s.recv(12).startswith(b"HTTP/1.1 200"):
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not serve:\n" + log.read_text()[-3000:])
            time.sleep(0.2)
        yield port, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _exchange(port: int, request: bytes, *, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read the whole answer (the request says Connection: close, or gunicorn closes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(request)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


def _get(port: int, target: str, *extra: str) -> tuple[int, dict[str, str], bytes]:
    more = "".join(f"{header}\r\n" for header in extra)
    request = f"GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n{more}\r\n"
    return _exchange(port, request.encode())


def _problem(answer, status: int) -> dict:
    code, headers, body = answer
    assert code == status, body[:300]
    assert headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == status
    return problem


def _verify(**query) -> str:
    return "/api/v1/verify?" + urllib.parse.urlencode(query)


def test_two_slow_clients_do_not_hold_the_service(served):
    port, _log = served
    slow = []
    try:
        for _ in range(2):  # slowloris: a request begun, its headers never finished
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /api/v1/quotes HTTP/1.1\r\nHost: test\r\nX-Slow: ")
            slow.append(s)
        time.sleep(0.5)  # both reached a worker
        status, _headers, _body = _exchange(
            port, b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", timeout=10
        )
        assert status == 200
    finally:
        for s in slow:
            s.close()


def test_a_claim_of_the_longest_valid_length_is_answered_over_get(served):
    port, _log = served
    assert _get(port, _verify(claim="a" * 4_900))[0] == 200
    # Korean: nine bytes a character once percent-encoded; a character beyond the BMP (emoji): twelve.
    korean = _get(port, _verify(claim="한" * 5_000, speaker="김" * 300))
    assert korean[0] == 200, korean[2][:300]
    emoji = _get(port, _verify(claim="😀" * 5_000))
    assert emoji[0] == 200, emoji[2][:300]
    assert json.loads(emoji[2])["claim"] == "😀" * 5_000


def test_a_query_longer_than_any_valid_one_is_a_414_saying_to_post(served):
    port, _log = served
    problem = _problem(_get(port, _verify(claim="a" * 20_000)), 414)
    assert "POST" in problem["detail"]
    assert f"{LONGEST_QUERY:,}" in problem["detail"]


def test_a_request_line_past_the_servers_limit_is_a_414_problem_not_html(served):
    port, _log = served
    problem = _problem(_get(port, "/api/v1/verify?claim=" + "a" * (REQUEST_LINE_LIMIT + 10)), 414)
    assert "POST" in problem["detail"]


def test_gunicorns_own_refusals_are_problem_json(served):
    port, _log = served
    assert "HTTP" in _problem(_exchange(port, b"NOT A REQUEST LINE\r\n\r\n"), 400)["detail"]
    huge_header = b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n"
    assert "headers" in _problem(_exchange(port, huge_header), 431)["detail"]


def test_the_request_id_is_echoed_and_written_in_the_access_log(served):
    port, log = served
    status, headers, _body = _get(port, "/healthz", "X-Request-Id: trace-7f3a9c")
    assert (status, headers["x-request-id"]) == (200, "trace-7f3a9c")
    made = _get(port, "/healthz", 'X-Request-Id: "><script>')[1]["x-request-id"]  # not a sane id: replaced
    assert made != '"><script>'
    assert len(made) == 32
    deadline = time.monotonic() + 10
    while "request_id=trace-7f3a9c" not in log.read_text() or f"request_id={made}" not in log.read_text():
        assert time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.1)


def test_a_long_claim_over_get_leaves_a_short_line_in_the_access_log(served):
    port, log = served
    claim = "Korea is an important strategic partner " + "and a friend " * 300  # 3,940 characters
    status, _headers, _body = _get(port, _verify(claim=claim), "X-Request-Id: long-claim-1")
    assert status == 200
    deadline = time.monotonic() + 10
    while "request_id=long-claim-1" not in log.read_text():
        assert time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.1)
    (line,) = [line for line in log.read_text().splitlines() if "request_id=long-claim-1" in line]
    assert "GET /api/v1/verify?claim=Korea+is+an+important" in line  # what was asked, to tell it apart
    assert len(line) < 1_000
    assert "more]" in line  # says that it left the rest out


def test_slow_clients_are_cut_off_and_the_service_answers_everyone_else(impatient):
    port, log = impatient
    # More slow clients than the worker has threads (8), each sending half a request line and stalling.
    slow = []
    for _ in range(12):
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(b"GET /healthz HT")
        slow.append(s)
    try:
        status, _headers, _body = _get(port, "/healthz")  # served, once the slow ones are cut off
        assert status == 200
        for s in slow:
            assert s.recv(100) == b""  # each slow connection was closed by the server
    finally:
        for s in slow:
            s.close()
    assert "Traceback" not in log.read_text()


def test_a_body_sent_too_slowly_is_a_408_problem(impatient):
    port, _log = impatient
    body = json.dumps({"claim": "Korea is an important strategic partner"}).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        head = (
            "POST /api/v1/verify HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        s.sendall(head.encode() + body[:10])  # then nothing more: the body never completes
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    head, _, problem = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408")
    assert b"application/problem+json" in head
    assert "body" in json.loads(problem)["detail"]


def test_no_server_version_is_sent(served):
    port, _log = served
    _status, headers, _body = _get(port, "/healthz")
    assert not any(ch.isdigit() for ch in headers.get("server", ""))
    assert headers["x-content-type-options"] == "nosniff"
