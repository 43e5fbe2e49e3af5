"""The claimed speaker written as people write names, on quotes of the qv-bench corpus.

    .venv/bin/python bench/speaker_forms.py [--database-url URL] [--skip-import] [--people N] [--seed S]

qv-bench's speaker cases hold the forms an archive's names take (a slip, "Surname, Given", a dropped
middle initial, a decorated stored name). This derives from the corpus the forms a reader's claim takes
that those cases do not: for N people stored under a plain "Given Surname", one quote each (its whole
text as the claim), the speaker as

- ``full``            "Kaja Kallas" (the control)
- ``reversed``        "Kallas Kaja", no comma (family name first, as in much of Asia and Hungary)
- ``upper_first``     "KALLAS Kaja" (the EU's and many agencies' house style)
- ``given_only``      "Kaja"
- ``comma``           "Kallas, Kaja"
- ``slip``            a one-letter slip in a surname of five letters or more: two inner letters swapped
                      ("Kallsa" is no slip: "Kalals"), as qv-bench's speaker_typo, for other people
- ``nickname``        a nickname of the given name ("Bill Clinton" for William Clinton), where the
                      ``nicknames`` table knows one; called misattributed, rightly, where the archive holds
                      a person of exactly that name ("Robert Casey" beside "Bob Casey")
- ``other_given``     another corpus person's given name alone: a name nobody of this quote bears
- ``other_person``    another corpus person's full name (the control for a misattribution)
- ``same_surname``    another corpus person of the same surname and another given name ("Hillary Clinton"
                      for a quote of Bill Clinton's), where the corpus holds one: the case that nicknames and
                      middle names gone by must not swallow

and prints, per form, the verdicts and the figure that matters: for the right person, how many are
called ``misattributed`` (an accusation of a reporter who quoted correctly); for the wrong one, how many
are called ``verified`` (a false quote let through). Nothing here was tuned on: it measures.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict

from common import QV, need, temp_sqlite_url

from service.corpus import import_file
from service.db import make_engine, session_scope
from service.matching.names import TITLE_WORDS, nicknames_of, read_name
from service.migrate import upgrade
from service.verification import verify

RIGHT = ("full", "reversed", "upper_first", "given_only", "comma", "slip", "nickname")
WRONG = ("other_given", "other_person", "same_surname")
VERDICTS = ("verified", "altered", "paraphrased", "misattributed", "unverified")
_PLAIN = re.compile(r"^[A-Z][a-z]{2,} [A-Z][a-z]{3,}$")
# People of the corpus whose name begins with a word for it to be taken as a given name.
MIN_PEOPLE_OF_GIVEN_NAME = 3


def _people(corpus, n: int, seed: int) -> list[tuple[str, str]]:
    """(speaker, one quote text) for n people of a plain two-word name whose text is stored once."""
    texts = Counter()
    by_speaker: dict[str, list[str]] = defaultdict(list)
    for row in corpus:
        texts[row["text"]] += 1
        if _PLAIN.match(row.get("speaker") or "") and 8 <= len(row["text"].split()) <= 40:
            by_speaker[row["speaker"]].append(row["text"])
    # A given name is the first word of several people's names, and no title ("Lord Chesterfield"): that
    # leaves out organisations ("United Care", "Family Foundation") as well.
    firsts = Counter(s.split()[0] for s in by_speaker)
    people = sorted(
        s
        for s, quotes in by_speaker.items()
        if firsts[s.split()[0]] >= MIN_PEOPLE_OF_GIVEN_NAME
        and s.split()[0].lower() not in TITLE_WORDS
        and any(texts[q] == 1 for q in quotes)
    )
    random.Random(seed).shuffle(people)
    return [(s, next(q for q in by_speaker[s] if texts[q] == 1)) for s in people[:n]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--skip-import", action="store_true", help="the database already holds the corpus")
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong answers of each form")
    args = parser.parse_args()

    path = need(QV / "corpus.jsonl")
    with path.open(encoding="utf-8") as f:
        corpus = [json.loads(line) for line in f]
    url = args.database_url or temp_sqlite_url("speaker_forms.db")
    engine = make_engine(url)
    if not args.skip_import:
        upgrade(url)
        print(f"import: {import_file(engine, path).summary()}")

    people = _people(corpus, args.people, args.seed)
    firsts = sorted({s.split()[0] for s, _ in people})
    surnames = {read_name(s)[0].surname for s, _ in people}
    # Every corpus name of two or three words, by its surname's key: the namesakes of each person.
    by_surname: dict[str, set[str]] = defaultdict(set)
    for row in corpus:
        name = row.get("speaker") or ""
        if 2 <= len(name.split()) <= 3 and (readings := read_name(name)) and readings[0].given:
            by_surname[readings[0].surname].add(name)
    rng = random.Random(args.seed + 1)
    counts: dict[str, Counter] = {form: Counter() for form in (*RIGHT, *WRONG)}
    wrong: dict[str, list[str]] = defaultdict(list)
    with session_scope(engine) as session:
        for speaker, text in people:
            given, surname = speaker.split()
            other = rng.choice([p for p, _ in people if p.split()[1] != surname])
            # A given name that no word of this speaker's name is, nor any surname of the sample.
            other_given = rng.choice(
                [g for g in firsts if g not in (given, surname) and g.lower() not in surnames]
            )
            reading = read_name(speaker)[0]
            namesakes = sorted(
                n for n in by_surname[reading.surname] if read_name(n)[0].given[0][:1] != reading.given[0][:1]
            )
            forms = {
                "full": speaker,
                "reversed": f"{surname} {given}",
                "upper_first": f"{surname.upper()} {given}",
                "given_only": given,
                "comma": f"{surname}, {given}",
                "other_given": other_given,
                "other_person": other,
            }
            if namesakes:
                forms["same_surname"] = rng.choice(namesakes)
            if len(surname) >= 5:
                i = len(surname) // 2
                forms["slip"] = f"{given} {surname[:i]}{surname[i + 1]}{surname[i]}{surname[i + 2 :]}"
            nicknames = sorted(n for n in nicknames_of(given.lower()) if len(n) > 2)
            if nicknames:
                forms["nickname"] = f"{rng.choice(nicknames).capitalize()} {surname}"
            for form, claimed in forms.items():
                result = verify(session, text, speaker=claimed)
                verdict = result["verdict"]
                counts[form][verdict] += 1
                if verdict == ("misattributed" if form in RIGHT else "verified"):
                    top = result["matches"][0]["quote"]["speaker"]["name"] if result["matches"] else None
                    wrong[form].append(f"{claimed!r} for {speaker!r}: {verdict}, top match by {top!r}")

    print(f"{len(people)} people, one quote each (seed {args.seed})")
    print(f"{'form':<14}" + "".join(f"{v:>14}" for v in VERDICTS) + "   figure")
    for form, got in counts.items():
        total = sum(got.values())
        if form in RIGHT:
            figure = f"false-misattributed {got['misattributed']}/{total}"
        else:
            figure = f"false-verified {got['verified']}/{total}"
        print(f"{form:<14}" + "".join(f"{got[v]:>14}" for v in VERDICTS) + f"   {figure}")
    for form, lines in wrong.items():
        for line in lines[: args.errors]:
            print(f"  {form}: {line}")


if __name__ == "__main__":
    main()
