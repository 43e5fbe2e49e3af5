"""/api/v1/quotes: reading, adding, changing and deleting quotes, with the search index kept current."""

from __future__ import annotations

from array import array

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import store
from service.models import Posting, Quote, Source, Speaker, SpeakerAlias
from service.search import query_index

# No word in common, so a search for one never finds the other.
BRIDGE = "Northern bridge construction finishes before monsoon season."
HARBOUR = "Harbour tariffs stay frozen another year."


def _found(engine, text: str) -> list[int]:
    with Session(engine) as s:
        return query_index(s, text)


def _post(client, auth, **fields):
    response = client.post("/api/v1/quotes", json=fields, headers=auth)
    assert response.status_code == 201, response.json
    return response.json


def _source(client, auth, **fields) -> dict:
    response = client.post("/api/v1/sources", json={"quotes": [], **fields}, headers=auth)
    assert response.status_code == 201, response.json
    return response.json


def test_posted_quote_is_readable_and_found_by_its_words(client, auth, empty_db):
    quote = _post(client, auth, text=BRIDGE, speaker="Ana Lima", language="en", said_on="2024-03-01")
    assert quote["speaker"]["name"] == "Ana Lima"
    assert (quote["kind"], quote["language"], quote["said_on"]) == ("direct", "en", "2024-03-01")
    assert quote["source"] is None
    assert client.get(f"/api/v1/quotes/{quote['id']}").json == quote
    assert _found(empty_db, "bridge construction finishes before monsoon") == [quote["id"]]


def test_quote_fingerprint_is_its_words_speaker_and_source(client, auth, empty_db):
    source = _source(client, auth, url="https://news.example/a", title="A")
    quote = _post(client, auth, text=BRIDGE, speaker="Ana Lima", source_id=source["id"])
    with Session(empty_db) as s:
        stored = s.get(Quote, quote["id"])
        assert stored.fingerprint == Quote.make_fingerprint(BRIDGE, "Ana Lima", stored.source.key)
        assert stored.source.key == Source.make_key("https://news.example/a", None, "A", None)
    assert quote["source"]["url"] == "https://news.example/a"


def test_quote_takes_its_source_language_when_given_none(client, auth):
    source = _source(client, auth, title="Rapat", language="id")
    assert _post(client, auth, text=BRIDGE, speaker="Ana Lima", source_id=source["id"])["language"] == "id"


def test_quote_from_unknown_source_is_422(client, auth, empty_db):
    body = {"text": BRIDGE, "speaker": "A", "source_id": 99}
    response = client.post("/api/v1/quotes", json=body, headers=auth)
    assert response.status_code == 422
    assert "source_id" in response.json["errors"]
    with Session(empty_db) as s:
        assert s.scalar(select(func.count()).select_from(Speaker)) == 0


def test_speaker_is_matched_by_alias_in_any_case(client, auth, empty_db):
    with Session(empty_db) as s:
        s.add(Speaker(name="Cho Tae-yul", aliases=[SpeakerAlias(alias="Foreign Minister Cho")]))
        s.commit()
    quote = _post(client, auth, text=BRIDGE, speaker="foreign minister CHO")
    assert quote["speaker"]["name"] == "Cho Tae-yul"
    with Session(empty_db) as s:
        assert s.scalar(select(func.count()).select_from(Speaker)) == 1


def test_new_speaker_is_created(client, auth):
    first = _post(client, auth, text=BRIDGE, speaker="Ana Lima")
    second = _post(client, auth, text=HARBOUR, speaker="ana lima")
    assert first["speaker"] == second["speaker"]


def test_duplicate_quote_is_409(client, auth, empty_db):
    _post(client, auth, text=BRIDGE, speaker="Ana Lima")
    response = client.post("/api/v1/quotes", json={"text": BRIDGE, "speaker": "Ana Lima"}, headers=auth)
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert "stored already" in response.json["detail"]
    with Session(empty_db) as s:
        assert s.scalar(select(func.count()).select_from(Quote)) == 1


