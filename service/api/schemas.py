"""Request and response schemas shared by the blueprints (made once, at import)."""

from __future__ import annotations

from datetime import UTC, datetime

import marshmallow as ma
from apispec import BasePlugin
from marshmallow import validate

from service.matching import index_terms

MAX_CLAIM = 5_000
# The longest name (with a title or role) a claim's speaker is given as.
MAX_SPEAKER = 300
MAX_LIMIT = 20
STANDINGS = ["primary", "publication", "unvetted"]
# Each standing's meaning is in service.api.vocabulary, written beside every enum of them.
STANDING = "What the source is worth as evidence."
# Ids are the database's INTEGER (32-bit on PostgreSQL): a larger one names nothing, and would not even
# reach the database (SQLite's and psycopg's integers overflow).
MAX_ID = 2**31 - 1


class UtcDateTime(ma.fields.DateTime):
    """A moment with its offset, as RFC 3339 wants: SQLite gives stored times back without their zone."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class WholeNumber(ma.fields.Integer):
    """An integer, from JSON or a query string; a fraction is refused, never cut (1.5 days is not 1 day)."""

    default_error_messages = {"invalid": "Not a whole number."}

    def _validated(self, value):
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class StrictSchema(ma.Schema):
    """Unknown fields are an error: a misspelt field name should not be silently ignored."""

    class Meta:
        unknown = ma.RAISE


class SchemaRulesPlugin(BasePlugin):
    """apispec plugin: a schema's ``openapi_rules`` join its component in the OpenAPI document.

    What a schema's own validators hold across its fields (a url or a title; at least one field) cannot
    be said field by field; said here, clients and generated clients see it, and so does the fuzzer.
    """

    def schema_helper(self, name, definition, **kwargs) -> dict | None:
        return getattr(kwargs.get("schema"), "openapi_rules", None)


class SpeakerRefSchema(ma.Schema):
    id = WholeNumber()
    name = ma.fields.String()


class SourceRefSchema(ma.Schema):
    id = WholeNumber()
    url = ma.fields.String(allow_none=True)
    title = ma.fields.String(allow_none=True)
    publisher = ma.fields.String(allow_none=True)
    published_at = ma.fields.Date(allow_none=True)
    language = ma.fields.String(allow_none=True)
    standing = ma.fields.String(metadata={"enum": STANDINGS, "description": STANDING})


class QuoteBriefSchema(ma.Schema):
    """A quote without its translations: used where one quote points at another."""

    id = WholeNumber()
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


class FilterArgsSchema(StrictSchema):
    """Which stored quotes a verification is checked against (all, unless narrowed)."""

    since = ma.fields.Date(
        load_default=None, allow_none=True, metadata={"description": "Only quotes that appeared on or after."}
    )
    until = ma.fields.Date(
        load_default=None, allow_none=True, metadata={"description": "Only quotes that appeared by then."}
    )
    max_age_days = WholeNumber(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, max=100_000),
        metadata={"description": "Only quotes that appeared in the last N days."},
    )
    publisher = ma.fields.List(
        ma.fields.String(validate=validate.Length(min=1, max=300)),
        load_default=None,
        validate=validate.Length(max=50),
        metadata={"description": "Only quotes from these publishers (any case); repeat in a query string."},
    )
    standing = ma.fields.List(
        ma.fields.String(validate=validate.OneOf(STANDINGS)),
        load_default=None,
        validate=validate.Length(max=3),
        metadata={"description": "Only quotes from sources of these standings."},
    )
    min_score = ma.fields.Float(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, max=100),
        metadata={"description": "Only matches scoring at least this (0-100)."},
    )

    @ma.validates_schema
    def _period(self, data: dict, **_kw) -> None:
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ma.ValidationError("'until' is before 'since'.", "until")


FILTER_FIELDS = ("since", "until", "max_age_days", "publisher", "standing", "min_score")


class VerifyArgsSchema(FilterArgsSchema):
    claim = ma.fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_CLAIM),
        metadata={
            "description": "The quote as the user has it.",
            "example": "Korea is an important strategic partner",
        },
    )
    speaker = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=MAX_SPEAKER),
        metadata={"description": "Who the claim is attributed to: a name, alias, surname or role."},
    )
    said_on = ma.fields.Date(
        load_default=None, allow_none=True, metadata={"description": "When it was said, to resolve a role."}
    )
    limit = WholeNumber(load_default=5, validate=validate.Range(min=1, max=MAX_LIMIT))
    language = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=20),
        metadata={"description": "Only quotes in this language (e.g. 'en')."},
    )

    @ma.validates("claim")
    def _claim_has_words(self, value: str, **_kw) -> None:
        if not value.strip():
            raise ma.ValidationError("The claim is blank.")


class SpanSchema(ma.Schema):
    start = WholeNumber()
    end = WholeNumber()


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
MEANING_REASONS = ["other_language", "paraphrase"]


class MeaningSchema(ma.Schema):
    """Why a match found by meaning alone is `paraphrased`: its words were not, and cannot be, compared."""

    reason = ma.fields.String(
        metadata={
            "enum": MEANING_REASONS,
            "description": "Why the words were not compared.",
        }
    )
    similarity = ma.fields.Float(metadata={"description": "Cosine similarity of the sentence vectors."})
    claim_language = ma.fields.String(allow_none=True)
    quote_language = ma.fields.String(allow_none=True)
    original_text = ma.fields.String(metadata={"description": "The quote's own wording, as stored."})
    original_language = ma.fields.String(allow_none=True)


class RelatedSchema(ma.Schema):
    """A stored statement close in meaning to the claim, not the same one: shown, never concluded."""

    quote = ma.fields.Nested(QuoteBriefSchema)
    similarity = ma.fields.Float()
    reason = ma.fields.String(metadata={"enum": MEANING_REASONS})
    figures_differ = ma.fields.Boolean(
        metadata={
            "description": "Close enough to say what the claim says, but the claim and the quote each "
            "write a number the other does not: another statement, not a match."
        }
    )
    says_opposite = ma.fields.Boolean(
        metadata={
            "description": "Close enough to say what the claim says, but nearer the claim reversed "
            '("is" for "is not"): it seems to say the opposite, not a match. English claims only.'
        }
    )


class AppearanceSchema(ma.Schema):
    """One stored copy of a statement: where and when it appeared, and in what words."""

    quote_id = WholeNumber()
    text = ma.fields.String()
    published_at = ma.fields.Date(
        allow_none=True, metadata={"description": "The source's date (else the quote's)."}
    )
    standing = ma.fields.String(metadata={"enum": STANDINGS, "description": STANDING})
    source = ma.fields.Nested(SourceRefSchema, allow_none=True)


SPEAKER_MATCHES = ["exact", "alias", "probable", "unchecked", "different"]
REASONS = (
    "Why the verdict is what it is, machine-readable: e.g. speaker_name_variant, speaker_typo, "
    "speaker_alias, speaker_role, speaker_surname_only, speaker_stored_short, speaker_surname_shared, "
    "speaker_one_name, speaker_other_script, "
    "speaker_differs, weak_evidence, short_claim, too_short, no_speaker, several_quotes, date_mismatch, "
    "no_match, figures_differ (nothing matches; a related statement says it with other figures), "
    "says_opposite (nothing matches; a related statement seems to say the opposite)."
)


class MatchSchema(ma.Schema):
    quote = ma.fields.Nested(QuoteSchema)
    score = ma.fields.Float()
    verdict = ma.fields.String(metadata={"enum": VERDICTS})
    confidence = ma.fields.String(metadata={"enum": ["strong", "suggestion"]})
    speaker_matches = ma.fields.Boolean(allow_none=True)
    speaker_match = ma.fields.String(
        allow_none=True,
        metadata={
            "enum": SPEAKER_MATCHES,
            "description": "How surely the claimed speaker is the quote's (null: no speaker claimed).",
        },
    )
    speaker_matched = ma.fields.String(
        allow_none=True, metadata={"description": "The stored name or alias the claimed speaker agreed with."}
    )
    reasons = ma.fields.List(ma.fields.String(), metadata={"description": REASONS})
    explanation = ma.fields.String(metadata={"description": "This match, in one sentence."})
    span = ma.fields.Nested(SpanSchema)
    diff = ma.fields.List(ma.fields.Nested(DiffOpSchema))
    gaps = ma.fields.List(ma.fields.Nested(GapSchema))
    translation = ma.fields.Nested(TranslationSchema, allow_none=True)
    meaning = ma.fields.Nested(
        MeaningSchema, allow_none=True, metadata={"description": "Set when only the meaning matched."}
    )
    standing = ma.fields.String(
        metadata={"enum": STANDINGS, "description": "The best standing of the sources it appeared in."}
    )
    contradicted_by = WholeNumber(
        allow_none=True,
        metadata={"description": "A vetted source's quote giving this otherwise (this one is unvetted)."},
    )
    first_appearance = ma.fields.Nested(AppearanceSchema, metadata={"description": "The earliest published."})
    appearances = ma.fields.List(
        ma.fields.Nested(AppearanceSchema),
        metadata={"description": "Every stored copy of this statement (same speaker; same words or a part)."},
    )
    wording_differs = ma.fields.Boolean(
        metadata={"description": "The appearances' words differ (one a fragment, other punctuation or case)."}
    )


class VerificationSchema(ma.Schema):
    claim = ma.fields.String()
    speaker = ma.fields.String(allow_none=True)
    said_on = ma.fields.Date(allow_none=True, metadata={"description": "The date said, as asked."})
    limit = WholeNumber(metadata={"description": "The most matches asked for."})
    verdict = ma.fields.String(metadata={"enum": VERDICTS})
    reasons = ma.fields.List(ma.fields.String(), metadata={"description": REASONS})
    explanation = ma.fields.String(
        metadata={"description": "The verdict in one sentence a journalist can read."}
    )
    speaker_match = ma.fields.String(
        allow_none=True, metadata={"enum": SPEAKER_MATCHES, "description": "The first match's speaker_match."}
    )
    evidence_standing = ma.fields.String(
        allow_none=True,
        metadata={"enum": STANDINGS, "description": "What the verdict rests on: the first match's standing."},
    )
    first_appearance = ma.fields.Nested(
        AppearanceSchema, allow_none=True, metadata={"description": "The first match's first appearance."}
    )
    appearances = ma.fields.List(
        ma.fields.Nested(AppearanceSchema), metadata={"description": "The first match's appearances."}
    )
    matches = ma.fields.List(ma.fields.Nested(MatchSchema))
    related = ma.fields.List(
        ma.fields.Nested(RelatedSchema),
        metadata={"description": "Statements close in meaning, after the matches, most similar first."},
    )


# --- the read and write API: quotes, speakers, sources ---------------------------------------------

MAX_PAGE_SIZE = 100
QUOTE_KINDS = ["direct", "reported"]
PROVENANCES = ["editorial", "official"]
SPEAKER_NAME = "A speaker's name or alias, any case; a name not stored yet adds a speaker."


def _id(**kwargs) -> ma.fields.Integer:
    """An id field: a positive integer within the column's range."""
    return WholeNumber(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class PageArgsSchema(StrictSchema):
    # Pages past MAX_ID hold nothing for any size, and their offset would overflow the database's integer.
    page = WholeNumber(load_default=1, validate=validate.Range(min=1, max=MAX_ID))
    page_size = WholeNumber(load_default=20, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class PageSchema(ma.Schema):
    page = WholeNumber()
    page_size = WholeNumber()
    total = WholeNumber(metadata={"description": "How many items match, on all pages."})


class QuoteFilterSchema(PageArgsSchema):
    speaker_id = _id()
    speaker = ma.fields.String(
        validate=validate.Length(min=1, max=300), metadata={"description": "A name or alias, any case."}
    )
    source_id = _id()
    language = ma.fields.String(validate=validate.Length(min=1, max=20))
    kind = ma.fields.String(validate=validate.OneOf(QUOTE_KINDS))


class QuotePageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(QuoteSchema))


class RoleSchema(ma.Schema):
    title = ma.fields.String()
    organisation = ma.fields.String(allow_none=True)
    start_date = ma.fields.Date(allow_none=True)
    end_date = ma.fields.Date(allow_none=True)


class SpeakerSchema(ma.Schema):
    id = WholeNumber()
    name = ma.fields.String()
    wikidata_qid = ma.fields.String(allow_none=True)
    description = ma.fields.String(allow_none=True)
    aliases = ma.fields.List(ma.fields.String())
    roles = ma.fields.List(ma.fields.Nested(RoleSchema))
    quote_count = WholeNumber()


class SpeakerMergeSchema(StrictSchema):
    into = _id(
        required=True,
        metadata={"description": "The speaker to keep: this one's quotes, aliases and roles move to it."},
    )


class SpeakerFilterSchema(PageArgsSchema):
    q = ma.fields.String(
        validate=validate.Length(min=1, max=300),
        metadata={"description": "Part of a name or alias, any case."},
    )


class SpeakerPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(SpeakerSchema))


