"""/api/v1/sources: a source and its quotes, stored together or not at all."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import store
from service.models import IndexTerm, Posting, Quote, Source, Speaker
from service.search import query_index

ARTICLE = {
    "url": "https://news.example/2024/03/bridge",
    "title": "Bridge to open before monsoon",
    "publisher": "Example News",
    "author": "R. Writer",
    "published_at": "2024-03-01",
    "language": "en",
    "standing": "publication",
    "body": "The minister said the bridge would open early.",
    "quotes": [
        {"text": "Northern bridge construction finishes before monsoon season.", "speaker": "Ana Lima"},
        {
            "text": "Harbour tariffs stay frozen another year.",
            "speaker": "Rui Costa",
            "kind": "reported",
            "said_on": "2024-02-28",
            "context": "at a press briefing",
            "translations": [
                {"text": "Tarif pelabuhan tetap dibekukan.", "language": "id", "provenance": "editorial"}
            ],
        },
    ],
}


def _counts(engine) -> dict[str, int]:
    with Session(engine) as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in (Source, Quote, Speaker, Posting)
        }


def _post(client, auth, body=ARTICLE):
    return client.post("/api/v1/sources", json=body, headers=auth)


def test_source_is_stored_with_its_quotes(client, auth, empty_db):
    response = _post(client, auth)
    assert response.status_code == 201, response.json
    source = response.json
    assert {k: source[k] for k in store.SOURCE_FIELDS} == {k: ARTICLE[k] for k in store.SOURCE_FIELDS}
    bridge, harbour = source["quotes"]
    assert (bridge["speaker"]["name"], bridge["kind"], bridge["language"]) == ("Ana Lima", "direct", "en")
    assert (harbour["kind"], harbour["said_on"]) == ("reported", "2024-02-28")
    assert harbour["context"] == "at a press briefing"
    assert [t["text"] for t in harbour["translations"]] == ["Tarif pelabuhan tetap dibekukan."]
    assert client.get(f"/api/v1/sources/{source['id']}").json == source
    counts = _counts(empty_db)
    assert (counts["sources"], counts["quotes"], counts["speakers"]) == (1, 3, 2)
    assert counts["postings"] > 0
    with Session(empty_db) as s:
        assert query_index(s, "harbour tariffs stay frozen") == [harbour["id"]]
        assert s.scalar(select(Source.key)) == Source.make_key(ARTICLE["url"], None, None, None)


def test_source_without_url_is_identified_by_publisher_title_and_date(client, auth):
    body = {**ARTICLE, "url": None, "quotes": []}
    assert _post(client, auth, body).status_code == 201
    response = _post(client, auth, body)
    assert response.status_code == 409
    assert "publisher, title and date" in response.json["detail"]


def test_source_with_a_stored_url_is_409(client, auth, empty_db):
    assert _post(client, auth).status_code == 201
    response = _post(client, auth, {**ARTICLE, "title": "Another title", "quotes": []})
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert "URL" in response.json["detail"]
    assert _counts(empty_db)["sources"] == 1


def test_failed_source_post_stores_nothing(client, auth, empty_db):
    # The third quote repeats the first: refused after the source, two speakers and two quotes are written.
    quotes = [*ARTICLE["quotes"], ARTICLE["quotes"][0]]
    response = _post(client, auth, {**ARTICLE, "quotes": quotes})
    assert response.status_code == 409
    assert response.json["detail"].startswith("Quote 2:")
    assert _counts(empty_db) == {"sources": 0, "quotes": 0, "speakers": 0, "postings": 0}
    with Session(empty_db) as s:
        assert s.scalar(select(func.coalesce(func.sum(IndexTerm.df), 0))) == 0


def test_source_with_an_invalid_quote_is_422_and_stores_nothing(client, auth, empty_db):
    quotes = [*ARTICLE["quotes"], {"text": "Words.", "speaker": "Ana Lima", "kind": "rumoured"}]
    response = _post(client, auth, {**ARTICLE, "quotes": quotes})
    assert response.status_code == 422
    assert response.json["errors"] == {"quotes": {"2": {"kind": ["Must be one of: direct, reported."]}}}
    assert _counts(empty_db) == {"sources": 0, "quotes": 0, "speakers": 0, "postings": 0}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"quotes": []}, "url"),
        ({"url": "not a url", "quotes": []}, "url"),
        ({"title": "T", "published_at": "March", "quotes": []}, "published_at"),
        ({"title": "T", "quotes": [{"text": "Words."}]}, "quotes"),
        ({"title": "T", "quotes": "none"}, "quotes"),
        ({"title": "T", "headline": "H"}, "headline"),
    ],
)
def test_invalid_source_is_422_with_field_errors(client, auth, body, field):
    response = _post(client, auth, body)
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_extracted_quotes_become_drafts(session):
    mention = SimpleNamespace(name="Ana Lima")
    extracted = [
        SimpleNamespace(text="The bridge opens in May.", kind="direct", speaker=mention),
        SimpleNamespace(text="Nobody knows who said this.", kind="direct", speaker=None),
        SimpleNamespace(text="tariffs would stay frozen", kind="reported", speaker=mention),
    ]
    drafts = store.drafts_from_extraction(extracted, language="en")
    assert drafts == [
        store.QuoteDraft(text="The bridge opens in May.", speaker="Ana Lima", language="en"),
        store.QuoteDraft("tariffs would stay frozen", "Ana Lima", kind="reported", language="en"),
    ]
    source = store.create_source_with_quotes(session, {"title": "Extracted"}, drafts)
    assert [q.text for q in source.quotes] == [d.text for d in drafts]


def test_sources_are_paginated(client, auth):
    ids = [_post(client, auth, {"title": f"Story {n}"}).json["id"] for n in range(3)]
    page = client.get("/api/v1/sources?page=2&page_size=2").json
    assert (page["page"], page["page_size"], page["total"]) == (2, 2, 3)
    assert [s["id"] for s in page["items"]] == ids[2:]
    assert "quotes" not in page["items"][0]
    assert "body" not in page["items"][0]


def test_unknown_source_is_404(client):
    response = client.get("/api/v1/sources/404")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_get_or_create_source_returns_the_stored_source(session):
    first = store.get_or_create_source(session, url="https://news.example/x", title="X")
    again = store.get_or_create_source(session, url="https://news.example/x", title="Changed")
    assert again is first
    assert first.key == Source.make_key("https://news.example/x", None, "X", None)