def test_duplicate_caught_by_the_database_is_409(client, auth, monkeypatch):
    # Two requests racing past the duplicate check: the unique fingerprint still refuses the second.
    _post(client, auth, text=BRIDGE, speaker="Ana Lima")
    monkeypatch.setattr(store, "_refuse_duplicate", lambda *a, **kw: None)
    response = client.post("/api/v1/quotes", json={"text": BRIDGE, "speaker": "Ana Lima"}, headers=auth)
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"speaker": "Ana Lima"}, "text"),
        ({"text": BRIDGE}, "speaker"),
        ({"text": "", "speaker": "Ana Lima"}, "text"),
        ({"text": 12, "speaker": "Ana Lima"}, "text"),
        ({"text": BRIDGE, "speaker": "Ana Lima", "kind": "rumoured"}, "kind"),
        ({"text": BRIDGE, "speaker": "Ana Lima", "said_on": "last week"}, "said_on"),
        ({"text": BRIDGE, "speaker": "Ana Lima", "source_id": "one"}, "source_id"),
        ({"text": BRIDGE, "speaker": "Ana Lima", "spekaer": "x"}, "spekaer"),
        ({"text": BRIDGE, "speaker": "A", "translations": [{"text": "x", "language": "id"}]}, "translations"),
    ],
)
def test_invalid_quote_is_422_with_field_errors(client, auth, body, field):
    response = client.post("/api/v1/quotes", json=body, headers=auth)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.json["errors"]


def test_translations_point_to_their_original(client, auth, empty_db):
    quote = _post(
        client,
        auth,
        text="Jembatan utara akan selesai.",
        speaker="Ana Lima",
        language="id",
        translations=[
            {"text": "The northern bridge will be finished.", "language": "en", "provenance": "editorial"}
        ],
    )
    [translation] = quote["translations"]
    assert (translation["language"], translation["translation_provenance"]) == ("en", "editorial")
    assert client.get(f"/api/v1/quotes/{translation['id']}").json["translation_of"]["id"] == quote["id"]
    assert _found(empty_db, "the northern bridge will be finished") == [translation["id"]]


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_unknown_quote_is_404(client, auth, method):
    response = getattr(client, method)("/api/v1/quotes/404", json={"text": "x"}, headers=auth)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert "404" in response.json["detail"]


def test_quotes_are_filtered_by_speaker_source_language_and_kind(client, auth, empty_db):
    with Session(empty_db) as s:
        s.add(Speaker(name="Cho Tae-yul", aliases=[SpeakerAlias(alias="Minister Cho")]))
        s.commit()
    source = _source(client, auth, url="https://news.example/b", title="B")
    cho = _post(client, auth, text=BRIDGE, speaker="Cho Tae-yul", language="en", source_id=source["id"])
    lima = _post(client, auth, text=HARBOUR, speaker="Ana Lima", language="pt", kind="reported")

    def ids(**query):
        response = client.get("/api/v1/quotes", query_string=query)
        assert response.status_code == 200, response.json
        return [q["id"] for q in response.json["items"]]

    assert ids() == [cho["id"], lima["id"]]
    assert ids(speaker_id=cho["speaker"]["id"]) == [cho["id"]]
    assert ids(speaker="minister cho") == [cho["id"]]
    assert ids(speaker="ANA LIMA") == [lima["id"]]
    assert ids(speaker="Nobody") == []
    assert ids(source_id=source["id"]) == [cho["id"]]
    assert ids(language="pt") == [lima["id"]]
    assert ids(kind="reported") == [lima["id"]]
    assert ids(kind="direct", language="en") == [cho["id"]]


def test_quotes_are_paginated(client, auth):
    posted = [_post(client, auth, text=f"Roads, part {n}.", speaker="Ana Lima")["id"] for n in range(5)]
    page = client.get("/api/v1/quotes?page=2&page_size=2").json
    assert (page["page"], page["page_size"], page["total"]) == (2, 2, 5)
    assert [q["id"] for q in page["items"]] == posted[2:4]
    assert client.get("/api/v1/quotes?page=4&page_size=2").json["items"] == []