class SourceSchema(SourceRefSchema):
    author = ma.fields.String(allow_none=True)


class SourceDetailSchema(SourceSchema):
    body = ma.fields.String(allow_none=True)
    quotes = ma.fields.List(
        ma.fields.Nested(QuoteSchema), metadata={"description": "The source's quotes, translations nested."}
    )


class SourcePageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(SourceSchema))


def _words(max_length: int) -> validate.Validator:
    return validate.Length(min=1, max=max_length)


NO_WORD = "The text has no word (only punctuation, symbols or emoji): nothing could ever find it."


def _indexable(value: str) -> None:
    """A quote's text must hold a word: the index finds quotes by their words."""
    if not index_terms(value):
        raise ma.ValidationError(NO_WORD)


def _quote_text(**kwargs) -> ma.fields.String:
    return ma.fields.String(validate=[_words(MAX_CLAIM), _indexable], **kwargs)


class TranslationInSchema(StrictSchema):
    text = _quote_text(required=True)
    language = ma.fields.String(required=True, validate=_words(20))
    provenance = ma.fields.String(required=True, validate=validate.OneOf(PROVENANCES))


class QuoteFieldsSchema(StrictSchema):
    """A quote's own fields, all optional: what PATCH /quotes/<id> may change."""

    text = _quote_text()
    speaker = ma.fields.String(validate=_words(300), metadata={"description": SPEAKER_NAME})
    kind = ma.fields.String(validate=validate.OneOf(QUOTE_KINDS))
    language = ma.fields.String(allow_none=True, validate=_words(20))
    said_on = ma.fields.Date(allow_none=True)
    context = ma.fields.String(allow_none=True)

    openapi_rules = {"minProperties": 1}  # _changes_something

    @ma.validates_schema
    def _changes_something(self, data: dict, **_kw) -> None:
        if not data:
            raise ma.ValidationError("Send at least one field to change.", "_schema")


