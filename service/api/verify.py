"""POST/GET /api/v1/verify: is this quote real, are the words right, did this person say it?"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from service import verification
from service.api.schemas import VerificationSchema, VerifyArgsSchema
from service.db import get_session

blp = Blueprint("verify", __name__, description="Verify a quote against the index.")


@blp.route("/verify")
class Verify(MethodView):
    @blp.arguments(VerifyArgsSchema, location="query", as_kwargs=True)
    @blp.response(200, VerificationSchema)
    def get(self, **args):
        """Verify a claim given in the query string (for browser extensions)."""
        return verification.verify(get_session(), **args)

    @blp.arguments(VerifyArgsSchema, as_kwargs=True)
    @blp.response(200, VerificationSchema)
    def post(self, **args):
        """Verify a claim: find the quote, compare the words and the speaker."""
        return verification.verify(get_session(), **args)
