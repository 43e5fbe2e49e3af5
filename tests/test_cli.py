"""The quotetrace command, run as a user runs it (click's runner, the test database via DATABASE_URL)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from service.cli import main
from service.db import session_scope
from service.models import ApiKey, Quote, Source


@pytest.fixture
def run(empty_db, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def test_seed_twice_says_nothing_was_added_the_second_time(run):
    assert "8 quotes added" in run("seed").output
    assert "0 quotes added" in run("seed").output


def test_import_reports_bad_rows_by_line_and_ends_with_a_summary(run, tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        json.dumps({"text": "A good row.", "speaker": "Ann Example"}) + "\n{broken\n", encoding="utf-8"
    )
    result = run("import", str(path))
    assert f"{path}:2: not valid JSON" in result.output
    assert "1 quotes added" in result.output
    assert "1 bad" in result.output


def test_export_writes_every_quote_and_the_speakers_with_none(run, tmp_path):
    run("seed")
    result = run("export", str(tmp_path / "out.jsonl"))
    assert "exported 8 quotes" in result.output
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum("text" in r for r in rows) == 8
    # The seed's Xavier Brunson has no quote: he is exported with his alias all the same.
    (brunson,) = [r for r in rows if "text" not in r]
    assert brunson["speaker"] == "Xavier Brunson"
    assert "Bruson" in brunson["speaker_info"]["aliases"]


def test_keys_are_shown_once_and_can_be_revoked(run, empty_db):
    key = run("keys", "create", "newsroom").stdout.strip()
    assert key.startswith("qt_")
    with session_scope(empty_db) as s:
        stored = s.scalar(select(ApiKey))
        assert stored.key_hash != key
    assert run("keys", "create", "newsroom").exit_code != 0
    assert "revoked" in run("keys", "revoke", "newsroom").output
    assert run("keys", "revoke", "nobody").exit_code != 0


def test_ingest_html_article_stores_source_and_extracted_quotes(run, empty_db, tmp_path):
    page = tmp_path / "article.html"
    page.write_text(
        "<!doctype html><html lang='en'><head><title>Harbour reopens</title>"
        "<link rel='canonical' href='https://news.example/harbour'><script>var x = '\"no\"';</script></head>"
        "<body><nav>Home</nav><p>Mayor Lena Ortiz said: \u201cThe harbour will reopen on Monday for every "
        "fishing boat.\u201d</p></body></html>",
        encoding="utf-8",
    )
    result = run("ingest", str(page))
    assert "stored 1 quotes from 1 articles" in result.output
    with session_scope(empty_db) as s:
        source = s.scalar(select(Source))
        assert (source.title, source.url) == ("Harbour reopens", "https://news.example/harbour")
        quote = s.scalar(select(Quote))
        assert quote.text == "The harbour will reopen on Monday for every fishing boat."
        assert quote.speaker.name == "Lena Ortiz"


def test_ingest_dry_run_stores_nothing(run, empty_db, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        'Lena Ortiz said: "The harbour will reopen on Monday for every fishing boat."', encoding="utf-8"
    )
    result = run("ingest", "--dry-run", str(path))
    assert "Lena Ortiz: The harbour will reopen" in result.output
    with session_scope(empty_db) as s:
        assert s.scalar(select(func.count()).select_from(Quote)) == 0


def test_check_prints_each_quotation_with_its_verdict(run, tmp_path):
    run("seed")
    draft = 'Kaja Kallas said: "Korea is the most important strategic partner for the EU."\n'
    result = run("check", "-", "--no-color", input=draft)
    assert "altered" in result.output
    assert "Kaja Kallas" in result.output
    assert "1 quotation: 1 altered" in result.output


def test_check_exits_1_on_an_altered_quote_and_0_on_the_seed_article(run):
    from tests.conftest import SEED_ARTICLE

    run("seed")
    altered = run(
        "check",
        "-",
        "--no-color",
        input='Kaja Kallas said: "Korea is the most important strategic partner for the EU."\n',
    )
    assert altered.exit_code == 1
    if SEED_ARTICLE.exists():
        assert run("check", str(SEED_ARTICLE), "--no-color").exit_code == 0


def test_check_usage_error_exits_2(run):
    assert run("check", "/no/such/draft.txt").exit_code == 2


def test_check_format_json_prints_the_api_response(run):
    run("seed")
    result = run(
        "check",
        "-",
        "--format",
        "json",
        input='Kaja Kallas said: "Korea is the most important strategic partner for the EU."\n',
    )
    body = json.loads(result.output)
    assert body["summary"] == {"altered": 1}
    assert body["quotes"][0]["verification"]["verdict"] == "altered"
    assert result.exit_code == 1
