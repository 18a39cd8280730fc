"""The authorization matrix (issue 5): one row per console page and API endpoint, with the status
each caller (anonymous, owner, RAM user, another account, staff) must get. Read by
test_authorization_matrix.py, which also fails when a route is added without a row here.
"""

from __future__ import annotations

from dataclasses import dataclass

CALLERS = ("anon", "owner", "ram", "other", "staff")


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # with {instance}, {code}, {order}, {subject}, {website}, {app}, {key}, {domain}
    expect: dict  # caller -> status
    body: dict | None = None

    def id(self) -> str:
        return f"{self.method} {self.path}"


def same(status, **overrides):
    out = dict.fromkeys(CALLERS, status)
    out.update(overrides)
    return out


# Console reads: anonymous callers are sent to log in; lists show each caller its own rows.
PAGE = same(200, anon=302)
OWN_PAGE = same(200, anon=302, other=404, staff=404)
# API reads scoped to the caller's account (RAM users see the parent's).
API_LIST = same(200, anon=401)
API_OWN = same(200, anon=401, other=404, staff=404)
# API writes on alice's instance: RAM users are read-only, others see nothing.
API_WRITE = same(200, anon=401, ram=403, other=404, staff=404)
# Staff-only API endpoints.
STAFF_ONLY = same(403, anon=401, staff=200)

