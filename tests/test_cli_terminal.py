"""The quotetrace command on a real pseudo-terminal, where people run it: progress bars, colours, exit codes.

Each test starts the installed ``quotetrace`` as a separate process whose stdin, stdout and stderr are a
pty (so ``isatty()`` is true, as in a terminal window), on the test database via DATABASE_URL.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import pty
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select as sql_select

from service.corpus import import_file
from service.db import session_scope
from service.models import Quote
from service.store import QuoteDraft, create_quote
from tests.browser.test_verify_page import FUND_EN_OTHER_SUM, FUND_EN_REVERSED, FUND_ID
from tests.conftest import DATA, SEED_ARTICLE

QUOTETRACE = Path(sys.executable).with_name("quotetrace")
# Generous: a run shares 2 cores with other work; no test asserts how long anything took.
TIMEOUT_SECONDS = 600


def on_terminal(*args: str, env: dict, columns: int = 100) -> tuple[int, str]:
    """Run ``quotetrace ARGS`` on a pty of ``columns`` x 24; its exit code and everything it printed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen([str(QUOTETRACE), *args], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    output = bytearray()
    deadline = time.monotonic() + TIMEOUT_SECONDS  # a hung command fails the test instead of the suite
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the command closed its end of the terminal
                break
            if not chunk:
                break
            output += chunk
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return code, output.decode("utf-8", "replace")


@pytest.fixture
def env(empty_db, database_url, tmp_path) -> dict:
    if not QUOTETRACE.exists():
        pytest.skip(f"{QUOTETRACE} is not installed (make install)")
    return {**os.environ, "DATABASE_URL": database_url, "TERM": "xterm", "QUOTETRACE_INSTANCE": str(tmp_path)}


def _count_quotes(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(sql_select(func.count()).select_from(Quote))


def _rows(n: int) -> str:
    return "".join(
        json.dumps(
            {"text": f"Harbour statement number {i} about the fishing season.", "speaker": "Lena Ortiz"}
        )
        + "\n"
        for i in range(n)
    )


def test_import_on_a_terminal_shows_a_progress_bar_by_bytes_and_imports(env, empty_db, tmp_path):
    corpus = tmp_path / "rows.jsonl"
    corpus.write_text(_rows(40), encoding="utf-8")
    code, output = on_terminal("import", str(corpus), env=env)
    assert code == 0, output
    assert "40 quotes added" in output
    assert "100%" in output
    assert "B/s" in output
    assert "40 rows" in output
    assert "Traceback" not in output
    assert _count_quotes(empty_db) == 40


def test_embed_on_a_terminal_counts_both_models_vectors_and_resumes(env, empty_db, tmp_path):
    corpus = tmp_path / "rows.jsonl"
    corpus.write_text(_rows(12), encoding="utf-8")
    assert on_terminal("import", str(corpus), env=env)[0] == 0
    env = {**env, "QUOTETRACE_VECTOR_INDEX": str(tmp_path / "vectors.usearch")}
    code, output = on_terminal("embed", "--jobs", "2", env=env)
    assert code == 0, output
    assert "24/24" in output  # each quote's vector of the first model, then of the second
    assert "vectors/s" in output
    assert "embedded 12 quotes; the vector index holds 12" in output
    assert "Traceback" not in output
    code, output = on_terminal("embed", env=env)
    assert code == 0, output
    assert "embedded 0 quotes" in output


def test_gzip_import_progress_is_the_compressed_position(empty_db, tmp_path):
    corpus = tmp_path / "rows.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.write(_rows(3_000))
    seen: list[tuple[int, int]] = []
    report = import_file(
        empty_db, corpus, jobs=0, progress=lambda position, rows: seen.append((position, rows))
    )
    assert report.added == 3_000
    positions = [p for p, _ in seen]
    assert positions == sorted(positions)
    assert positions[-1] == corpus.stat().st_size  # the end of the file as it lies on disk, compressed
    assert seen[-1][1] == 3_000


def test_export_on_a_terminal_shows_progress(env, seeded, tmp_path):
    out = tmp_path / "out.jsonl"
    code, output = on_terminal("export", str(out), env=env)
    assert code == 0, output
    assert "100%" in output
    assert "quotes/s" in output
    assert "exported 8 quotes" in output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum("text" in row for row in rows) == 8  # quotes; a speaker with none has a row of its own


def test_ingest_on_a_terminal_counts_articles_and_stores_their_quotes(env, empty_db, tmp_path):
    article = tmp_path / "harbour.txt"
    article.write_text(
        "Harbour reopens\n\nMayor Lena Ortiz said: \u201cThe harbour will reopen on Monday for every "
        "fishing boat.\u201d\n",
        encoding="utf-8",
    )
    code, output = on_terminal("ingest", str(article), env=env)
    assert code == 0, output
    assert "1/1" in output
    assert "articles" in output
    assert "stored 1 quotes from 1 articles" in output
    assert _count_quotes(empty_db) == 1


def test_check_on_a_terminal_colours_verdicts(env, seeded):
    code, output = on_terminal("check", str(SEED_ARTICLE), env=env)
    assert code == 0, output  # every quotation of the seed article is verified or paraphrased
    assert "\x1b[" in output  # ANSI colour codes, as a terminal shows them
    assert "verified" in output
    assert "quotations:" in output
    assert "Traceback" not in output


def _check_on_terminal(draft_text: str, env: dict, tmp_path: Path) -> tuple[int, str]:
    """`quotetrace check` of a draft holding ``draft_text``, on a wide terminal."""
    draft = tmp_path / "draft.txt"
    draft.write_text(draft_text + "\n", encoding="utf-8")
    return on_terminal("check", str(draft), env=env, columns=200)


def test_check_on_a_terminal_says_when_who_said_it_is_not_certain(env, seeded, tmp_path):
    # A draft that names Kallas by her given name alone: her words, verified, the speaker only probable.
    code, output = _check_on_terminal(
        'Kaja said: "Korea is an important strategic partner for the EU."', env, tmp_path
    )
    assert code == 0, output
    assert "verified" in output
    assert "Who said it is not certain" in output
    assert "gives one of the names of Kaja Kallas alone" in output
    assert "1 quotation: 1 verified" in output


def test_check_on_a_terminal_says_which_match_was_found_by_meaning(env, seeded, tmp_path):
    code, output = _check_on_terminal(
        'Cho said: "The comprehensive strategic partnership between Korea and the EU must be strengthened."',
        env,
        tmp_path,
    )
    assert code == 0, output
    assert "paraphrased" in output
    assert "kemitraan strategis komprehensif" in output  # the Indonesian statement it matched
    assert re.search(r"Found by its meaning \(similarity 0\.\d\d of 1\), in Indonesian", output), output


def test_check_on_a_terminal_says_how_an_altered_quotation_differs_from_the_quote(env, seeded, tmp_path):
    # Kallas's words with a "not" added and a word changed: each difference said as a reader says it.
    code, output = _check_on_terminal(
        'Kallas said: "Korea is not an important strategic partner for the EU."\n'
        'Kallas added: "Korea is a vital strategic partner for the EU."',
        env,
        tmp_path,
    )
    assert code == 1, output  # altered: a publish step stops on it
    assert "2 quotations: 2 altered" in output
    assert "the draft adds \u201cnot\u201d" in output
    assert "the draft has \u201ca vital\u201d where the quote has \u201can important\u201d" in output


@pytest.mark.parametrize(
    ("claim", "note"),
    [
        (FUND_EN_OTHER_SUM, "its figures differ from the quotation's"),
        (FUND_EN_REVERSED, "it seems to say the opposite of the quotation"),
    ],
)
def test_check_on_a_terminal_shows_the_close_statement_that_is_another_one(
    env, seeded, tmp_path, claim, note
):
    with session_scope(seeded) as s:
        create_quote(s, QuoteDraft(text=FUND_ID, speaker="Kaja Kallas", language="id"))
    code, output = _check_on_terminal(f'Kallas said: "{claim}."', env, tmp_path)
    assert code == 1, output  # unverified: a publish step stops on it
    assert "unverified" in output
    assert "3 miliar euro" in output
    assert note in output


def test_check_on_a_terminal_says_which_quotation_was_not_checked_and_why(env, seeded, tmp_path):
    # A quotation mark left open: the "quotation" runs on past what one check verifies.
    endless = "Korea and the EU will work together. " * 150
    code, output = _check_on_terminal(f'Kallas said: "{endless}"', env, tmp_path)
    assert "Traceback" not in output
    assert code == 1, output  # not checked does not pass
    assert "not checked" in output
    assert "is a quotation mark left open?" in output
    assert "1 quotation: 1 not checked" in output


@pytest.mark.data
def test_the_qv_bench_corpus_imports_under_script_with_a_progress_bar(empty_db, database_url, tmp_path):
    """As the issue reproduced it: ``script -qc "quotetrace import corpus.jsonl" /dev/null``."""
    corpus = DATA / "qv-bench" / "corpus.jsonl"
    if not corpus.exists():
        pytest.skip(f"{corpus} is not here (the licensed data lives in ../shared/data)")
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is not installed")
    if not QUOTETRACE.exists():
        pytest.skip(f"{QUOTETRACE} is not installed (make install)")
    env = {**os.environ, "DATABASE_URL": database_url, "TERM": "xterm"}
    command = f"{shlex.quote(str(QUOTETRACE))} import {shlex.quote(str(corpus))}"
    # -e: script exits with the command's exit code. Its pty has no size: nobody sized it.
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    output = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 0, output[-3000:]
    assert "64208 quotes added" in output
    assert "100%" in output
    assert "64,208 rows" in output
    assert _count_quotes(empty_db) == 64_208
