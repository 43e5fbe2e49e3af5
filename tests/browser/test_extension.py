"""The MV3 extension in Debian's chromium, against gunicorn: panel, context menu, Check this page, CORS.

The extension is loaded unpacked into a persistent context (``--load-extension``), its id read from
its service worker, and pointed at the test's server through its options page, as a reader would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from service.db import session_scope
from service.keys import create_key
from tests.browser.conftest import free_port

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
CLAIM = "Korea is an important strategic partner"
ALTERED = "Korea is the most important strategic partner"
# Screenshots for people to look at (`make screenshots`), never asserted on.
SHOTS = os.environ.get("QUOTETRACE_SCREENSHOTS")

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>EU and Korea</title>
<style>body{font:17px/1.6 Georgia,serif;max-width:40rem;margin:2rem auto;color:#222}</style></head>
<body><header><nav>Home · World · Asia</nav></header>
<article>
<h1>EU and Korea pledge closer ties</h1>
<p>The European Union's foreign policy chief spoke with Korea's foreign minister on Wednesday.</p>
<p>“Korea is an important strategic partner,” Kallas said after the call.</p>
<p>Officials later told reporters that the two sides want to meet soon. One aide summed it up:
“Korea is the most important strategic partner,” Kallas said, according to the aide.</p>
<p>Cho Tae-yul said: “Korea is an important strategic partner.”</p>
</article>
<footer>© A test newspaper</footer></body></html>"""
# The quotations a reader sees in ARTICLE, with the verdict each should get.
ARTICLE_QUOTES = {
    "Korea is an important strategic partner": {"verified", "misattributed"},
    "Korea is the most important strategic partner": {"altered"},
}

CALLER = """<!doctype html><html><head><meta charset="utf-8"><title>caller</title></head>
<body>A page on some origin that calls the API.</body></html>"""


# On a loaded two-core machine gunicorn took several seconds to start and to stop its workers.
STARTUP_TRIES = 600  # of 0.1 s and more
STOP_SECONDS = 30


@contextmanager
def gunicorn(database_url: str, *, env: dict[str, str] | None = None, workers: int = 2) -> Iterator[str]:
    """``quotetrace serve`` on a free port of 127.0.0.1; yields its base URL, stops it afterwards."""
    port = free_port()
    serve = [str(Path(sys.executable).with_name("quotetrace")), "serve", "--port", str(port)]
    # Its output goes to a file: a pipe nobody reads could fill and stall the server.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [*serve, "--workers", str(workers)],
            env={**os.environ, "DATABASE_URL": database_url, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(STARTUP_TRIES):
                try:
                    urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2).close()
                    break
                except OSError:
                    if proc.poll() is not None:
                        log.seek(0)
                        pytest.fail("gunicorn exited: " + log.read().decode()[-2000:])
                    time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class _Pages(BaseHTTPRequestHandler):
    pages: dict[str, str] = {}

    def do_GET(self):  # noqa: N802 - the name http.server calls
        body = self.pages.get(urllib.parse.urlsplit(self.path).path)
        if body is None:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args):
        pass


@pytest.fixture(scope="module")
def pages():
    """A local web site (the reader's newspaper) on its own port of 127.0.0.1."""
    _Pages.pages = {"/article.html": ARTICLE, "/caller.html": CALLER}
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def extension(browser):
    """A persistent chromium context with the unpacked extension; yields (context, worker, id)."""
    profile = tempfile.mkdtemp(prefix="qt-ext-")
    # Extensions load only into a persistent context: a second chromium, from the same Playwright.
    context = browser.browser_type.launch_persistent_context(
        profile,
        executable_path=shutil.which("chromium"),
        headless=True,  # chromium's new headless mode, which runs extensions
        args=[f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}"],
        viewport={"width": 420, "height": 760},
    )
    workers = context.service_workers
    worker = workers[0] if workers else context.wait_for_event("serviceworker")
    extension_id = worker.url.split("/")[2]
    yield context, worker, extension_id
    context.close()


@pytest.fixture
def ext(extension, live_server):
    """The extension pointed at this test's server through its options page."""
    context, worker, extension_id = extension
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/options.html")
    page.get_by_label("API base URL").fill(str(live_server))
    page.get_by_role("button", name="Save").click()
    page.get_by_role("status").filter(has_text="Saved").wait_for()
    page.close()
    return context, worker, extension_id


