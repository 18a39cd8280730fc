"""Bodies no generator draws (issue 17): every operation of the OpenAPI schema that takes a JSON
body is sent one nested ~1,000 levels deep and one over Django's size limit, as the account and,
for the staff-only ones, as staff. Each must be answered in the API's own format, JSON
``{"code", "message"}`` with a 4xx, never a 500 or Django's HTML error page.

The operations come from the schema that ``test_api_schema`` fuzzes (schemathesis, in-process),
and the requests run inside the same world (``conftest.fuzz_world``), on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.test import override_settings

from icpconsole.wsgi import application

from .test_api_schema import STAFF_OPERATIONS, _path_values

SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/", application)
JSON_OPERATIONS = sorted(
    f"{op.method.upper()} {op.path}"
    for op in (result.ok() for result in SCHEMA.get_all_operations())
    if any(body.media_type == "application/json" for body in op.body)
)
CASES = [(label, False) for label in JSON_OPERATIONS] + [
    (label, True) for label in JSON_OPERATIONS if label in STAFF_OPERATIONS
]
DEEP = "[" * 1000 + "]" * 1000
# Staff-only operations refuse an account before they read its body (a 403); in the others the
# caller's own objects are named, so the body is read and refused for what it is.
STAFF_ONLY = {"POST /api/v1/accounts/", "POST /api/v1/clock/", "POST /api/v1/filings/{id}/review/"}


def _staff_only(label: str) -> bool:
    # The sandbox controls are all staff-only (SPEC 4.6).
    return label in STAFF_ONLY or label.split(" ", 1)[1].startswith("/api/v1/simulator/")
UPLOAD_LIMIT = 4096


def _call(client, label: str, world, body: str, *, staff: bool):
    method, path = label.split(" ", 1)
    # The caller's own objects, so the request gets as far as reading its body.
    for name, choices in _path_values(world, path).items():
        if "{" + name + "}" in path and choices:
            path = path.replace("{" + name + "}", str(choices[0]))
    token = world.staff_token if staff else world.account_token
    return client.generic(
        method, path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
    )


def _assert_api_error(response, label: str) -> dict:
    assert response.status_code < 500, (label, response.content[:300])
    assert response.status_code >= 400, (label, response.status_code)
    assert response["Content-Type"] == "application/json", (label, response.content[:300])
    body = response.json()
    assert {"code", "message"} <= set(body), (label, body)
    return body


def test_the_schema_has_json_operations_to_check():
    assert "POST /api/v1/auth/token/" in JSON_OPERATIONS
    assert "POST /api/v1/filings/" in JSON_OPERATIONS
    assert len(JSON_OPERATIONS) >= 10


def _case_id(case) -> str:
    return f"{case[0]} as {'staff' if case[1] else 'account'}"


@pytest.mark.parametrize("label, staff", CASES, ids=map(_case_id, CASES))
def test_json_nested_a_thousand_deep_is_a_malformed_request(client, world, label, staff):
    body = _assert_api_error(_call(client, label, world, DEEP, staff=staff), label)

    expected = "PERMISSION_DENIED" if _staff_only(label) and not staff else "MALFORMED_REQUEST"
    assert body["code"] == expected, body


@pytest.mark.parametrize("label, staff", CASES, ids=map(_case_id, CASES))
def test_a_body_over_the_size_limit_is_a_json_413(client, world, label, staff):
    oversize = json.dumps({"padding": "x" * (2 * UPLOAD_LIMIT)})

    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=UPLOAD_LIMIT):
        response = _call(client, label, world, oversize, staff=staff)

    body = _assert_api_error(response, label)
    if _staff_only(label) and not staff:
        assert body["code"] == "PERMISSION_DENIED", body
    else:
        assert (response.status_code, body["code"]) == (413, "REQUEST_TOO_LARGE"), body


def test_the_token_endpoint_refuses_deep_and_oversize_bodies_without_logging_in(client, world):
    deep = client.post("/api/v1/auth/token/", DEEP, content_type="application/json")
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=UPLOAD_LIMIT):
        big = client.post(
            "/api/v1/auth/token/",
            json.dumps({"username": "x", "password": "y" * (2 * UPLOAD_LIMIT)}),
            content_type="application/json",
        )

    assert (deep.status_code, deep.json()["code"]) == (400, "MALFORMED_REQUEST")
    assert (big.status_code, big.json()["code"]) == (413, "REQUEST_TOO_LARGE")
