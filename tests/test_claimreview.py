"""ClaimReview JSON-LD, read with a real JSON-LD processor (pyld) as a fact-check search engine reads it."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from pyld import jsonld

SCHEMA = "http://schema.org/"
# schema.org's context, as far as this markup uses it: its vocabulary, and ``url`` as an IRI. Served from
# here so that no test fetches it (the published context at https://schema.org says the same of these).
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA, "url": {"@id": f"{SCHEMA}url", "@type": "@id"}}}


def _load(url, options=None):
    if urlsplit(url).netloc.removeprefix("www.") != "schema.org":
        raise jsonld.JsonLdError("only schema.org's context is known here", "loading document failed")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": SCHEMA_CONTEXT,
    }


def _expanded(document: dict) -> dict:
    """The ClaimReview node of the document, expanded: every property a full schema.org IRI."""
    nodes = jsonld.expand(document, {"documentLoader": _load})
    reviews = [n for n in nodes if f"{SCHEMA}ClaimReview" in n.get("@type", [])]
    assert len(reviews) == 1
    return reviews[0]


def _value(node: dict, prop: str):
    values = node.get(f"{SCHEMA}{prop}", [])
    assert values, f"{prop} missing"
    v = values[0]
    return v.get("@value", v.get("@id", v))


def _node(node: dict, prop: str) -> dict:
    return node[f"{SCHEMA}{prop}"][0]


def _ld(client, body: dict) -> dict:
    response = client.post("/api/v1/verify", json=body, headers={"Accept": "application/ld+json"})
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    return response.get_json(force=True)


def test_api_returns_a_claim_review_for_ld_json(client, seeded):
    review = _expanded(
        _ld(client, {"claim": "Korea is the most important strategic partner", "speaker": "Kaja Kallas"})
    )
    assert _value(review, "claimReviewed") == "Korea is the most important strategic partner"
    claim = _node(review, "itemReviewed")
    assert claim["@type"] == [f"{SCHEMA}Claim"]
    author = _node(claim, "author")
    assert author["@type"] == [f"{SCHEMA}Person"]
    assert _value(author, "name") == "Kaja Kallas"
    appearance = _node(claim, "appearance")
    assert _value(_node(appearance, "publisher"), "name") == "Korea.net (korea.kr)"
    assert _value(appearance, "datePublished") == "2025-01-22"
    rating = _node(review, "reviewRating")
    assert _value(rating, "alternateName") == "Altered"
    assert _value(rating, "textualRating") == "Altered"
    assert _value(rating, "ratingExplanation")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", _value(review, "datePublished"))
    assert _value(_node(review, "author"), "name") == "quotetrace"


def test_claim_review_url_is_the_permalink_that_reproduces_the_answer(client, seeded):
    review = _expanded(
        _ld(client, {"claim": "Korea is an important strategic partner", "speaker": "Cho Tae-yul"})
    )
    assert _value(_node(review, "reviewRating"), "alternateName") == "Misattributed"
    url = urlsplit(_value(review, "url"))
    page = client.get(f"{url.path}?{url.query}")
    assert page.status_code == 200
    assert 'class="verdict-word">Misattributed<' in page.text


def test_claim_review_author_comes_from_configuration(empty_db, database_url, seeded):
    from service import create_app

    app = create_app(
        {
            "DATABASE_URL": database_url,
            "TESTING": True,
            "CLAIMREVIEW_AUTHOR_NAME": "The Daily Ledger",
            "CLAIMREVIEW_AUTHOR_URL": "https://ledger.example/",
        }
    )
    try:
        review = _expanded(_ld(app.test_client(), {"claim": "Korea is an important strategic partner"}))
    finally:
        app.extensions["quotetrace.engine"].dispose()
    author = _node(review, "author")
    assert _value(author, "name") == "The Daily Ledger"
    assert _value(author, "url") == "https://ledger.example/"


def test_unverified_claim_review_names_no_appearance(client, seeded):
    review = _expanded(
        _ld(client, {"claim": "The weather in Paris was lovely all week long", "speaker": "Kaja Kallas"})
    )
    assert _value(_node(review, "reviewRating"), "alternateName") == "Unverified"
    claim = _node(review, "itemReviewed")
    assert f"{SCHEMA}appearance" not in claim
    assert _value(_node(claim, "author"), "name") == "Kaja Kallas"


def test_plain_json_is_still_the_default(client, seeded):
    response = client.post("/api/v1/verify", json={"claim": "Korea is an important strategic partner"})
    assert response.mimetype == "application/json"
    assert response.get_json()["verdict"] == "verified"


@pytest.mark.parametrize(
    ("claim", "speaker", "verdict"),
    [
        ("Korea is an important strategic partner", "Kaja Kallas", "Verified"),
        ("Korea is an important strategic partner", "Cho Tae-yul", "Misattributed"),
    ],
)
def test_answer_page_embeds_the_claim_review(client, seeded, claim, speaker, verdict):
    page = client.get("/", query_string={"claim": claim, "speaker": speaker})
    found = re.search(
        r'<script type="application/ld\+json" id="claim-review">(.*?)</script>', page.text, re.S
    )
    assert found
    # Jinja's tojson escapes <, > and & inside the script as \u003c...: plain JSON still.
    review = _expanded(json.loads(found.group(1)))
    assert _value(review, "claimReviewed") == claim
    assert _value(_node(review, "reviewRating"), "alternateName") == verdict
    assert _value(_node(_node(review, "itemReviewed"), "author"), "name") == speaker
