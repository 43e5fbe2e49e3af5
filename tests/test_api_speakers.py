"""/api/v1/speakers: speakers with their aliases, roles and quote counts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from service import store
from service.models import Speaker, SpeakerAlias, SpeakerRole


@pytest.fixture
def cho(empty_db) -> int:
    """Cho Tae-yul, with an alias and two roles, and no quotes yet."""
    with Session(empty_db) as s:
        speaker = Speaker(
            name="Cho Tae-yul",
            aliases=[SpeakerAlias(alias="Minister Cho"), SpeakerAlias(alias="조태열")],
            roles=[
                SpeakerRole(
                    title="Ambassador to the UN",
                    organisation="ROK",
                    start_date=date(2019, 1, 1),
                    end_date=date(2022, 5, 1),
                ),
                SpeakerRole(
                    title="Minister of Foreign Affairs", organisation="ROK", start_date=date(2024, 1, 12)
                ),
            ],
        )
        s.add(speaker)
        s.commit()
        return speaker.id


def _post(client, auth, text: str, speaker: str) -> dict:
    response = client.post("/api/v1/quotes", json={"text": text, "speaker": speaker}, headers=auth)
    assert response.status_code == 201, response.json
    return response.json


def test_speaker_lists_aliases_roles_and_quote_count(client, auth, cho):
    _post(client, auth, "Korea is an important strategic partner.", "Cho Tae-yul")
    _post(client, auth, "We seek dialogue with the north.", "minister cho")
    assert client.get(f"/api/v1/speakers/{cho}").json == {
        "id": cho,
        "name": "Cho Tae-yul",
        "wikidata_qid": None,
        "description": None,
        "aliases": ["Minister Cho", "조태열"],
        "roles": [
            {
                "title": "Ambassador to the UN",
                "organisation": "ROK",
                "start_date": "2019-01-01",
                "end_date": "2022-05-01",
            },
            {
                "title": "Minister of Foreign Affairs",
                "organisation": "ROK",
                "start_date": "2024-01-12",
                "end_date": None,
            },
        ],
        "quote_count": 2,
    }


def test_speakers_are_listed_by_name_with_counts(client, auth, cho):
    _post(client, auth, "Harbour tariffs stay frozen.", "Ana Lima")
    page = client.get("/api/v1/speakers").json
    assert [(s["name"], s["quote_count"]) for s in page["items"]] == [("Ana Lima", 1), ("Cho Tae-yul", 0)]
    assert (page["page"], page["page_size"], page["total"]) == (1, 20, 2)
    assert client.get("/api/v1/speakers?page=2&page_size=1").json["items"][0]["name"] == "Cho Tae-yul"


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("tae", ["Cho Tae-yul"]),
        ("MINISTER", ["Cho Tae-yul"]),
        ("lim", ["Ana Lima"]),
        ("a", ["Ana Lima", "Cho Tae-yul"]),
        ("%", []),
        ("zz", []),
    ],
)
def test_speakers_are_found_by_part_of_a_name_or_alias(client, auth, cho, q, names):
    _post(client, auth, "Harbour tariffs stay frozen.", "Ana Lima")
    page = client.get("/api/v1/speakers", query_string={"q": q}).json
    assert [s["name"] for s in page["items"]] == names
    assert page["total"] == len(names)


def test_speaker_list_counts_quotes_in_sql(client, auth, cho, empty_db):
    for n in range(6):
        _post(client, auth, f"Statement {n} on trade.", "Cho Tae-yul")
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    engine = client.application.extensions["quotetrace.engine"]
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get("/api/v1/speakers").json["items"][0]["quote_count"] == 6
    finally:
        event.remove(engine, "before_cursor_execute", record)
    # The total, the page (with the counts), aliases, roles: no statement reads the quotes themselves.
    assert len([s for s in statements if "speaker" in s]) == 4
    assert not any("quotes.text" in s for s in statements)


def test_unknown_speaker_is_404(client):
    response = client.get("/api/v1/speakers/404")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_bad_speaker_list_arguments_are_422(client):
    assert client.get("/api/v1/speakers?page_size=500").status_code == 422


def test_alias_of_several_speakers_is_422(client, auth, empty_db):
    with Session(empty_db) as s:
        s.add_all(
            [
                Speaker(name="Ana Lima", aliases=[SpeakerAlias(alias="The Minister")]),
                Speaker(name="Rui Costa", aliases=[SpeakerAlias(alias="The Minister")]),
            ]
        )
        s.commit()
    response = client.post("/api/v1/quotes", json={"text": "Words.", "speaker": "the minister"}, headers=auth)
    assert response.status_code == 422
    assert "Ana Lima, Rui Costa" in response.json["errors"]["speaker"][0]


def test_get_or_create_speaker_adds_new_aliases_once(session):
    speaker = store.get_or_create_speaker(session, "Ana Lima", aliases=["Minister Lima", "ana lima"])
    again = store.get_or_create_speaker(session, "minister lima", aliases=["MINISTER LIMA", "A. Lima"])
    assert again is speaker
    assert [a.alias for a in speaker.aliases] == ["Minister Lima", "A. Lima"]
