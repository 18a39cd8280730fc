"""Property-based fuzzing of the whole REST API from its own OpenAPI schema (schemathesis 4).

The schema is loaded in-process from ``/api/schema/`` of the WSGI application, and every
operation in it becomes one test: schemathesis' examples and coverage cases (boundary values,
missing and wrong-typed fields, unexpected methods) run first, then up to ``MAX_EXAMPLES``
generated cases, valid and invalid. Every response must not be a 5xx, must have a status code,
content type, headers and body the schema documents for the operation, invalid input must be
refused with a 4xx, and authentication must be enforced.

Requests carry the token of an account that owns real objects (``conftest.fuzz_world``); a hook
swaps generated path parameters and body fields for real ids and values half of the time, so
cases reach the services' rules rather than stopping at 404. Staff-only operations, and the lists
staff see differently, run once more as staff.

Deterministic (``derandomize``) and bounded: no shrinking, no example database. The numbers of
operations, cases and requests are printed at the end of the run (``conftest``).
"""

from __future__ import annotations

import copy
import os

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.core.parameters import ParameterLocation

from icpconsole.wsgi import application
from simulator.demo import filings as demo

from .conftest import CURRENT_WORLD, FUZZ_STATS, CountingApp

# Generated cases per operation; FUZZ_MAX_EXAMPLES=200 for a deeper (slower) run by hand.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))

# Schema-valid values the services refuse by their rules (an unknown product, a wrong password,
# a domain that is not a domain) are a documented 400: the serializers check types, the services
# values; a log-in locked after repeated failures is a documented 429. Schema-valid input must
# still never get an undocumented status.
POSITIVE_STATUSES = ["2xx", "400", "401", "403", "404", "409", "429"]

# Fuzz dictionaries: values schemathesis mixes into generated strings and integers (parameters
# and the main body fields), because random text rarely hits them: NUL (PostgreSQL text cannot
# hold it), non-ASCII digits, huge and negative numbers, long text, markup, malformed addresses
# (PostgreSQL's ``inet``). JSON nested too deeply and bodies over the size limit, which no
# generator draws, are sent to every operation by ``test_api_bodies``.
NASTY_STRINGS = [
    "\x00",
    "a\x00b",
    "%00",
    " ",
    "\t\n",
    "\u0661\u0662",
    "\uff21\uff22",
    "null",
    "-1",
    "1e309",
    "../../etc/passwd",
    "'\"; --",
    "<script>x</script>",
    "\U0001f600",
    "\u202e",
    "x" * 3000,
    "\u4f8b\u5b50.\u4e2d\u56fd",
    "not-an-ip",
    "999.1.1.1",
    "::ffff:999.1.1.1",
    "999999999999999999",
]
EDGE_INTEGERS = [0, -1, 2**31, 2**63 - 1, 2**63, 10**20, 999999999999999999, -(2**63) - 1]
BODY_TEXT_FIELDS = [
    "username",
    "name",
    "domain",
    "icp_number",
    "certificate_number",
    "instance_id",
    "service_code",
    "subject.name",
    "subject.certificate_number",
    "website.domain",
    "website.instance_id",
    "website.service_code",
]

APP = CountingApp(application)
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/",
    APP,
    config=schemathesis.Config.from_dict(
        {
            "generation": {
                "mode": "all",
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
                "no-shrink": True,
                # Requests carry a real token (below); generated credentials would only be refused.
                "with-security-parameters": False,
                "dictionaries": {
                    "string": {"dictionary": "nasty-strings", "probability": 0.1},
                    "integer": {"dictionary": "edge-integers", "probability": 0.1},
                },
            },
            "dictionaries": {
                "nasty-strings": {"values": NASTY_STRINGS},
                "edge-integers": {"values": EDGE_INTEGERS},
            },
            "parameters": {
                f"body.{field}": {"dictionary": "nasty-strings", "probability": 0.1}
                for field in BODY_TEXT_FIELDS
            },
            "checks": {"positive_data_acceptance": {"expected-statuses": POSITIVE_STATUSES}},
            "phases": {
                "stateful": {"enabled": False},
                # Ids seen in earlier responses would be put into cases meant to be invalid
                # (schemathesis then reports a valid request as accepted invalid data); the hook
                # below supplies real ids instead, only where the case is valid.
                "fuzzing": {"extra-data-sources": {"responses": False}},
                "coverage": {"extra-data-sources": {"responses": False}},
            },
        }
    ),
)

