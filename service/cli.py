"""The ``quotetrace`` command: migrate, seed, import, export, keys, serve."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from sqlalchemy import Engine

from service import config as settings
from service.config import database_url
from service.models import KEY_SCOPES, STANDINGS

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def _engine() -> Iterator[Engine]:
    """An engine on DATABASE_URL for one command, its connections closed when the command ends."""
    from service.db import make_engine

    url = database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


class BadSetting(click.ClickException):
    """A setting in the environment the service cannot use: one line naming it, exit status 2 (usage)."""

    exit_code = 2


class _Commands(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except settings.SettingError as exc:
            raise BadSetting(str(exc)) from None


@click.group(cls=_Commands)
def main() -> None:
    """quotetrace: verify quotes against an index of attributed quotes (reads DATABASE_URL)."""


@main.command()
def migrate() -> None:
    """Create or upgrade the database schema to the latest revision."""
    from service.migrate import upgrade

    url = database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    upgrade(url)
    click.echo(f"migrated {_safe(url)}")


@main.command()
def seed() -> None:
    """Store the seed article, its speakers and statements (idempotent)."""
    from service.db import session_scope
    from service.seeding import seed as run_seed

    with _engine() as engine, session_scope(engine) as session:
        added = run_seed(session)
    click.echo("seeded: " + ", ".join(f"{n} {k} added" for k, n in added.items()))


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--batch", default=20_000, show_default=True, help="Rows per transaction.")
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=None,
    help="Processes parsing rows beside the one writing (default: one a core; 0: none).",
)
@click.option(
    "--standing",
    type=click.Choice(STANDINGS),
    default="unvetted",
    show_default=True,
    help="The standing of the file's new sources, where a row gives none (source.standing).",
)
def import_(file: Path, batch: int, jobs: int | None, standing: str) -> None:
    """Import quotes from a JSONL or CSV FILE (bad rows are reported and skipped)."""
    from service.corpus import import_file

    bar = _bar(file.stat().st_size, "B", desc=file.name, unit_scale=True, unit_divisor=1024)

    def progress(position: int, rows: int) -> None:
        bar.update(position - bar.n)
        bar.set_postfix_str(f"{rows:,} rows", refresh=False)

    try:
        with _engine() as engine:
            report = import_file(
                engine,
                file,
                batch=batch,
                jobs=jobs,
                standing=standing,
                progress=progress if bar is not None else None,
            )
    finally:
        if bar is not None:
            bar.close()
    for line, reason in report.errors[:50]:
        click.echo(f"{file}:{line}: {reason}", err=True)
    if len(report.errors) > 50:
        click.echo(f"... and {len(report.errors) - 50} more bad rows", err=True)
    click.echo(report.summary())
    if report.errors and not report.added and not report.duplicates:
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export(file: Path) -> None:
    """Write every stored quote to FILE (JSONL, or CSV when FILE ends in .csv)."""
    from service.corpus import export_file
    from service.db import session_scope

    bar = None

    def progress(written: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = _bar(total, " quotes", desc=file.name)
        if bar is not None:
            bar.update(written - bar.n)

    try:
        with _engine() as engine, session_scope(engine) as session:
            count = export_file(session, file, progress=progress if sys.stderr.isatty() else None)
    finally:
        if bar is not None:
            bar.close()
    click.echo(f"exported {count} quotes to {file}")


@main.group()
def keys() -> None:
    """Create, list and revoke API keys (scopes: verify < write < admin)."""


@keys.command("create")
@click.argument("name")
@click.option(
    "--scope",
    type=click.Choice(KEY_SCOPES),
    default="write",
    show_default=True,
    help="verify: verification and feedback; write: also store, change and delete; admin: also merge "
    "speakers and read feedback.",
)
def keys_create(name: str, scope: str) -> None:
    """Make a key called NAME (who holds it) and print it: it is shown this once."""
    from service.db import session_scope
    from service.keys import ApiKeyError, create_key

    try:
        with _engine() as engine, session_scope(engine) as session:
            key = create_key(session, name, scope=scope)
    except ApiKeyError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(key)
    click.echo(f"(key {name!r} created with scope {scope!r}; it is not shown again)", err=True)


@keys.command("list")
def keys_list() -> None:
    """Every key: name, scope, created, last used (to the minute), revoked, what it stored. Never the key."""
    from service.db import session_scope
    from service.keys import implied_scopes, list_keys, written_by

    def when(moment) -> str:
        return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"

    with _engine() as engine, session_scope(engine) as session:
        stored = written_by(session)
        rows = [
            (
                k.name,
                ",".join(implied_scopes(k.scope)),
                when(k.created_at),
                when(k.last_used_at),
                when(k.revoked_at),
                *(f"{n:,}" for n in stored.get(k.id, (0, 0))),
            )
            for k in list_keys(session)
        ]
    header = ("NAME", "SCOPES", "CREATED", "LAST USED", "REVOKED", "QUOTES", "SOURCES")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if not rows:
        click.echo("no keys yet: make one with 'quotetrace keys create NAME --scope write'", err=True)


@keys.command("revoke")
@click.argument("name")
def keys_revoke(name: str) -> None:
    """Revoke the key called NAME."""
    from service.db import session_scope
    from service.keys import ApiKeyError, revoke_key

    try:
        with _engine() as engine, session_scope(engine) as session:
            revoke_key(session, name)
    except ApiKeyError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"revoked {name!r}")


@main.group()
def speakers() -> None:
    """Find and merge speakers stored twice (one person, one speaker)."""


@speakers.command("suggest")
def speakers_suggest() -> None:
    """List stored speakers that look like one person, with the evidence (changes nothing)."""
    from service import store
    from service.db import session_scope

    with _engine() as engine, session_scope(engine) as session:
        found = store.suggest_duplicates(session)
    for d in found:
        click.echo(f"{d.source_id}\t{d.source!r} -> {d.target_id}\t{d.target!r}: {d.evidence}")
    click.echo(f"{len(found)} likely duplicates; merge one with: quotetrace speakers merge SOURCE TARGET")


@speakers.command("merge")
@click.argument("source")
@click.argument("target")
def speakers_merge(source: str, target: str) -> None:
    """Fold speaker SOURCE into TARGET (ids, names or aliases); SOURCE becomes an alias of TARGET."""
    from service import store
    from service.db import session_scope

    try:
        with _engine() as engine, session_scope(engine) as session:
            a = store.find_speaker_for_merge(session, source)
            b = store.find_speaker_for_merge(session, target)
            names = (a.name, b.name)
            store.merge_speakers(session, a.id, b.id)
    except store.StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"merged {names[0]!r} into {names[1]!r}")


@main.command()
@click.option("--host", default=None, help="Where to listen  [default: $HOST, else 127.0.0.1]")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="[default: $PORT, else 8000]")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="[default: $WEB_CONCURRENCY, or 2]")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the API and the page with gunicorn (threaded workers; settings in service.gunicorn_config)."""
    settings.from_environment()  # a bad setting stops here, named, with exit status 2
    host = host or os.environ.get("HOST") or "127.0.0.1"
    port = port or settings.integer_setting("PORT", 8000, minimum=1, maximum=65535)
    workers = workers or settings.integer_setting("WEB_CONCURRENCY", 2, minimum=1, maximum=64)
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--chdir",
            str(ROOT),
            "--config",
            "python:service.gunicorn_config",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "wsgi:app",
        ],
    )


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@main.group()
def feedback() -> None:
    """Readers' feedback on verifications."""