ROWS = [
    # --- public -------------------------------------------------------------------------------
    Row("GET", "/healthz", same(200)),
    Row("GET", "/favicon.ico", same(200)),
    Row("GET", "/accounts/login/", same(200, owner=302, ram=302, other=302, staff=302)),
    Row("GET", "/icp-records/?domain=alice-example.cn", same(200)),
    Row("GET", "/api/v1/icp-records/?domain=alice-example.cn", same(200)),
    Row("GET", "/api/schema/", same(200)),
    Row("GET", "/api/docs/", same(200)),
    # Any other /api/ URL is the API's JSON 404, whoever asks.
    Row("GET", "/api/", same(404)),
    # Wrong credentials are a 400 whoever asks; the fifth failure in a row for the username from one
    # address (the last caller here) locks the log-in (django-axes, AXES_FAILURE_LIMIT=5).
    Row("POST", "/api/v1/auth/token/", same(400, owner=429), {"username": "alice", "password": "wrong"}),
    # Each login revokes or rotates its own token, and changes its own password (a wrong current
    # password changes nothing).
    Row("POST", "/api/v1/auth/token/revoke/", same(204, anon=401)),
    Row("POST", "/api/v1/auth/token/rotate/", same(200, anon=401)),
    Row(
        "POST",
        "/api/v1/auth/password/",
        same(400, anon=401),
        {"old_password": "wrong", "new_password": "a-new-Passw0rd!"},
    ),
    Row("GET", "/accounts/password/", PAGE),
    Row("POST", "/accounts/password/", same(200, anon=302), {"old_password": "wrong"}),
    # --- console ------------------------------------------------------------------------------
    Row("GET", "/console/", PAGE),
    Row("GET", "/console/operation-log/", PAGE),
    Row("GET", "/console/instances/", PAGE),
    Row("GET", "/console/instances/buy/", PAGE),
    Row("GET", "/console/instances/{instance}/renew/", OWN_PAGE),
    Row("GET", "/console/instances/{instance}/convert/", OWN_PAGE),
    Row("GET", "/console/instances/{instance}/bandwidth/", OWN_PAGE),
    Row("GET", "/console/instances/{instance}/stop/", OWN_PAGE),
    Row("GET", "/console/instances/{instance}/start/", OWN_PAGE),
    Row("GET", "/console/instances/{instance}/release/", OWN_PAGE),
    # A RAM user's refused write re-renders the page with the reason (nothing changes).
    Row("POST", "/console/instances/{instance}/stop/", same(302, ram=200, other=404, staff=404)),
    Row("GET", "/console/icp/application/", PAGE),
    Row("GET", "/console/icp/application/{instance}/apply/", OWN_PAGE),
    Row("POST", "/console/icp/application/{instance}/apply/", same(302, other=404, staff=404)),
    Row("GET", "/console/icp/codes/", PAGE),
    Row("GET", "/console/filings/", PAGE),
    Row("GET", "/console/filings/new/", PAGE),
    # Later wizard steps send a caller without wizard state back to step 1.
    Row("GET", "/console/filings/new/app/", PAGE),
    Row("GET", "/console/filings/new/product/", same(302)),
    Row("GET", "/console/filings/new/details/", same(302)),
    Row("GET", "/console/filings/new/confirm/", same(302)),
    Row("POST", "/console/filings/new/cancel/", same(302)),
    Row("GET", "/console/filings/transfer-in/", PAGE),
    Row("GET", "/console/filings/claim/", PAGE),
    Row("GET", "/console/filings/{order}/", same(200, anon=302, other=404)),
    Row("POST", "/console/filings/{order}/submit/", same(302, other=404, staff=404)),
    # SPEC 3.12: the Modify page of a draft or returned order (the matrix's order is neither: back to it).
    Row("GET", "/console/filings/{order}/modify/", same(302, other=404, staff=404)),
    Row("POST", "/console/filings/{order}/abandon/", same(302, other=404, staff=404)),
    Row("POST", "/console/filings/{order}/verify-sms/", same(302, other=404, staff=404), {"code": "000000"}),
    Row("POST", "/console/filings/{order}/resend-sms/", same(302, other=404, staff=404)),
    Row("POST", "/console/filings/{order}/code-authorization/", same(302, other=404, staff=404)),
    Row("POST", "/console/filings/{order}/confirm-code-authorization/", same(302, other=404, staff=404)),
    Row("POST", "/console/filings/{order}/verification/", same(302, other=404, staff=404)),
    # The verification link's page (SPEC 3.12): no log-in; an unknown token is a 404 for everyone.
    Row("GET", "/verify/" + "x" * 32 + "/", same(404)),
    Row("GET", "/console/subjects/", PAGE),
    Row("GET", "/console/subjects/{subject}/cancel/", OWN_PAGE),
    Row("GET", "/console/websites/{website}/cancel/", OWN_PAGE),
    Row("POST", "/console/websites/{website}/public-security-filing/", same(302, other=404, staff=404)),
    Row("GET", "/console/websites/{app}/cancel_app/", OWN_PAGE),
    Row("GET", "/console/inbox/", PAGE),
    Row(
        "POST",
        "/console/filings/{order}/documents/",
        same(302, other=404, staff=404),
        {"kind": "verification_photo"},
    ),
    Row("GET", "/console/filings/{order}/documents/verification_photo/", same(200, anon=302, other=404)),
    # The staff review workbench (SPEC 3.10): staff only; a rejection without a reason is a form error.
    Row("GET", "/console/icp/review/", same(403, anon=302, staff=200)),
    Row("GET", "/console/icp/review/{order}/", same(403, anon=302, staff=200)),
    Row("POST", "/console/icp/review/{order}/", same(403, anon=302, staff=400), {"decision": "reject"}),
    Row("GET", "/console/domains/", PAGE),
    Row("POST", "/console/domains/", same(200, anon=302), {"domain": "www.x.cn"}),
    Row("POST", "/console/domains/{domain}/renew/", same(302, other=404, staff=404), {"period_years": "1"}),
    Row(
        "POST",
        "/console/domains/{domain}/holder/",
        same(302, other=404, staff=404),
        {"holder_name": "Alice", "holder_certificate_number": "1"},
    ),
    Row("GET", "/console/access-keys/", PAGE),
    Row("POST", "/console/access-keys/{key}/disable/", same(302, other=404, ram=404, staff=404)),
    Row("POST", "/console/access-keys/{key}/enable/", same(302, other=404, ram=404, staff=404)),
    Row("POST", "/console/access-keys/{key}/delete/", same(302, other=404, ram=404, staff=404)),
    # --- API: accounts, catalog, clock, audit ---------------------------------------------------
    Row("GET", "/api/v1/me/", API_LIST),
    Row(
        "POST",
        "/api/v1/accounts/",
        same(403, anon=401, staff=201),
        {"username": "newcomer", "password": "a-long-Passw0rd"},
    ),
    Row("GET", "/api/v1/regions/", API_LIST),
    Row("GET", "/api/v1/products/", API_LIST),
    Row("GET", "/api/v1/clock/", API_LIST),
    Row("POST", "/api/v1/clock/", same(403, anon=401, staff=200), {"advance_days": 1}),
    Row("GET", "/api/v1/audit-events/", API_LIST),
    # --- API: sandbox controls (staff only; a reset or restore that would wipe this test's world
    # is asked with a bad body: staff get past the permission to the 400) ------------------------
    Row("POST", "/api/v1/simulator/reset/", same(403, anon=401, staff=400), {"world": "elsewhere"}),
    Row("GET", "/api/v1/simulator/snapshot/", STAFF_ONLY),
    Row("POST", "/api/v1/simulator/restore/", same(403, anon=401, staff=400), {"format": "other"}),
    Row("GET", "/api/v1/simulator/settings/", STAFF_ONLY),
    Row("PATCH", "/api/v1/simulator/settings/", STAFF_ONLY, {"review_mode": "auto"}),
    Row("GET", "/api/v1/simulator/faults/", STAFF_ONLY),
    Row(
        "POST",
        "/api/v1/simulator/faults/",
        same(403, anon=401, staff=201),
        {"target": "DescribeRegions", "error": "Throttling.User"},
    ),
    Row("DELETE", "/api/v1/simulator/faults/", same(403, anon=401, staff=204)),
    Row("GET", "/api/v1/simulator/faults/log/", STAFF_ONLY),
    Row("GET", "/api/v1/simulator/info/", STAFF_ONLY),
    Row("POST", "/api/v1/simulator/access-keys/", same(403, anon=401, staff=201), {"username": "alice"}),
    # --- API: instances and service codes -------------------------------------------------------
    Row("GET", "/api/v1/instances/", API_LIST),
    Row(
        "POST",
        "/api/v1/instances/",
        same(201, anon=401, ram=403),
        {
            "product": "ecs",
            "region_id": "cn-hangzhou",
            "charge_type": "PrePaid",
            "period_months": 3,
            "internet_max_bandwidth_out": 1,
        },
    ),
    Row("GET", "/api/v1/instances/{instance}/", API_OWN),
    Row("POST", "/api/v1/instances/{instance}/renew/", API_WRITE, {"period_months": 1}),
    Row(
        "POST",
        "/api/v1/instances/{instance}/convert-to-prepaid/",
        same(409, anon=401, ram=403, other=404, staff=404),
        {"period_months": 3},
    ),
    Row(
        "POST", "/api/v1/instances/{instance}/modify-bandwidth/", API_WRITE, {"internet_max_bandwidth_out": 2}
    ),
    Row("POST", "/api/v1/instances/{instance}/stop/", API_WRITE),
    Row("POST", "/api/v1/instances/{instance}/start/", same(409, anon=401, ram=403, other=404, staff=404)),
    Row("POST", "/api/v1/instances/{instance}/release/", API_WRITE),
    Row(
        "POST",
        "/api/v1/instances/{instance}/service-codes/",
        same(201, anon=401, ram=409, other=404, staff=404),
    ),
    Row("GET", "/api/v1/service-codes/", API_LIST),
    Row("GET", "/api/v1/service-codes/{code}/", API_OWN),
    Row("DELETE", "/api/v1/service-codes/{code}/", same(405, anon=401)),
    # --- API: filings -----------------------------------------------------------------------------
    Row("GET", "/api/v1/filings/", API_LIST),
    Row("POST", "/api/v1/filings/", same(400, anon=401, ram=403), {"type": "nonsense"}),
    Row("GET", "/api/v1/filings/{order}/", same(200, anon=401, other=404)),
    Row("POST", "/api/v1/filings/{order}/submit/", same(409, anon=401, ram=403, other=404, staff=404)),
    Row("POST", "/api/v1/filings/{order}/abandon/", same(200, anon=401, ram=403, other=404, staff=404)),
    Row(
        "POST",
        "/api/v1/filings/{order}/verify-sms/",
        same(409, anon=401, ram=403, other=404, staff=404),
        {"code": "123456"},
    ),
    Row("POST", "/api/v1/filings/{order}/resend-sms/", same(409, anon=401, ram=403, other=404, staff=404)),
    # SPEC 3.14: the code owner's authorization (Huawei); under the default profile it is not needed.
    Row(
        "POST",
        "/api/v1/filings/{order}/code-authorization/",
        same(409, anon=401, ram=403, other=404, staff=404),
    ),
    Row(
        "POST",
        "/api/v1/filings/{order}/confirm-code-authorization/",
        same(409, anon=401, ram=403, other=404, staff=404),
        {"code": "123456"},
    ),
    Row("POST", "/api/v1/filings/{order}/verification/", same(409, anon=401, ram=403, other=404, staff=404)),
    # SPEC 3.13: detect writes nothing; an empty body names what is missing.
    Row("POST", "/api/v1/filings/detect/", same(400, anon=401, ram=403), {}),
    Row(
        "POST",
        "/api/v1/filings/{order}/verification/attempt/",
        # Ownership before input (issue 23): a stranger's bad body is still a 404.
        same(400, anon=401, ram=403, other=404, staff=404),
        {"outcome": "smile"},
    ),
    Row("GET", "/api/v1/filings/review-reasons/", STAFF_ONLY),
    Row("POST", "/api/v1/filings/{order}/review/", same(403, anon=401, staff=200), {"decision": "approve"}),
    Row("GET", "/api/v1/subjects/", API_LIST),
    Row("GET", "/api/v1/subjects/{subject}/", same(200, anon=401, other=404)),
    Row("GET", "/api/v1/websites/", API_LIST),
    Row("GET", "/api/v1/websites/{website}/", same(200, anon=401, other=404)),
    Row("POST", "/api/v1/websites/{website}/public-security-filing/", API_WRITE),
    Row("GET", "/api/v1/apps/", API_LIST),
    Row("GET", "/api/v1/apps/{app}/", same(200, anon=401, other=404)),
    Row("GET", "/api/v1/messages/", API_LIST),
    Row("POST", "/api/v1/filings/precheck/", same(400, anon=401, ram=403), {"type": "nonsense"}),
    Row("GET", "/api/v1/filings/{order}/documents/", same(200, anon=401, other=404)),
    # Documents are multipart: a JSON body is 415 once the caller may write to the order.
    Row("POST", "/api/v1/filings/{order}/documents/", same(415, anon=401, ram=403, other=404), {"kind": "x"}),
    # --- API: the simulated registrar -----------------------------------------------------------
    Row("GET", "/api/v1/domains/", API_LIST),
    Row(
        "POST",
        "/api/v1/domains/",
        same(400, anon=401, ram=403),
        {"domain": "www.x.cn", "holder_name": "X", "holder_certificate_number": "1"},
    ),
    Row("GET", "/api/v1/domains/{domain}/", API_OWN),
    Row("POST", "/api/v1/domains/{domain}/renew/", API_WRITE, {"period_years": 1}),
    Row(
        "POST",
        "/api/v1/domains/{domain}/holder/",
        API_WRITE,
        {"holder_name": "Alice", "holder_certificate_number": "1"},
    ),
    # --- API: AccessKeys (each login manages its own keys) ---------------------------------------
    Row("GET", "/api/v1/access-keys/", API_LIST),
    Row("GET", "/api/v1/access-keys/{key}/", same(200, anon=401, ram=404, other=404, staff=404)),
    Row("POST", "/api/v1/access-keys/{key}/disable/", same(200, anon=401, ram=404, other=404, staff=404)),
    Row("POST", "/api/v1/access-keys/{key}/enable/", same(409, anon=401, ram=404, other=404, staff=404)),
    Row("DELETE", "/api/v1/access-keys/{key}/", same(204, anon=401, ram=404, other=404, staff=404)),
]

# Routes that are not pages or endpoints of their own (log-out, language switch, the RPC root,
# the wizard's per-action URLs covered by the rows above through one of their actions).
NOT_IN_MATRIX = {"", "accounts/logout/", "i18n/setlang/"}
