"""Ingesting web pages: the article's own text and metadata, never its boxes; fetched within bounds."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from service import create_app
from service.articles import read_article
from service.cli import main
from service.db import session_scope
from service.fetch import FetchError, FetchPolicy, check_url, fetch_page
from service.models import Source

PAGES = Path(__file__).parent / "pages"
# Words that are only in the pages' menus, "most read" boxes, comments and footers.
BOXES = ("storm like this", "new stadium", "old cinema", "union always wins", "we will do better", "Contact",
         "Most read", "Reader comments", "All rights reserved", "Politics", "seaview77")


def _stored(engine) -> dict[str, tuple[SimpleNamespace, list[SimpleNamespace]]]:
    """Every stored source by title, with its quotes, as plain values."""
    columns = ("url", "title", "publisher", "author", "published_at", "language", "standing", "body")
    with session_scope(engine) as s:
        return {
            src.title: (
                SimpleNamespace(**{c: getattr(src, c) for c in columns}),
                [SimpleNamespace(text=q.text, kind=q.kind, speaker=SimpleNamespace(name=q.speaker.name))
                 for q in src.quotes],
            )
            for src in s.scalars(select(Source))
        }


def _no_boxes(text: str) -> None:
    for words in BOXES:
        assert words.lower() not in text.lower(), words


def test_article_with_json_ld_gives_its_metadata_and_main_text():
    article = read_article(PAGES / "jsonld_article.html")
    assert article.title == "Bridge to northern islands opens early"
    assert article.author == "Maria Santos"
    assert article.publisher == "Harbour Gazette"
    assert article.published_at.isoformat() == "2025-03-04"
    assert article.url == "https://harbourgazette.example/2025/03/04/bridge-opens-early"
    assert article.language == "en"
    assert "two months ahead of the schedule" in article.text
    _no_boxes(article.text)


def test_div_soup_keeps_the_story_and_drops_most_read_and_comments():
    article = read_article(PAGES / "div_soup.html")
    assert (article.title, article.author, article.publisher) == (
        "Port strike ends after talks", "Joao Pereira", "Coastal Daily"
    )
    assert article.published_at.isoformat() == "2025-04-12"
    assert "nine days of strike, when the port authority" in article.text  # a line break in the markup
    _no_boxes(article.text)


def test_windows_1252_page_keeps_its_characters():
    raw = (PAGES / "windows1252.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    article = read_article(PAGES / "windows1252.html")
    assert "\ufffd" not in article.text
    assert article.warnings == ()
    assert "François Lefèvre" in article.text
    assert "\u201cThis reform is fair" in article.text
    assert "amendments \u2014 a battle" in article.text
    assert article.author == "Hélène Côté"


@pytest.fixture
def run(empty_db, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return lambda *args: CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ingest_of_three_kinds_of_page_stores_text_metadata_and_quotes(run, empty_db):
    pages = [str(PAGES / n) for n in ("jsonld_article.html", "div_soup.html", "windows1252.html")]
    result = run("ingest", *pages, "--standing", "publication")
    assert result.exit_code == 0, result.output
    stored = _stored(empty_db)
    bridge, bridge_quotes = stored["Bridge to northern islands opens early"]
    assert (bridge.author, bridge.publisher, str(bridge.published_at)) == (
        "Maria Santos", "Harbour Gazette", "2025-03-04"
    )
    assert (bridge.url, bridge.language, bridge.standing) == (
        "https://harbourgazette.example/2025/03/04/bridge-opens-early", "en", "publication"
    )
    said = {(q.speaker.name, q.text.rstrip(",.")) for q in bridge_quotes if q.kind == "direct"}
    assert said == {
        ("Ana Lima",
         "We promised the islanders a bridge before the monsoon, and today we have kept that promise"),
        ("Rui Costa", "Our catch will reach the city markets while it is still fresh, and that changes "
                      "everything for our families"),
    }
    strike, strike_quotes = stored["Port strike ends after talks"]
    assert (strike.author, strike.publisher, str(strike.published_at)) == (
        "Joao Pereira", "Coastal Daily", "2025-04-12"
    )
    direct = {(q.speaker.name, q.text.rstrip(",.")) for q in strike_quotes if q.kind == "direct"}
    assert direct == {
        ("Carla Mendes",
         "The agreement protects the jobs of every worker on the docks for the next three years"),
        ("Paulo Reis", "We regret the disruption the strike caused to shippers and to the city"),
    }
    reform, reform_quotes = stored["Minister defends pension reform"]
    assert "\ufffd" not in reform.body
    reform_said = "This reform is fair, it is necessary, and we will see it through to the end"
    assert ("François Lefèvre", reform_said) in {
        (q.speaker.name, q.text.rstrip(",.")) for q in reform_quotes
    }
    for _source, quotes in stored.values():
        for q in quotes:
            _no_boxes(q.text)
    for source, _quotes in stored.values():
        _no_boxes(source.body)


class _Pages(BaseHTTPRequestHandler):
    """The saved pages, and the ways a real server misbehaves."""

    def do_GET(self):  # noqa: N802 - the name http.server calls
        routes = {
            "/moved": (302, {"Location": "/jsonld_article.html"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/photo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG...."),
            "/big.html": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000 + b"</p>"),
            "/gone": (404, {"Content-Type": "text/html"}, b"<p>gone</p>"),
            "/latin1.html": (200, {"Content-Type": "text/html; charset=ISO-8859-1"},
                             (PAGES / "windows1252.html").read_bytes()),
        }
        if self.path in routes:
            status, headers, body = routes[self.path]
        elif (PAGES / self.path.lstrip("/")).is_file():
            body = (PAGES / self.path.lstrip("/")).read_bytes()
            status, headers = 200, {"Content-Type": "text/html"}
        else:
            status, headers, body = 404, {}, b""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    """A local HTTP server on a free loopback port, for the length of this module."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