@feedback.command("report")
@click.option("--wrong", "wrong_limit", default=20, show_default=True, help="How many wrong answers to list.")
def feedback_report(wrong_limit: int) -> None:
    """Agreement per verdict given, and the latest claims readers said were answered wrongly."""
    from service.db import session_scope
    from service.feedback import report

    with _engine() as engine, session_scope(engine) as session:
        result = report(session, wrong_limit=wrong_limit)
        wrong = [(f.verdict, f.rating, f.claim, f.speaker, f.reason) for f in result["wrong"]]
    if not result["verdicts"]:
        click.echo("no feedback yet")
        return
    click.echo(f"{'verdict':<14}{'feedback':>9}{'right':>7}{'agreement':>11}")
    for verdict, row in result["verdicts"].items():
        click.echo(f"{verdict:<14}{row['feedback']:>9}{row['right']:>7}{row['agreement']:>11.0%}")
    if wrong:
        click.echo(f"\nanswered wrongly (latest {len(wrong)}):")
    for verdict, rating, claim, speaker, reason in wrong:
        who = f" ({speaker})" if speaker else ""
        why = f" — {_clip(reason, 80)}" if reason else ""
        click.echo(f"  {verdict} rated {rating}: “{_clip(claim, 80)}”{who}{why}")


@main.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--language", default=None, help="The articles' language (detected when absent).")
@click.option(
    "--standing",
    type=click.Choice(STANDINGS),
    default="unvetted",
    show_default=True,
    help="primary: the speaker's own channel or an official record; publication: published journalism.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be stored; store nothing.")
