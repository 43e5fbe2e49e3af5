"""A verification's matches as the API shows them: plain dicts built from the stored rows. Pure.

``rows`` are the quote rows verification read (service.verification), by id: the quote, its speaker and
its source's fields. A word match shows its diff, gaps and every appearance of its statement; a match of
meaning alone shows the quote's own wording, its language and the similarity, and no diff.
"""

from __future__ import annotations

from datetime import date

from service import matching

__all__ = ["appearances_of", "brief", "match_dict", "meaning_match_dict"]


def brief(row: dict) -> dict:
    """A quote as the API shows it, without its translations."""
    return {
        "id": row["id"],
        "text": row["text"],
        "language": row["language"],
        "kind": row["kind"],
        "said_on": row["said_on"],
        "context": row["context"],
        "speaker": {"id": row["speaker_id"], "name": row["speaker_name"]},
        "source": None
        if row["source_id"] is None
        else {
            "id": row["source_id"],
            "url": row["source_url"],
            "title": row["source_title"],
            "publisher": row["source_publisher"],
            "published_at": row["source_published_at"],
            "language": row["source_language"],
            "standing": row["source_standing"],
        },
        "translation_provenance": row["translation_provenance"],
    }


# Best first: the standing a statement has is that of the best source it appeared in.
_STANDING_RANK = {standing: i for i, standing in enumerate(matching.STANDINGS)}


def _appearance(row: dict) -> dict:
    """Where one stored copy of a statement appeared: its source, date and standing, and its own words."""
    return {
        "quote_id": row["id"],
        "text": row["text"],
        "published_at": row["source_published_at"] or row["said_on"],
        "standing": row["source_standing"] or matching.UNVETTED,
        "source": brief(row)["source"],
    }


def appearances_of(match: matching.Match, rows: dict[int, dict]) -> list[dict]:
    """Every stored copy of the match's statement, earliest published first (undated last)."""
    found = [_appearance(rows[c.quote_id]) for c in (match.candidate, *match.appearances)]
    undated_last = date.max
    return sorted(found, key=lambda a: (a["published_at"] or undated_last, a["quote_id"]))


def match_dict(match: matching.Match, rows: dict[int, dict], translations: dict[int, list[dict]]) -> dict:
    """One match as the API shows it."""
    row = rows[match.candidate.quote_id]
    appearances = appearances_of(match, rows)
    original = rows.get(row["translation_of_id"]) if row["translation_of_id"] else None
    quote = {
        **brief(row),
        "translation_of": brief(original) if original else None,
        "translations": translations.get(row["id"], []),
    }
    return {
        "quote": quote,
        "score": round(match.score, 1),
        "verdict": match.verdict,
        "confidence": match.confidence,
        "speaker_matches": match.speaker_matches,
        "speaker_match": match.speaker_match,
        "speaker_matched": match.speaker_matched,
        "reasons": list(match.reasons),
        "span": {"start": match.span[0], "end": match.span[1]},
        "diff": [{"op": d.op, "claim": d.claim, "quote": d.quote} for d in match.diff],
        "standing": min((a["standing"] for a in appearances), key=_STANDING_RANK.__getitem__),
        "contradicted_by": match.contradicted_by,
        "first_appearance": appearances[0],
        "appearances": appearances,
        # The copies' words differ beyond spacing (a fragment, other punctuation or capitals).
        "wording_differs": len({" ".join(a["text"].split()) for a in appearances}) > 1,
        "gaps": [{"kind": g.kind, "claim": g.claim, "quote": g.quote} for g in match.gaps],
        "translation": None
        if original is None
        else {
            "provenance": row["translation_provenance"],
            "editorial": row["translation_provenance"] != "official",
            "original_text": original["text"],
            "original_language": original["language"],
        },
        "meaning": None,
    }


def meaning_match_dict(match: matching.MeaningMatch, rows: dict[int, dict]) -> dict:
    """A match of meaning alone as the API shows it: the quote's own wording, no word diff."""
    row = rows[match.candidate.quote_id]
    original = rows.get(row["translation_of_id"]) if row["translation_of_id"] else None
    appearance = _appearance(row)
    sm = match.speaker
    reasons = list(dict.fromkeys([match.reason, *(sm.reasons if sm else ())]))
    return {
        "quote": {
            **brief(row),
            "translation_of": brief(original) if original else None,
            "translations": [],
        },
        "score": round(100 * match.similarity, 1),
        "verdict": match.verdict,
        "confidence": "suggestion",
        "speaker_matches": match.speaker_matches,
        "speaker_match": sm.level if sm else None,
        "speaker_matched": sm.matched if sm else None,
        "reasons": reasons,
        "span": {"start": 0, "end": len(row["text"])},
        "diff": [],
        "gaps": [],
        "standing": appearance["standing"],
        "contradicted_by": None,
        "first_appearance": appearance,
        "appearances": [appearance],
        "wording_differs": False,
        "translation": None,
        "meaning": {
            "reason": match.reason,
            "similarity": round(match.similarity, 3),
            "claim_language": match.claim_language,
            "quote_language": match.quote_language,
            "original_text": row["text"],
            "original_language": match.quote_language,
        },
    }
