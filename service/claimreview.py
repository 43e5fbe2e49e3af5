"""A verification as schema.org ``ClaimReview`` JSON-LD, the markup fact-check search engines read.

The page embeds it and ``/api/v1/verify`` returns it for ``Accept: application/ld+json``. Built from the
plain result dict of ``service.verification.verify`` (no database), with the fields Google's ClaimReview
documentation asks for: ``claimReviewed``, ``reviewRating.alternateName``, ``url``, and the recommended
``author``, ``datePublished`` and ``itemReviewed`` (a ``Claim`` with its ``author`` and appearances).
"""

from __future__ import annotations

from datetime import date

# Each verdict in words: the word a reader sees, and the phrase that says what it means.
VERDICT_WORDS = {
    "verified": ("Verified", "The words and the speaker are right."),
    "altered": ("Altered", "The quote exists, but words in it were changed."),
    "paraphrased": ("Paraphrased", "The speaker said this in other words; it is not a direct quote."),
    "misattributed": ("Misattributed", "Someone else said this."),
    "unverified": ("Unverified", "No stored quote confirms this."),
}


def verdict_word(verdict: str) -> str:
    """The verdict as one capitalised word ("Altered")."""
    return VERDICT_WORDS.get(verdict, (verdict.capitalize(), ""))[0]


def verdict_meaning(verdict: str) -> str:
    """What the verdict means, in one sentence."""
    return VERDICT_WORDS.get(verdict, ("", ""))[1]


def explanation(result: dict) -> str:
    """One sentence on why the verdict: the result's own ``explanation`` when it has one."""
    if result.get("explanation"):
        return result["explanation"]
    matches = result.get("matches") or []
    if matches and matches[0].get("explanation"):
        return matches[0]["explanation"]
    verdict = result["verdict"]
    if not matches:
        return "Nothing in the index matches these words; that does not mean they were never said."
    best = matches[0]
    who = best["quote"]["speaker"]["name"]
    where = _where(best["quote"].get("source"))
    if verdict == "verified":
        return f"These are the words of {who}{where}."
    if verdict == "altered":
        changed = sum(1 for d in best.get("diff", []) if d["op"] != "equal")
        runs = "one place" if changed == 1 else f"{changed} places"
        return f"{who} said this{where}, but the claim's words differ in {runs}."
    if verdict == "misattributed":
        claimed = result.get("speaker") or "the claimed speaker"
        return f"{who} said this{where}, not {claimed}."
    if verdict == "paraphrased":
        return f"{who} is reported{where} as saying this, in other words."
    return VERDICT_WORDS.get(verdict, ("", ""))[1]


def _where(source: dict | None) -> str:
    if not source:
        return ""
    name = source.get("publisher") or source.get("title")
    return f" in {name}" if name else ""


def _creative_work(source: dict | None) -> dict | None:
    """A stored source as a schema.org ``CreativeWork`` (None when nothing is known of it)."""
    if not source:
        return None
    work: dict = {"@type": "CreativeWork"}
    if source.get("url"):
        work["url"] = source["url"]
    if source.get("title"):
        work["headline"] = source["title"]
    if source.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    if source.get("published_at"):
        work["datePublished"] = _iso(source["published_at"])
    if source.get("language"):
        work["inLanguage"] = source["language"]
    return work if len(work) > 1 else None


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _appearances(result: dict) -> tuple[list[dict], dict | None]:
    """Where the quote appeared, and where first: the result's own fields when present, else the match's."""
    matches = result.get("matches") or []
    if not matches or result["verdict"] == "unverified":
        return [], None
    best = matches[0]
    listed = best.get("appearances") or result.get("appearances")
    sources = [a.get("source", a) for a in listed] if listed else [best["quote"].get("source")]
    appearances = [w for w in map(_creative_work, sources) if w]
    first = best.get("first_appearance") or result.get("first_appearance")
    first_work = _creative_work(first.get("source", first)) if first else None
    return appearances, first_work


def claim_review(
    result: dict, *, url: str, author_name: str, author_url: str | None = None, published: date | None = None
) -> dict:
    """The ClaimReview of one verification result, as a JSON-LD document (a dict)."""
    verdict = result["verdict"]
    word = verdict_word(verdict)
    claim: dict = {"@type": "Claim"}
    claimed = result.get("speaker")
    matches = result.get("matches") or []
    if not claimed and matches and verdict != "unverified":
        claimed = matches[0]["quote"]["speaker"]["name"]
    if claimed:
        claim["author"] = {"@type": "Person", "name": claimed}
    appearances, first = _appearances(result)
    if appearances:
        claim["appearance"] = appearances
    if first:
        claim["firstAppearance"] = first
    if result.get("said_on"):
        claim["datePublished"] = _iso(result["said_on"])
    organisation: dict = {"@type": "Organization", "name": author_name}
    if author_url:
        organisation["url"] = author_url
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": result["claim"],
        "itemReviewed": claim,
        "author": organisation,
        "datePublished": (published or date.today()).isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": word,
            "textualRating": word,
            "ratingExplanation": explanation(result),
        },
    }
