"""/api/v1/feedback: readers say whether a verification was right; editors read what they said."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from service import feedback
from service.api.auth import BEARER, Blueprint, require_key
from service.api.problems import problems
from service.api.schemas import FeedbackFilterSchema, FeedbackInSchema, FeedbackPageSchema, FeedbackSchema
from service.db import get_session

blp = Blueprint("feedback", __name__, description="Feedback on verifications, to tune the thresholds on.")


@blp.route("/feedback")
class FeedbackList(MethodView):
    @blp.write
    @blp.arguments(FeedbackInSchema)
    @blp.response(201, FeedbackSchema)
    def post(self, fields):
        """Say whether a verification was right: right, wrong match, wrong verdict or none of these."""
        return feedback.record_feedback(get_session(), fields, api_key_id=g.get("api_key_id"))

    @blp.doc(security=[{BEARER: []}])
    @problems(401)
    @blp.arguments(FeedbackFilterSchema, location="query", as_kwargs=True)
    @blp.response(200, FeedbackPageSchema)
    def get(self, **args):
        """The feedback given, newest first (needs an API key)."""
        require_key()
        return feedback.list_feedback(get_session(), **args)
