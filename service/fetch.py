"""Fetching a web page to ingest: http(s) only, public addresses only, bounded in time, size and redirects.

Every hop of a redirect is checked again: a public page must not bounce the server onto its own
network (``http://127.0.0.1/``, ``http://10.0.0.5/admin``, a cloud metadata address). The host's
addresses are resolved once and all must be public; the connection goes to one of those addresses
(pinned), so a second DNS answer cannot send it elsewhere. Tests serve pages on
loopback and say so with ``allow_loopback``; private ranges stay refused even then. For https, tests
trust the CA they made with ``ca_certs``; certificates are always verified.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

# A news article's HTML is 50-500 kB; ten times the largest is still a page, not a download.
MAX_BYTES = 5 * 1024 * 1024
# Seconds for connecting and for the whole read: a slow server must not hold a worker.
TIMEOUT_SECONDS = 10.0
# Publishers redirect http → https → canonical, sometimes through a consent page: 5 covers that.
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "quotetrace/0.1 (quote verification; ingest)"
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"


class FetchError(Exception):
    """The page cannot be fetched; the message says why, for the user.

    ``refused``: the URL itself is not allowed (scheme, address, size): the caller's request is at
    fault, not the remote server.
    """

    def __init__(self, message: str, *, refused: bool = False):
        super().__init__(message)
        self.refused = refused


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do."""

    timeout: float = TIMEOUT_SECONDS
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    allow_loopback: bool = False
    # A PEM file of the certificate authorities https pages must chain to; None: the system's store, as
    # urllib3 loads it. Tests pass the CA they made; a server never needs to.
    ca_certs: str | None = None


@dataclass(frozen=True)
class FetchedPage:
    """A page's bytes, where they came from after redirects, and what the server said they are."""

    url: str
    content: bytes
    content_type: str | None
    charset: str | None


def check_url(url: str, policy: FetchPolicy) -> list[str]:
    """The addresses of ``url``'s host, resolved once; FetchError unless it is http(s) and the policy
    allows every one of them."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"Only http and https pages are fetched, not {parts.scheme!r}.", refused=True)
    if not parts.hostname:
        raise FetchError("The URL names no host.", refused=True)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as exc:
        raise FetchError(f"The host {parts.hostname!r} cannot be resolved.") from exc
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not (address.is_global or address.is_loopback and policy.allow_loopback):
            raise FetchError(f"{parts.hostname!r} is a private or local address: not fetched.", refused=True)
        addresses.append(str(address))
    return addresses


def fetch_page(url: str, *, policy: FetchPolicy = FetchPolicy()) -> FetchedPage:
    """GET the page at ``url`` within the policy, following redirects one checked hop at a time.

    Each hop connects to the address its check resolved, not to the host name: resolving again at
    connect time would let a DNS answer that changes in between (DNS rebinding: public for the check,
    ``127.0.0.1`` or ``10.0.0.5`` for the connection) point the server at its own network. The name
    still goes in the Host header, and for https in the TLS server name and the certificate check.
    """
    import urllib3

    try:
        for _hop in range(policy.max_redirects + 1):
            address = check_url(url, policy)[0]
            pool, response = _get_pinned(urllib3, url, address, policy)
            try:
                if response.status in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"{url} redirects nowhere.")
                    url = urljoin(url, location)
                    continue
                if response.status != 200:
                    raise FetchError(f"{url} answered HTTP {response.status}.")
                return _page(url, response, policy, deadline=time.monotonic() + policy.timeout)
            finally:
                # Closed, not released: a redirect's unread body would otherwise keep its socket open
                # until the garbage collector finds it (and no connection is reused: one pool a hop).
                response.close()
                pool.close()
        raise FetchError(f"More than {policy.max_redirects} redirects.")
    except urllib3.exceptions.SSLError as exc:
        raise _tls_error(url, exc.args[0] if exc.args else exc) from exc
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"{url} could not be fetched ({type(exc).__name__}).") from exc


def _tls_error(url: str, cause: BaseException) -> FetchError:
    """What went wrong with ``url``'s TLS, in words: a refused certificate says so and why."""
    from urllib3.util.ssl_match_hostname import CertificateError

    host = urlsplit(url).hostname
    # OpenSSL refuses the chain; urllib3 checks the name itself, as it does when given assert_hostname.
    if isinstance(cause, ssl.SSLCertVerificationError | CertificateError):
        reason = getattr(cause, "verify_message", None) or str(cause)
        return FetchError(f"{url}: the TLS certificate of {host!r} was refused ({reason}); not fetched.")
    return FetchError(f"{url}: no secure connection to {host!r} could be made ({cause}).")


def _get_pinned(urllib3, url: str, address: str, policy: FetchPolicy):
    """The pool and the response of GET ``url`` from the server at ``address`` (a checked address)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    options = {
        "timeout": urllib3.Timeout(connect=policy.timeout, read=policy.timeout),
        "retries": False,
        "maxsize": 1,
    }
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=parts.hostname, assert_hostname=parts.hostname,
            ca_certs=policy.ca_certs, **options
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **options)
    default_port = port == (443 if parts.scheme == "https" else 80)
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    headers = {
        "Host": host if default_port else f"{host}:{port}",
        "User-Agent": USER_AGENT,
        "Accept": ACCEPT,
    }
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    response = pool.urlopen(
        "GET", path, headers=headers, redirect=False, preload_content=False, assert_same_host=False
    )
    return pool, response


def _page(url: str, response, policy: FetchPolicy, *, deadline: float) -> FetchedPage:
    content_type = response.headers.get("Content-Type", "")
    mime = content_type.split(";")[0].strip().lower() or None
    if mime and mime not in HTML_TYPES:
        raise FetchError(f"{url} is {mime}, not a web page.", refused=True)
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"The page is larger than {policy.max_bytes:,} bytes.", refused=True)
    chunks, size = [], 0
    for chunk in response.stream(64 * 1024):
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"The page is larger than {policy.max_bytes:,} bytes.", refused=True)
        if time.monotonic() > deadline:
            raise FetchError(f"{url} took longer than {policy.timeout:g} s to send.")
        chunks.append(chunk)
    charset = None
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    return FetchedPage(url=url, content=b"".join(chunks), content_type=mime, charset=charset)


def policy_from_config(config) -> FetchPolicy:
    """The fetch policy an app or command runs with (FETCH_ALLOW_LOOPBACK for tests only)."""
    return FetchPolicy(allow_loopback=bool(config.get("FETCH_ALLOW_LOOPBACK")))


def fetch_article(url: str, *, policy: FetchPolicy = FetchPolicy()):
    """The article at ``url``: fetched within the policy and read as ``articles.parse_html`` reads pages."""
    from service.articles import Article, decode, parse_html

    page = fetch_page(url, policy=policy)
    if page.content_type == "text/plain":
        text, warnings = decode(page.content, charset=page.charset)
        return Article(text=text.strip("\ufeff"), url=page.url, warnings=warnings)
    article = parse_html(page.content, charset=page.charset, url=page.url)
    return article
