"""Bodies over their route's limit are answered 413 before anything reads them, in each face's
format (issue 27 point 2; the real server's side is tests/fleet/test_serving.py)."""

import json

import pytest

from icpconsole.core.bodies import DEFAULT_LIMIT, DOCUMENT_LIMIT, REFUSED_ENVIRON_KEY, SNAPSHOT_LIMIT

pytestmark = pytest.mark.django_db


def _post(client, path, length, content_type="multipart/form-data; boundary=x", **extra):
    # The declared length is what is refused: the body itself is never read.
    return client.generic("POST", path, b"", content_type=content_type, CONTENT_LENGTH=str(length), **extra)


def test_an_upload_over_five_megabytes_and_a_bit_is_refused_by_its_length_in_json(client):
    response = _post(client, "/api/v1/filings/1/documents/", 2_000 * 1024 * 1024)
    assert response.status_code == 413
    assert response.json()["code"] == "REQUEST_TOO_LARGE"
    assert response.json()["limit_bytes"] == DOCUMENT_LIMIT


def test_a_document_within_its_limit_reaches_the_view(client):
    # Anonymous: the view answers 401, which it can only do once the body was let through.
    assert _post(client, "/api/v1/filings/1/documents/", DOCUMENT_LIMIT).status_code == 401


def test_the_console_shows_a_page(client):
    response = _post(client, "/console/filings/1/documents/", DOCUMENT_LIMIT + 1)
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert b'data-code="REQUEST_TOO_LARGE"' in response.content


def test_the_console_page_speaks_chinese(client):
    path = "/console/filings/1/documents/"
    response = _post(client, path, DOCUMENT_LIMIT + 1, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "请求过大" in response.content.decode()


def test_the_rpc_endpoint_answers_in_alibabas_envelope(client):
    form = "application/x-www-form-urlencoded"
    response = _post(client, "/?Action=DescribeRegions", DEFAULT_LIMIT + 1, form)
    body = json.loads(response.content)
    assert (response.status_code, body["Code"]) == (413, "RequestEntityTooLarge")
    assert body["RequestId"] == response["x-acs-request-id"]


def test_a_snapshot_may_be_larger_than_other_bodies(admin_client):
    # A snapshot of the demo with activity is about 3.1 MB: over the default limit, under the
    # snapshot's. The restore reads it (and refuses this one on its own terms, not as too large).
    document = json.dumps({"padding": "y" * 3_200_000})
    response = admin_client.post("/api/v1/simulator/restore/", document, content_type="application/json")
    assert response.status_code != 413, response.content[:200]
    assert _post(admin_client, "/api/v1/simulator/restore/", SNAPSHOT_LIMIT + 1).status_code == 413
    token = _post(admin_client, "/api/v1/auth/token/", DEFAULT_LIMIT + 1, "application/json")
    assert token.status_code == 413


def test_a_body_the_worker_refused_while_it_streamed_is_answered_413(client):
    environ = {REFUSED_ENVIRON_KEY: True}
    response = client.generic("POST", "/api/v1/auth/token/", b"", content_type="application/json", **environ)
    assert (response.status_code, response.json()["code"]) == (413, "REQUEST_TOO_LARGE")
