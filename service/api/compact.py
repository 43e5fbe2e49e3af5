"""The compact verification (``GET /api/v1/verify?fields=summary``): what a panel paints first.

The verdict, the sentence explaining it, who was claimed and who said it, the source to link to
and the top match's diff (or, for a match found by meaning, its similarity), then the quotes related in
meaning: a few hundred bytes instead of every match with its translations.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from service.api.schemas import DiffOpSchema, VerifyArgsSchema
from service.matching.speakers import UNCERTAIN_REASONS

FIELDS = ["full", "summary"]


class VerifyQuerySchema(VerifyArgsSchema):
    """The query of ``GET /verify``: the claim's fields, and which form of the answer."""

    fields = ma.fields.String(
        load_default="full",
        validate=validate.OneOf(FIELDS),
        metadata={"description": "Which form of the answer."},
    )


class SummarySourceSchema(ma.Schema):
    url = ma.fields.String(allow_none=True)
    title = ma.fields.String(allow_none=True)
    publisher = ma.fields.String(allow_none=True)
    published_at = ma.fields.Date(allow_none=True)


class SummaryMeaningSchema(ma.Schema):
    reason = ma.fields.String(
        metadata={
            "description": "'other_language': the quote is in another language; 'paraphrase': other words."
        }
    )
    similarity = ma.fields.Float(metadata={"description": "How close the meanings are, 0 to 1."})
    quote_language = ma.fields.String(
        allow_none=True, metadata={"description": "The stored quote's language."}
    )


class SummaryRelatedSchema(ma.Schema):
    text = ma.fields.String()
    speaker = ma.fields.String(allow_none=True)
    language = ma.fields.String(allow_none=True)
    similarity = ma.fields.Float(metadata={"description": "How close its meaning is to the claim's, 0 to 1."})
    figures_differ = ma.fields.Boolean(
        metadata={"description": "It says what the claim says, but with other figures: not a match."}
    )
    says_opposite = ma.fields.Boolean(
        metadata={"description": "Close in meaning, but it seems to say the opposite: not a match."}
    )


class SummaryMatchSchema(ma.Schema):
    text = ma.fields.String(metadata={"description": "The stored quote's words."})
    speaker = ma.fields.String(metadata={"description": "Who said it, by the index."})
    source = ma.fields.Nested(SummarySourceSchema, allow_none=True)
    diff = ma.fields.List(ma.fields.Nested(DiffOpSchema))
    original_text = ma.fields.String(
        allow_none=True, metadata={"description": "The words as said, when the quote is a translation."}
    )
    original_language = ma.fields.String(allow_none=True)
    meaning = ma.fields.Nested(
        SummaryMeaningSchema,
        allow_none=True,
        metadata={
            "description": "Set when the match was found by meaning alone: its words are not compared."
        },
    )


class SummarySchema(ma.Schema):
    claim = ma.fields.String()
    speaker = ma.fields.String(allow_none=True, metadata={"description": "The speaker as claimed."})
    verdict = ma.fields.String()
    speaker_certain = ma.fields.Boolean(
        allow_none=True,
        metadata={
            "description": "False when the claimed speaker is only probably the top match's (one name alone, "
            "a surname several people share, a name in another script); null when no speaker was claimed "
            "or nothing matched."
        },
    )
    explanation = ma.fields.String(allow_none=True)
    match = ma.fields.Nested(SummaryMatchSchema, allow_none=True, metadata={"description": "The top match."})
    related = ma.fields.List(
        ma.fields.Nested(SummaryRelatedSchema),
        metadata={"description": "Quotes close in meaning to the claim, not the claim itself; best first."},
    )


SUMMARY = SummarySchema()


def summarise(result: dict) -> dict:
    """The compact form of a verification result (``verification.verify``'s dict)."""
    top = result["matches"][0] if result["matches"] else None
    explanation = result.get("explanation") or (top or {}).get("explanation")
    match = None
    if top is not None:
        quote, source, translation = top["quote"], top["quote"]["source"], top.get("translation")
        match = {
            "text": quote["text"],
            "speaker": quote["speaker"]["name"],
            "source": None if source is None else {k: source.get(k) for k in SummarySourceSchema().fields},
            "diff": top["diff"],
            "original_text": translation["original_text"] if translation else None,
            "original_language": translation["original_language"] if translation else None,
            "meaning": _meaning(top.get("meaning")),
        }
    return {
        "claim": result["claim"],
        "speaker": result["speaker"],
        "verdict": result["verdict"],
        "speaker_certain": _speaker_certain(result, top),
        "explanation": explanation,
        "match": match,
        "related": [_related(r) for r in result.get("related", [])],
    }


def _speaker_certain(result: dict, top: dict | None) -> bool | None:
    if top is None or not (result.get("speaker") or "").strip():
        return None
    return top.get("speaker_match") in ("exact", "alias", "probable") and UNCERTAIN_REASONS.isdisjoint(
        top.get("reasons") or ()
    )


def _meaning(meaning: dict | None) -> dict | None:
    if meaning is None:
        return None
    return {k: meaning.get(k) for k in ("reason", "similarity", "quote_language")}


def _related(related: dict) -> dict:
    quote = related["quote"]
    speaker = quote.get("speaker")
    return {
        "text": quote["text"],
        "speaker": speaker["name"] if speaker else None,
        "language": quote.get("language"),
        "similarity": related["similarity"],
        "figures_differ": related.get("figures_differ", False),
        "says_opposite": related.get("says_opposite", False),
    }
