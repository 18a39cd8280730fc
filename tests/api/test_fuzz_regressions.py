"""Bugs the schema fuzzer (tests/fuzz/) found, each pinned by a plain test."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from filings.models import Subject
from simulator.demo import filings as demo

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/access-keys/",
    "/api/v1/audit-events/",
    "/api/v1/filings/",
    "/api/v1/instances/",
    "/api/v1/messages/",
    "/api/v1/products/",
    "/api/v1/regions/",
    "/api/v1/service-codes/",
    "/api/v1/subjects/",
    "/api/v1/websites/",
]


@pytest.fixture
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


# --- a filing order whose `type` is not a string -------------------------------------------------
@pytest.mark.parametrize("order_type", [{}, [], ["first_filing"], 1, None])
def test_filing_order_type_that_is_not_a_string_is_a_validation_error_not_a_crash(api, order_type):
    response = api.post("/api/v1/filings/", {"type": order_type, "website_id": 0}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR"
    assert "type" in response.json()["fields"]


# --- any other /api/ URL is the API's JSON 404 ---------------------------------------------------
@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/v1/filings/abc/"),
        ("post", "/api/v1/filings/abc/submit/"),
        ("get", "/api/v1/access-keys/%C2%84/"),
        ("delete", "/api/v1/access-keys/%C2%84/"),
        ("get", "/api/v1/no-such-endpoint/"),
        ("post", "/api/v2/anything"),
    ],
)
def test_an_unknown_api_url_answers_a_json_404(api, method, path):
    response = getattr(api, method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "NOT_FOUND"


def test_an_api_url_without_its_trailing_slash_still_redirects(api):
    response = api.get("/api/v1/me?x=1")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/me/?x=1"


# --- strict pagination ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query", ["page=0", "page=abc", "page=-1", "page=1.5", "page_size=abc", "page_size=0"]
)
@pytest.mark.parametrize("path", LISTS)
def test_a_malformed_page_or_page_size_is_a_400(api, path, query):
    response = api.get(f"{path}?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_PAGE"


def test_a_page_past_the_last_is_still_a_404_and_big_page_sizes_are_capped(api):
    assert api.get("/api/v1/regions/?page=99").status_code == 404
    everything = api.get("/api/v1/regions/?page_size=500").json()
    assert len(everything["results"]) == everything["count"] > 20
    assert api.get("/api/v1/regions/?page=last&page_size=20").json()["previous"] is not None


def test_every_paginated_list_documents_its_page_errors(schema):
    for path in LISTS:
        responses = schema["paths"][path]["get"]["responses"]
        assert {"400", "404"} <= set(responses), path
        parameters = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["page"]["minimum"] == 1
        assert parameters["page_size"]["minimum"] == 1


# --- filing bodies are JSON only -----------------------------------------------------------------
def test_filing_orders_refuse_form_encodings_that_cannot_carry_nested_objects(api):
    multipart = api.post("/api/v1/filings/", {"type": "change", "changes": "{}"}, format="multipart")
    urlencoded = api.generic(
        "POST", "/api/v1/filings/", "type=change&changes=", content_type="application/x-www-form-urlencoded"
    )

    for response in (multipart, urlencoded):
        assert response.status_code == 415
        assert response.json()["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_the_schema_offers_only_json_bodies_for_filing_orders(schema):
    for path in ("/api/v1/filings/", "/api/v1/filings/{id}/review/", "/api/v1/filings/{id}/verify-sms/"):
        assert list(schema["paths"][path]["post"]["requestBody"]["content"]) == ["application/json"]


# --- list filters outside their values -----------------------------------------------------------
@pytest.mark.parametrize(
    "query, code",
    [
        ("/api/v1/filings/?type=AAA", "INVALID_TYPE"),
        ("/api/v1/filings/?status=done", "INVALID_STATUS"),
        ("/api/v1/filings/?status=", "INVALID_STATUS"),
        ("/api/v1/service-codes/?status=", "INVALID_STATUS"),
        ("/api/v1/instances/?status=", "INVALID_STATUS"),
        ("/api/v1/instances/?charge_type=", "INVALID_CHARGE_TYPE"),
    ],
)
def test_a_list_filter_outside_its_values_is_refused_not_answered_with_an_empty_list(api, query, code):
    response = api.get(query)

    assert response.status_code == 400
    assert response.json()["code"] == code


def test_filings_list_filters_still_filter(api, user, other_user, staff):
    demo.seed(user, staff=staff, other=other_user)

    submitted = api.get("/api/v1/filings/?status=submitted&type=add_website").json()["results"]

    assert [order["website"]["domain"] for order in submitted] == ["alice-blog.cn"]


# --- ids are ASCII digits ------------------------------------------------------------------------
def test_an_id_in_non_ascii_digits_does_not_find_the_object(api, user, other_user, staff):
    demo.seed(user, staff=staff, other=other_user)
    subject = Subject.objects.get(account=user)
    arabic_indic = str(subject.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))

    assert api.get(f"/api/v1/subjects/{subject.pk}/").status_code == 200
    response = api.get(f"/api/v1/subjects/{arabic_indic}/")

    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"


def test_the_schema_types_filing_ids_as_integers(schema):
    for path in ("/api/v1/filings/{id}/", "/api/v1/subjects/{id}/", "/api/v1/websites/{id}/"):
        (parameter,) = schema["paths"][path]["get"]["parameters"]
        assert parameter["schema"] == {"type": "integer"}


@pytest.mark.parametrize("months", ["١٢", "１２"])
def test_whole_numbers_in_non_ascii_digits_are_refused(api, instance, months):
    response = api.post(
        f"/api/v1/instances/{instance.instance_id}/renew/", {"period_months": months}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR"
    assert "period_months" in response.json()["fields"]


# --- NUL characters (PostgreSQL text cannot hold them: these were 500s there) --------------------
@pytest.mark.parametrize(
    "query, field",
    [
        ("/api/v1/instances/?region_id=%00", "region_id"),
        ("/api/v1/instances/?product=ecs%00", "product"),
        ("/api/v1/audit-events/?action=%00", "action"),
    ],
)
def test_a_nul_character_in_a_text_filter_is_a_400(api, query, field):
    response = api.get(query)

    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR"
    assert field in response.json()["fields"]


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/v1/instances/i-a%00b/"),
        ("post", "/api/v1/instances/i-a%00b/stop/"),
        ("post", "/api/v1/instances/i-a%00b/service-codes/"),
        ("get", "/api/v1/service-codes/a%00b/"),
    ],
)
def test_a_nul_character_in_an_id_is_a_404(api, method, path):
    response = getattr(api, method)(path)

    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"


def test_text_filters_still_filter(api, user, instance):
    assert api.get("/api/v1/instances/?region_id=cn-hangzhou&product=ecs").json()["count"] == 1
    assert api.get("/api/v1/instances/?region_id=cn-beijing").json()["count"] == 0
    assert api.get("/api/v1/instances/?region_id=").json()["count"] == 1


# --- log-in with an over-long username (django-axes stores it in 255 characters) -----------------
def test_a_token_request_with_an_over_long_username_is_a_400(anon_api):
    response = anon_api.post("/api/v1/auth/token/", {"username": "x" * 3000, "password": "pw"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR"
    assert "username" in response.json()["fields"]


def test_the_token_schema_bounds_the_username(schema):
    request = schema["components"]["schemas"]["TokenRequestRequest"]
    assert request["properties"]["username"]["maxLength"] == 150


# --- text fields take JSON strings only (DRF's CharField also took numbers) ----------------------
@pytest.mark.parametrize(
    "path, body, field",
    [
        (
            "/api/v1/accounts/",
            {"username": "carol", "password": "Pw-12345678", "display_name": -1.5e136},
            "display_name",
        ),
        ("/api/v1/accounts/", {"username": 12345, "password": "Pw-12345678"}, "username"),
        (
            "/api/v1/instances/",
            {
                "product": "ecs",
                "region_id": "cn-hangzhou",
                "charge_type": "PrePaid",
                "period_months": 3,
                "internet_max_bandwidth_out": 5,
                "name": 7,
            },
            "name",
        ),
    ],
)
def test_a_number_where_the_schema_says_string_is_refused(staff_api, path, body, field):
    response = staff_api.post(path, body, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR"
    assert field in response.json()["fields"]


def test_a_numeric_sms_code_is_refused_like_any_non_string(api, instance):
    from tests.filings import flows

    # The caller's own order: another account's (or a missing) order is a 404 whatever the body.
    order = flows.api_first_filing(api, instance=instance).json()
    response = api.post(f"/api/v1/filings/{order['id']}/verify-sms/", {"code": 123456}, format="json")

    assert response.status_code == 400
    assert response.json()["fields"] == {"code": ["The SMS code is 6 digits."]}


def test_usernames_of_any_script_are_accepted_and_the_schema_claims_no_ascii_pattern(staff_api, schema):
    response = staff_api.post(
        "/api/v1/accounts/", {"username": "pÈ-张", "password": "Pw-12345678"}, format="json"
    )

    assert response.status_code == 201
    assert "pattern" not in schema["components"]["schemas"]["AccountCreateRequest"]["properties"]["username"]
    refused = staff_api.post(
        "/api/v1/accounts/", {"username": "a b", "password": "Pw-12345678"}, format="json"
    )
    assert refused.status_code == 400


# --- bodies an attack run sent (issue 17): deep nesting, over the size limit, cut off -----------
DEEP_JSON = "[" * 1000 + "]" * 1000


@pytest.mark.parametrize("path", ["/api/v1/auth/token/", "/api/v1/instances/", "/api/v1/filings/"])
def test_json_nested_a_thousand_deep_is_a_json_400_not_a_server_error(api, path):
    response = api.generic("POST", path, DEEP_JSON, content_type="application/json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "MALFORMED_REQUEST"


def test_the_token_endpoint_refuses_deep_json_before_anyone_logs_in(anon_api):
    response = anon_api.generic("POST", "/api/v1/auth/token/", DEEP_JSON, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "MALFORMED_REQUEST"


@pytest.mark.parametrize("path", ["/api/v1/auth/token/", "/api/v1/instances/", "/api/v1/filings/"])
def test_a_body_over_the_size_limit_is_a_json_413_not_djangos_html_page(api, settings, path):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"username": "alice", "password": "' + "x" * 2000 + '"}'

    response = api.generic("POST", path, body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "REQUEST_TOO_LARGE"


class _Disconnected:
    """A ``wsgi.input`` whose client went away half-way through the body."""

    def read(self, *args):
        raise OSError("client disconnected")

    readline = read


def test_a_client_disconnecting_mid_body_is_logged_as_a_client_error(anon_api, caplog):
    import logging

    with caplog.at_level(logging.WARNING):
        response = anon_api.generic(
            "POST",
            "/api/v1/auth/token/",
            b'{"username": "alice", "password": "x"}',
            content_type="application/json",
            **{"wsgi.input": _Disconnected(), "CONTENT_LENGTH": "38"},
        )

    assert response.status_code == 400
    assert response.json()["code"] == "REQUEST_INCOMPLETE"
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert any("client error" in r.getMessage().lower() for r in caplog.records)


def test_more_query_parameters_than_django_accepts_is_a_json_413(api):
    query = "&".join(f"p{i}=1" for i in range(1100))

    response = api.get(f"/api/v1/regions/?{query}")

    assert response.status_code == 413
    assert response.json()["code"] == "REQUEST_TOO_LARGE"
