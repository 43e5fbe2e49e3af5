"""Sources have a standing, and a statement its appearances: a stored draft never becomes evidence."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from service.cli import main
from service.db import session_scope
from service.models import Quote, Source, Speaker

SEED_PUBLISHER = "Korea.net (korea.kr)"
ALTERED_CLAIM = {"claim": "Korea is the most important strategic partner", "speaker": "Kaja Kallas"}
DRAFT = (
    "Seoul \u2014 Kaja Kallas said: \u201cKorea is the most important strategic partner for the EU.\u201d\n\n"
    "Brunson said: \u201cThe alliance between our two countries is stronger than it has ever been.\u201d"
)
REAL_ENGLISH = "Korea is an important strategic partner for the EU. Cooperation with Korea is important."


def _counts(engine) -> dict[str, int]:
    with session_scope(engine) as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m)) for m in (Quote, Speaker, Source)}


def _store_draft(client, auth) -> dict:
    response = client.post(
        "/api/v1/sources", json={"title": "My draft", "body": DRAFT, "extract": True}, headers=auth
    )
    assert response.status_code == 201, response.json
    return response.json


def test_a_stored_draft_is_unvetted_and_never_outranks_the_real_quote(client, auth, seeded):
    draft = _store_draft(client, auth)
    assert draft["standing"] == "unvetted"
    assert any(q["text"].startswith("Korea is the most important") for q in draft["quotes"])

    result = client.post("/api/v1/verify", json=ALTERED_CLAIM).json
    assert result["verdict"] == "altered"
    top = result["matches"][0]
    assert top["quote"]["text"] == REAL_ENGLISH
    assert top["quote"]["source"]["publisher"] == SEED_PUBLISHER
    assert top["quote"]["source"]["standing"] == "publication"
    assert result["evidence_standing"] == "publication"
    stored_draft = [m for m in result["matches"] if m["quote"]["source"]["id"] == draft["id"]]
    assert [m["contradicted_by"] for m in stored_draft] == [top["quote"]["id"]]
    assert stored_draft[0]["confidence"] == "suggestion"


def test_a_stored_draft_adds_no_surname_speaker_beside_the_full_name(client, auth, seeded):
    _store_draft(client, auth)
    names = [s["name"] for s in client.get("/api/v1/speakers?page_size=100").json["items"]]
    assert "Xavier Brunson" in names
    assert "Brunson" not in names


def test_checking_a_draft_stores_nothing(client, seeded):
    before = _counts(seeded)
    response = client.post("/api/v1/check", json={"text": DRAFT})
    assert response.status_code == 200
    assert _counts(seeded) == before


def test_evidence_from_an_unvetted_source_says_so(client, auth, empty_db):
    quote = {"text": "Harbour tariffs stay frozen for another whole year.", "speaker": "Rui Costa"}
    client.post("/api/v1/sources", json={"title": "Notes", "quotes": [quote]}, headers=auth)
    result = client.post("/api/v1/verify", json={"claim": quote["text"], "speaker": "Rui Costa"}).json
    assert result["verdict"] == "verified"
    assert result["evidence_standing"] == "unvetted"
    assert result["matches"][0]["quote"]["source"]["standing"] == "unvetted"


def test_standing_outside_the_three_is_422(client, auth, empty_db):
    response = client.post("/api/v1/sources", json={"title": "X", "standing": "trusted"}, headers=auth)
    assert response.status_code == 422
    assert "standing" in response.json["errors"]


def test_seed_quote_stored_again_later_is_one_statement_with_two_appearances(client, auth, seeded):
    later = {
        "url": "https://digest.example/2025/02/eu-korea",
        "title": "EU and Korea: the week in quotes",
        "publisher": "Digest Example",
        "published_at": "2025-02-03",
        "standing": "publication",
        "quotes": [{"text": REAL_ENGLISH, "speaker": "Kaja Kallas", "language": "en"}],
    }
    assert client.post("/api/v1/sources", json=later, headers=auth).status_code == 201
    result = client.post(
        "/api/v1/verify", json={"claim": "Korea is an important strategic partner", "speaker": "Kaja Kallas"}
    ).json
    assert result["verdict"] == "verified"
    statements = [m for m in result["matches"] if m["quote"]["speaker"]["name"] == "Kaja Kallas"]
    assert len(statements) == 1
    appearances = statements[0]["appearances"]
    assert [a["source"]["publisher"] for a in appearances] == [SEED_PUBLISHER, "Digest Example"]
    assert [a["published_at"] for a in appearances] == ["2025-01-22", "2025-02-03"]
    assert [a["standing"] for a in appearances] == ["publication", "publication"]
    assert result["first_appearance"]["source"]["publisher"] == SEED_PUBLISHER
    assert result["appearances"] == appearances
    assert statements[0]["wording_differs"] is False


def test_a_fragment_from_another_source_is_an_appearance_whose_wording_differs(client, auth, seeded):
    fragment = {
        "title": "Kallas on Korea",
        "published_at": "2025-01-21",
        "quotes": [{"text": "Korea is an important strategic partner for the EU.", "speaker": "Kaja Kallas"}],
    }
    assert client.post("/api/v1/sources", json=fragment, headers=auth).status_code == 201
    result = client.post(
        "/api/v1/verify", json={"claim": "Korea is an important strategic partner", "speaker": "Kaja Kallas"}
    ).json
    top = result["matches"][0]
    assert len(top["appearances"]) == 2
    assert top["wording_differs"] is True
    # The earlier, unvetted fragment is the first appearance; the statement's standing is the best one.
    assert (top["first_appearance"]["published_at"], top["first_appearance"]["standing"]) == (
        "2025-01-21",
        "unvetted",
    )
    assert top["standing"] == "publication"


def test_every_stored_copy_is_an_appearance_even_those_retrieval_ranks_out(client, auth, seeded, monkeypatch):
    from service.search import plan

    for n, day in enumerate(("2025-02-03", "2025-02-10", "2025-02-17")):
        later = {
            "url": f"https://digest{n}.example/2025/02/eu-korea",
            "title": f"EU and Korea, part {n}",
            "published_at": day,
            "standing": "publication",
            "quotes": [{"text": REAL_ENGLISH, "speaker": "Kaja Kallas", "language": "en"}],
        }
        assert client.post("/api/v1/sources", json=later, headers=auth).status_code == 201
    # Retrieval brings one candidate: the engine sees one copy, the answer still names all four.
    monkeypatch.setattr(plan, "CANDIDATES", 1)
    result = client.post(
        "/api/v1/verify", json={"claim": "Korea is an important strategic partner", "speaker": "Kaja Kallas"}
    ).json
    assert result["verdict"] == "verified"
    assert [a["published_at"] for a in result["appearances"]] == [
        "2025-01-22",
        "2025-02-03",
        "2025-02-10",
        "2025-02-17",
    ]
    assert result["first_appearance"]["source"]["publisher"] == SEED_PUBLISHER


@pytest.fixture
def run(empty_db, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    return lambda *args: CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_import_gives_new_sources_the_standing_asked_unless_a_row_says_otherwise(run, empty_db, tmp_path):
    rows = [
        {"text": "We will build the bridge.", "speaker": "Ana Lima", "source": {"title": "Press release"}},
        {"text": "We will not.", "speaker": "Rui Costa", "source": {"title": "Blog", "standing": "unvetted"}},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert run("import", str(path), "--standing", "primary").exit_code == 0
    with session_scope(empty_db) as s:
        assert dict(s.execute(select(Source.title, Source.standing)).all()) == {
            "Press release": "primary",
            "Blog": "unvetted",
        }


def test_ingest_takes_a_standing(run, empty_db, tmp_path):
    page = tmp_path / "a.txt"
    page.write_text('"We are ready to sign," Ana Lima told reporters on Monday.', encoding="utf-8")
    assert run("ingest", str(page), "--standing", "publication").exit_code == 0
    with session_scope(empty_db) as s:
        assert s.scalar(select(Source.standing)) == "publication"
