"""The page without a browser: what the server sends for the form's good and bad input."""

from __future__ import annotations


def test_page_at_root_has_the_form_and_a_strict_content_security_policy(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert '<label for="claim">Quote</label>' in response.text
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy


def test_posted_form_redirects_to_the_permalink_of_its_answer(client, seeded):
    response = client.post(
        "/", data={"claim": "Korea is an important strategic partner", "speaker": "Kaja Kallas"}
    )
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/?claim=Korea+is+an+important")
    page = client.get(response.headers["Location"])
    assert 'class="verdict-word">Verified<' in page.text


def test_blank_quote_is_refused_beside_the_field(client):
    response = client.post("/", data={"claim": "   ", "speaker": "Kaja Kallas"})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    assert "Type or paste the quote to verify." in response.text


def test_a_date_that_is_no_date_is_refused_beside_the_field(client, seeded):
    response = client.get(
        "/", query_string={"claim": "Korea is an important strategic partner", "said_on": "soon"}
    )
    assert response.status_code == 422
    assert "Give the date as year-month-day" in response.text


def test_blank_draft_is_refused_beside_the_field(client):
    response = client.post("/draft", data={"draft": ""})
    assert response.status_code == 422
    assert "Paste the draft to check." in response.text


def test_stored_markup_is_escaped_in_the_html(client, session):
    from service import store

    store.create_quote(
        session, store.QuoteDraft(text="<b>bold</b> words we said on the record today", speaker="<i>X</i>")
    )
    session.commit()
    page = client.get("/", query_string={"claim": "<b>bold</b> words we said on the record today"})
    assert "<b>bold</b>" not in page.text
    assert "&lt;b&gt;bold&lt;/b&gt;" in page.text
    assert "<i>X</i>" not in page.text
