"""Is the word index exactly what the stored quotes imply? Rebuilt in memory from the quotes, compared.

    .venv/bin/python bench/index_audit.py --database-url URL

Used by ``bench/http_load.py --with-writes`` after concurrent imports and API writes; on its own, it
audits any database. The index (``index_terms``, ``postings``; service/search) is kept in the
transaction of every write: after any mix of writes, each quote's words must be posted once under its
id, no posting may name a quote that is gone or a word it no longer holds, and every document frequency
must count exactly the quotes holding its word (the document count, all quotes).
"""

from __future__ import annotations

import argparse
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import common  # noqa: F401  (puts the repository on sys.path)
from sqlalchemy import select

from service.db import make_engine
from service.models import IndexTerm, Posting, Quote
from service.search import plan


@dataclass
class Audit:
    quotes: int = 0
    postings: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return not self.problems


def audit(engine, *, show: int = 10) -> Audit:
    """Compare the index in the database with the one its quotes imply; up to ``show`` problems named."""
    result = Audit()
    expected: dict[int, set[int]] = defaultdict(set)
    with engine.connect() as conn:
        for quote_id, text in conn.execute(select(Quote.id, Quote.text)):
            result.quotes += 1
            for key in plan.quote_keys(text):
                expected[key].add(quote_id)
        posted: dict[int, Counter[int]] = defaultdict(Counter)
        for key, blob in conn.execute(select(Posting.term_key, Posting.quote_ids)):
            run = array("i")
            run.frombytes(blob)
            posted[key].update(run)
            result.postings += len(run)
        dfs = dict(conn.execute(select(IndexTerm.term_key, IndexTerm.df)).all())

    def problem(text: str) -> None:
        if len(result.problems) < show:
            result.problems.append(text)
        elif len(result.problems) == show:
            result.problems.append("... and more")

    for key in expected.keys() | posted.keys():
        want, have = expected.get(key, set()), posted.get(key, Counter())
        missing = want - have.keys()
        extra = have.keys() - want
        twice = [q for q, n in have.items() if n > 1]
        if missing:
            problem(f"word {key}: quotes {sorted(missing)[:5]} hold it but are not posted under it")
        if extra:
            problem(f"word {key}: quotes {sorted(extra)[:5]} are posted but gone or no longer hold it")
        if twice:
            problem(f"word {key}: quotes {sorted(twice)[:5]} are posted more than once")
    for key, df in dfs.items():
        if key == plan.DOC_COUNT_KEY:
            if df != result.quotes:
                problem(f"document count {df}, but {result.quotes} quotes are stored")
        elif df != len(expected.get(key, ())):
            problem(f"word {key}: df {df}, but {len(expected.get(key, ()))} quotes hold it")
    for key in expected.keys() - dfs.keys():
        problem(f"word {key}: held by {len(expected[key])} quotes, has no df row")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    engine = make_engine(args.database_url)
    found = audit(engine)
    engine.dispose()
    print(f"{found.quotes} quotes, {found.postings} postings: " + ("exact" if found.exact else "NOT exact"))
    for line in found.problems:
        print("  " + line)


if __name__ == "__main__":
    main()
