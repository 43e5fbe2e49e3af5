"""`quotetrace embed` and the vector index: imported quotes get their meaning beside import, resumably,
and a quote written through the API is found by meaning by the next request of any worker."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, update

from service import create_app, embedding
from service.cli import main
from service.db import session_scope
from service.models import Quote, QuoteRerankVector, QuoteVector

ROWS = [
    {"text": "Pemerintah akan membangun sepuluh sekolah baru di desa-desa terpencil.", "speaker": "Sari W"},
    {"text": "Die Brücke über den Fluss wird im Frühjahr für den Verkehr geöffnet.", "speaker": "Jonas B"},
    {"text": "We will cut the tax on fuel by half before the winter begins.", "speaker": "Budi S"},
    {"text": "Le musée rouvrira ses portes au public après deux ans de travaux.", "speaker": "Claire M"},
    {"text": "Los agricultores recibirán ayudas para modernizar sus sistemas de riego.", "speaker": "Ana R"},
]


@pytest.fixture
def run(empty_db, database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("QUOTETRACE_VECTOR_INDEX", str(tmp_path / "vectors.usearch"))
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def imported(run, tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    assert "5 quotes added" in run("import", str(path)).output
    return path


def _vector_count(engine, table=QuoteVector) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(table))


def test_import_stores_no_vectors_and_embed_computes_them(run, imported, empty_db):
    assert _vector_count(empty_db) == 0
    result = run("embed")
    assert "embedded 5 quotes" in result.output
    assert "the vector index holds 5" in result.output
    assert _vector_count(empty_db) == 5
    assert _vector_count(empty_db, QuoteRerankVector) == 5  # the second model's, which orders the shortlist
    assert "embedded 0 quotes" in run("embed").output


def test_stopped_embed_goes_on_where_it_stopped(run, imported, empty_db):
    class Stop(Exception):
        pass

    def stop_after_first_batch(n):
        raise Stop

    with pytest.raises(Stop):
        embedding.embed_missing(empty_db, batch=2, progress=stop_after_first_batch)
    assert _vector_count(empty_db) == 2
    assert _vector_count(empty_db, QuoteRerankVector) == 0
    # Every quote still lacked the second model's vector: all five are embedded, none twice.
    assert embedding.embed_missing(empty_db, batch=2) == 5
    with session_scope(empty_db) as s:
        for table in (QuoteVector, QuoteRerankVector):
            assert s.scalar(select(func.count(func.distinct(table.quote_id)))) == 5
            assert _vector_count(empty_db, table) == 5


def test_vectors_of_another_model_are_computed_again(run, imported, empty_db):
    run("embed")
    with session_scope(empty_db) as s:
        s.execute(update(QuoteVector).where(QuoteVector.id <= 2).values(model="an-older-model/0.1"))
    assert "embedded 2 quotes" in run("embed").output
    with session_scope(empty_db) as s:
        s.execute(update(QuoteRerankVector).where(QuoteRerankVector.id > 3).values(model="e5-older/0.1"))
    assert "embedded 2 quotes" in run("embed").output


def test_quote_written_by_one_worker_is_found_by_meaning_by_another(
    run, imported, database_url, auth, empty_db
):
    run("embed")  # an index file exists, built before the new quote
    writer = create_app({"DATABASE_URL": database_url, "TESTING": True}).test_client()
    reader = create_app({"DATABASE_URL": database_url, "TESTING": True}).test_client()
    claim = {"claim": "The orchestra will tour three continents during the coming season."}
    assert reader.post("/api/v1/verify", json=claim).get_json()["verdict"] == "unverified"
    new = {
        "text": "Unser Orchester wird in der kommenden Saison auf drei Kontinenten touren.",
        "speaker": "Lena K",
    }
    written = writer.post("/api/v1/quotes", json={**new, "language": "de"}, headers=auth)
    assert written.status_code == 201
    with session_scope(empty_db) as s:  # both models' vectors, in the write's transaction
        for table in (QuoteVector, QuoteRerankVector):
            assert s.scalar(select(func.count()).where(table.quote_id == written.get_json()["id"])) == 1
    result = reader.post("/api/v1/verify", json=claim).get_json()
    assert result["verdict"] == "paraphrased"
    assert result["matches"][0]["quote"]["text"] == new["text"]
    assert result["matches"][0]["meaning"]["reason"] == "other_language"


def test_deleted_quote_is_not_found_through_an_older_index_file(run, imported, empty_db, client, auth):
    run("embed")
    with session_scope(empty_db) as s:
        fuel = s.scalar(select(Quote.id).where(Quote.text.like("We will cut%")))
    assert client.delete(f"/api/v1/quotes/{fuel}", headers=auth).status_code == 204
    claim = {"claim": "Before winter starts, the fuel tax is going to be halved."}
    assert client.post("/api/v1/verify", json=claim).get_json()["verdict"] == "unverified"