STAFF_OPERATIONS = {
    "POST /api/v1/accounts/",
    "POST /api/v1/clock/",
    "POST /api/v1/filings/{id}/review/",
    "GET /api/v1/filings/",
    "GET /api/v1/filings/{id}/",
    "GET /api/v1/subjects/",
    "GET /api/v1/subjects/{id}/",
    "GET /api/v1/websites/",
    "GET /api/v1/websites/{id}/",
    "GET /api/v1/audit-events/",
    # Sandbox controls (SPEC 4.6). Not fuzzed as staff: POST reset/ and restore/ and DELETE faults/,
    # which replace the whole world (or every fault rule) that the other generated cases use; their
    # staff answers, good and bad, are covered by tests/simulator/.
    "GET /api/v1/simulator/snapshot/",
    "GET /api/v1/simulator/settings/",
    "PATCH /api/v1/simulator/settings/",
    "GET /api/v1/simulator/faults/",
    "POST /api/v1/simulator/faults/",
    "GET /api/v1/simulator/faults/log/",
    "GET /api/v1/simulator/info/",
    "POST /api/v1/simulator/access-keys/",
}


def _path_values(world, path: str) -> dict[str, list]:
    values = {
        "instance_id": world.instance_ids + world.other_instance_ids,
        "code": world.service_codes,
        "access_key_id": world.access_key_ids,
    }
    if path.startswith("/api/v1/filings/"):
        values["id"] = world.order_ids + world.other_order_ids
    elif path.startswith("/api/v1/subjects/"):
        values["id"] = world.subject_ids
    elif path.startswith("/api/v1/websites/"):
        values["id"] = world.website_ids
    return values


def _body_values(world) -> dict[str, list]:
    return {
        "instance_id": world.instance_ids + world.other_instance_ids,
        "service_code": world.service_codes,
        "website_id": world.website_ids,
        "subject_id": world.subject_ids,
        "icp_password": [world.filing_password, demo.TRANSFER_PASSWORD],
        "icp_number": [*world.icp_numbers, demo.TRANSFER_ICP_NUMBER, demo.CLAIM_ICP_NUMBER],
        "domain": [*world.domains, "fresh.cn", demo.TRANSFER_DOMAIN, demo.CLAIM_DOMAIN],
        "certificate_number": [demo.CLAIM_CERTIFICATE, "91330106MA2DEMO01X"],
        "province": ["zhejiang", "beijing"],
        "parent_uid": [world.account_uid],
        "username": ["fuzz-alice", "fresh-user"],
        "password": ["Fuzz-Alice-1234"],
        "product": ["ecs", "slb", "marketplace_site", "elastic_web_hosting"],
        "region_id": ["cn-hangzhou", "cn-hongkong"],
        "period_months": [1, 3, 12, 36],
        "internet_max_bandwidth_out": [0, 5, 100],
        "advance_days": [1, 90, 400],
    }


def _slots(body, values, prefix=()):
    """``(path, key)`` of every field in ``body`` (nested objects too) that has real values."""
    if not isinstance(body, dict):
        return []
    found = []
    for key, value in body.items():
        if key in values:
            found.append((prefix, key))
        found += _slots(value, values, (*prefix, key))
    return found