class QuoteInSchema(QuoteFieldsSchema):
    """A new quote: its words and speaker are required."""

    text = _quote_text(required=True)
    speaker = ma.fields.String(required=True, validate=_words(300), metadata={"description": SPEAKER_NAME})
    kind = ma.fields.String(load_default="direct", validate=validate.OneOf(QUOTE_KINDS))
    translations = ma.fields.List(ma.fields.Nested(TranslationInSchema), load_default=list)


class NewQuoteSchema(QuoteInSchema):
    """A new quote, from a stored source or none."""

    source_id = _id(load_default=None, allow_none=True)


class NewSourceSchema(StrictSchema):
    """A new source and its quotes, stored together or not at all."""

    url = ma.fields.Url(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    title = ma.fields.String(load_default=None, allow_none=True)
    publisher = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    author = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    published_at = ma.fields.Date(load_default=None, allow_none=True)
    language = ma.fields.String(load_default=None, allow_none=True, validate=_words(20))
    standing = ma.fields.String(
        load_default="unvetted",
        validate=validate.OneOf(STANDINGS),
        metadata={"description": STANDING + " Unvetted unless said."},
    )
    body = ma.fields.String(load_default=None, allow_none=True)
    quotes = ma.fields.List(ma.fields.Nested(QuoteInSchema), load_default=list)
    extract = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "Also store the quotations and reported statements found in 'body'."},
    )
    dry_run = ma.fields.Boolean(
        load_default=False, metadata={"description": "Store nothing; answer 200 with what would be stored."}
    )
    fetch = ma.fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Fetch the page at 'url' and store its main text, metadata and quotations"
            " (the default when only a url is given)."
        },
    )

    openapi_rules = {  # _identifiable
        "description": "A new source and its quotes. It needs a url or a title.",
        "anyOf": [
            {"required": [field], "properties": {field: {"type": "string", "minLength": 1}}}
            for field in ("url", "title")
        ],
    }

    @ma.validates_schema
    def _identifiable(self, data: dict, **_kw) -> None:
        if not (data.get("url") or data.get("title")):
            raise ma.ValidationError("A source needs a url or a title.", "url")


