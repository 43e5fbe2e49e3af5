"""The HTTP API: flask-smorest blueprints under /api/v1, documented at /api/v1/openapi.json."""

from __future__ import annotations

import marshmallow as ma
from flask import Flask, send_from_directory
from flask_smorest import Api as _Api

from service import errors
from service.api.problems import ProblemsPlugin, register_problem_responses
from service.api.schemas import SchemaRulesPlugin
from service.api.vocabulary import enum_descriptions


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details: every error the API returns has this shape."""

    type = ma.fields.String(metadata={"example": "about:blank"})
    title = ma.fields.String(metadata={"example": "Unprocessable Entity"})
    status = ma.fields.Integer(metadata={"example": 422})
    detail = ma.fields.String(metadata={"description": "What went wrong, for a person to read."})
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        metadata={
            "description": "Field errors (422 only), by field name: a list of messages, or for a nested "
            "field (a list's item, by index) an object of the same shape.",
            "example": {"claim": ["Length must be between 1 and 5000."]},
        },
    )


class Api(_Api):
    """flask-smorest's Api with our single error format, documented as problem+json on every operation."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error):
        return errors.problem_from_http_exception(error)

    def _register_responses(self):
        register_problem_responses(self.spec, self.ERROR_SCHEMA)


def init_app(app: Flask) -> None:
    """Register the API's blueprints and its OpenAPI document."""
    from service.api import auth, bodies, browsers, feedback, quotes, sources, speakers, verify

    # No redirect of '//x' to '/x': werkzeug would build its Location from the client's Host header.
    app.url_map.merge_slashes = False
    bodies.init_app(app)
    browsers.init_app(app)
    auth.init_app(app)

    api = Api(
        app,
        spec_kwargs={
            "info": {"description": "Verify quotes against an index of attributed quotes."},
            "extra_plugins": [*auth.spec_plugins(app), ProblemsPlugin(), SchemaRulesPlugin()],
        },
    )
    # Every enum's values, each with what it means (before any schema is converted).
    api.ma_plugin.converter.add_attribute_function(enum_descriptions)
    for module in (verify, quotes, speakers, sources, feedback):
        api.register_blueprint(module.blp, url_prefix="/api/v1")
    app.extensions["quotetrace.api"] = api
    app.add_url_rule("/api/docs/static/<path:filename>", "swagger_ui_static", _swagger_ui_static)
    # /api/docs/ (as people type it, and as links add it) is the same page as /api/docs.
    app.add_url_rule("/api/docs/", "swagger_ui_slash", app.view_functions["api-docs.openapi_swagger_ui"])


def _swagger_ui_static(filename: str):
    """Swagger UI's scripts, served from the installed package: the docs page needs no network."""
    import swagger_ui_bundle

    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename, max_age=86400)
