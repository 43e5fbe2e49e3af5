"""/api/v1/verify, /verify/batch and /check: is this quote real, are the words right, who said it?"""

from __future__ import annotations

from flask import Response, current_app, json, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint

from service import checking, verification
from service.api import caching, examples
from service.api.compact import SUMMARY, SummarySchema, VerifyQuerySchema, summarise
from service.api.schemas import (
    FILTER_FIELDS,
    BatchArgsSchema,
    BatchResultSchema,
    CheckArgsSchema,
    CheckResultSchema,
    VerificationSchema,
    VerifyArgsSchema,
)
from service.db import get_session
from service.filters import Filters
from service.web.views import review_of

JSON_LD = "application/ld+json"


def _answer(result: dict, said_on=None):
    """The result as the schema dumps it, or as ClaimReview JSON-LD when the client asks for that."""
    if request.accept_mimetypes.best_match(["application/json", JSON_LD]) == JSON_LD:
        return Response(json.dumps(review_of(result, said_on=said_on)), mimetype=JSON_LD)
    return result


blp = Blueprint("verify", __name__, description="Verify a quote against the index.")
_CLAIM_REVIEW = {JSON_LD: {"schema": {"type": "object", "description": "A schema.org ClaimReview."}}}
# POST's 200: the verification, or ClaimReview JSON-LD; GET's may also be the compact one (fields=summary).
_POST_ANSWER = {
    "description": "The verification (or, with 'Accept: application/ld+json', a ClaimReview).",
    "content": {
        "application/json": {"schema": VerificationSchema, "examples": examples.VERIFY_ANSWERS},
        **_CLAIM_REVIEW,
    },
}
_GET_ANSWER = {
    "description": "The verification, its compact form with 'fields=summary', or a ClaimReview.",
    "content": {
        "application/json": {
            "schema": {"anyOf": [VerificationSchema, SummarySchema]},
            "examples": examples.VERIFY_ANSWERS,
        },
        **_CLAIM_REVIEW,
    },
}
_VERIFICATION = VerificationSchema()


@blp.route("/verify")
class Verify(MethodView):
    @blp.arguments(VerifyQuerySchema, location="query", as_kwargs=True)
    @blp.response(200, VerificationSchema)
    @blp.doc(responses={"200": _GET_ANSWER})
    @blp.alt_response(304, description="Not Modified: the index has not changed since that ETag.")
    def get(self, fields, **args):
        """Verify a claim given in the query string (for browsers: cacheable, with an ETag).

        With ``Accept: application/ld+json`` the answer is a schema.org ClaimReview instead.

        The ETag changes whenever a quote, speaker or source does; send it back in `If-None-Match`
        to get a 304. `fields=summary` gives the compact form (verdict, explanation, speaker,
        source, the top match's diff).
        """
        session = get_session()
        # "max_age_days" counts back from today: its answer may change with the date alone.
        etag = caching.index_etag(session, dated=args.get("max_age_days") is not None)
        unchanged = caching.not_modified(etag)
        if unchanged is not None:
            return unchanged
        said_on = args.get("said_on")
        result = verification.verify(session, **_with_filters(args, language=args.pop("language")))
        answer = _answer(result, said_on)  # ClaimReview JSON-LD when the client asks for that
        if not isinstance(answer, Response):
            body = SUMMARY.dump(summarise(result)) if fields == "summary" else _VERIFICATION.dump(result)
            answer = jsonify(body)
        return caching.cacheable(answer, etag)

    @blp.arguments(VerifyArgsSchema, as_kwargs=True, examples=examples.VERIFY_REQUESTS)
    @blp.response(200, VerificationSchema)
    @blp.doc(responses={"200": _POST_ANSWER})
    def post(self, **args):
        """Verify a claim: find the quote, compare the words and the speaker.

        With ``Accept: application/ld+json`` the answer is a schema.org ClaimReview instead.
        """
        said_on = args.get("said_on")
        return _answer(
            verification.verify(get_session(), **_with_filters(args, language=args.pop("language"))), said_on
        )


@blp.route("/verify/batch")
class VerifyBatch(MethodView):
    @blp.arguments(BatchArgsSchema, as_kwargs=True)
    @blp.response(200, BatchResultSchema)
    def post(self, claims, limit, language, **args):
        """Verify up to 100 claims at once; one result each, in order.

        Each claim is verified as `POST /verify` would, with the batch's filters; claims repeated in the
        batch are verified once. Past the service's deadline the whole batch is a 503: send fewer.
        """
        session = get_session()
        filters = _with_filters(args, language=language)["filters"]
        return {"results": verification.verify_many(session, claims, limit=limit, filters=filters)}


@blp.route("/check")
class Check(MethodView):
    @blp.arguments(CheckArgsSchema, as_kwargs=True)
    @blp.response(200, CheckResultSchema)
    def post(self, text, language, quote_language, **args):
        """Find every quotation in a draft, with its offsets and speaker, and verify each.

        A draft of up to 200,000 characters; reported speech is found too (verified as `paraphrased` at
        best). Nothing is stored. `quotetrace check DRAFT.txt` prints the same answer.
        """
        filters = _with_filters(args, language=quote_language)["filters"]
        seconds = checking.budget_of(current_app.config)
        return checking.check_draft(
            get_session(), text, language=language, filters=filters, verify_seconds=seconds
        )


def _with_filters(args: dict, *, language: str | None) -> dict:
    """The arguments with the filter fields taken out and given as one ``filters``."""
    given = {k: args.pop(k) for k in FILTER_FIELDS if k in args}
    return {**args, "filters": Filters.from_args(language=language, **given)}
