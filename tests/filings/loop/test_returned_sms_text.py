"""Issue 28 point 14: the SMS of a returned order names the step that returned it, which reads
properly in Chinese (在初审环节被退回修改, not 已被退回修改（初审中）)."""

import pytest

from filings import services
from tests.filings import flows
from tests.filings.reviews.conftest import submitted_first_filing

pytestmark = pytest.mark.django_db


def texts(api, language):
    response = api.get("/api/v1/messages/", HTTP_ACCEPT_LANGUAGE=language)
    return [m["text"] for m in response.json()["results"] if m["kind"] == "review_returned"]


@pytest.mark.parametrize(
    ("at_bureau", "chinese", "english"),
    [
        (False, "在初审环节被退回修改", "returned for correction (Initial review)"),
        (True, "在管局审核环节被退回修改", "returned for correction (Administration bureau review)"),
    ],
)
def test_the_returned_sms_names_the_step(api, user, staff, at_bureau, chinese, english):
    order = submitted_first_filing(user)
    if at_bureau:
        services.filing_review(actor=staff, order_id=order.pk, decision="approve")
        services.filing_verify_sms(
            actor=user, order_id=order.pk, code=flows.latest_secret(user.owner_account)
        )
    services.filing_review(actor=staff, order_id=order.pk, decision="reject", reason_code="MATERIALS_UNCLEAR")

    [zh] = texts(api, "zh-hans")
    assert chinese in zh and "初审中" not in zh
    [en] = texts(api, "en")
    assert english in en
