"""Import speed: the qv-bench corpus (64k quotes) through ``quotetrace import``'s own code path.

    .venv/bin/python bench/import_speed.py [--database-url URL] [--file PATH]

Prints the time and quotes/s of a first import into an empty database, and of a second run of the
same file (which must add nothing).
"""

from __future__ import annotations

import argparse
import time

from common import QV, need, temp_sqlite_url

from service.corpus import import_file
from service.db import make_engine
from service.migrate import upgrade


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file (must be empty)")
    parser.add_argument("--file", default=None, help="default: qv-bench corpus.jsonl")
    args = parser.parse_args()
    path = need(QV / "corpus.jsonl") if args.file is None else need(__import__("pathlib").Path(args.file))
    url = args.database_url or temp_sqlite_url("import.db")
    upgrade(url)
    engine = make_engine(url)
    for label in ("first import", "same file again"):
        t0 = time.perf_counter()
        report = import_file(engine, path)
        took = time.perf_counter() - t0
        print(f"{label}: {took:.1f} s, {report.read / took:,.0f} rows/s — {report.summary()}")


if __name__ == "__main__":
    main()
