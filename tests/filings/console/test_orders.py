"""The order list and detail: status filter, the stage timeline with its history, and the actions
the current stage allows (submit, abandon, SMS code)."""

import datetime as dt

import pytest
import time_machine

from filings import services
from filings.models import FilingOrder, MessageKind
from tests.console.html import parse, reason_codes
from tests.filings import flows

from . import wizard

pytestmark = pytest.mark.django_db


def detail(client, order):
    return parse(client.get(f"/console/filings/{order.pk}/").content)


def timeline(page) -> dict[str, str]:
    return {
        step.get("data-stage"): step.get("data-step-state") for step in page.find_all("li", data_stage=True)
    }


def actions(page) -> set[str]:
    return {node.get("data-action") for node in page.find_all(data_action=True)}


class TestList:
    def test_lists_the_accounts_orders_with_their_status(self, console, draft_order):
        page = parse(console.get("/console/filings/").content)

        row = page.find("tr", data_order_id=str(draft_order.pk))
        assert row is not None and row.get("data-status") == "draft"
        assert f"/console/filings/{draft_order.pk}/" in row.links()
        assert "example.cn" in row.text

    def test_filters_by_status(self, console, user, staff, draft_order):
        services.filing_abandon(actor=user, order_id=draft_order.pk)
        flows.file_first(user, staff=staff, domain="second.cn", instance=draft_order.instance)

        approved = parse(console.get("/console/filings/?status=approved").content)
        abandoned = parse(console.get("/console/filings/?status=abandoned").content)

        assert [r.get("data-status") for r in approved.find_all("tr", data_order_id=True)] == ["approved"]
        assert [r.get("data-order-id") for r in abandoned.find_all("tr", data_order_id=True)] == [
            str(draft_order.pk)
        ]
        tab = approved.find("a", data_status="approved")
        assert tab.get("aria-current") == "page" and "1" in tab.text

    def test_another_accounts_orders_are_not_listed(self, client, other_user, draft_order):
        client.force_login(other_user)

        page = parse(client.get("/console/filings/").content)

        assert page.find("tr", data_order_id=True) is None


class TestTimeline:
    def test_an_approved_order_shows_every_stage_done_and_its_history(self, console, filed):
        page = detail(console, filed["order"])

        assert timeline(page) == dict.fromkeys(
            ["draft", "submitted", "pending_sms", "bureau_review", "approved"], "done"
        )
        history = [row.get("data-event-to") for row in page.find_all("tr", data_event_to=True)]
        assert history == ["draft", "submitted", "pending_sms", "bureau_review", "approved"]
        assert all(step.find("time") for step in page.find_all("li", data_stage=True))
        assert filed["subject"].icp_number in page.find(data_subject_icp_number=True).text
        assert page.find(data_website_icp_number=True).text == filed["website"].icp_number

    def test_an_open_order_shows_where_it_stands(self, console, user, staff, draft_order):
        flows.to_pending_sms(draft_order, staff=staff)

        page = detail(console, draft_order)

        assert timeline(page) == {
            "draft": "done",
            "submitted": "done",
            "pending_sms": "current",
            "bureau_review": "todo",
            "approved": "todo",
        }
        assert page.find("li", data_stage="pending_sms").get("aria-current") == "step"

    def test_a_returned_order_shows_where_it_stopped_and_why(self, console, user, staff, draft_order):
        flows.submit(actor=user, order_id=draft_order.pk)
        services.filing_review(
            actor=staff, order_id=draft_order.pk, decision="reject", reason="Blurry licence scan"
        )

        page = detail(console, draft_order)

        assert timeline(page) == {
            "draft": "done",
            "submitted": "ended",
            "pending_sms": "todo",
            "bureau_review": "todo",
            "approved": "todo",
        }
        assert "Blurry licence scan" in page.find("li", data_stage="submitted").text
        # SPEC 3.12: returned for correction, with its reason and the way back.
        assert "Blurry licence scan" in page.find(data_section="returned").text
        assert actions(page) == {"modify", "resubmit", "abandon"}

    def test_an_abandoned_draft_stops_at_draft(self, console, user, draft_order):
        services.filing_abandon(actor=user, order_id=draft_order.pk)

        page = detail(console, draft_order)

        assert timeline(page)["draft"] == "ended"
        assert page.find(data_section="outcome") is not None


