"""One English sentence a journalist can read, from a verdict, its reasons and its match (plain values).

``explanation(...)`` is the only place sentences are made: a new reason gets its clause in
``SPEAKER_CLAUSES`` / ``CLAUSES`` (or a branch below), and every caller (API, page, CLI) says the same.
Pure: it reads the match as the API shows it (a dict), no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

__all__ = ["CLAUSES", "SPEAKER_CLAUSES", "explanation"]

# What a reason about the claimed speaker adds to "Said by X ...": formatted with claimed (the name as
# given), stored (the name or alias it agreed with) and who (the quote's speaker).
SPEAKER_CLAUSES: dict[str, str] = {
    "speaker_typo": "your speaker '{claimed}' is a misspelling",
    "speaker_name_variant": "your speaker '{claimed}' is the same name written another way",
    "speaker_surname_only": "your speaker '{claimed}' gives the surname only",
    "speaker_stored_short": "the archive stores the speaker as '{stored}'",
    "speaker_alias": "'{claimed}' is a name {who} goes by",
    "speaker_role": "'{claimed}' is an office {who} held then",
    "speaker_one_name": "your speaker '{claimed}' gives one of the names of {who} alone",
}
# Other reasons' clauses, in the order they are told.
CLAUSES: dict[str, str] = {
    "speaker_surname_shared": "several people of the archive share that surname, so who said it is uncertain",
    "speaker_other_script": "your speaker '{claimed}' is written in another script than '{stored}' and "
    "agrees with it in Latin letters, so who said it is uncertain",
    "short_claim": "it is the only stored quote holding these words",
    "date_mismatch": "it was said on {when}, not on {said_on}",
    # Matches of meaning alone (service/matching/meaning.py): the words were not compared.
    "other_language": "stored in another language: the meaning matches, the words cannot be compared",
    "paraphrase": "the meaning matches in other words: these are not the quote's words",
}


def _day(value) -> str | None:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if not isinstance(value, date):
        return None
    return f"{value.day} {value.strftime('%B %Y')}"


def _said_by(match: Mapping) -> tuple[str, str]:
    """("Said by Kaja Kallas on 22 January 2025 (Korea.net)", the day) for a match."""
    quote = match["quote"]
    source = quote.get("source") or {}
    when = _day(quote.get("said_on")) or _day(source.get("published_at"))
    where = source.get("publisher") or source.get("title")
    text = f"Said by {quote['speaker']['name']}"
    if when:
        text += f" on {when}"
    if where:
        text += f" ({where})"
    return text, when or "another day"


def explanation(
    verdict: str,
    reasons: Sequence[str],
    match: Mapping | None,
    *,
    claimed: str | None = None,
    said_on: date | None = None,
    claimed_person: str | None = None,
) -> str:
    """One sentence saying what the verdict means for this claim.

    ``match``: the match the verdict rests on, as the API shows it; ``claimed``: the speaker as given;
    ``claimed_person``: the archive's name for the person the claimed name is, when it is somebody else.
    """
    if match is None:
        if "figures_differ" in reasons:
            return (
                "Nothing in the archive matches these words; a statement close in meaning is stored, "
                "with other figures than yours (marked among the related quotes)."
            )
        if "says_opposite" in reasons:
            return (
                "Nothing in the archive matches these words; a statement close in meaning is stored, "
                "but it seems to say the opposite of yours (marked among the related quotes)."
            )
        return "Nothing in the archive matches these words."
    said_by, when = _said_by(match)
    who = match["quote"]["speaker"]["name"]
    fields = {
        "claimed": claimed or "",
        "stored": match.get("speaker_matched") or who,
        "who": who,
        "when": when,
        "said_on": _day(said_on) or "",
    }
    clauses = [SPEAKER_CLAUSES[r].format(**fields) for r in reasons if r in SPEAKER_CLAUSES]
    clauses += [CLAUSES[r].format(**fields) for r in reasons if r in CLAUSES]
    tail = "".join(f"; {c}" for c in clauses) + "."

    if verdict == "verified":
        return said_by + tail
    if verdict == "altered":
        changed = sum(1 for d in match.get("diff", ()) if d.get("op") != "equal")
        return f"{said_by}, in other words: your wording differs in {changed} place(s)" + tail
    if verdict in ("paraphrased", "misattributed") and {"other_language", "paraphrase"} & set(reasons):
        said = said_by if verdict == "paraphrased" else f"{said_by}, not by '{claimed}'"
        return said + tail
    if verdict == "paraphrased":
        return f"Reported, not quoted: {said_by.replace('Said by', 'said in other words by', 1)}" + tail
    if verdict == "misattributed":
        other = f", another person in the archive ({claimed_person})" if claimed_person else ""
        return f"{said_by}, not by '{claimed}'{other}" + tail
    # unverified, with a match shown as a suggestion
    if match.get("speaker_match") == "unchecked":
        return (
            f"{said_by}; your speaker '{claimed}' is written in another script than '{fields['stored']}', "
            "and the two names could not be compared: check who said it."
        )
    if "weak_evidence" in reasons:
        return (
            f"These words are close to words of {who}, but too few of them match to say "
            f"'{claimed}' did not say them."
        )
    if "too_short" in reasons:
        why = (
            "name a speaker to check it against"
            if "no_speaker" in reasons
            else "it is held by several quotes"
        )
        if "no_speaker" not in reasons and "several_quotes" not in reasons:
            why = "its only match is not word for word, or its speaker is uncertain"
        return f"Too few words to pin to one quote ({why}); the closest is {said_by[0].lower()}{said_by[1:]}."
    return f"Not confirmed; the closest stored quote: {said_by[0].lower()}{said_by[1:]}."