LOCAL = FetchPolicy(allow_loopback=True)


@pytest.fixture
def fetching_client(empty_db, database_url):
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "FETCH_ALLOW_LOOPBACK": True})
    yield app.test_client()
    app.extensions["quotetrace.engine"].dispose()


def _count_sources(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(Source))


def test_posting_a_url_fetches_the_page_and_stores_it(fetching_client, auth, site, empty_db):
    response = fetching_client.post(
        "/api/v1/sources", json={"url": f"{site}/moved", "standing": "publication"}, headers=auth
    )
    assert response.status_code == 201, response.json
    source = response.json
    assert source["url"] == "https://harbourgazette.example/2025/03/04/bridge-opens-early"
    assert (source["publisher"], source["author"], source["published_at"]) == (
        "Harbour Gazette", "Maria Santos", "2025-03-04"
    )
    assert {q["speaker"]["name"] for q in source["quotes"]} >= {"Ana Lima", "Rui Costa"}
    verified = fetching_client.post(
        "/api/v1/verify", json={"claim": "We promised the islanders a bridge before the monsoon"}
    ).json
    assert verified["verdict"] == "verified"
    assert verified["first_appearance"]["source"]["publisher"] == "Harbour Gazette"


def test_a_loopback_url_is_refused_unless_allowed(client, auth, site, empty_db):
    response = client.post("/api/v1/sources", json={"url": f"{site}/jsonld_article.html"}, headers=auth)
    assert response.status_code == 422
    assert "private or local" in response.json["errors"]["url"][0]
    assert _count_sources(empty_db) == 0


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [("/photo.png", 422, "not a web page"), ("/loop", 502, "redirects"), ("/gone", 502, "HTTP 404")],
)
def test_a_page_that_cannot_be_fetched_stores_nothing(fetching_client, auth, site, empty_db, path, status, words):  # noqa: E501
    response = fetching_client.post("/api/v1/sources", json={"url": f"{site}{path}"}, headers=auth)
    assert response.status_code == status, response.json
    assert response.mimetype == "application/problem+json"
    assert words in response.json["detail"]
    assert _count_sources(empty_db) == 0


def test_a_page_over_the_size_cap_is_refused(site):
    with pytest.raises(FetchError, match="larger than"):
        fetch_page(f"{site}/big.html", policy=FetchPolicy(allow_loopback=True, max_bytes=1000))


def test_a_page_declared_latin_1_is_read_as_windows_1252(site):
    from service.fetch import fetch_article

    article = fetch_article(f"{site}/latin1.html", policy=LOCAL)
    assert "\u201cThis reform is fair" in article.text
    assert "\ufffd" not in article.text


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/page", "file:///etc/passwd", "http://10.0.0.8/admin", "http://192.168.1.1/",
     "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://localhost/"],
)
def test_only_public_http_addresses_are_fetched(url):
    with pytest.raises(FetchError) as refused:
        check_url(url, FetchPolicy())
    assert refused.value.refused


def test_allowing_loopback_allows_no_private_range():
    check_url("http://127.0.0.1:9/", LOCAL)
    with pytest.raises(FetchError):
        check_url("http://10.0.0.8/", LOCAL)


def test_ingest_fetches_urls_from_the_command_line(run, empty_db, site, monkeypatch):
    monkeypatch.setenv("QUOTETRACE_FETCH_ALLOW_LOOPBACK", "1")
    result = run("ingest", f"{site}/div_soup.html")
    assert result.exit_code == 0, result.output
    (source, quotes) = _stored(empty_db)["Port strike ends after talks"]
    assert source.publisher == "Coastal Daily"
    assert {q.speaker.name for q in quotes} >= {"Carla Mendes", "Paulo Reis"}


def test_ingest_of_a_refused_url_says_why_and_fails(run, empty_db, site):
    result = CliRunner().invoke(main, ["ingest", f"{site}/div_soup.html"])
    assert result.exit_code == 1
    assert "private or local" in result.output
    assert _count_sources(empty_db) == 0


class _Echo(BaseHTTPRequestHandler):
    """Answers every GET with what it is and the Host header it was sent."""

    def do_GET(self):  # noqa: N802 - the name http.server calls
        body = f"<html><body><p>{self.server.label} page for {self.headers['Host']}</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def two_servers():
    """A 'public' server on 127.0.0.1 and an 'internal' one on 127.0.0.2, on one port number."""
    public = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    port = public.server_address[1]
    try:
        internal = ThreadingHTTPServer(("127.0.0.2", port), _Echo)
    except OSError:
        public.server_close()
        pytest.skip("127.0.0.2 is not a loopback address here")
    public.label, internal.label = "public", "internal"
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (public, internal)]
    for t in threads:
        t.start()
    yield port
    for s in (public, internal):
        s.shutdown()
        s.server_close()


def test_a_host_whose_address_changes_after_the_check_is_fetched_from_the_checked_address(
    two_servers, monkeypatch
):
    # DNS rebinding: the first answer (checked) is one server, every later one another. The fetch must
    # connect where it checked, and still name the host it was asked for.
    real = socket.getaddrinfo
    answers = []

    def rebinding(host, port, *args, **kwargs):
        if host != "news.rebind.test":
            return real(host, port, *args, **kwargs)
        answers.append(host)
        address = "127.0.0.1" if len(answers) == 1 else "127.0.0.2"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    page = fetch_page(f"http://news.rebind.test:{two_servers}/story", policy=LOCAL)
    assert page.content.decode() == (
        f"<html><body><p>public page for news.rebind.test:{two_servers}</p></body></html>"
    )
    assert answers == ["news.rebind.test"]  # resolved once, by the check
