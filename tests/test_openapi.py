"""The OpenAPI document is valid OpenAPI 3 and describes the API's routes; the docs page serves offline."""

from __future__ import annotations

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
