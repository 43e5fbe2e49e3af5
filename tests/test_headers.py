"""Every response: its request id, nosniff, a referrer policy; every HTML page: a Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from service.headers import content_security_policy


@pytest.mark.parametrize("path", ["/api/v1/quotes", "/api/v1/nothing-here", "/healthz", "/"])
def test_every_response_says_nosniff_and_a_referrer_policy(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_a_sane_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-Id": "9f1c2e0a-6b1d-4d7e-a1f2-0c3b4d5e6f70"})
    assert response.headers["X-Request-Id"] == "9f1c2e0a-6b1d-4d7e-a1f2-0c3b4d5e6f70"


@pytest.mark.parametrize("sent", [None, "", "has spaces", "x" * 129, "line\u2028break", 'quote"d'])
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, sent):
    headers = {} if sent is None else {"X-Request-Id": sent}
    made = client.get("/api/v1/quotes/999", headers=headers).headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)


def test_the_page_allows_nothing_inline_and_nothing_from_elsewhere(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_docs_page_allows_its_own_inline_script_by_its_hash_only(client):
    response = client.get("/api/docs")
    policy = response.headers["Content-Security-Policy"]
    inline = re.search(r"<script>(.*?)</script>", response.get_data(as_text=True), re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}'" in policy
    assert "'unsafe-inline'" not in policy


def test_json_ld_data_blocks_need_no_hash():
    policy = content_security_policy('<script type="application/ld+json">{"a": 1}</script>')
    assert "sha256" not in policy


def test_json_answers_carry_no_content_security_policy(client):
    assert "Content-Security-Policy" not in client.get("/api/v1/quotes").headers


def test_a_query_longer_than_any_valid_one_is_refused_before_the_view(client):
    response = client.get("/api/v1/verify", query_string={"claim": "a" * 7_000})
    assert response.status_code == 414
    assert response.mimetype == "application/problem+json"
    assert "POST" in response.get_json()["detail"]
    # the same length of Korean characters percent-encoded (nine bytes each) is not the request's fault
    assert client.get("/api/v1/verify", query_string={"claim": "한" * 5_000}).status_code == 200