MAX_BATCH = 100
MAX_DRAFT = 200_000


class BatchClaimSchema(StrictSchema):
    claim = ma.fields.String(required=True, validate=validate.Length(min=1, max=MAX_CLAIM))
    speaker = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    said_on = ma.fields.Date(load_default=None, allow_none=True)


class BatchArgsSchema(FilterArgsSchema):
    """Claims verified alike: the filters apply to every one."""

    claims = ma.fields.List(
        ma.fields.Nested(BatchClaimSchema),
        required=True,
        validate=validate.Length(min=1, max=MAX_BATCH),
        metadata={"description": f"Up to {MAX_BATCH} claims; results come back in the same order."},
    )
    limit = WholeNumber(load_default=3, validate=validate.Range(min=1, max=MAX_LIMIT))
    language = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=20),
        metadata={"description": "Only quotes in this language (e.g. 'en')."},
    )


class BatchResultSchema(ma.Schema):
    results = ma.fields.List(ma.fields.Nested(VerificationSchema))


class CheckArgsSchema(FilterArgsSchema):
    text = ma.fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_DRAFT),
        metadata={"description": "The draft article, as plain text."},
    )
    language = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=20),
        metadata={"description": "The draft's language (e.g. 'en', 'id'); detected when absent."},
    )
    quote_language = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=20),
        metadata={"description": "Only quotes in this language (what /verify calls 'language')."},
    )


