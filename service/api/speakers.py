"""/api/v1/speakers: who said things, with their aliases, roles and how many quotes are stored."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import abort

from service import store
from service.api.auth import Blueprint
from service.api.problems import problems
from service.api.schemas import (
    MAX_ID,
    SpeakerFilterSchema,
    SpeakerMergeSchema,
    SpeakerPageSchema,
    SpeakerSchema,
)
from service.db import get_session

blp = Blueprint("speakers", __name__, description="Speakers, their aliases and roles.")


@blp.route("/speakers")
class Speakers(MethodView):
    @blp.arguments(SpeakerFilterSchema, location="query", as_kwargs=True, unknown=None)
    @blp.response(200, SpeakerPageSchema)
    def get(self, **filters):
        """A page of speakers by name, optionally those whose name or an alias contains ``q``.

        `q=kallas` finds Kaja Kallas by her name; an alias (a misspelling, a title) finds her too.
        """
        return store.list_speakers(get_session(), **filters)


@blp.route(f"/speakers/<int(max={MAX_ID}):speaker_id>")
class SpeakerById(MethodView):
    @problems(404)
    @blp.response(200, SpeakerSchema)
    def get(self, speaker_id):
        """One speaker, with aliases, roles and quote count.

        Roles carry their dates: what a person was when they said something resolves a claim by title.
        """
        speaker = store.get_speaker(get_session(), speaker_id)
        return speaker or abort(404, message=f"No speaker {speaker_id} is stored.")


@blp.route(f"/speakers/<int(max={MAX_ID}):speaker_id>/merge")
class SpeakerMerge(MethodView):
    @blp.write(scope="admin")
    @problems(404)
    @blp.arguments(SpeakerMergeSchema)
    @blp.response(200, SpeakerSchema)
    def post(self, fields, speaker_id):
        """Fold this speaker into another (``into``): its quotes, aliases and roles; its name an alias.

        The same merge as `quotetrace speakers merge`; answers the speaker kept. Needs an API key.
        """
        session = get_session()
        target = store.merge_speakers(session, speaker_id, fields["into"])
        return store.get_speaker(session, target.id)
