"""The compact verification (``GET /api/v1/verify?fields=summary``): what a panel paints first.

The verdict, the sentence explaining it, who was claimed and who said it, the source to link to
and the top match's diff: a few hundred bytes instead of every match with its translations.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from service.api.schemas import DiffOpSchema, VerifyArgsSchema

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


class SummaryMatchSchema(ma.Schema):
    text = ma.fields.String(metadata={"description": "The stored quote's words."})
    speaker = ma.fields.String(metadata={"description": "Who said it, by the index."})
    source = ma.fields.Nested(SummarySourceSchema, allow_none=True)
    diff = ma.fields.List(ma.fields.Nested(DiffOpSchema))
    original_text = ma.fields.String(
        allow_none=True, metadata={"description": "The words as said, when the quote is a translation."}
    )
    original_language = ma.fields.String(allow_none=True)


class SummarySchema(ma.Schema):
    claim = ma.fields.String()
    speaker = ma.fields.String(allow_none=True, metadata={"description": "The speaker as claimed."})
    verdict = ma.fields.String()
    explanation = ma.fields.String(allow_none=True)
    match = ma.fields.Nested(SummaryMatchSchema, allow_none=True, metadata={"description": "The top match."})


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
        }
    return {
        "claim": result["claim"],
        "speaker": result["speaker"],
        "verdict": result["verdict"],
        "explanation": explanation,
        "match": match,
    }