def _panel(ext, claim, speaker=None):
    context, _, extension_id = ext
    query = f"claim={urllib.parse.quote(claim)}"
    if speaker:
        query += f"&speaker={urllib.parse.quote(speaker)}"
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/panel.html?{query}")
    page.locator("#result:not([hidden])").or_(page.locator(".state-error")).wait_for()
    return page


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


def test_panel_says_verified_names_kallas_and_the_korea_kr_source(ext):
    page = _panel(ext, CLAIM, "Kaja Kallas")
    result = page.get_by_role("region", name="Verified")
    assert result.is_visible()
    assert page.locator("#verdict-icon").inner_text() == "✓"
    assert page.locator("#said-by").inner_text() == "Kaja Kallas"
    assert "korea.kr" in page.locator("#source").inner_text()
    assert page.get_by_label("Speaker").input_value() == "Kaja Kallas"
    _shot(page, "panel-verified.png")
    page.close()


def test_panel_shows_the_changed_words_of_an_altered_claim(ext):
    page = _panel(ext, ALTERED, "Kaja Kallas")
    assert page.locator("#verdict-word").inner_text() == "Altered"
    assert "most" in " ".join(page.locator("#diff del").all_inner_texts())
    assert page.locator("#diff ins").count() >= 1
    _shot(page, "panel-altered.png")
    page.close()


def test_panel_says_misattributed_and_who_said_it(ext):
    page = _panel(ext, CLAIM, "Cho Tae-yul")
    assert page.locator("#verdict-word").inner_text() == "Misattributed"
    assert page.locator("#said-by").inner_text() == "Kaja Kallas"
    assert page.locator("#claimed").inner_text() == "Cho Tae-yul"
    page.close()


def test_editing_the_speaker_verifies_again_and_changes_the_url(ext):
    page = _panel(ext, CLAIM, "Kaja Kallas")
    page.get_by_label("Speaker").fill("Cho Tae-yul")
    page.get_by_role("button", name="Verify").click()
    page.locator("#verdict-word", has_text="Misattributed").wait_for()
    assert "speaker=Cho%20Tae-yul" in page.url
    page.close()


def test_panel_says_when_no_server_answers(extension):
    context, _, extension_id = extension
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/options.html")
    page.get_by_label("API base URL").fill(f"http://127.0.0.1:{free_port()}")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("status").filter(has_text="Saved").wait_for()
    page.goto(f"chrome-extension://{extension_id}/panel.html?claim={urllib.parse.quote(CLAIM)}")
    error = page.locator(".state-error")
    error.wait_for()
    assert "No quotetrace server answers at http://127.0.0.1:" in error.inner_text()
    assert page.get_by_role("button", name="Try again").is_visible()
    page.close()


def test_panel_shows_the_problem_detail_of_a_4xx(ext):
    page = _panel(ext, CLAIM, "x" * 301)
    error = page.locator(".state-error").inner_text()
    assert "Unprocessable Entity (422)" in error
    assert "speaker" in error
    page.close()


def test_a_claim_too_long_for_a_url_is_verified_by_post(ext):
    claim = " ".join([CLAIM] * 60)  # some 2,400 characters
    page = _panel(ext, claim, "Kaja Kallas")
    assert page.locator("#result").is_visible()
    assert page.locator("#verdict-word").inner_text()
    page.close()


def _tab_id(worker, url):
    return worker.evaluate("async (url) => (await chrome.tabs.query({url}))[0].id", url)


def test_context_menu_opens_the_panel_on_the_claim_and_its_sentences_speaker(ext, pages):
    context, worker, extension_id = ext
    url = f"http://127.0.0.1:{pages}/article.html"
    page = context.new_page()
    page.goto(url)
    # The reader selects the quotation's words (without the marks) and right-clicks.
    page.evaluate(
        """(claim) => {
            const p = [...document.querySelectorAll('p')].find(p => p.textContent.includes(claim + ',”'));
            const node = p.firstChild; const start = node.data.indexOf(claim);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + claim.length);
            getSelection().removeAllRanges(); getSelection().addRange(range);
        }""",
        CLAIM,
    )
    selection = page.evaluate("getSelection().toString()")
    speaker = worker.evaluate(
        """async ([url, selectionText]) => {
            const [tab] = await chrome.tabs.query({url});
            const info = {menuItemId: 'quotetrace-verify', selectionText, frameId: 0};
            return self.quotetrace.onVerifySelection(info, tab);
        }""",
        [url, selection],
    )
    assert "Kallas" in (speaker or "")
    path = worker.evaluate("async () => (await chrome.sidePanel.getOptions({})).path")
    assert path == f"panel.html?claim={urllib.parse.quote(CLAIM)}&speaker={urllib.parse.quote(speaker)}"
    panel = context.new_page()
    panel.goto(f"chrome-extension://{extension_id}/{path}")
    panel.locator("#verdict-word", has_text="Verified").wait_for()
    assert panel.locator("#said-by").inner_text() == "Kaja Kallas"
    panel.close()
    page.close()