def ingest(articles: tuple[str, ...], language: str | None, standing: str, dry_run: bool) -> None:
    """Store articles (text or HTML files, or http(s) URLs to fetch) as sources, with their quotes."""
    from service import checking, store
    from service.articles import read_article, source_fields
    from service.config import from_environment
    from service.db import session_scope
    from service.fetch import FetchError, fetch_article, policy_from_config

    policy = policy_from_config(from_environment())
    with _engine() as engine:
        totals = {"sources": 0, "quotes": 0, "skipped": 0}
        bar = _bar(len(articles), " articles")
        for name in articles:
            try:
                if name.startswith(("http://", "https://")):
                    article = fetch_article(name, policy=policy)
                else:
                    path = Path(name)
                    if not path.is_file():
                        raise FetchError(f"no such file: {name}")
                    article = read_article(path)
                for warning in article.warnings:
                    _echo(bar, f"{name}: warning: {warning}", err=True)
                fields = source_fields(
                    article, language=language, standing=standing, title=article.title or Path(name).stem
                )
                with session_scope(engine) as session:
                    drafts = checking.drafts_for_source(session, article.text, language=fields["language"])
                    if dry_run:
                        for d in drafts:
                            _echo(bar, f"{name}: [{d.kind}] {d.speaker}: {d.text}")
                        session.rollback()
                    else:
                        store.create_source_with_quotes(session, fields, drafts)
                totals["sources"] += not dry_run
                totals["quotes"] += len(drafts)
            except (store.StoreError, FetchError) as exc:
                totals["skipped"] += 1
                _echo(bar, f"{name}: skipped: {exc}", err=True)
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    verb = "would store" if dry_run else "stored"
    click.echo(
        f"{verb} {totals['quotes']} quotes from {len(articles) - totals['skipped']} articles"
        f" ({totals['skipped']} skipped)"
    )
    if totals["skipped"]:
        sys.exit(1)


@main.command()
@click.argument("draft", type=click.File("r", encoding="utf-8"))
@click.option("--language", default=None, help="The draft's language (detected when absent).")
@click.option("--color/--no-color", default=None, help="Colours (default: on a terminal).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only quotes that appeared on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only quotes that appeared by then.")
@click.option("--publisher", multiple=True, help="Only quotes from this publisher (repeatable).")
@click.option("--standing", type=click.Choice(STANDINGS), multiple=True, help="Only these standings.")
@click.option("--quote-language", default=None, help="Only quotes in this language.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: the /api/v1/check response.",
)
def check(draft, language, color, since, until, publisher, standing, quote_language, output_format) -> None:
    """Print every quotation in DRAFT (a file, or - for stdin) with its verdict.

    Exits 0 when every quotation is verified or paraphrased, 1 when any is altered, misattributed or
    unverified (so a publish step or CI job can stop on it), 2 on a usage error.
    """
    from service.checking import check_draft
    from service.db import session_scope
    from service.filters import Filters

    filters = Filters.from_args(
        since=since.date() if since else None,
        until=until.date() if until else None,
        language=quote_language,
        publisher=publisher,
        standing=standing,
    )
    text = draft.read()
    with _engine() as engine, session_scope(engine) as session:
        result = check_draft(session, text, language=language, filters=filters)
    if output_format == "json":
        from service.api.schemas import CheckResultSchema

        click.echo(json.dumps(CheckResultSchema().dump(result), ensure_ascii=False, indent=2))
        sys.exit(_check_exit_code(result))
    colours = {
        "verified": "green",
        "paraphrased": "cyan",
        "altered": "yellow",
        "misattributed": "red",
        "unverified": "magenta",
    }
    from service.matching.speakers import UNCERTAIN_REASONS
    from service.web.answers import NOT_CHECKED, draft_summary

    for q in result["quotes"]:
        line = text.count("\n", 0, q["start"]) + 1
        who = q["speaker"]["name"] if q["speaker"] else "(no speaker found)"
        if q["verification"] is None:  # past what one check verifies (service.checking's bounds)
            click.echo(
                click.style(f"{NOT_CHECKED:>13}", fg="magenta", bold=True)
                + f"  line {line}  {who}: \u201c{_clip(q['text'])}\u201d",
                color=color,
            )
            why = NOT_CHECKED_WHY[q["not_verified_reason"]].format(**result["limits"])
            click.echo(click.style(f"{'':>15}{why}", fg="yellow"), color=color)
            continue
        verdict = q["verification"]["verdict"]
        # A statement that says what the quotation says, but with other figures (meaning.figures_differ).
        changed = [r for r in q["verification"].get("related", ()) if r.get("figures_differ")]
        # ...or one that seems to say the opposite (meaning.says_opposite: "is" for "is not").
        opposite = [r for r in q["verification"].get("related", ()) if r.get("says_opposite")]
        click.echo(
            click.style(f"{verdict:>13}", fg=colours[verdict], bold=True)
            + f"  line {line}  {who}: "
            + f"\u201c{_clip(q['text'])}\u201d",
            color=color,
        )
        matches = q["verification"]["matches"]
        if matches and verdict != "unverified":
            top = matches[0]
            quote = top["quote"]
            src = quote["source"]
            source = _clip(src["title"] or src["publisher"] or "-", 60) if src else "-"
            click.echo(f"{'':>15}{quote['speaker']['name']}, {source}: \u201c{_clip(quote['text'])}\u201d")
            if not UNCERTAIN_REASONS.isdisjoint(top.get("reasons") or ()):
                # The words are the quote's; who said them is only probably the one the draft names.
                why = top.get("explanation") or q["verification"].get("explanation") or ""
                note = f"Who said it is not certain. {why}".strip()
                click.echo(click.style(f"{'':>15}{note}", fg="yellow"), color=color)
            if top.get("meaning"):
                from service.web.answers import found_by_meaning

                found = found_by_meaning(top["meaning"])
                click.echo(click.style(f"{'':>15}{found}", fg="cyan"), color=color)
            for op in top["diff"]:
                if op["op"] != "equal":
                    click.echo(click.style(f"{'':>15}{_difference(op)}", fg="yellow"), color=color)
        if verdict == "unverified" and (changed or opposite):
            quote = (changed or opposite)[0]["quote"]
            who = quote["speaker"]["name"] if quote.get("speaker") else "-"
            click.echo(f"{'':>15}{who}: \u201c{_clip(quote['text'])}\u201d")
            note = (
                "Close in meaning, but its figures differ from the quotation's."
                if changed
                else "Close in meaning, but it seems to say the opposite of the quotation."
            )
            click.echo(click.style(f"{'':>15}{note}", fg="yellow"), color=color)
    click.echo(draft_summary(result["quotes"]))  # the page's line: "1 quotation: 1 verified"
    sys.exit(_check_exit_code(result))