class TestActions:
    def test_a_draft_can_be_submitted_or_abandoned(self, console, draft_order):
        assert actions(detail(console, draft_order)) == {
            "submit",
            "abandon",
            "modify",
            "send-verification-link",
        }
        missing = console.post(f"/console/filings/{draft_order.pk}/submit/", follow=True)
        assert reason_codes(parse(missing.content))[:1] == ["DOCUMENT_MISSING"]
        draft_order.refresh_from_db()
        assert draft_order.status == "draft"
        wizard.upload_documents(console, draft_order.pk)

        response = console.post(f"/console/filings/{draft_order.pk}/submit/")

        assert response.url == f"/console/filings/{draft_order.pk}/"
        draft_order.refresh_from_db()
        assert draft_order.status == "submitted"
        assert actions(detail(console, draft_order)) == {"abandon"}

    def test_abandon_asks_for_confirmation_and_returns_the_code(self, console, draft_order):
        link = detail(console, draft_order).find(data_action="abandon")
        assert link.has("data-confirm") and link.get("href") == f"/console/filings/{draft_order.pk}/abandon/"

        console.post(f"/console/filings/{draft_order.pk}/abandon/")

        draft_order.refresh_from_db()
        assert draft_order.status == "abandoned"
        assert draft_order.service_code.status == "unused"

    def test_no_abandon_once_the_bureau_has_the_order(self, console, staff, draft_order):
        flows.to_bureau_review(draft_order, staff=staff)

        page = detail(console, draft_order)
        response = console.post(f"/console/filings/{draft_order.pk}/abandon/", follow=True)

        assert actions(page) == set()
        assert response.status_code == 200
        assert "cannot move to abandoned" in response.content.decode()
        draft_order.refresh_from_db()
        assert draft_order.status == "bureau_review"

    def test_pending_sms_offers_the_code_entry_and_the_inbox(self, console, staff, draft_order):
        flows.to_pending_sms(draft_order, staff=staff)

        page = detail(console, draft_order)

        assert {"verify-sms", "resend-sms", "abandon"} <= actions(page)
        assert "/console/inbox/" in page.find(data_section="sms").links()
        assert page.find("input", name="code") is not None

    def test_the_right_sms_code_sends_the_order_to_the_bureau(self, console, user, staff, draft_order):
        flows.to_pending_sms(draft_order, staff=staff)

        response = console.post(
            f"/console/filings/{draft_order.pk}/verify-sms/", {"code": flows.latest_secret(user)}, follow=True
        )

        draft_order.refresh_from_db()
        assert draft_order.status == "bureau_review"
        assert "verified" in response.content.decode()

    def test_a_wrong_sms_code_is_counted_and_says_how_many_attempts_are_left(
        self, console, user, staff, draft_order
    ):
        flows.to_pending_sms(draft_order, staff=staff)
        wrong = "000000" if flows.latest_secret(user) != "000000" else "111111"

        response = console.post(
            f"/console/filings/{draft_order.pk}/verify-sms/", {"code": wrong}, follow=True
        )

        draft_order.refresh_from_db()
        assert (draft_order.status, draft_order.sms_failures) == ("pending_sms", 1)
        text = response.content.decode()
        assert "The SMS code is wrong." in text and "Attempts left: 4" in text

    def test_a_malformed_sms_code_is_a_form_error_and_not_counted(self, console, staff, draft_order):
        flows.to_pending_sms(draft_order, staff=staff)

        response = console.post(f"/console/filings/{draft_order.pk}/verify-sms/", {"code": "12ab"})

        assert response.status_code == 200
        assert "The SMS code has 6 digits." in response.content.decode()
        draft_order.refresh_from_db()
        assert draft_order.sms_failures == 0

    def test_five_wrong_codes_return_the_order(self, console, user, staff, draft_order):
        flows.to_pending_sms(draft_order, staff=staff)
        wrong = "000000" if flows.latest_secret(user) != "000000" else "111111"

        for _ in range(5):
            response = console.post(
                f"/console/filings/{draft_order.pk}/verify-sms/", {"code": wrong}, follow=True
            )

        draft_order.refresh_from_db()
        assert draft_order.status == "returned"
        assert "returned for correction after too many wrong codes" in response.content.decode()

    def test_resend_sends_a_new_code_to_the_phone(self, console, user, staff, draft_order):
        flows.to_pending_sms(draft_order, staff=staff)

        # SPEC 3.12: not within 60 seconds of the last code
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=61), tick=False):
            console.post(f"/console/filings/{draft_order.pk}/resend-sms/")

        assert user.phone_messages.filter(kind=MessageKind.SMS_CODE, order=draft_order).count() == 2

    def test_submitting_an_order_that_is_not_a_draft_is_a_message(self, console, user, draft_order):
        flows.submit(actor=user, order_id=draft_order.pk)

        response = console.post(f"/console/filings/{draft_order.pk}/submit/", follow=True)

        assert response.status_code == 200
        assert "cannot move to submitted" in response.content.decode()
        assert FilingOrder.objects.get().status == "submitted"
