"""A person on the page who meets an error sees a page saying it; the API and the probes keep problem+json.

A browser asks for ``text/html`` first (``*/*`` comes after, at q=0.8); curl, ``fetch()`` and load
balancers send ``*/*`` and are machines: they get problem+json, as every API client does.
"""

from __future__ import annotations

import pytest

from service import create_app
from service.errors import PROBLEM_JSON

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
CLAIM = "/?claim=Korea+is+an+important+strategic+partner&speaker=Kaja+Kallas"


def _page_saying(response, status: int) -> str:
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert "Content-Security-Policy" in response.headers  # a page like the others, as safe
    page = response.get_data(as_text=True)
    assert 'role="alert"' in page
    assert 'href="/draft"' in page  # a way back to the tools
    return page


@pytest.fixture
def limited(empty_db, database_url):
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "RATE_LIMIT": "2 per minute"})
    yield app.test_client()
    app.extensions["quotetrace.engine"].dispose()


def test_the_rate_limit_on_the_page_is_a_page_saying_when_to_come_back(limited):
    for _ in range(2):
        assert limited.get(CLAIM, headers=BROWSER).status_code == 200
    refused = limited.get(CLAIM, headers=BROWSER)
    page = _page_saying(refused, 429)
    assert "Too Many Requests" in page
    assert f"Retry after {refused.headers['Retry-After']} s" in page


def test_the_api_refuses_the_same_browser_with_problem_json(limited):
    for _ in range(3):
        refused = limited.post("/api/v1/verify", json={"claim": "Korea"}, headers=BROWSER)
    assert refused.status_code == 429
    assert refused.mimetype == PROBLEM_JSON


def test_a_machine_asking_the_page_gets_problem_json(limited):
    for _ in range(3):
        refused = limited.get(CLAIM, headers={"Accept": "*/*"})
    assert refused.status_code == 429
    assert refused.mimetype == PROBLEM_JSON
    assert refused.get_json()["status"] == 429


def test_a_private_deployment_asks_the_browser_for_its_key_on_a_page(empty_db, database_url):
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "REQUIRE_KEYS": True})
    try:
        refused = app.test_client().get(CLAIM, headers=BROWSER)
        page = _page_saying(refused, 401)
        assert refused.headers["WWW-Authenticate"].lower().startswith("basic")  # the browser's own prompt
        assert "API key" in page
    finally:
        app.extensions["quotetrace.engine"].dispose()


def test_the_database_away_is_a_page_saying_to_try_again(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'no-such-folder' / 'quotetrace.db'}"})
    try:
        client = app.test_client()
        page = _page_saying(client.get(CLAIM, headers=BROWSER), 503)
        assert "Try again in 5 seconds" in page
        probe = client.get("/readyz", headers=BROWSER)  # a person looking at a probe: still its JSON
        assert probe.status_code == 503
        assert probe.mimetype != "text/html"
    finally:
        app.extensions["quotetrace.engine"].dispose()


def test_an_address_that_does_not_exist_is_a_page(client):
    page = _page_saying(client.get("/no-such-page", headers=BROWSER), 404)
    assert "Not Found" in page
    assert client.get("/no-such-page").mimetype == PROBLEM_JSON
