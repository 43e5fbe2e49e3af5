"""Rate limits as a client meets them: one budget per key or address, heavy requests counted by size,
429 problem+json with Retry-After, RateLimit-* headers, and (with Redis) one count for every worker."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from service import create_app
from service.cli import main
from service.config import SettingError
from service.limits import CHECK_CHARACTERS_PER_HIT

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SPEAKERS = "/api/v1/speakers"


@pytest.fixture
def limited(empty_db, database_url):
    """Make a test client of an app with ``RATE_LIMIT`` (and any other settings) of its own."""
    apps = []

    def make(limit: str = "3 per hour", **config):
        app = create_app(
            {
                "DATABASE_URL": database_url,
                "TESTING": True,
                "RATE_LIMIT": limit,
                "RATELIMIT_KEY_PREFIX": f"qt-test-{secrets.token_hex(6)}",
                **config,
            }
        )
        apps.append(app)
        return app.test_client()

    yield make
    for app in apps:
        app.extensions["quotetrace.engine"].dispose()


def _spend(client, times: int, path: str = SPEAKERS, **kwargs) -> list[int]:
    return [client.get(path, **kwargs).status_code for _ in range(times)]


def test_past_the_limit_is_429_problem_json_with_retry_after(limited):
    client = limited("3 per hour")
    assert _spend(client, 3) == [200, 200, 200]
    refused = client.get(SPEAKERS)
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    assert refused.json["status"] == 429
    assert "3 per 1 hour" in refused.json["detail"]
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.headers["RateLimit-Remaining"] == "0"


def test_every_limited_response_carries_the_ratelimit_headers(limited):
    client = limited("3 per hour")
    first = client.get(SPEAKERS)
    assert first.headers["RateLimit-Limit"] == "3"
    assert first.headers["RateLimit-Remaining"] == "2"
    assert 0 < int(first.headers["RateLimit-Reset"]) <= 3601  # seconds until the window resets
    assert "Retry-After" not in first.headers  # only a refusal says when to come back
    not_found = client.get("/api/v1/quotes/999")
    assert not_found.status_code == 404
    assert not_found.headers["RateLimit-Remaining"] == "1"


def test_probes_and_static_files_are_never_limited(limited):
    client = limited("1 per hour")
    for path in ("/healthz", "/assets/style.css", "/api/v1/openapi.json"):
        for _ in range(3):
            with client.get(path) as response:  # a file's response holds the file open until closed
                assert response.status_code == 200, path
                assert "RateLimit-Limit" not in response.headers, path
    assert client.get(SPEAKERS).status_code == 200  # the budget was not touched


def test_each_key_has_its_own_budget_and_a_bad_key_spends_the_address(limited, auth, verify_auth):
    client = limited("2 per hour")
    assert _spend(client, 2, headers=auth) == [200, 200]
    assert client.get(SPEAKERS, headers=auth).status_code == 429
    assert _spend(client, 2, headers=verify_auth) == [200, 200]
    # No key, or one that is not live: the client's address, whatever key it makes up.
    assert client.get(SPEAKERS, headers={"Authorization": "Bearer qt_made-up"}).status_code == 200
    assert client.get(SPEAKERS, headers={"Authorization": "Bearer qt_another"}).status_code == 200
    refused = client.get(SPEAKERS)
    assert refused.status_code == 429
    assert "127.0.0.1" in refused.json["detail"]


def test_a_scope_may_have_a_limit_of_its_own(limited, auth, verify_auth):
    client = limited("2 per hour", RATE_LIMIT_WRITE="5 per hour")
    assert client.get(SPEAKERS, headers=auth).headers["RateLimit-Limit"] == "5"
    assert client.get(SPEAKERS, headers=verify_auth).headers["RateLimit-Limit"] == "2"
    assert client.get(SPEAKERS).headers["RateLimit-Limit"] == "2"


def test_a_batch_counts_one_a_claim(limited):
    client = limited("5 per hour")
    batch = {"claims": [{"claim": f"claim number {i}"} for i in range(3)]}
    answered = client.post("/api/v1/verify/batch", json=batch)
    assert answered.status_code == 200
    assert answered.headers["RateLimit-Remaining"] == "2"
    refused = client.post("/api/v1/verify/batch", json=batch)
    assert refused.status_code == 429
    assert "counts as 3" in refused.json["detail"]
    assert client.get(SPEAKERS).status_code == 200  # what is left is still there for smaller requests


def test_a_batch_larger_than_the_whole_limit_says_to_send_less(limited):
    client = limited("3 per hour")
    refused = client.post("/api/v1/verify/batch", json={"claims": [{"claim": "x"}] * 4})
    assert refused.status_code == 429
    assert "smaller parts" in refused.json["detail"]


def test_a_check_counts_one_per_started_ten_thousand_characters(limited):
    client = limited("4 per hour")
    draft = ("plain words without any quotation " * 1000)[: 2 * CHECK_CHARACTERS_PER_HIT + 1]
    answered = client.post("/api/v1/check", json={"text": draft})
    assert answered.status_code == 200
    assert answered.headers["RateLimit-Remaining"] == "1"  # 20,001 characters: 3 hits


def test_the_pages_draft_check_counts_by_size_too(limited):
    client = limited("4 per hour")
    draft = ("plain words without any quotation " * 1000)[: 2 * CHECK_CHARACTERS_PER_HIT + 1]
    answered = client.post("/draft", data={"draft": draft})
    assert answered.status_code == 200
    assert answered.headers["RateLimit-Remaining"] == "1"


def test_forwarded_for_is_believed_only_behind_configured_proxies(limited):
    direct = limited("1 per hour")
    assert direct.get(SPEAKERS, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert direct.get(SPEAKERS, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 429
    proxied = limited("1 per hour", TRUSTED_PROXIES="1")
    assert proxied.get(SPEAKERS, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert proxied.get(SPEAKERS, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200
    refused = proxied.get(SPEAKERS, headers={"X-Forwarded-For": "198.51.100.2"})
    assert "198.51.100.2" in refused.json["detail"]


def test_openapi_declares_429_on_every_operation(client):
    spec = client.get("/api/v1/openapi.json").json
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method != "parameters":
                assert "429" in operation["responses"], (method, path)


@pytest.mark.parametrize(
    ("setting", "value", "variable"),
    [
        ("RATE_LIMIT", "lots", "QUOTETRACE_RATE_LIMIT"),
        ("RATE_LIMIT", "0 per minute", "QUOTETRACE_RATE_LIMIT"),
        ("RATE_LIMIT_ADMIN", "120 per fortnight", "QUOTETRACE_RATE_LIMIT_ADMIN"),
        ("TRUSTED_PROXIES", "two", "QUOTETRACE_TRUSTED_PROXIES"),
    ],
)
def test_a_setting_that_cannot_be_read_stops_the_app_naming_it(database_url, setting, value, variable):
    with pytest.raises(SettingError, match=variable):
        create_app({"DATABASE_URL": database_url, setting: value})


def test_serve_with_a_bad_limit_exits_2_with_the_variable_and_no_traceback(monkeypatch):
    monkeypatch.setenv("QUOTETRACE_RATE_LIMIT", "as many as you like")
    monkeypatch.setattr(os, "execvp", lambda *a: pytest.fail("gunicorn must not be started"))
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "QUOTETRACE_RATE_LIMIT='as many as you like' is not a valid setting" in result.output
    assert "Flask-Limiter's notation" in result.output
    assert "Traceback" not in result.output


# --- With Redis for real: two server processes, one count. ---


def _redis():
    """A client of the shared Redis, or a skip saying why there is none."""
    redis = pytest.importorskip("redis", reason="the redis extra is not installed")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not reachable at {REDIS_URL} ({type(exc).__name__})")
    return client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(port: int, process: subprocess.Popen) -> None:
    """Poll /healthz until the server answers (start-up time is not what is tested)."""
    for _ in range(600):
        if process.poll() is not None:
            raise AssertionError(f"the server on port {port} exited with {process.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the server on port {port} did not come up")


def _status(port: int, path: str = SPEAKERS) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture
def two_servers(empty_db, database_url):
    """Two gunicorn processes on one database and one Redis, with a limit of 3 an hour; their ports."""
    redis = _redis()
    prefix = f"qt-test-{secrets.token_hex(6)}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "QUOTETRACE_RATE_LIMIT": "3 per hour",
        "QUOTETRACE_RATE_LIMIT_PREFIX": prefix,
    }
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--chdir", str(ROOT), "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "service:create_app()"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_until_up(port, server)
        yield ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        for key in redis.scan_iter(match=f"*{prefix}*"):
            redis.delete(key)
        redis.close()


def test_with_redis_two_server_processes_share_one_count(two_servers):
    first, second = two_servers
    assert [_status(first), _status(first), _status(second)] == [200, 200, 200]
    assert _status(second) == 429
    assert _status(first) == 429
