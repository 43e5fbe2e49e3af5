"""Import and export in the corpus format: bad rows reported, good rows land, re-runs add nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from service.corpus import export_file, import_file
from service.db import session_scope
from service.models import Quote, Source, Speaker
from service.search import query_index
from service.verification import verify
from tests.conftest import empty_database

ROWS = [
    {
        "ref": "q1",
        "text": "The only thing we have to fear is fear itself.",
        "speaker": "Franklin D. Roosevelt",
        "language": "en",
        "source": {
            "title": "First inaugural address",
            "publisher": "US Government",
            "url": None,
            "published_at": "1933-03-04",
        },
    },
    {
        "ref": "q2",
        "text": "Ask not what your country can do for you; ask what you can do for your country.",
        "speaker": "John F. Kennedy",
        "language": "en",
        "source": {
            "title": "Inaugural address",
            "publisher": "US Government",
            "url": "https://example.org/jfk-1961",
            "published_at": "1961-01-20",
        },
    },
    {
        "ref": "q3",
        "text": "I have a dream that one day this nation will rise up.",
        "speaker": "Martin Luther King Jr.",
        "language": "en",
        "source": None,
    },
]


def _write_jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _counts(engine):
    with session_scope(engine) as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Quote, Speaker, Source))


def test_good_rows_land_and_bad_rows_are_reported_by_line(empty_db, tmp_path):
    lines = [
        json.dumps(ROWS[0]),
        "{not json",
        json.dumps({"ref": "x", "speaker": "Nobody"}),
        json.dumps({**ROWS[1], "source": {**ROWS[1]["source"], "published_at": "yesterday"}}),
        json.dumps({**ROWS[2], "speaker": 42}),
        json.dumps(ROWS[1]),
        "[1, 2]",
    ]
    report = import_file(empty_db, _write_jsonl(tmp_path / "mixed.jsonl", lines))

    assert report.added == 2
    reasons = dict(report.errors)
    assert sorted(reasons) == [2, 3, 4, 5, 7]
    assert "JSON" in reasons[2]
    assert "text" in reasons[3]
    assert "published_at" in reasons[4]
    assert "speaker" in reasons[5]
    assert _counts(empty_db)[0] == 2


def test_importing_the_same_file_again_adds_nothing(empty_db, tmp_path):
    path = _write_jsonl(tmp_path / "c.jsonl", [json.dumps(r) for r in ROWS])
    first = import_file(empty_db, path)
    before = _counts(empty_db)
    second = import_file(empty_db, path)

    assert (first.added, second.added, second.duplicates) == (3, 0, 3)
    assert _counts(empty_db) == before


def test_imported_quotes_are_found_by_the_index(empty_db, tmp_path):
    import_file(empty_db, _write_jsonl(tmp_path / "c.jsonl", [json.dumps(r) for r in ROWS]))
    with session_scope(empty_db) as s:
        ids = query_index(s, "what your country can do for you")
        assert s.get(Quote, ids[0]).speaker.name == "John F. Kennedy"


def _many_rows(n):
    """Rows with words of their own (so the index gets thousands of distinct words), a few bad."""
    lines = []
    for i in range(n):
        if i % 997 == 13:
            lines.append("{broken")
            continue
        words = " ".join(f"w{i}x{j}" for j in range(6))
        row = {"text": f"Quote number {words} said plainly.", "speaker": f"Speaker {i % 50}"}
        lines.append(json.dumps(row))
    return lines


def test_parsing_in_worker_processes_stores_what_one_process_stores(empty_db, tmp_path):
    path = _write_jsonl(tmp_path / "many.jsonl", _many_rows(4_500))

    serial = import_file(empty_db, path, jobs=0, batch=1_000)
    with session_scope(empty_db) as s:
        stored = sorted(s.execute(select(Quote.text, Quote.fingerprint)).all())
        found = s.get(Quote, query_index(s, "w4321x2 w4321x5 said plainly")[0]).text
    empty_database(empty_db)
    parallel = import_file(empty_db, path, jobs=2, batch=1_000)

    assert (parallel.read, parallel.added, parallel.errors) == (serial.read, serial.added, serial.errors)
    assert [line for line, _ in parallel.errors] == [14, 1011, 2008, 3005, 4002]
    with session_scope(empty_db) as s:
        assert sorted(s.execute(select(Quote.text, Quote.fingerprint)).all()) == stored
        top = s.get(Quote, query_index(s, "w4321x2 w4321x5 said plainly")[0])
        expected = "Quote number " + " ".join(f"w4321x{j}" for j in range(6)) + " said plainly."
        assert top.text == found == expected
    again = import_file(empty_db, path, jobs=2)
    assert (again.added, again.duplicates) == (0, serial.added)


def test_csv_with_the_same_columns_imports(empty_db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "ref,text,speaker,language,source.title,source.publisher,source.url,source.published_at\n"
        'c1,"Hello, world.",Ada Lovelace,en,Notes,Self,,1843-01-01\n'
        "c2,,Nobody,en,,,,\n",
        encoding="utf-8",
    )
    report = import_file(empty_db, path)
    assert report.added == 1
    assert [line for line, _ in report.errors] == [3]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_export_then_import_into_an_empty_database_gives_back_the_same_quotes(
    empty_db, seeded, tmp_path, suffix
):
    import_file(empty_db, _write_jsonl(tmp_path / "c.jsonl", [json.dumps(r) for r in ROWS]))
    exported = tmp_path / f"out{suffix}"
    with session_scope(empty_db) as s:
        n = export_file(s, exported)
        before = _snapshot(s)
    assert n == _counts(empty_db)[0]

    empty_database(empty_db)
    report = import_file(empty_db, exported)
    assert report.errors == []
    with session_scope(empty_db) as s:
        assert _snapshot(s) == before


def _snapshot(session):
    """Quotes and speakers (aliases, roles, with quotes or none), sources, translation links: ids aside."""
    out = set()
    for sp in session.scalars(select(Speaker)):
        roles = tuple(
            sorted((r.title, r.organisation, r.start_date, r.end_date, tuple(r.aliases)) for r in sp.roles)
        )
        out.add((sp.name, sp.wikidata_qid, sp.description, tuple(sorted(a.alias for a in sp.aliases)), roles))
    for q in session.scalars(select(Quote)):
        src = q.source
        out.add(
            (
                q.text,
                q.speaker.name,
                q.language,
                q.kind,
                q.said_on,
                q.context,
                q.translation_provenance,
                q.translation_of.text if q.translation_of else None,
                (src.url, src.title, src.publisher, src.author, src.published_at, src.language)
                if src
                else None,
            )
        )
    return out


def test_goodreads_style_rows_import_with_the_work_as_source(empty_db, tmp_path):
    rows = [
        {"quote": "It is a truth universally acknowledged.", "author": "Jane Austen, Pride and Prejudice"},
        {"quote": "Be yourself; everyone else is already taken.", "author": "Oscar Wilde", "category": "x"},
        {"quote": "No author here.", "author": None},
    ]
    lines = [json.dumps(r) for r in rows]
    report = import_file(empty_db, _write_jsonl(tmp_path / "goodreads.jsonl", lines))

    assert report.added == 2
    assert [(line, "speaker" in reason) for line, reason in report.errors] == [(3, True)]
    with session_scope(empty_db) as s:
        austen = s.scalars(select(Quote).join(Speaker).where(Speaker.name == "Jane Austen")).one()
        assert austen.source.title == "Pride and Prejudice"
        wilde = s.scalars(select(Quote).join(Speaker).where(Speaker.name == "Oscar Wilde")).one()
        assert wilde.source is None


def test_a_claim_of_common_words_is_found_among_many_quotes_holding_its_changed_word(empty_db, tmp_path):
    # The claim's rarest word ("money") is the writer's own. 120 quotes hold every word of the claim, that
    # one too, in another order: the rare-word look fills its 100 candidates with them, and none is the
    # quote. The wide look, counting common words too, brings the quote, and the engine shows the change.
    claim = "What does love mean if we would money it"
    original = "What does love mean if we would deny it to others?"
    rows = [
        {"text": "It money would we, if mean love does what?", "speaker": f"Decoy {i}"} for i in range(120)
    ]
    rows.append({"text": original, "speaker": "Cassandra Clare"})
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    import_file(empty_db, path)
    with session_scope(empty_db) as session:
        wanted = session.scalar(select(Quote.id).where(Quote.text == original))
        assert wanted not in query_index(session, claim)
        result = verify(session, claim)
    assert result["verdict"] == "altered"
    top = result["matches"][0]
    assert top["quote"]["text"] == original
    assert top["quote"]["speaker"]["name"] == "Cassandra Clare"
    assert [(d["claim"], d["quote"]) for d in top["diff"] if d["op"] != "equal"] == [("money", "deny")]


def test_export_keeps_speakers_without_quotes_with_their_aliases_and_roles(empty_db, seeded, tmp_path):
    exported = tmp_path / "out.jsonl"
    with session_scope(empty_db) as s:
        export_file(s, exported)
    empty_database(empty_db)
    import_file(empty_db, exported)
    with session_scope(empty_db) as s:
        brunson = s.scalar(select(Speaker).where(Speaker.name == "Xavier Brunson"))
        assert brunson is not None
        assert "Bruson" in [a.alias for a in brunson.aliases]
        assert brunson.roles


@pytest.mark.parametrize("suffix", [".jsonl"])
def test_an_empty_string_stays_an_empty_string_through_export_and_import(empty_db, tmp_path, suffix):
    row = {**ROWS[2], "context": "", "source": {"title": "Speech", "publisher": ""}}
    import_file(empty_db, _write_jsonl(tmp_path / "in.jsonl", [json.dumps(row)]))
    exported = tmp_path / f"out{suffix}"
    with session_scope(empty_db) as s:
        export_file(s, exported)
    empty_database(empty_db)
    import_file(empty_db, exported)
    with session_scope(empty_db) as s:
        quote = s.scalar(select(Quote))
        assert quote.context == ""
        assert quote.source.publisher == ""


def test_a_file_with_a_nul_row_stores_every_good_row_and_names_the_bad_line(empty_db, tmp_path):
    good = [{**ROWS[0], "ref": f"r{i}", "text": f"Quote number {i} about the harbour."} for i in range(50)]
    lines = [json.dumps(r) for r in good]
    lines.insert(20, json.dumps({**ROWS[1], "text": "We open\u0000 the bridge."}))
    lines.insert(30, json.dumps({**ROWS[1], "speaker": "Ann \udc00 Lee"}))
    report = import_file(empty_db, _write_jsonl(tmp_path / "nul.jsonl", lines), batch=1_000)
    assert report.added == 50
    assert sorted(line for line, _ in report.errors) == [21, 31]
    assert "text" in dict(report.errors)[21]
    assert "speaker" in dict(report.errors)[31]
    assert _counts(empty_db)[0] == 50


def test_a_row_the_database_refuses_is_reported_by_line_and_the_rest_of_its_batch_lands(
    empty_db, tmp_path, monkeypatch
):
    from service.corpus import importing

    parse = importing.parse_row

    def parse_letting_one_bad_kind_through(line, record):
        row = parse(line, record)
        # What the database's CHECK constraint refuses, got past the row checks (as NUL once did).
        return row._replace(kind="rumour") if line == 7 else row

    monkeypatch.setattr(importing, "parse_row", parse_letting_one_bad_kind_through)
    good = [{**ROWS[0], "ref": f"r{i}", "text": f"Quote number {i} about the harbour."} for i in range(12)]
    report = import_file(empty_db, _write_jsonl(tmp_path / "rows.jsonl", [json.dumps(r) for r in good]))
    assert report.added == 11
    assert [line for line, _ in report.errors] == [7]
    assert "refused by the database" in report.errors[0][1]
    with session_scope(empty_db) as s:
        assert s.scalar(select(func.count()).select_from(Quote)) == 11
        assert s.scalar(select(func.count()).select_from(Speaker)) == 1
        assert query_index(s, "Quote number 3 about the harbour")


def test_a_row_with_no_word_is_reported_by_line(empty_db, tmp_path):
    lines = [
        json.dumps(ROWS[0]),
        json.dumps({**ROWS[1], "text": "..."}),
        json.dumps({**ROWS[2], "text": "😀😀"}),
    ]
    report = import_file(empty_db, _write_jsonl(tmp_path / "w.jsonl", lines))
    assert report.added == 1
    assert sorted(line for line, _ in report.errors) == [2, 3]
