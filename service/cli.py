"""The ``quotetrace`` command: migrate, seed, import, export, keys, serve."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from service.config import database_url

ROOT = Path(__file__).resolve().parent.parent


def _engine():
    from service.db import make_engine

    url = database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return make_engine(url)


@click.group()
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

    with session_scope(_engine()) as session:
        added = run_seed(session)
    click.echo("seeded: " + ", ".join(f"{n} {k} added" for k, n in added.items()))


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--batch", default=2000, show_default=True, help="Rows per transaction.")
def import_(file: Path, batch: int) -> None:
    """Import quotes from a JSONL or CSV FILE (bad rows are reported and skipped)."""
    from service.corpus import import_file

    bar = _progress(file)
    try:
        report = import_file(_engine(), file, batch=batch, progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    for line, reason in report.errors[:50]:
        click.echo(f"{file}:{line}: {reason}", err=True)
    if len(report.errors) > 50:
        click.echo(f"... and {len(report.errors) - 50} more bad rows", err=True)
    click.echo(report.summary())
    if report.errors and not report.added and not report.duplicates:
        sys.exit(1)


def _progress(file: Path):
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" rows", desc=file.name, file=sys.stderr, mininterval=0.2)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export(file: Path) -> None:
    """Write every stored quote to FILE (JSONL, or CSV when FILE ends in .csv)."""
    from service.corpus import export_file
    from service.db import session_scope

    with session_scope(_engine()) as session:
        count = export_file(session, file)
    click.echo(f"exported {count} quotes to {file}")


@main.group()
def keys() -> None:
    """Create and revoke API keys for the write API."""


@keys.command("create")
@click.argument("name")
def keys_create(name: str) -> None:
    """Make a key called NAME and print it (it is shown this once)."""
    from service.db import session_scope
    from service.keys import ApiKeyError, create_key

    try:
        with session_scope(_engine()) as session:
            key = create_key(session, name)
    except ApiKeyError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(key)
    click.echo(f"(key {name!r} created; it is not shown again)", err=True)


@keys.command("revoke")
@click.argument("name")
def keys_revoke(name: str) -> None:
    """Revoke the key called NAME."""
    from service.db import session_scope
    from service.keys import ApiKeyError, revoke_key

    try:
        with session_scope(_engine()) as session:
            revoke_key(session, name)
    except ApiKeyError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"revoked {name!r}")


@main.command()
@click.option("--host", default=lambda: os.environ.get("HOST", "127.0.0.1"), show_default="127.0.0.1")
@click.option("--port", default=lambda: int(os.environ.get("PORT", 8000)), show_default="8000", type=int)
@click.option(
    "--workers", default=lambda: int(os.environ.get("WEB_CONCURRENCY", 2)), show_default="2", type=int
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the API with gunicorn."""
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--chdir",
            str(ROOT),
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "wsgi:app",
        ],
    )


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
