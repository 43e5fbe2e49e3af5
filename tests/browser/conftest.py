"""Browser fixtures: the app served by gunicorn on a free port, and Debian's chromium driven by Playwright.

``live_server`` is the running server with the seed stored (the database emptied and seeded before each
test, so a test may add or change rows); ``browser`` is one chromium for the whole run, ``page`` a fresh
context and page per test. The browser is the machine's own ``chromium`` (``apt-get install chromium``,
which ``.ci/run`` does when it is missing): Playwright never downloads one. Without it the tests skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.db import session_scope
from service.seeding import seed
from tests.conftest import empty_database

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = Path(__file__).resolve().parent
# gunicorn imports the app and opens the database in each worker; on a loaded two-core machine that
# took up to a few seconds, so this is generous.
STARTUP_SECONDS = 60
# Playwright's default is 30 s per action; pages here answer in well under a second, and a shorter
# timeout makes a broken test fail while its output is still worth reading.
ACTION_TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items):
    """Every test under tests/browser/ carries the ``browser`` marker (``-m 'not browser'`` skips them)."""
    for item in items:
        if BROWSER_TESTS in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class LiveServer:
    """The address of a running server and the engine on the database it serves."""

    url: str
    engine: object

    def __str__(self) -> str:
        return self.url

    def reseed(self) -> None:
        """Empty the database and store the seed again: what every test starts from."""
        empty_database(self.engine)
        with session_scope(self.engine) as s:
            seed(s)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_serving(base: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers: serving
        except OSError:
            if proc.poll() is not None:
                pytest.fail("gunicorn exited:\n" + log.read_text()[-3000:])
            time.sleep(0.1)
    pytest.fail(f"gunicorn did not answer within {STARTUP_SECONDS} s:\n" + log.read_text()[-3000:])


@pytest.fixture(scope="session")
def _gunicorn(database_url, engine, tmp_path_factory):
    """gunicorn serving ``wsgi:app`` with quotetrace's gunicorn settings on the test database, for the run."""
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    # One browser on loopback for the whole run: rate limits are tested in tests/test_rate_limits.py.
    env = {**os.environ, "DATABASE_URL": database_url, "QUOTETRACE_RATE_LIMIT": "100000 per minute"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--chdir",
                str(ROOT),
                "--config",  # as deployed: threaded workers, the security headers' CSP on every page
                "python:service.gunicorn_config",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "wsgi:app",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base, proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def live_server(_gunicorn, engine) -> LiveServer:
    """The app over real HTTP with the seed stored, freshly, for this test."""
    server = LiveServer(url=_gunicorn, engine=engine)
    server.reseed()
    return server


def chromium_path() -> str | None:
    """Debian's chromium, or None when this machine has none."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the run (the machine's own binary; skipped when there is none)."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it when it can)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make install)")
    playwright = sync_api.sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
    except Exception as exc:
        playwright.stop()
        pytest.skip(f"chromium at {executable} does not start: {exc}")
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_context(browser):
    """Make a browser context (options as Playwright's ``new_context``); all are closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A fresh page at a desktop size, JavaScript on."""
    return new_context(viewport={"width": 1280, "height": 900}).new_page()


@pytest.fixture
def page_without_js(new_context):
    """A fresh page in a context with JavaScript disabled: the plain HTML path."""
    return new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900}).new_page()