def _with_body(body, slots, chosen, website):
    body = copy.deepcopy(body)
    for (prefix, key), value in zip(slots, chosen, strict=True):
        if value is not None:
            target = body
            for part in prefix:
                target = target[part]
            target[key] = value
    if website is not None:
        key, value = website
        body["website"].pop("service_code" if key == "instance_id" else "instance_id", None)
        body["website"][key] = value
    return body


@schema.hook
def flatmap_case(context, case):
    """Half of the time, real ids in the path and real values in the body instead of generated ones
    (never where the case is meant to be invalid there)."""
    world = CURRENT_WORLD.get("world")
    if world is None:
        return st.just(case)
    meta = case.meta
    # Where a case is invalid elsewhere than in its body (a bad query, header or path), a real id
    # would turn the rejection the case expects into a success: keep such cases as generated.
    negative = (
        {location for location, info in meta.components.items() if info.mode.is_negative} if meta else set()
    )
    if negative - {ParameterLocation.BODY}:
        return st.just(case)
    strategies = {}
    if case.path_parameters:
        real = _path_values(world, case.operation.path)
        choices = {name: real[name] for name in case.path_parameters if real.get(name)}
        if choices:
            strategies["path"] = st.one_of(
                st.none(), st.fixed_dictionaries({k: st.sampled_from(v) for k, v in choices.items()})
            )
    if isinstance(case.body, dict) and ParameterLocation.BODY not in negative:
        values = _body_values(world)
        slots = _slots(case.body, values)
        # A filed website names exactly one of `instance_id` and `service_code` (the serializer
        # checks it; the schema cannot say it): often make it so, with a real one.
        website = st.none()
        if isinstance(case.body.get("website"), dict):
            website = st.one_of(
                st.none(),
                st.tuples(st.just("instance_id"), st.sampled_from(values["instance_id"])),
                st.tuples(st.just("service_code"), st.sampled_from(values["service_code"])),
            )
        strategies["body"] = st.tuples(
            st.tuples(*(st.one_of(st.none(), st.sampled_from(values[key])) for _prefix, key in slots)),
            website,
        )
    if not strategies:
        return st.just(case)

    def apply(drawn):
        # Assigning the containers makes schemathesis re-validate the case's metadata.
        if drawn.get("path"):
            case.path_parameters = {**case.path_parameters, **drawn["path"]}
        if "body" in drawn:
            chosen, website = drawn["body"]
            if website is not None or any(value is not None for value in chosen):
                case.body = _with_body(case.body, slots, chosen, website)
        return case

    return st.fixed_dictionaries(strategies).map(apply)


@schema.hook
def after_call(context, case, response):
    FUZZ_STATS.cases[case.operation.label] += 1


FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    # explicit: the schema's examples and schemathesis' coverage cases; generate: the fuzzing.
    # No shrinking: a failure is reported with the case that found it, in bounded time.
    phases=[Phase.explicit, Phase.generate],
    # One world per operation (function-scoped ``world``), shared by its generated cases on purpose.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


# The filing order's body is a union of eight shapes: it gets its own test, with more cases.
FILING_CREATE = "POST /api/v1/filings/"


@schema.exclude(name=FILING_CREATE).parametrize()
@FUZZ_SETTINGS
def test_api_as_account_conforms_to_its_schema(case, world):
    case.call_and_validate(headers={"Authorization": f"Token {world.account_token}"})


@schema.include(name=FILING_CREATE).parametrize()
@settings(FUZZ_SETTINGS, max_examples=5 * MAX_EXAMPLES)
def test_filing_order_creation_conforms_to_its_schema(case, world):
    case.call_and_validate(headers={"Authorization": f"Token {world.account_token}"})


@schema.include(func=lambda ctx: ctx.operation.label in STAFF_OPERATIONS).parametrize()
@FUZZ_SETTINGS
def test_api_as_staff_conforms_to_its_schema(case, world):
    case.call_and_validate(headers={"Authorization": f"Token {world.staff_token}"})
