"""Who may reach what: every console page and API endpoint, for an anonymous caller, the owner,
the owner's RAM user, another account and staff (issue 5).

The world: ``alice`` (owner) has an eligible instance with an unused code, a filed subject with
websites, an open order and an AccessKey; ``alice-ram`` is her RAM user; ``mallory`` is another
account; ``root`` is staff. Every request is made against alice's objects, so "another account"
must get 404 (never a hint that the object exists), the anonymous caller 401 (API) or a redirect to
the log-in page (console), and non-staff 403 on staff-only endpoints.

``test_every_route_is_in_the_matrix`` fails when a route is added without a row in
authorization_rows.py.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from filings.models import FilingOrder, Subject, Website
from openapi.services import access_key_create
from servicecodes.services import service_code_apply
from simulator.demo import filings as filings_demo
from tests.factories import InstanceFactory, RamUserFactory, StaffFactory, UserFactory
from tests.security.authorization_rows import CALLERS, NOT_IN_MATRIX, ROWS, Row


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    alice = UserFactory(username="alice")
    people = {
        "owner": alice,
        "ram": RamUserFactory(username="alice-ram", parent=alice),
        "other": UserFactory(username="mallory"),
        "staff": StaffFactory(username="root"),
    }
    filings_demo.seed(alice, staff=people["staff"])
    instance = InstanceFactory(owner=alice)
    code = service_code_apply(actor=alice, instance_id=instance.instance_id)
    key, _secret = access_key_create(actor=alice)
    subject = Subject.objects.get(account=alice)
    ids = {
        "instance": instance.instance_id,
        "code": code.code,
        "order": FilingOrder.objects.filter(subject=subject, status="submitted").values_list("pk", flat=True)[
            0
        ],
        "subject": subject.pk,
        "website": Website.objects.filter(subject=subject, service_type="website").values_list(
            "pk", flat=True
        )[0],
        "app": Website.objects.filter(subject=subject, service_type="app").values_list("pk", flat=True)[0],
        "key": key.access_key_id,
        "domain": "alice-new.cn",  # registered for alice by the demo
    }
    return people, ids


def _request(row: Row, caller: str, people, ids):
    path = row.path.format(**ids)
    if path.startswith("/api/"):
        client = APIClient()
        if caller != "anon":
            token, _ = Token.objects.get_or_create(user=people[caller])
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client.generic(row.method, path, data=_json(row.body), content_type="application/json")
    from django.test import Client

    client = Client()
    if caller != "anon":
        client.force_login(people[caller])
    if row.method == "GET":
        return client.get(path)
    return client.post(path, row.body or {})


def _json(body):
    import json

    return json.dumps(body) if body is not None else ""


# Callers that must change nothing go first; the owner, whose writes succeed, goes last.
CALLER_ORDER = ("anon", "other", "ram", "staff", "owner")


@pytest.mark.parametrize("row", ROWS, ids=Row.id)
def test_authorization_matrix(world, row):
    people, ids = world
    wrong = []
    for caller in CALLER_ORDER:
        response = _request(row, caller, people, ids)
        expected = row.expect[caller]
        if response.status_code != expected:
            wrong.append(
                f"{caller}: {response.status_code}, expected {expected}: "
                f"{getattr(response, 'content', b'')[:200]!r}"
            )
            continue
        if expected == 302 and caller == "anon" and row.path.startswith("/console/"):
            assert response["Location"].startswith("/accounts/login/?next="), response["Location"]
        if row.path.startswith("/api/") and expected >= 400 and expected != 405:
            assert set(response.json()) >= {"code", "message"}, response.json()
    assert not wrong, f"{row.method} {row.path}\n" + "\n".join(wrong)


def test_matrix_size():
    """The matrix covers every caller for every row (reported in the closing note)."""
    assert all(set(row.expect) == set(CALLERS) for row in ROWS)
    assert len(ROWS) * len(CALLERS) >= 400


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _as_regex(route: str) -> re.Pattern:
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "[^/]+", route)
    route = re.sub(r"<(?:\w+:)?\w+>", "[^/]+", route)
    route = route.replace(r"\d+", "[^/]+")
    return re.compile("^/" + route + "$")


def test_every_route_is_in_the_matrix():
    concrete = {re.sub(r"\{\w+\}", "x", row.path.split("?")[0]) for row in ROWS}
    missing = []
    for route in _routes(get_resolver().url_patterns):
        if route in NOT_IN_MATRIX or route.startswith("console/filings/new/") and route.count("/") > 3:
            continue
        pattern = _as_regex(route)
        if not any(pattern.match(path) for path in concrete):
            missing.append(route)
    assert not missing, f"routes without a row in the authorization matrix: {missing}"