def test_check_this_page_underlines_every_quotation_with_its_verdict(ext, pages):
    context, worker, _ = ext
    url = f"http://127.0.0.1:{pages}/article.html"
    page = context.new_page()
    page.set_viewport_size({"width": 900, "height": 700})
    page.goto(url)
    worker.evaluate("async (url) => self.quotetrace.checkPage((await chrome.tabs.query({url}))[0])", url)
    page.locator("html[data-quotetrace-checked]").wait_for()
    marks = page.locator("mark.quotetrace-quote[role=button]")
    found = {}
    for i in range(marks.count()):
        mark = marks.nth(i)
        text = mark.inner_text().strip("“”\" ,.")
        found.setdefault(text, set()).add(mark.get_attribute("data-quotetrace-verdict"))
    # Every quotation of the article is underlined, each with the verdict a reader expects.
    assert marks.count() == 3
    assert found == ARTICLE_QUOTES
    badges = page.locator(".quotetrace-badge").all_inner_texts()
    assert sorted(b.split(" ", 1)[1] for b in badges) == ["Altered", "Misattributed", "Verified"]
    _shot(page, "page-underlined.png")
    # Choosing one opens it in the panel.
    page.get_by_role("button", name="Altered:").click()
    worker.evaluate(
        """async (claim) => {
            for (let i = 0; i < 50; i++) {
                const {path} = await chrome.sidePanel.getOptions({});
                if (path.includes(encodeURIComponent(claim))) return;
                await new Promise(r => setTimeout(r, 100));
            }
        }""",
        ALTERED,
    )
    path = worker.evaluate("async () => (await chrome.sidePanel.getOptions({})).path")
    assert path.startswith(f"panel.html?claim={urllib.parse.quote(ALTERED)}&speaker=")
    page.close()


def _fetch_from(page, api_url):
    return page.evaluate(
        """async (url) => {
            try { const r = await fetch(url); return {ok: true, body: await r.json()}; }
            catch (e) { return {ok: false, error: String(e)}; }
        }""",
        api_url,
    )


def test_a_configured_origin_may_fetch_verify_and_another_may_not(browser, seeded, database_url, pages):
    allowed = f"http://127.0.0.1:{pages}"
    with gunicorn(database_url, env={"QUOTETRACE_CORS_ORIGINS": allowed}) as api:
        api_url = f"{api}/api/v1/verify?claim={urllib.parse.quote(CLAIM)}&speaker=Kaja%20Kallas"
        page = browser.new_page()
        page.goto(f"{allowed}/caller.html")
        answer = _fetch_from(page, api_url)
        assert answer["ok"], answer
        assert answer["body"]["verdict"] == "verified"
        # The same page on another origin (localhost is not 127.0.0.1 to a browser).
        page.goto(f"http://localhost:{pages}/caller.html")
        denied = _fetch_from(page, api_url)
        assert not denied["ok"]
        assert "Failed to fetch" in denied["error"]
        page.close()


def _get(url, etag=None):
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.headers.get("ETag")
    except urllib.error.HTTPError as e:
        with e:  # urllib raises on a 304; the error holds the open response
            return e.code, e.headers.get("ETag")


def test_etag_gets_304_from_every_worker_and_changes_when_a_quote_is_added(live_server, engine):
    with session_scope(engine) as s:
        api_key = create_key(s, "etag-test")
    url = f"{live_server}/api/v1/verify?claim={urllib.parse.quote(CLAIM)}&speaker=Kaja%20Kallas"
    status, etag = _get(url)
    assert status == 200
    # Several requests: gunicorn's two workers both answer 304 to the same validator.
    assert {_get(url, etag)[0] for _ in range(6)} == {304}
    body = json.dumps({"text": "Korea is an important strategic partner in Asia.", "speaker": "Kaja Kallas"})
    added = urllib.request.Request(
        f"{live_server}/api/v1/quotes",
        data=body.encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {api_key}"},
        method="POST",
    )
    with urllib.request.urlopen(added, timeout=10) as r:
        assert r.status == 201
    statuses = {_get(url, etag) for _ in range(4)}
    assert {s for s, _ in statuses} == {200}
    assert etag not in {e for _, e in statuses}
