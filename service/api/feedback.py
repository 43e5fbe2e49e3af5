"""/api/v1/feedback: readers say whether a verification was right; editors read what they said."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from service import feedback
from service.api.auth import Blueprint
from service.api.schemas import FeedbackFilterSchema, FeedbackInSchema, FeedbackPageSchema, FeedbackSchema
from service.db import get_session

blp = Blueprint("feedback", __name__, description="Feedback on verifications, to tune the thresholds on.")


@blp.route("/feedback")
class FeedbackList(MethodView):
    @blp.write(scope="verify")
    @blp.arguments(FeedbackInSchema)
    @blp.response(201, FeedbackSchema)
    def post(self, fields):
        """Say whether a verification was right: right, wrong match, wrong verdict or none of these.

        Send the claim and the verdict given, and the quote meant when the match was wrong; `quotetrace
        feedback report` reads them back.
        """
        return feedback.record_feedback(get_session(), fields, api_key_id=g.get("api_key_id"))

    @blp.needs("admin")
    @blp.arguments(FeedbackFilterSchema, location="query", as_kwargs=True)
    @blp.response(200, FeedbackPageSchema)
    def get(self, **args):
        """The feedback given, newest first (needs an admin key).

        Filter by `rating` to list, for instance, every answer readers said was wrong.
        """
        return feedback.list_feedback(get_session(), **args)