class MentionSchema(ma.Schema):
    name = ma.fields.String()
    id = WholeNumber(allow_none=True)
    start = WholeNumber()
    end = WholeNumber()


class CheckVerificationSchema(ma.Schema):
    verdict = ma.fields.String(metadata={"enum": VERDICTS})
    reasons = ma.fields.List(ma.fields.String(), metadata={"description": REASONS})
    explanation = ma.fields.String(metadata={"description": "The verdict in one sentence."})
    matches = ma.fields.List(ma.fields.Nested(MatchSchema))
    related = ma.fields.List(
        ma.fields.Nested(RelatedSchema),
        metadata={"description": "Statements close in meaning, after the matches, most similar first."},
    )


class CheckedQuoteSchema(ma.Schema):
    text = ma.fields.String()
    start = WholeNumber(metadata={"description": "Offset in the draft (Python string index)."})
    end = WholeNumber(metadata={"description": "End offset, exclusive."})
    kind = ma.fields.String(metadata={"enum": ["direct", "reported"]})
    speaker = ma.fields.Nested(MentionSchema, allow_none=True)
    verification = ma.fields.Nested(
        CheckVerificationSchema,
        allow_none=True,
        metadata={"description": "Null when the quotation was not verified: see not_verified_reason."},
    )
    not_verified_reason = ma.fields.String(
        allow_none=True,
        metadata={
            "enum": ["too_long", "over_cap", "out_of_time", None],
            "description": "Why verification is null (null when it is not). Send such a quotation to "
            "/verify, or the rest of the draft to /check again.",
        },
    )


