"""The automatic review mode (SPEC 3.10): a review due at or before the simulated now is decided by
the simulator when the clock moves, when the mode is switched on and by ``simulator settle``."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from filings import services
from filings.models import FilingDocument, FilingOrder, MessageKind, PhoneMessage, Stage
from icpconsole.core import clock
from icpconsole.core.models import AuditEvent
from icpconsole.core.workdays import add_working_days
from simulator.models import SimulatorSettings
from simulator.services import simulator_settings_update, simulator_settle
from tests.filings import flows

from .conftest import submitted_first_filing

pytestmark = pytest.mark.django_db


def _days_until(moment: dt.datetime) -> int:
    """Whole days the clock must move to reach ``moment``."""
    delta = moment - clock.now()
    return delta.days + (1 if delta.seconds or delta.microseconds else 0)


def test_a_complete_filing_goes_through_both_reviews_as_the_clock_moves(frozen, auto_mode, advance_clock):
    order = submitted_first_filing()
    assert order.due_time == add_working_days(clock.now(), 1)

    advance_clock(1)  # Monday -> Tuesday: the initial review fell due

    order.refresh_from_db()
    assert order.status == Stage.PENDING_SMS  # SMS is the applicant's step: the move stops here
    assert PhoneMessage.objects.filter(order=order, kind=MessageKind.SMS_CODE).count() == 1
    services.filing_verify_sms(
        actor=order.account, order_id=order.pk, code=flows.latest_secret(order.account)
    )
    order.refresh_from_db()
    assert order.status == Stage.BUREAU_REVIEW
    bureau_due = order.due_time
    assert bureau_due == add_working_days(clock.now(), 20)

    advance_clock(_days_until(bureau_due))  # 20 working days in one move

    order.refresh_from_db()
    assert order.status == Stage.APPROVED
    assert order.subject.icp_number
    assert order.service_code.status == "used"
    event = AuditEvent.objects.filter(target_id=str(order.pk), action="filing.bureau_review.approve").get()
    assert event.actor is None
    assert event.details["via"] == "auto_review"


def test_one_clock_move_takes_a_submitted_order_only_as_far_as_the_sms(frozen, auto_mode, advance_clock):
    order = submitted_first_filing()

    advance_clock(60)

    order.refresh_from_db()
    assert order.status == Stage.PENDING_SMS


def test_with_auto_on_the_clock_alone_files_a_complete_filing(frozen, auto_mode, advance_clock, client):
    """The issue's "done when": submitted -> approved by moving the clock, nobody else acting. The
    simulated applicant enters the SMS code by the next move."""
    order = submitted_first_filing()

    advance_clock(1)  # the initial review fell due: approved, the code is sent
    order.refresh_from_db()
    assert order.status == Stage.PENDING_SMS

    advance_clock(1)  # the simulated applicant has entered it
    order.refresh_from_db()
    assert order.status == Stage.BUREAU_REVIEW
    assert order.due_time == add_working_days(clock.now(), 20)
    verified = AuditEvent.objects.get(target_id=str(order.pk), action="filing.sms.verify")
    assert verified.actor is None and verified.details["via"] == "auto_review"
    assert order.events.get(to_status=Stage.BUREAU_REVIEW).note_text.startswith("The simulated applicant")

    advance_clock(_days_until(order.due_time))
    order.refresh_from_db()
    assert order.status == Stage.APPROVED
    assert order.service_code.status == "used"
    assert PhoneMessage.objects.filter(account=order.account, kind=MessageKind.FILING_PASSWORD).exists()


def test_the_applicant_may_still_enter_the_code_first(frozen, auto_mode, advance_clock):
    order = submitted_first_filing()
    advance_clock(1)
    code = flows.latest_secret(order.account)
    services.filing_verify_sms(actor=order.account, order_id=order.pk, code=code)

    advance_clock(1)

    order.refresh_from_db()
    assert order.status == Stage.BUREAU_REVIEW
    verified = AuditEvent.objects.get(target_id=str(order.pk), action="filing.sms.verify")
    assert verified.actor == order.account


def test_manual_mode_leaves_the_sms_to_the_applicant(frozen, advance_clock, user, staff):
    order = submitted_first_filing()
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")

    advance_clock(1)

    order.refresh_from_db()
    assert order.status == Stage.PENDING_SMS


def test_an_incomplete_filing_is_rejected_with_its_failing_checks(frozen, auto_mode, advance_clock):
    order = submitted_first_filing()
    # A document went missing after submission: the reviewer finds it missing.
    FilingDocument.objects.filter(order=order, kind="leader_id_front").delete()

    advance_clock(1)

    order.refresh_from_db()
    assert order.status == Stage.RETURNED
    assert order.reason_code == "AUTOMATIC_CHECKS_FAILED"
    assert [check["code"] for check in order.review_reasons] == ["DOCUMENT_MISSING"]
    assert order.service_code.status == "filing"  # returned for correction (SPEC 3.12)
    assert "Document missing: Subject leader's ID card, front" in order.reason_text
    message = PhoneMessage.objects.get(order=order, kind=MessageKind.REVIEW_RETURNED)
    assert "Document missing" in message.rendered_text
    event = AuditEvent.objects.get(target_id=str(order.pk), action="filing.initial_review.reject")
    assert event.actor is None and event.details["via"] == "auto_review"


def test_an_order_not_yet_due_is_never_decided(frozen, auto_mode, advance_clock):
    order = submitted_first_filing()
    call_command("simulator", "settle", stdout=io.StringIO())

    order.refresh_from_db()
    assert order.status == Stage.SUBMITTED

    frozen.shift(dt.timedelta(hours=23))  # real time moves, the review is still an hour away
    settled = simulator_settle(actor=None)
    order.refresh_from_db()
    assert order.status == Stage.SUBMITTED
    assert settled["auto_review"] == 0


def test_manual_mode_decides_nothing(frozen, advance_clock):
    order = submitted_first_filing()

    advance_clock(5)

    order.refresh_from_db()
    assert order.status == Stage.SUBMITTED


def test_switching_to_auto_settles_what_is_already_due(frozen, advance_clock):
    order = submitted_first_filing()
    advance_clock(2)

    simulator_settings_update(actor=None, changes={"review_mode": "auto"})

    order.refresh_from_db()
    assert order.status == Stage.PENDING_SMS


def test_simulator_settle_decides_what_fell_due(frozen, advance_clock):
    order = submitted_first_filing()
    advance_clock(2)
    SimulatorSettings.objects.update_or_create(pk=1, defaults={"review_mode": "auto"})

    call_command("simulator", "settle", stdout=io.StringIO())

    order.refresh_from_db()
    assert order.status == Stage.PENDING_SMS


def test_orders_without_materials_are_approved(frozen, auto_mode, advance_clock, user, staff, instance):
    filed = flows.file_first(user, staff=staff, instance=instance)
    cancel = services.filing_create_cancel(
        actor=user, type="cancel_website", website_id=filed["website"].pk, icp_password=filed["password"]
    )
    services.filing_submit(actor=user, order_id=cancel.pk)

    advance_clock(1)

    cancel.refresh_from_db()
    assert cancel.status == Stage.PENDING_SMS


def test_decisions_are_taken_oldest_due_first(frozen, auto_mode, advance_clock):
    first = submitted_first_filing(domain="first.cn")
    frozen.shift(dt.timedelta(hours=1))
    second = submitted_first_filing(domain="second.cn")

    advance_clock(1)

    sent = list(
        PhoneMessage.objects.filter(kind=MessageKind.SMS_CODE)
        .order_by("id")
        .values_list("order_id", flat=True)
    )
    assert sent == [first.pk, second.pk]
    assert FilingOrder.objects.filter(status=Stage.PENDING_SMS).count() == 2


def test_the_operation_log_says_the_simulator_decided(frozen, auto_mode, advance_clock, client):
    order = submitted_first_filing()
    advance_clock(1)
    client.force_login(order.account)
    client.cookies["django_language"] = "zh-hans"

    html = client.get("/console/operation-log/").content.decode()

    assert "模拟器（自动审核）" in html
