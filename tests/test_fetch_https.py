"""Fetching over https: pinned to the checked address, while TLS still names and verifies the host.

A real TLS server runs on loopback with certificates from a CA this module makes (``openssl``); the
fetch trusts that CA through ``FetchPolicy.ca_certs``. Host names resolve through a stand-in for
``socket.getaddrinfo``, as in the http tests of ``test_ingest_pages.py``.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select

from service import create_app
from service.db import session_scope
from service.fetch import FetchError, FetchPolicy, fetch_article, fetch_page
from service.models import Source

PAGES = Path(__file__).parent / "pages"
# A loopback handshake takes milliseconds; a client that stalls must not hold a server thread for longer.
HANDSHAKE_SECONDS = 5

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


@dataclass
class _CA:
    """A certificate authority made for this module, and the server certificates it issued."""

    folder: Path

    @property
    def bundle(self) -> str:
        return str(self.folder / "ca.pem")

    def issue(self, name: str) -> tuple[str, str]:
        """A certificate for ``name`` (its only subjectAltName) and its key, as PEM files."""
        cert, key, csr = (self.folder / f"{name}.{ext}" for ext in ("pem", "key", "csr"))
        if not cert.exists():
            extensions = self.folder / f"{name}.ext"
            extensions.write_text(
                f"subjectAltName = DNS:{name}\nbasicConstraints = critical, CA:FALSE\n"
                "keyUsage = critical, digitalSignature\nextendedKeyUsage = serverAuth\n"
                "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
            )
            _openssl("req", "-new", *_EC_KEY, "-keyout", key, "-out", csr, "-subj", f"/CN={name}")
            _openssl("x509", "-req", "-in", csr, "-CA", self.bundle, "-CAkey", self.folder / "ca.key",
                     "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out", cert)
        return str(cert), str(key)


_EC_KEY = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")


def _openssl(*args) -> None:
    subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True)


@pytest.fixture(scope="module")
def ca(tmp_path_factory) -> _CA:
    folder = tmp_path_factory.mktemp("tls")
    _openssl("req", "-x509", *_EC_KEY, "-keyout", folder / "ca.key", "-out", folder / "ca.pem",
             "-days", "2", "-subj", "/CN=quotetrace test CA",
             "-addext", "basicConstraints = critical, CA:TRUE",
             "-addext", "keyUsage = critical, keyCertSign, cRLSign")
    return _CA(folder)


@dataclass
class _Seen:
    """What a server saw: connections (before TLS), TLS server names, and requests (path, Host)."""

    connections: list[str] = field(default_factory=list)
    server_names: list[str | None] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)


class _Pages(BaseHTTPRequestHandler):
    """A saved article, a redirect given by ``?to=``, and a page saying which server answered."""

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.server.seen.requests.append((self.path, self.headers["Host"]))
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", self.path.partition("=")[2])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/article":
            body = (PAGES / "jsonld_article.html").read_bytes()
        else:
            body = f"<p>{self.server.label} page for {self.headers['Host']}</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _TLSServer(ThreadingHTTPServer):
    """An https server on ``address`` presenting ``cert``; records what it sees in ``seen``."""

    def __init__(self, address: tuple[str, int], cert: tuple[str, str], label: str):
        super().__init__(address, _Pages)
        self.label, self.seen = label, _Seen()
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(*cert)
        self.context.sni_callback = lambda _sock, name, _ctx: self.seen.server_names.append(name)

    def finish_request(self, request, client_address):
        self.seen.connections.append(client_address[0])
        request.settimeout(HANDSHAKE_SECONDS)
        with self.context.wrap_socket(request, server_side=True, do_handshake_on_connect=False) as tls:
            try:
                tls.do_handshake()
            except OSError:
                return  # the client refused the certificate: nothing more comes on this connection
            self.RequestHandlerClass(tls, client_address, self)

    def handle_error(self, request, client_address):
        pass  # a client that hangs up after checking the certificate is what some tests expect


def _serve(*servers: _TLSServer):
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    return servers


def _stop(*servers: _TLSServer) -> None:
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def dns(monkeypatch):
    """Names this test resolves itself: ``dns["news.example"] = ["127.0.0.1"]``; a list of answers per
    lookup is a list of lists (the last one repeats). ``dns.lookups`` lists the names asked for."""

    class Zone(dict):
        lookups: list[str]

    zone = Zone()
    zone.lookups = []
    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if host not in zone:
            return real(host, port, *args, **kwargs)
        answers = zone[host]
        if answers and isinstance(answers[0], list):
            answers = answers[min(zone.lookups.count(host), len(answers) - 1)]
        zone.lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in answers]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return zone


@pytest.fixture
def news(ca, dns):
    """https://news.example:PORT served on 127.0.0.1 with a certificate for news.example."""
    (server,) = _serve(_TLSServer(("127.0.0.1", 0), ca.issue("news.example"), "news"))
    dns["news.example"] = ["127.0.0.1"]
    server.base = f"https://news.example:{server.server_address[1]}"
    yield server
    _stop(server)