@pytest.mark.parametrize(
    "query",
    ["page_size=101", "page_size=0", "page=0", "kind=rumoured", "page=two", "speakr=Ana", "speaker_id=x"],
)
def test_bad_list_arguments_are_422(client, query):
    response = client.get(f"/api/v1/quotes?{query}")
    assert response.status_code == 422
    assert response.json["errors"]


def test_updated_quote_is_found_by_its_new_words(client, auth, empty_db):
    quote = _post(client, auth, text=BRIDGE, speaker="Ana Lima")
    changes = {"text": HARBOUR, "kind": "reported"}
    response = client.patch(f"/api/v1/quotes/{quote['id']}", json=changes, headers=auth)
    assert response.status_code == 200, response.json
    assert (response.json["text"], response.json["kind"]) == (HARBOUR, "reported")
    assert _found(empty_db, "harbour tariffs stay frozen") == [quote["id"]]
    assert _found(empty_db, "bridge construction finishes before monsoon") == []
    with Session(empty_db) as s:
        assert s.get(Quote, quote["id"]).fingerprint == Quote.make_fingerprint(HARBOUR, "Ana Lima", None)


def test_changing_the_speaker_moves_the_quote_and_its_translations(client, auth, empty_db):
    quote = _post(
        client,
        auth,
        text=BRIDGE,
        speaker="Ana Lima",
        translations=[{"text": "Jembatan utara.", "language": "id", "provenance": "official"}],
    )
    response = client.patch(f"/api/v1/quotes/{quote['id']}", json={"speaker": "Rui Costa"}, headers=auth)
    assert response.json["speaker"]["name"] == "Rui Costa"
    assert response.json["translations"][0]["speaker"]["name"] == "Rui Costa"
    with Session(empty_db) as s:
        stored = s.get(Quote, quote["translations"][0]["id"])
        assert stored.fingerprint == Quote.make_fingerprint("Jembatan utara.", "Rui Costa", None)


def test_patch_into_a_duplicate_is_409_and_changes_nothing(client, auth, empty_db):
    _post(client, auth, text=BRIDGE, speaker="Ana Lima")
    other = _post(client, auth, text=HARBOUR, speaker="Ana Lima")
    response = client.patch(f"/api/v1/quotes/{other['id']}", json={"text": BRIDGE}, headers=auth)
    assert response.status_code == 409
    assert client.get(f"/api/v1/quotes/{other['id']}").json["text"] == HARBOUR
    assert _found(empty_db, "harbour tariffs stay frozen") == [other["id"]]


@pytest.mark.parametrize("body", [{"text": None}, {"kind": "rumoured"}, {"speaker": ""}, {"id": 3}])
def test_invalid_patch_is_422(client, auth, body):
    quote = _post(client, auth, text=BRIDGE, speaker="Ana Lima")
    response = client.patch(f"/api/v1/quotes/{quote['id']}", json=body, headers=auth)
    assert response.status_code == 422
    assert set(response.json["errors"]) == set(body)


def test_deleted_quote_is_gone_from_reads_and_search(client, auth, empty_db):
    quote = _post(
        client,
        auth,
        text=BRIDGE,
        speaker="Ana Lima",
        translations=[{"text": "Jembatan utara akan selesai.", "language": "id", "provenance": "official"}],
    )
    kept = _post(client, auth, text=HARBOUR, speaker="Ana Lima")
    response = client.delete(f"/api/v1/quotes/{quote['id']}", headers=auth)
    assert (response.status_code, response.data) == (204, b"")
    assert client.get(f"/api/v1/quotes/{quote['id']}").status_code == 404
    assert client.get(f"/api/v1/quotes/{quote['translations'][0]['id']}").status_code == 404
    assert _found(empty_db, "bridge construction finishes before monsoon") == []
    assert _found(empty_db, "jembatan utara akan selesai") == []
    with Session(empty_db) as s:
        indexed = set()
        for blob in s.scalars(select(Posting.quote_ids)):
            indexed.update(array("i", blob))
        assert indexed == {kept["id"]}
