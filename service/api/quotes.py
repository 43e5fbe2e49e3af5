"""/api/v1/quotes: list, read, add, change and delete attributed quotes."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import abort

from service import store
from service.api.auth import Blueprint
from service.api.problems import problems
from service.api.schemas import (
    MAX_ID,
    NewQuoteSchema,
    QuoteFieldsSchema,
    QuoteFilterSchema,
    QuotePageSchema,
    QuoteSchema,
)
from service.db import get_session

blp = Blueprint("quotes", __name__, description="Attributed quotes: read freely, write with an API key.")


@blp.route("/quotes")
class Quotes(MethodView):
    @blp.arguments(QuoteFilterSchema, location="query", as_kwargs=True, unknown=None)
    @blp.response(200, QuotePageSchema)
    def get(self, **filters):
        """A page of quotes, filtered by speaker (id, name or alias), source, language or kind.

        Oldest stored first; `page` and `page_size` walk the pages, and the answer says how many quotes
        match in all. E.g. `speaker=Kallas` gives Kaja Kallas's statements from the seed article.
        """
        return store.list_quotes(get_session(), **filters)

    @blp.write
    @blp.arguments(NewQuoteSchema)
    @blp.response(201, QuoteSchema)
    def post(self, fields):
        """Store a quote, from a stored source or none; a new speaker name is added as a speaker.

        The speaker string is resolved to the stored person it surely is (recorded as an alias), and the
        quote is indexed in the same transaction: the next verification finds it. Needs an API key.
        """
        source_id = fields.pop("source_id")
        return store.create_quote(get_session(), store.QuoteDraft.from_fields(fields), source_id=source_id)


@blp.route(f"/quotes/<int(max={MAX_ID}):quote_id>")
class QuoteById(MethodView):
    @problems(404)
    @blp.response(200, QuoteSchema)
    def get(self, quote_id):
        """One quote, with its speaker, source and translations.

        A translation points at its original (`translation_of`); an original lists its `translations`.
        """
        quote = store.get_quote(get_session(), quote_id)
        return quote or abort(404, message=f"No quote {quote_id} is stored.")

    @blp.write
    @problems(404)
    @blp.arguments(QuoteFieldsSchema)
    @blp.response(200, QuoteSchema)
    def patch(self, changes, quote_id):
        """Change a quote's words, speaker, kind, language, date or context.

        Only the fields sent change; the index follows the new words at once. Needs an API key.
        """
        return store.update_quote(get_session(), quote_id, changes)

    @blp.write
    @problems(404)
    @blp.response(204)
    def delete(self, quote_id):
        """Delete a quote and its translations.

        Its words leave the index in the same transaction. Needs an API key; answers 204 with no body.
        """
        store.delete_quote(get_session(), quote_id)
