"""The OpenAPI document is valid OpenAPI 3 and describes the API's routes; the docs page serves offline."""

from __future__ import annotations

from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate


def test_openapi_document_is_valid_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    assert spec["openapi"].startswith("3.")


def test_openapi_documents_verify_with_its_request_and_errors(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    post = spec["paths"]["/api/v1/verify"]["post"]
    assert "requestBody" in post
    assert "422" in post["responses"]
    assert "get" in spec["paths"]["/api/v1/verify"]


def test_docs_page_and_its_scripts_are_served_locally(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert b"swagger-ui-bundle.js" in page.data
    assert b"/api/docs/static/" in page.data
    with client.get("/api/docs/static/swagger-ui-bundle.js") as script:
        assert script.status_code == 200
        assert len(script.data) > 100_000


def _operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield f"{method.upper()} {path}", operation


def _resolve(spec, obj):
    while "$ref" in obj:
        section, name = obj["$ref"].split("/")[-2:]
        obj = spec["components"][section][name]
    return obj


def test_every_operation_has_a_unique_operation_id(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    ids = {name: op.get("operationId") for name, op in _operations(spec)}
    assert all(ids.values()), [name for name, i in ids.items() if not i]
    assert len(set(ids.values())) == len(ids)
    assert ids["GET /api/v1/quotes/{quote_id}"] == "getQuoteById"


def test_every_error_response_is_documented_as_problem_json(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for name, operation in _operations(spec):
        errors = {s: r for s, r in operation["responses"].items() if s == "default" or int(s) >= 400}
        assert "default" in errors, name
        for status, response in errors.items():
            content = _resolve(spec, response)["content"]
            assert list(content) == ["application/problem+json"], (name, status)
            assert (
                _resolve(spec, content["application/problem+json"]["schema"])
                == (spec["components"]["schemas"]["Problem"])
            )


def test_errors_a_request_can_meet_before_any_view_are_declared_where_they_can_happen(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    post_verify = spec["paths"]["/api/v1/verify"]["post"]["responses"]
    get_verify = spec["paths"]["/api/v1/verify"]["get"]["responses"]
    assert {"400", "413", "415"} <= post_verify.keys()  # not JSON, too large, not sent as JSON
    assert "414" in get_verify  # a query string too long for the request line
    assert "404" in spec["paths"]["/api/v1/quotes/{quote_id}"]["get"]["responses"]
    assert {"401", "409"} <= spec["paths"]["/api/v1/quotes"]["post"]["responses"].keys()
    assert "414" not in post_verify


def test_error_bodies_match_the_documented_problem_schema(client):
    from openapi_schema_validator import OAS30Validator

    spec = client.get("/api/v1/openapi.json").get_json()
    validator = OAS30Validator(spec["components"]["schemas"]["Problem"])
    not_json = client.post("/api/v1/verify", data="{nope", content_type="application/json")
    invalid = client.post("/api/v1/verify/batch", json={"claims": [{"claim": ""}]})
    missing = client.get("/api/v1/quotes/999")
    for response in (not_json, invalid, missing):
        assert response.mimetype == "application/problem+json"
        validator.validate(response.get_json())
    assert invalid.get_json()["errors"] == {
        "claims": {"0": {"claim": ["Length must be between 1 and 5000."]}}
    }


def test_docs_page_answers_with_a_trailing_slash_too(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assert b"swagger-ui-bundle.js" in page.data


def test_summaries_and_descriptions_show_no_rst_backticks(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for name, operation in _operations(spec):
        assert "``" not in operation.get("summary", "") + operation.get("description", ""), name


def test_every_operation_has_a_summary_and_a_description(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    undescribed = [
        name for name, op in _operations(spec) if not op.get("summary") or not op.get("description")
    ]
    assert undescribed == []


def _enums(node, where="", described_by=None):
    """Every enum in the document, with where it is and the description that should say its values.

    A query parameter's description is the parameter's own (OpenAPI puts it beside the schema).
    """
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            yield where, node["enum"], (described_by or node).get("description", "")
        for key, value in node.items():
            parameter = key == "schema" and "in" in node
            yield from _enums(value, f"{where}/{key}", node if parameter else None)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _enums(value, f"{where}/{i}")


def test_every_enum_says_what_each_of_its_values_means(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    found = list(_enums(spec))
    assert len(found) > 20
    undescribed = [
        (where, value)
        for where, values, description in found
        for value in values
        if value is not None and f"- `{value}`: " not in description
    ]
    assert undescribed == []


def test_the_verify_examples_are_the_seed_articles_and_still_true(client, seeded):
    from service.api import examples

    spec = client.get("/api/v1/openapi.json").get_json()
    post = spec["paths"]["/api/v1/verify"]["post"]
    requests = post["requestBody"]["content"]["application/json"]["examples"]
    answers = post["responses"]["200"]["content"]["application/json"]["examples"]
    assert requests["verified"]["value"] == {"claim": examples.CLAIM, "speaker": "Kaja Kallas"}
    assert answers["altered"]["value"]["verdict"] == "altered"
    for name, request in examples.VERIFY_REQUESTS.items():
        answer = client.post("/api/v1/verify", json=request["value"]).get_json()
        assert answer["verdict"] == name
        if name in examples.VERIFY_ANSWERS:
            expected = examples.VERIFY_ANSWERS[name]["value"]
            assert answer["explanation"] == expected["explanation"]
            assert answer["matches"][0]["diff"] == expected["matches"][0]["diff"]


def _documented_body(spec, path, method):
    body = spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    components = {"components": spec["components"]}
    return OAS30Validator({**_resolve(spec, body), **components})


def test_what_a_write_needs_across_its_fields_is_in_the_document(client, auth, empty_db):
    """A source needs a url or a title, a change at least one field: the document says so, and a body it
    refuses is one the API refuses."""
    spec = client.get("/api/v1/openapi.json").get_json()
    source = _documented_body(spec, "/api/v1/sources", "post")
    assert not source.is_valid({"publisher": "Korea.net"})
    assert client.post("/api/v1/sources", json={"publisher": "Korea.net"}, headers=auth).status_code == 422
    assert source.is_valid({"title": "Kallas visits Seoul", "publisher": "Korea.net"})
    made = client.post("/api/v1/sources", json={"title": "Kallas visits Seoul"}, headers=auth)
    assert made.status_code == 201

    change = _documented_body(spec, "/api/v1/quotes/{quote_id}", "patch")
    assert not change.is_valid({})
    assert change.is_valid({"context": "At a press conference."})
