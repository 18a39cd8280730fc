"""The OpenAPI schema of these endpoints and the Swagger UI (SPEC 4.2)."""

import re

import pytest
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

API_URLCONFS = [
    "icpconsole.accounts.api.urls",
    "icpconsole.core.api.urls",
    "instances.api.urls",
    "servicecodes.api.urls",
]


@pytest.fixture
def schema():
    """The schema of this part of the API only, with every generator warning and error captured."""
    patterns = [path("api/v1/", include([path("", include(urlconf)) for urlconf in API_URLCONFS]))]
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        generated = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    problems = dict(GENERATOR_STATS._warn_cache) | dict(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    assert not problems, problems
    return generated


def test_schema_generates_without_warnings_and_validates(schema):
    validate_schema(schema)


def test_every_operation_documents_its_error_responses(schema):
    for route, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert any(code.startswith("2") for code in responses), (method, route)
            if route != "/api/v1/auth/token/":
                assert "401" in responses, (method, route)
            for code, response in responses.items():
                if code.startswith("4"):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/Error", (method, route, code)
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "message", "fields", "reasons"}
    assert set(error["required"]) == {"code", "message"}


def test_schema_covers_the_endpoints(schema):
    paths = schema["paths"]
    assert set(paths["/api/v1/instances/"]) == {"get", "post"}
    assert set(paths["/api/v1/instances/{instance_id}/service-codes/"]) == {"post"}
    assert set(paths["/api/v1/service-codes/{code}/"]) == {"get"}
    assert set(paths["/api/v1/clock/"]) == {"get", "post"}
    assert paths["/api/v1/auth/token/"]["post"].get("security", [{}]) == [{}]  # no login needed
    assert "security" not in schema
    assert "409" in paths["/api/v1/instances/{instance_id}/renew/"]["post"]["responses"]


def test_schema_endpoint_serves_the_whole_api(anon_api):
    response = anon_api.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/instances/{instance_id}/renew/" in response.content


def test_swagger_ui_loads_without_login_from_local_files_only(anon_api):
    response = anon_api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
    assert re.findall(r"https?://", html) == []
    assert re.search(r'src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle\.js"', html)


def test_schema_documents_token_revocation_rotation_and_password_change(schema):
    paths = schema["paths"]
    revoke = paths["/api/v1/auth/token/revoke/"]["post"]
    rotate = paths["/api/v1/auth/token/rotate/"]["post"]
    password = paths["/api/v1/auth/password/"]["post"]

    assert set(revoke["responses"]) == {"204", "401"}
    assert "requestBody" not in revoke
    assert rotate["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Token")
    assert set(password["responses"]) == {"200", "400", "401"}
    body = password["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][body]["required"]) == {"old_password", "new_password"}
