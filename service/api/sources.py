"""/api/v1/sources: where quotes were published; a source and its quotes are stored in one request."""

from __future__ import annotations

from flask import current_app, jsonify
from flask.views import MethodView
from flask_smorest import abort

from service import checking, store
from service.api.auth import Blueprint
from service.api.problems import problems
from service.api.schemas import (
    MAX_ID,
    NewSourceSchema,
    PageArgsSchema,
    SourceDetailSchema,
    SourcePageSchema,
    SourcePreviewSchema,
)
from service.articles import source_fields
from service.db import get_session
from service.fetch import FetchError, fetch_article, policy_from_config
from service.language import detect_language

blp = Blueprint("sources", __name__, description="Sources and their quotes.")


@blp.route("/sources")
class Sources(MethodView):
    @blp.arguments(PageArgsSchema, location="query", as_kwargs=True, unknown=None)
    @blp.response(200, SourcePageSchema)
    def get(self, **page):
        """A page of sources, oldest stored first.

        Each with its standing (what it is worth as evidence) and its quote count.
        """
        return store.list_sources(get_session(), **page)

    @blp.write
    @problems(502)
    @blp.arguments(NewSourceSchema)
    @blp.response(201, SourceDetailSchema)
    @blp.alt_response(200, schema=SourcePreviewSchema, description="dry_run: what would be stored")
    def post(self, fields):
        """Store a source and its quotes (given, or extracted from its body) together, or none of them.

        A ``url`` alone (or with ``fetch``) is fetched: the page's main text is the body, its metadata fills
        the fields not given, and its quotations are extracted.
        """
        if fields["fetch"] or (fields["fetch"] is None and _only_a_url(fields)):
            fields = _fetched(fields)
        if not fields["language"] and fields.get("body"):
            fields["language"] = detect_language(fields["body"])
        if fields["dry_run"]:
            return jsonify(SourcePreviewSchema().dump(checking.preview_source(get_session(), fields)))
        source = store.create_source_with_quotes(get_session(), fields, quote_drafts(fields))
        return store.get_source(get_session(), source.id)


@blp.route(f"/sources/<int(max={MAX_ID}):source_id>")
class SourceById(MethodView):
    @problems(404)
    @blp.response(200, SourceDetailSchema)
    def get(self, source_id):
        """One source, with its quotes and their translations.

        The seed's source is the korea.kr article of 22 January 2025 with Kaja Kallas's statements.
        """
        source = store.get_source(get_session(), source_id)
        return source or abort(404, message=f"No source {source_id} is stored.")


def _only_a_url(fields: dict) -> bool:
    return bool(fields["url"]) and not (fields["body"] or fields["quotes"] or fields["title"])


def _fetched(fields: dict) -> dict:
    """The fields with the page at ``url`` read into them (given fields win over the page's)."""
    if not fields["url"]:
        abort(422, message="fetch needs a url", messages={"json": {"url": ["fetch needs a url to fetch."]}})
    try:
        article = fetch_article(fields["url"], policy=policy_from_config(current_app.config))
    except FetchError as exc:
        if exc.refused:
            abort(422, message=str(exc), messages={"json": {"url": [str(exc)]}})
        abort(502, message=str(exc))
    given = {k: fields[k] for k in ("title", "publisher", "author", "published_at", "language", "body")}
    found = source_fields(article, **given)
    # The URL asked for stays the source's URL unless the page names its canonical one.
    return {**fields, **found, "url": article.url or fields["url"], "extract": True}


def quote_drafts(fields: dict) -> list[store.QuoteDraft]:
    """The quotes to store with a new source: those given, and with ``extract``, those found in its body."""
    given = [store.QuoteDraft.from_fields(q) for q in fields["quotes"]]
    if not fields["extract"]:
        return given
    if not fields.get("body"):
        abort(
            422,
            message="extract needs a body",
            messages={"json": {"body": ["extract needs a body to read."]}},
        )
    return checking.drafts_for_source(
        get_session(), fields["body"], language=fields.get("language"), given=given
    )
