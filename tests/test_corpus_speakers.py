"""One person, one speaker, on the real corpus.

After importing qv-bench, `speakers suggest` finds the Trump, McCain and Akita duplicates, and merging
them leaves every quote verifiable under the kept name.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from service.cli import main
from service.corpus import import_file
from service.db import session_scope
from service.matching.identity import spacing_duplicates
from service.models import Quote, Speaker
from service.verification import verify
from tests.conftest import DATA

CORPUS = DATA / "qv-bench" / "corpus.jsonl"
# (folded, kept): forms of one person that import leaves apart, each for its own reason.
DUPLICATES = [
    ("Trump", "Donald Trump"),  # a surname alone, borne by four people of the corpus: a person decides
    ("McCain", "John Mccain"),  # the same, with Meghan McCain stored
    ("Lailah GiftyAkita", "Lailah Gifty Akita"),  # a lost space: another surname key
]


def test_names_spaced_differently_are_proposed_into_the_most_quoted_form():
    speakers = [
        (1, "Lailah Gifty Akita", 822),
        (2, "Lailah GiftyAkita", 6),
        (3, "W.C.Fields", 2),
        (4, "W. C. Fields", 40),
        (5, "A. B.", 3),  # initials: their spacing is no slip
        (6, "AB", 1),
        (7, "Gifty Akita", 2),  # a given name fewer: not spacing, not proposed here
    ]
    found = {(d.source, d.target) for d in spacing_duplicates(speakers)}
    assert found == {("Lailah GiftyAkita", "Lailah Gifty Akita"), ("W.C.Fields", "W. C. Fields")}


@pytest.mark.data
def test_suggest_finds_the_corpus_duplicates_and_merging_keeps_every_quote_verifiable(
    empty_db, database_url, monkeypatch
):
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is not here (the licensed data lives in ../shared/data)")
    assert import_file(empty_db, CORPUS).added == 64_208
    monkeypatch.setenv("DATABASE_URL", database_url)
    run = CliRunner()
    suggested = run.invoke(main, ["speakers", "suggest"], catch_exceptions=False).output.splitlines()
    for folded, kept in DUPLICATES:
        assert any(f"'{folded}' -> " in line and f"'{kept}'" in line for line in suggested), folded

    with session_scope(empty_db) as s:
        texts = {
            kept: s.scalars(select(Quote.text).join(Speaker).where(Speaker.name == folded)).all()
            for folded, kept in DUPLICATES
        }
    for folded, kept in DUPLICATES:
        merged = run.invoke(main, ["speakers", "merge", folded, kept], catch_exceptions=False)
        assert merged.exit_code == 0, merged.output
    with session_scope(empty_db) as s:
        for kept, quotes in texts.items():
            assert quotes
            verdicts = {text: verify(s, text, speaker=kept)["verdict"] for text in quotes}
            wrong = {text: verdict for text, verdict in verdicts.items() if verdict != "verified"}
            assert not wrong, wrong
