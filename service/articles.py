"""Articles for ingesting: plain text, or an HTML page reduced to its main text and what it says of itself.

Pages go through trafilatura, which finds the article among menus, "most read" boxes and reader
comments, and reads the page's metadata (meta tags, JSON-LD, the canonical link): title, author,
date, site name. Bytes are decoded by the charset the server or the page declares, else by
detection (charset_normalizer, via trafilatura), so a windows-1252 page keeps its accents. Pure: no
network (see ``fetch``), no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from service.language import detect_language

# Line breaks inside HTML text are layout, not paragraphs: trafilatura keeps them in what it returns,
# and extraction would read "said\noutside" as a paragraph end. Collapsed before parsing (a <pre> in
# an article is rare; a script's JSON-LD is unaffected).
_HTML_WHITESPACE = re.compile(r"[ \t]*[\r\n]+[ \t]*")
_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(
    rb"^\s*(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|head|body|meta|div|p)\b", re.IGNORECASE
)
# Declared as latin-1, pages are windows-1252 in practice (the WHATWG encoding standard says the same).
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}


@dataclass(frozen=True)
class Article:
    """An article's main text and whatever its file or page says about it."""

    text: str
    title: str | None = None
    url: str | None = None
    language: str | None = None
    author: str | None = None
    published_at: date | None = None
    publisher: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def read_article(path: Path) -> Article:
    """The article in ``path``: HTML (by suffix or content) reduced to its main text; else plain text."""
    raw = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm", ".xhtml") or _LOOKS_LIKE_HTML.match(raw[:200]):
        return parse_html(raw)
    text, warnings = decode(raw)
    text = text.strip("\ufeff")
    return Article(text=text, language=detect_language(text), warnings=warnings)


def decode(raw: bytes, *, charset: str | None = None) -> tuple[str, tuple[str, ...]]:
    """The text of ``raw``: by the declared ``charset`` when it fits, else as the page says or detected."""
    from trafilatura.utils import decode_file

    if charset:
        try:
            return raw.decode(_CHARSET_ALIASES.get(charset.lower(), charset)), ()
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError:
        text = decode_file(raw)
    if "\ufffd" in text:
        return text, ("Some characters could not be decoded and show as \ufffd.",)
    return text, ()


def parse_html(markup: bytes | str, *, charset: str | None = None, url: str | None = None) -> Article:
    """The main text of a page and its title, author, date, publisher, canonical URL and language."""
    import trafilatura

    if isinstance(markup, bytes):
        markup, warnings = decode(markup, charset=charset)
    else:
        warnings = ()
    flat = _HTML_WHITESPACE.sub(" ", markup)
    doc = trafilatura.bare_extraction(
        flat,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        # A page too small for trafilatura's main-text search (a snippet, a bare paragraph): its
        # baseline, which keeps the body's text and drops scripts and styles.
        text = trafilatura.baseline(flat)[1] if flat.strip() else ""
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    stated = _HTML_LANG.search(markup[:5_000])
    language = detect_language(text) or (stated.group(1).lower() if stated else None)
    if doc is None:
        return Article(text=text, url=url, language=language, warnings=warnings)
    return Article(
        text=text,
        title=doc.title or None,
        url=doc.url or url,
        language=language,
        author=doc.author or None,
        published_at=_date(doc.date),
        publisher=doc.sitename or None,
        warnings=warnings,
    )


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def source_fields(article: Article, **given) -> dict:
    """Source fields for an ingested article: what the caller gives, else what the page says of itself."""
    found = {
        "title": article.title,
        "url": article.url,
        "body": article.text,
        "language": article.language,
        "published_at": article.published_at,
        "publisher": article.publisher,
        "author": article.author,
    }
    return {**found, **{k: v for k, v in given.items() if v is not None}}
