"""The HTTP API: flask-smorest blueprints under /api/v1, documented at /api/v1/openapi.json."""

from __future__ import annotations

import marshmallow as ma
from flask import Flask, send_from_directory
from flask_smorest import Api as _Api

from service import errors


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details: every error the API returns has this shape."""

    type = ma.fields.String(metadata={"example": "about:blank"})
    title = ma.fields.String(metadata={"example": "Unprocessable Entity"})
    status = ma.fields.Integer(metadata={"example": 422})
    detail = ma.fields.String(metadata={"description": "What went wrong, for a person to read."})
    errors = ma.fields.Dict(metadata={"description": "Field errors, by field name."})


class Api(_Api):
    """flask-smorest's Api with our single error format."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error):
        return errors.problem_from_http_exception(error)


def init_app(app: Flask) -> None:
    """Register the API's blueprints and its OpenAPI document."""
    from service.api import quotes, sources, speakers, verify

    api = Api(
        app, spec_kwargs={"info": {"description": "Verify quotes against an index of attributed quotes."}}
    )
    for module in (verify, quotes, speakers, sources):
        api.register_blueprint(module.blp, url_prefix="/api/v1")
    app.extensions["quotetrace.api"] = api
    app.add_url_rule("/api/docs/static/<path:filename>", "swagger_ui_static", _swagger_ui_static)


def _swagger_ui_static(filename: str):
    """Swagger UI's scripts, served from the installed package: the docs page needs no network."""
    import swagger_ui_bundle

    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename, max_age=86400)
