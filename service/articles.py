"""Article files for ingesting: plain text, or HTML reduced to its readable text and title. Pure."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "template"}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "tr",
    "figcaption",
    "title",
}
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class Article:
    """An article's readable text and whatever metadata its file carries."""

    text: str
    title: str | None = None
    url: str | None = None
    language: str | None = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self.language: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "html" and attrs.get("lang"):
            self.language = attrs["lang"].split("-")[0].lower()
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key and attrs.get("content"):
                self.meta[key.lower()] = attrs["content"]
        if tag == "link" and attrs.get("rel") == "canonical" and attrs.get("href"):
            self.meta.setdefault("canonical", attrs["href"])
        if tag in _SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def read_article(path: Path) -> Article:
    """The article in ``path``: HTML (by suffix or content) is reduced to text; anything else is text."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm") or raw.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html")
    ):
        return parse_html(raw)
    return Article(text=raw.strip("\ufeff"))


def parse_html(markup: str) -> Article:
    """Readable text, title, canonical URL and language of an HTML page."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(reader.parts).split("\n"))
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    title = reader.meta.get("og:title") or html.unescape(" ".join("".join(reader.title).split())) or None
    url = reader.meta.get("og:url") or reader.meta.get("canonical")
    return Article(text=text, title=title, url=url, language=reader.language)
