"""Filters on verify and check: the period, language, publishers and standings of what a claim meets."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from service.candidates import candidate_texts_query
from service.db import session_scope
from service.filters import Filters

STATEMENT = "The bridge to the northern islands will open before the monsoon season."
SOURCES = [
    {
        "title": "Bridge opening",
        "publisher": "Harbour Gazette",
        "published_at": "2024-01-10",
        "standing": "publication",
        "language": "en",
    },
    {
        "title": "Minister's statement",
        "publisher": "Island Times",
        "published_at": "2025-06-01",
        "standing": "primary",
        "language": "en",
    },
    {"title": "Puente", "publisher": "Blog de Ana", "standing": "unvetted", "language": "es"},
]


@pytest.fixture
def archive(client, auth):
    """The same statement by Ana Lima in three sources of different dates, languages and standings."""
    for source in SOURCES:
        body = {**source, "quotes": [{"text": STATEMENT, "speaker": "Ana Lima"}]}
        assert client.post("/api/v1/sources", json=body, headers=auth).status_code == 201
    return client


def _publishers(result) -> list[str]:
    return [a["source"]["publisher"] for a in result["appearances"]]


def _verify(client, **filters):
    response = client.post("/api/v1/verify", json={"claim": STATEMENT, "speaker": "Ana Lima", **filters})
    assert response.status_code == 200, response.json
    return response.json


def test_without_filters_the_statement_has_every_appearance(archive):
    result = _verify(archive)
    assert result["verdict"] == "verified"
    assert _publishers(result) == ["Harbour Gazette", "Island Times", "Blog de Ana"]


@pytest.mark.parametrize(
    ("filters", "publishers"),
    [
        ({"since": "2025-01-01"}, ["Island Times"]),
        ({"until": "2024-12-31"}, ["Harbour Gazette"]),
        ({"since": "2024-01-10", "until": "2025-06-01"}, ["Harbour Gazette", "Island Times"]),
        ({"language": "es"}, ["Blog de Ana"]),
        ({"language": "EN"}, ["Harbour Gazette", "Island Times"]),
        ({"publisher": ["harbour gazette", "Blog de Ana"]}, ["Harbour Gazette", "Blog de Ana"]),
        ({"standing": ["unvetted"]}, ["Blog de Ana"]),
        ({"standing": ["primary", "publication"]}, ["Harbour Gazette", "Island Times"]),
        ({"max_age_days": 100_000}, ["Harbour Gazette", "Island Times"]),  # undated: no age to keep
    ],
)
def test_filter_leaves_only_the_quotes_it_names(archive, filters, publishers):
    assert _publishers(_verify(archive, **filters)) == publishers


def test_filter_no_quote_passes_is_unverified(archive):
    result = _verify(archive, publisher=["Nobody's Paper"])
    assert (result["verdict"], result["matches"], result["first_appearance"]) == ("unverified", [], None)


def test_filters_in_a_query_string_repeat(archive):
    response = archive.get(
        "/api/v1/verify",
        query_string=[("claim", STATEMENT), ("publisher", "Island Times"), ("publisher", "Blog de Ana")],
    )
    assert response.status_code == 200, response.json
    assert _publishers(response.json) == ["Island Times", "Blog de Ana"]


def test_min_score_drops_weaker_matches(archive):
    altered = STATEMENT.replace("northern", "southern")
    loose = archive.post("/api/v1/verify", json={"claim": altered, "min_score": 80}).json
    assert loose["verdict"] == "altered"
    assert all(m["score"] >= 80 for m in loose["matches"])
    strict = archive.post("/api/v1/verify", json={"claim": altered, "min_score": 100}).json
    assert (strict["verdict"], strict["matches"]) == ("unverified", [])


@pytest.mark.parametrize(
    "body",
    [
        {"since": "2025-02-01", "until": "2025-01-01"},
        {"standing": ["trusted"]},
        {"min_score": 101},
        {"max_age_days": -1},
        {"max_age_days": 1.5},  # a fraction of a day is refused, not cut to 1
        {"max_age_days": 2.5e-42},
        {"since": "yesterday"},
    ],
)
def test_bad_filter_is_422(client, body):
    response = client.post("/api/v1/verify", json={"claim": STATEMENT, **body})
    assert response.status_code == 422, response.json


def test_check_takes_the_same_filters(archive):
    draft = f"Ana Lima said: \u201c{STATEMENT}\u201d"
    response = archive.post("/api/v1/check", json={"text": draft, "standing": ["primary"]})
    assert response.status_code == 200, response.json
    (quote,) = response.json["quotes"]
    matches = quote["verification"]["matches"]
    assert [a["source"]["publisher"] for a in matches[0]["appearances"]] == ["Island Times"]
    only_spanish = archive.post("/api/v1/check", json={"text": draft, "quote_language": "es"}).json
    (quote,) = only_spanish["quotes"]
    assert [a["standing"] for a in quote["verification"]["matches"][0]["appearances"]] == ["unvetted"]


def test_max_age_counts_back_from_today():
    filters = Filters.from_args(max_age_days=30, since=date(2020, 1, 1), today=date(2025, 3, 31))
    assert filters.since == date(2025, 3, 1)


FILTERED = Filters.from_args(
    since=date(2024, 1, 1),
    until=date(2025, 1, 1),
    language="en",
    publisher=["Harbour Gazette"],
    standing=["publication"],
)


def test_explain_shows_the_filters_inside_the_candidate_query(archive, engine):
    stmt = candidate_texts_query([1, 2, 3], FILTERED)
    with session_scope(engine) as session:
        conn = session.connection()
        if engine.dialect.name == "postgresql":
            sql = stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
            plan = "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {sql}"))
            for column in ("published_at", "language", "publisher", "standing"):
                assert column in plan, plan
            assert "Filter" in plan
        else:
            sql = stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
            program = [tuple(r) for r in conn.exec_driver_sql(f"EXPLAIN {sql}")]
            steps = [r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
            assert any("quotes" in s for s in steps), steps
            assert any("sources" in s for s in steps), steps
            # One program reads each quote by id and its source, and compares as it reads: every
            # filter's value is a constant of it, tested between the row's seek and its output.
            constants = {r[5] for r in program if r[1] == "String8"}
            assert {"2024-01-01", "2025-01-01", "en", "harbour gazette", "publication"} <= constants
            ops = [r[1] for r in program]
            between = ops[ops.index("SeekRowid") : ops.index("ResultRow")]
            assert sum(op in ("Lt", "Gt", "Le", "Ge", "Ne", "Eq") for op in between) >= 5, program
        found = dict(session.execute(stmt).all())
    assert list(found.values()) == [STATEMENT]


def test_batch_applies_its_filters_to_every_claim(archive):
    claims = [{"claim": STATEMENT}, {"claim": STATEMENT, "speaker": "Ana Lima"}]
    response = archive.post("/api/v1/verify/batch", json={"claims": claims, "standing": ["primary"]})
    assert response.status_code == 200, response.json
    assert [_publishers(r) for r in response.json["results"]] == [["Island Times"], ["Island Times"]]


def test_check_on_the_command_line_takes_filters(archive, database_url, monkeypatch, tmp_path):
    from click.testing import CliRunner

    from service.cli import main

    draft = tmp_path / "draft.txt"
    draft.write_text(f"Ana Lima said: \u201c{STATEMENT}\u201d", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", database_url)
    found = CliRunner().invoke(main, ["check", str(draft), "--since", "2025-01-01"], catch_exceptions=False)
    assert "verified" in found.output
    assert "Minister's statement" in found.output
    none = CliRunner().invoke(main, ["check", str(draft), "--publisher", "Nobody"], catch_exceptions=False)
    assert "1 unverified" in none.output
