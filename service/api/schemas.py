"""Request and response schemas shared by the blueprints (made once, at import)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

MAX_CLAIM = 5_000
MAX_LIMIT = 20


class StrictSchema(ma.Schema):
    """Unknown fields are an error: a misspelt field name should not be silently ignored."""

    class Meta:
        unknown = ma.RAISE


class SpeakerRefSchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()


class SourceRefSchema(ma.Schema):
    id = ma.fields.Integer()
    url = ma.fields.String(allow_none=True)
    title = ma.fields.String(allow_none=True)
    publisher = ma.fields.String(allow_none=True)
    published_at = ma.fields.Date(allow_none=True)
    language = ma.fields.String(allow_none=True)


class QuoteBriefSchema(ma.Schema):
    """A quote without its translations: used where one quote points at another."""

    id = ma.fields.Integer()
    text = ma.fields.String()
    language = ma.fields.String(allow_none=True)
    kind = ma.fields.String()
    said_on = ma.fields.Date(allow_none=True)
    context = ma.fields.String(allow_none=True)
    speaker = ma.fields.Nested(SpeakerRefSchema)
    source = ma.fields.Nested(SourceRefSchema, allow_none=True)
    translation_provenance = ma.fields.String(allow_none=True)


class QuoteSchema(QuoteBriefSchema):
    translation_of = ma.fields.Nested(QuoteBriefSchema, allow_none=True)
    translations = ma.fields.List(ma.fields.Nested(QuoteBriefSchema))


class VerifyArgsSchema(StrictSchema):
    claim = ma.fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_CLAIM),
        metadata={"description": "The quote as the user has it.", "example": "Korea is an important strategic partner"},
    )
    speaker = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=300),
        metadata={"description": "Who the claim is attributed to: a name, alias, surname or role."},
    )
    said_on = ma.fields.Date(
        load_default=None, allow_none=True, metadata={"description": "When it was said, to resolve a role."}
    )
    limit = ma.fields.Integer(load_default=5, validate=validate.Range(min=1, max=MAX_LIMIT))

    @ma.validates("claim")
    def _claim_has_words(self, value: str, **_kw) -> None:
        if not value.strip():
            raise ma.ValidationError("The claim is blank.")


class SpanSchema(ma.Schema):
    start = ma.fields.Integer()
    end = ma.fields.Integer()


class DiffOpSchema(ma.Schema):
    op = ma.fields.String(metadata={"enum": ["equal", "insert", "delete", "replace"]})
    claim = ma.fields.String()
    quote = ma.fields.String()


class GapSchema(ma.Schema):
    kind = ma.fields.String(metadata={"enum": ["omission", "insertion", "sic"]})
    claim = ma.fields.String(metadata={"description": "The marker or bracket as written in the claim."})
    quote = ma.fields.String(metadata={"description": "The quote's words it stands for."})


class TranslationSchema(ma.Schema):
    provenance = ma.fields.String(allow_none=True, metadata={"enum": ["editorial", "official"]})
    editorial = ma.fields.Boolean()
    original_text = ma.fields.String()
    original_language = ma.fields.String(allow_none=True)


VERDICTS = ["verified", "altered", "paraphrased", "misattributed", "unverified"]


class MatchSchema(ma.Schema):
    quote = ma.fields.Nested(QuoteSchema)
    score = ma.fields.Float()
    verdict = ma.fields.String(metadata={"enum": VERDICTS})
    confidence = ma.fields.String(metadata={"enum": ["strong", "suggestion"]})
    speaker_matches = ma.fields.Boolean(allow_none=True)
    span = ma.fields.Nested(SpanSchema)
    diff = ma.fields.List(ma.fields.Nested(DiffOpSchema))
    gaps = ma.fields.List(ma.fields.Nested(GapSchema))
    translation = ma.fields.Nested(TranslationSchema, allow_none=True)


class VerificationSchema(ma.Schema):
    claim = ma.fields.String()
    speaker = ma.fields.String(allow_none=True)
    verdict = ma.fields.String(metadata={"enum": VERDICTS})
    matches = ma.fields.List(ma.fields.Nested(MatchSchema))