class CheckLimitsSchema(ma.Schema):
    max_verified_quotations = WholeNumber(
        metadata={"description": "Distinct quotations (words and speaker) verified at most, in draft order."}
    )
    max_verified_chars = WholeNumber(metadata={"description": "A longer quotation is listed, not verified."})
    verify_seconds = ma.fields.Float(
        allow_none=True,
        metadata={"description": "Seconds of verification a draft gets at most, null for no limit."},
    )


class CheckResultSchema(ma.Schema):
    quotes = ma.fields.List(ma.fields.Nested(CheckedQuoteSchema))
    summary = ma.fields.Dict(keys=ma.fields.String(), values=WholeNumber())
    not_verified = WholeNumber(
        metadata={"description": "Quotations listed but not verified (each says why in not_verified_reason)."}
    )
    limits = ma.fields.Nested(
        CheckLimitsSchema,
        metadata={"description": "The bounds on one draft's verification work, as applied to this one."},
    )


class PreviewQuoteSchema(ma.Schema):
    text = ma.fields.String()
    kind = ma.fields.String(metadata={"enum": ["direct", "reported"]})
    speaker = ma.fields.String()
    speaker_id = WholeNumber(
        allow_none=True,
        metadata={"description": "The stored speaker it would be filed under; null: a new one."},
    )
    start = WholeNumber(allow_none=True, metadata={"description": "Offset in the body, when extracted."})
    end = WholeNumber(allow_none=True)
    extracted = ma.fields.Boolean()


class PreviewSourceSchema(SourceRefSchema):
    """A source as it would be stored: no id yet."""

    class Meta:
        exclude = ("id",)

    author = ma.fields.String(allow_none=True)


class SourcePreviewSchema(ma.Schema):
    """The answer to a dry run: what would be stored. Nothing is."""

    stored = ma.fields.Boolean(metadata={"description": "Always false: a dry run stores nothing."})
    source = ma.fields.Nested(PreviewSourceSchema)
    quotes = ma.fields.List(ma.fields.Nested(PreviewQuoteSchema))


# --- feedback ---------------------------------------------------------------------------------------

FEEDBACK_RATINGS = ["right", "wrong_match", "wrong_verdict", "none_of_these"]


class FeedbackInSchema(StrictSchema):
    """A reader's word on one verification: the claim and answer they got, and whether it was right."""

    claim = ma.fields.String(required=True, validate=validate.Length(min=1, max=MAX_CLAIM))
    speaker = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    verdict = ma.fields.String(
        required=True, validate=validate.OneOf(VERDICTS), metadata={"description": "The verdict given."}
    )
    shown_quote_ids = ma.fields.List(
        WholeNumber(validate=validate.Range(min=1, max=MAX_ID)),
        load_default=list,
        validate=validate.Length(max=MAX_LIMIT),
        metadata={"description": "The ids of the quotes the answer showed, best first."},
    )
    rating = ma.fields.String(
        required=True,
        validate=validate.OneOf(FEEDBACK_RATINGS),
        metadata={"description": "What the reader says of the answer."},
    )
    reason = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2_000))
    quote_id = WholeNumber(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "The match the feedback concerns."},
    )


class FeedbackSchema(ma.Schema):
    id = WholeNumber()
    claim = ma.fields.String()
    speaker = ma.fields.String(allow_none=True)
    verdict = ma.fields.String(metadata={"enum": VERDICTS})
    shown_quote_ids = ma.fields.List(WholeNumber())
    rating = ma.fields.String(metadata={"enum": FEEDBACK_RATINGS})
    reason = ma.fields.String(allow_none=True)
    quote_id = WholeNumber(allow_none=True)
    created_at = UtcDateTime()


class FeedbackFilterSchema(PageArgsSchema):
    rating = ma.fields.String(load_default=None, validate=validate.OneOf(FEEDBACK_RATINGS))


class FeedbackPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(FeedbackSchema))
