"""For load balancers: /healthz (the process answers) and /readyz (the database answers, schema current).

Neither is part of the API (they are not in its OpenAPI document): they say whether to send traffic here.
"""

from __future__ import annotations

from alembic.script import ScriptDirectory
from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy import text

from service import errors
from service.migrate import alembic_config

blp = Blueprint("health", __name__)


@blp.get("/healthz")
def healthz():
    """200 while the process serves requests, whatever the database is doing."""
    return jsonify(status="ok")


@blp.get("/readyz")
def readyz():
    """200 when the database answers and its schema is the one this code expects; else 503."""
    engine = current_app.extensions["quotetrace.engine"]
    with engine.connect() as conn:  # a database that is away: the errors module's 503
        stored = set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    expected = current_app.extensions["quotetrace.schema_heads"]
    if stored != expected:
        return errors.unavailable(
            f"The database schema is at {', '.join(sorted(stored)) or 'nothing'}, this code expects "
            f"{', '.join(sorted(expected))}: run 'quotetrace migrate'."
        )
    return jsonify(status="ready", schema=sorted(stored))


def init_app(app: Flask) -> None:
    """Register the probes; the schema revision the code expects is read once, from the migrations."""
    script = ScriptDirectory.from_config(alembic_config(app.config["DATABASE_URL"]))
    app.extensions["quotetrace.schema_heads"] = set(script.get_heads())
    app.register_blueprint(blp)