def _trusting(ca: _CA) -> FetchPolicy:
    return FetchPolicy(allow_loopback=True, ca_certs=ca.bundle)


def test_an_https_page_with_a_certificate_for_its_host_is_fetched_and_read(news, ca):
    article = fetch_article(f"{news.base}/article", policy=_trusting(ca))
    assert article.title == "Bridge to northern islands opens early"
    assert (article.author, article.publisher, article.published_at.isoformat()) == (
        "Maria Santos", "Harbour Gazette", "2025-03-04"
    )
    assert "two months ahead of the schedule" in article.text


def test_the_pinned_connection_still_names_the_host_in_tls_and_in_the_request(news, ca, dns):
    page = fetch_page(f"{news.base}/hello", policy=_trusting(ca))
    port = news.server_address[1]
    assert page.content.decode() == f"<p>news page for news.example:{port}</p>"
    assert news.seen.connections == ["127.0.0.1"]
    assert news.seen.server_names == ["news.example"]
    assert news.seen.requests == [("/hello", f"news.example:{port}")]
    assert dns.lookups == ["news.example"]  # resolved once, by the check; the connection used its answer


def test_a_certificate_for_another_name_is_refused_before_any_request(ca, dns):
    (server,) = _serve(_TLSServer(("127.0.0.1", 0), ca.issue("other.example"), "other"))
    dns["news.example"] = ["127.0.0.1"]
    try:
        with pytest.raises(FetchError, match="certificate of 'news.example' was refused") as failed:
            fetch_page(f"https://news.example:{server.server_address[1]}/hello", policy=_trusting(ca))
    finally:
        _stop(server)
    assert "other.example" in str(failed.value)
    assert not failed.value.refused  # the server is at fault, not the URL asked for
    assert server.seen.server_names == ["news.example"]
    assert server.seen.requests == []  # no second try without verification


def test_a_certificate_from_an_untrusted_authority_is_refused(news):
    # The default policy trusts the system's authorities only, and this module's CA is not one of them.
    with pytest.raises(FetchError, match="certificate of 'news.example' was refused"):
        fetch_page(f"{news.base}/hello", policy=FetchPolicy(allow_loopback=True))
    assert news.seen.requests == []


def test_posting_an_https_url_with_an_untrusted_certificate_stores_nothing(
    news, auth, empty_db, database_url
):
    # The API fetches with the system's authorities: this module's CA is refused there, with the reason.
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "FETCH_ALLOW_LOOPBACK": True})
    response = app.test_client().post("/api/v1/sources", json={"url": f"{news.base}/article"}, headers=auth)
    assert response.status_code == 502, response.json
    assert response.mimetype == "application/problem+json"
    assert "certificate of 'news.example' was refused" in response.json["detail"]
    assert news.seen.requests == []
    with session_scope(empty_db) as s:
        assert s.scalar(select(func.count()).select_from(Source)) == 0


@pytest.mark.parametrize(
    "answers",
    [["10.0.0.5"], ["169.254.169.254"], ["93.184.216.34", "192.168.1.10"]],
    ids=["private", "metadata", "one-private-among-public"],
)
def test_an_https_redirect_to_a_name_with_a_private_address_is_refused(news, ca, dns, answers):
    dns["intranet.example"] = answers
    with pytest.raises(FetchError, match="private or local") as refused:
        fetch_page(f"{news.base}/redirect?to=https://intranet.example/admin", policy=_trusting(ca))
    assert refused.value.refused
    assert dns.lookups == ["news.example", "intranet.example"]


def test_an_https_redirect_on_the_same_host_is_followed(news, ca):
    page = fetch_page(f"{news.base}/redirect?to=/article", policy=_trusting(ca))
    assert page.url == f"{news.base}/article"
    assert [path for path, _host in news.seen.requests] == ["/redirect?to=/article", "/article"]


@pytest.fixture
def two_servers(ca):
    """A 'public' https server on 127.0.0.1 and an 'internal' one on 127.0.0.2, on one port number,
    both with a valid certificate for news.rebind.test: only the pin can keep the fetch on the first."""
    cert = ca.issue("news.rebind.test")
    public = _TLSServer(("127.0.0.1", 0), cert, "public")
    try:
        internal = _TLSServer(("127.0.0.2", public.server_address[1]), cert, "internal")
    except OSError:
        public.server_close()
        pytest.skip("127.0.0.2 is not a loopback address here")
    yield _serve(public, internal)
    _stop(public, internal)


def test_an_https_host_whose_address_changes_after_the_check_is_fetched_from_the_checked_address(
    two_servers, ca, dns
):
    # DNS rebinding: the first answer (checked) is one server, every later one another.
    public, internal = two_servers
    port = public.server_address[1]
    dns["news.rebind.test"] = [["127.0.0.1"], ["127.0.0.2"]]
    page = fetch_page(f"https://news.rebind.test:{port}/story", policy=_trusting(ca))
    assert page.content.decode() == f"<p>public page for news.rebind.test:{port}</p>"
    assert public.seen.server_names == ["news.rebind.test"]
    assert internal.seen.connections == []
    assert dns.lookups == ["news.rebind.test"]