# Verdicts a draft may hold and still pass `quotetrace check`: the words as said, or a reported statement.
PASSING_VERDICTS = frozenset({"verified", "paraphrased"})
# Why a quotation was not checked, as the draft page says it (service.checking's reasons and limits).
NOT_CHECKED_WHY = {
    "too_long": "It runs longer than a quotation can be ({max_verified_chars} characters); is a quotation "
    "mark left open?",
    "over_cap": "The draft has more than {max_verified_quotations} quotations, and the first ones were "
    "checked; verify this one on its own.",
    "out_of_time": "The time this draft had for checking was spent on the quotations before it.",
}


def _check_exit_code(result: dict) -> int:
    """0 when every quotation passes, 1 when any is altered, misattributed, unverified or not checked."""
    verdicts = {q["verification"]["verdict"] if q["verification"] else None for q in result["quotes"]}
    return 0 if verdicts <= PASSING_VERDICTS else 1


@main.command()
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Embedding processes.")
def embed(jobs: int) -> None:
    """Compute the sentence vectors stored quotes lack, of both models (resumable), then rebuild the
    vector index file."""
    from sqlalchemy.orm import Session

    from service import embedding

    url = database_url()
    with _engine() as engine:
        with Session(engine) as session:
            total = embedding.count_missing(session)
        bar = _bar(total, "vectors")  # each quote's of both models: the first, then the second
        done = embedding.embed_missing(engine, jobs=jobs, progress=bar.update if bar else None)
        if bar is not None:
            bar.close()
        held = embedding.rebuild_index(engine, url)
    click.echo(f"embedded {done} quotes; the vector index holds {held}")


def _difference(op: dict) -> str:
    """One step of a match's word diff as a reader says it: what the draft adds, leaves out or changes."""
    if op["op"] == "insert":
        return f"the draft adds \u201c{op['claim']}\u201d"
    if op["op"] == "delete":
        return f"the draft leaves out \u201c{op['quote']}\u201d"
    return f"the draft has \u201c{op['claim']}\u201d where the quote has \u201c{op['quote']}\u201d"


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _bar(total: int, unit: str, **options):
    """A progress bar on stderr, with rate and time left, when stderr is a terminal; else None.

    Compare it with None, never by truth: a tqdm bar's truth is its total's.
    """
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    try:
        width = os.get_terminal_size(sys.stderr.fileno()).columns
    except OSError:
        width = 0
    # A terminal that reports no width (a pty nobody sized, as under `script` with no terminal around
    # it) would make tqdm cut the bar to nothing: draw it on the usual 80x24 screen instead.
    sized = width > 0
    return tqdm(
        total=total,
        unit=unit,
        file=sys.stderr,
        mininterval=0.2,
        dynamic_ncols=sized,
        ncols=None if sized else 80,
        nrows=None if sized else 24,
        **options,
    )


def _echo(bar, message: str, *, err: bool = False) -> None:
    if bar is not None:
        bar.write(message, file=sys.stderr if err else sys.stdout)
    else:
        click.echo(message, err=err)
