"""Another account's order is a 404 whatever the request carries: ownership is checked before the
input, so a wrong body does not tell a stranger that the order exists (a 400 would)."""

import pytest

from filings import services
from filings.models import FilingOrder, Stage
from tests.filings import flows

pytestmark = pytest.mark.django_db

INVALID_BODIES = [
    ("patch", "", {"website": "not an object", "bogus": 1}),
    ("post", "verify-sms/", {"code": "12"}),
    ("post", "verify-sms/", {"codes": {"nobody": "123456"}}),
    ("post", "verification/attempt/", {"outcome": "sunglasses"}),
    ("post", "documents/", {"kind": "no_such_kind"}),
]


@pytest.fixture
def pending_sms(api, staff, instance):
    order = flows.api_first_filing(api, instance=instance).json()
    api.post(f"/api/v1/filings/{order['id']}/submit/", {}, format="json")
    services.filing_review(actor=staff, order_id=order["id"], decision="approve")
    return order["id"]


@pytest.mark.parametrize(("method", "action", "body"), INVALID_BODIES)
def test_another_accounts_order_is_not_found_even_with_an_invalid_body(
    api_client_for, other_user, pending_sms, method, action, body
):
    stranger = api_client_for(other_user)
    url = f"/api/v1/filings/{pending_sms}/{action}"
    kwargs = {"format": "multipart"} if action == "documents/" else {"format": "json"}

    response = getattr(stranger, method)(url, body, **kwargs)

    assert response.status_code == 404, response.json()
    assert response.json()["code"] == "ORDER_NOT_FOUND"
    assert FilingOrder.objects.get(pk=pending_sms).status == Stage.PENDING_SMS


@pytest.mark.parametrize(("method", "action", "body"), INVALID_BODIES[1:3])
def test_the_owner_still_gets_the_input_error(api, pending_sms, method, action, body):
    response = getattr(api, method)(f"/api/v1/filings/{pending_sms}/{action}", body, format="json")

    assert response.status_code == 400
    assert FilingOrder.objects.get(pk=pending_sms).sms_failures == 0


def test_staff_reviewing_a_missing_order_with_a_bad_body_get_a_404(staff_api):
    response = staff_api.post("/api/v1/filings/999999/review/", {"decision": "maybe"}, format="json")

    assert (response.status_code, response.json()["code"]) == (404, "ORDER_NOT_FOUND")


@pytest.mark.parametrize(("method", "action", "body"), INVALID_BODIES[1:3])
def test_the_ownership_check_does_not_read_the_order(api, pending_sms, method, action, body):
    """Issue 26: the check before the input is one EXISTS, not the order with its history and
    documents (an answer that refuses the input shows neither)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = getattr(api, method)(f"/api/v1/filings/{pending_sms}/{action}", body, format="json")

    assert response.status_code == 400
    read = " ".join(query["sql"] for query in ctx.captured_queries)
    assert "filings_orderevent" not in read and "filings_filingdocument" not in read
    assert sum("filings_filingorder" in query["sql"] for query in ctx.captured_queries) == 1
