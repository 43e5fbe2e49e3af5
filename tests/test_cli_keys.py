"""`quotetrace keys create NAME --scope S` and `keys list`, as an administrator runs them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from service.cli import main
from service.db import make_engine
from service.migrate import upgrade


@pytest.fixture
def run(empty_db, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def _row(output: str, name: str) -> list[str]:
    (line,) = [line for line in output.splitlines() if line.split()[:1] == [name]]
    return line.split()


def test_a_key_is_made_with_a_scope_and_works_with_it(run, client):
    key = run("keys", "create", "factdesk", "--scope", "verify").stdout.strip()
    headers = {"Authorization": f"Bearer {key}"}
    assert client.post("/api/v1/verify", json={"claim": "a claim"}, headers=headers).status_code == 200
    refused = client.post("/api/v1/quotes", json={"text": "Words.", "speaker": "Ana Lima"}, headers=headers)
    assert refused.status_code == 403


def test_an_unknown_scope_is_refused_with_the_choices(run):
    result = run("keys", "create", "desk", "--scope", "root")
    assert result.exit_code == 2
    assert "verify" in result.output
    assert "admin" in result.output


def test_keys_list_shows_scopes_and_times_but_never_the_key(run, client):
    writer = run("keys", "create", "cms").stdout.strip()
    run("keys", "create", "editor", "--scope", "admin")
    run("keys", "create", "intern", "--scope", "verify")
    run("keys", "revoke", "intern")
    quote = {"text": "Words.", "speaker": "Ana Lima"}
    headers = {"Authorization": f"Bearer {writer}"}
    assert client.post("/api/v1/quotes", json=quote, headers=headers).status_code == 201

    listed = run("keys", "list")
    assert listed.exit_code == 0
    assert listed.output.split()[:2] == ["NAME", "SCOPES"]
    assert writer not in listed.output
    assert "qt_" not in listed.output
    cms, editor, intern = (_row(listed.output, name) for name in ("cms", "editor", "intern"))
    assert cms[1] == "verify,write"
    assert editor[1] == "verify,write,admin"
    # created (date time), last used (date time or -), revoked (date time or -), quotes and sources stored
    assert len(cms) == 1 + 1 + 2 + 2 + 1 + 2, cms
    assert cms[-3:] == ["-", "1", "0"]  # not revoked; stored the one quote, no source
    assert editor[4:] == ["-", "-", "0", "0"]  # never used, not revoked, stored nothing
    assert intern[-3] != "-"


def test_a_key_made_before_scopes_becomes_a_write_key(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0008_quote_vectors")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO api_keys (name, key_hash, created_at) VALUES ('old', :h, CURRENT_TIMESTAMP)"),
            {"h": "0" * 64},
        )
    upgrade(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT scope, last_used_at FROM api_keys")).one() == ("write", None)
    engine.dispose()
