"""Import speed: ``quotetrace import`` end to end, as a user runs it, on SQLite and PostgreSQL.

    .venv/bin/python bench/import_speed.py [--file PATH] [--repeat 3] [--postgres URL | --no-postgres]
        [--without-generation-triggers]

Each run is the real command in a fresh process (``quotetrace migrate``, then ``quotetrace import
FILE``) into an empty database: a new SQLite file, and a new PostgreSQL database created on the server
of ``--postgres`` and dropped afterwards. The default file is Quotes-500K (gzipped JSON Lines of
``{quote, author, category}``, read as it is shipped). Prints each run's seconds and quotes/s, and the
median per backend; then, on the last SQLite database, the same file again (every row a duplicate).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import DATA, ROOT, machine_speed, median, need

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CLI = str(Path(sys.executable).with_name("quotetrace"))
_ADDED = re.compile(r"(\d+) quotes added")


# The triggers of migration 0007 that bump the index generation (the verify ETag) on every write.
WATCHED = ("quotes", "speakers", "speaker_aliases", "speaker_roles", "sources")


def drop_generation_triggers(url: str) -> None:
    """Drop migration 0007's triggers, to measure what they cost an import (never in a real database)."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        for table in WATCHED:
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_bump_generation ON {table}")
            else:
                for event in ("insert", "update", "delete"):
                    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_{event}_bump_generation")
    engine.dispose()


def run_import(url: str, path: Path, *, triggers: bool = True) -> tuple[float, int, str]:
    """Seconds, quotes added and the summary line of ``quotetrace import`` into ``url``."""
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([CLI, "migrate"], env=env, check=True, capture_output=True, cwd=ROOT)
    if not triggers:
        drop_generation_triggers(url)
    t0 = time.perf_counter()
    done = subprocess.run([CLI, "import", str(path)], env=env, capture_output=True, text=True, cwd=ROOT)
    took = time.perf_counter() - t0
    if done.returncode:
        sys.exit(f"quotetrace import failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    summary = next(line for line in done.stdout.splitlines() if "quotes added" in line)
    return took, int(_ADDED.search(summary).group(1)), summary.strip()


def timed(backend: str, run: int, url: str, path: Path, *, triggers: bool = True) -> float:
    """One run into ``url``, printed; its quotes/s."""
    took, added, summary = run_import(url, path, triggers=triggers)
    print(f"{backend:<11} run {run + 1}: {took:6.1f} s {added / took:8,.0f} quotes/s ({summary})", flush=True)
    return added / took


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def postgres_admin(url: str):
    """An engine on the server's maintenance database, or None when the server is not reachable."""
    from sqlalchemy import create_engine

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            return engine
    except Exception as exc:  # noqa: BLE001 - any failure to connect means: no PostgreSQL here
        print(f"PostgreSQL skipped: {url} is not reachable ({type(exc).__name__})")
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=None, help="default: Quotes-500K's quotes-500k.jsonl.gz")
    parser.add_argument("--repeat", type=int, default=3, help="runs per backend (the median is reported)")
    parser.add_argument("--postgres", default=DEFAULT_PG, help="a PostgreSQL server's maintenance database")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--without-generation-triggers",
        action="store_true",
        help="drop migration 0007's index-generation triggers after migrating (to measure their cost)",
    )
    args = parser.parse_args()
    triggers = not args.without_generation_triggers
    path = need(Path(args.file) if args.file else DATA / "quotes-500k" / "quotes-500k.jsonl.gz")
    print(f"file: {path} ({path.stat().st_size / 2**20:.0f} MiB); {os.cpu_count()} cores; {machine_speed()}")
    print(f"index-generation triggers (migration 0007): {'on' if triggers else 'DROPPED'}; {load()}")

    folder = Path(tempfile.mkdtemp(prefix="quotetrace-import-"))
    rates: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
    admin = None if args.no_postgres else postgres_admin(args.postgres)
    try:
        for i in range(args.repeat):
            sqlite_url = f"sqlite:///{folder / f'import-{i}.db'}"
            rates["sqlite"].append(timed("sqlite", i, sqlite_url, path, triggers=triggers))
            if i < args.repeat - 1:
                Path(sqlite_url.removeprefix("sqlite:///")).unlink()
            if admin is None:
                continue
            name = f"quotetrace_import_bench_{os.getpid()}"
            with admin.connect() as conn:
                conn.exec_driver_sql(f"CREATE DATABASE {name}")
            try:
                pg_url = admin.url.set(database=name).render_as_string(hide_password=False)
                rates["postgresql"].append(timed("postgresql", i, pg_url, path, triggers=triggers))
            finally:
                with admin.connect() as conn:
                    conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        for backend, values in rates.items():
            if values:
                print(f"median {backend}: {median(values):,.0f} quotes/s over {len(values)} runs")
        t0 = time.perf_counter()
        env = {**os.environ, "DATABASE_URL": sqlite_url}
        again = subprocess.run([CLI, "import", str(path)], env=env, capture_output=True, text=True, cwd=ROOT)
        summary = again.stdout.strip().splitlines()[-1]
        print(f"same file again (sqlite): {time.perf_counter() - t0:.1f} s — {summary}")
        print(f"machine at the end: {machine_speed()}; {load()}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if admin is not None:
            admin.dispose()


if __name__ == "__main__":
    main()
