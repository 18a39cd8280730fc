"""Access health (空壳 checks, SPEC 3.10): a filed website whose instance was released, or expired
for ``access_at_risk_days``, is at risk; ``access_cancel_after_days`` later its access is
cancelled, unless the instance was renewed or the website rebound to another instance by a
change order."""

import datetime as dt

import pytest

from filings import rules, services
from filings.models import (
    ALIBABA_CLOUD,
    FilingAction,
    FilingOrder,
    MessageKind,
    PhoneMessage,
    RegistryRecord,
    Website,
)
from icpconsole.core import clock
from icpconsole.core.models import AuditEvent
from instances.models import Instance
from instances.services import instance_release, instance_renew
from servicecodes.models import ServiceCode
from simulator.models import SimulatorSettings
from tests.factories import InstanceFactory
from tests.filings import flows

pytestmark = pytest.mark.django_db


def _expire_in(instance, delta: dt.timedelta) -> None:
    Instance.objects.filter(pk=instance.pk).update(expired_time=clock.now() + delta)


def _json(api, website):
    return api.get(f"/api/v1/websites/{website.pk}/").json()


def _count(user, kind):
    return PhoneMessage.objects.filter(account=user, kind=kind).count()


@pytest.fixture
def expiring(filed, instance):
    """The website's instance expires 2 days and an hour after START."""
    _expire_in(instance, dt.timedelta(days=2, hours=1))
    return filed


def test_a_healthy_website_is_normal(api, filed, staff, advance_clock):
    advance_clock(100, actor=staff)  # the instance runs for 12 months
    data = _json(api, filed["website"])
    assert data["access_status"] == "normal"
    assert data["access_cancel_time"] is None


def test_at_risk_on_the_day_it_has_been_expired_for_the_setting(api, user, staff, expiring, advance_clock):
    advance_clock(3, actor=staff)  # expired, but not for long
    assert _json(api, expiring["website"])["access_status"] == "normal"
    advance_clock(14, actor=staff)  # expired 14 days 23 hours
    assert _json(api, expiring["website"])["access_status"] == "normal"
    assert _count(user, MessageKind.ACCESS_AT_RISK) == 0

    advance_clock(1, actor=staff)
    data = _json(api, expiring["website"])
    assert data["access_status"] == "at_risk"
    assert data["status"] == "active"
    start = clock.now() - dt.timedelta(days=18)
    at_risk_since = start + dt.timedelta(days=2, hours=1) + dt.timedelta(days=15)
    assert dt.datetime.fromisoformat(data["access_cancel_time"]) == at_risk_since + dt.timedelta(days=30)
    assert _count(user, MessageKind.ACCESS_AT_RISK) == 1
    assert AuditEvent.objects.filter(action=FilingAction.ACCESS_AT_RISK).count() == 1

    advance_clock(5, actor=staff)  # still at risk: no second notice
    assert _count(user, MessageKind.ACCESS_AT_RISK) == 1


def test_access_cancelled_on_the_day_with_the_code_deleted(api, user, staff, expiring, advance_clock):
    website = expiring["website"]
    code = website.service_code.code
    advance_clock(18, actor=staff)  # at risk since 17 days 1 hour after START
    advance_clock(29, actor=staff)  # 47 days: the cancellation falls at 47 days 1 hour
    assert _json(api, website)["status"] == "active"
    assert _count(user, MessageKind.ACCESS_CANCELLED) == 0

    advance_clock(1, actor=staff)
    data = _json(api, website)
    assert data["status"] == "access_cancelled"
    assert data["access_status"] == "cancelled"
    assert ServiceCode.objects.get(code=code).status == "deleted"
    record = RegistryRecord.objects.get(icp_number=website.icp_number)
    assert record.status == "valid"  # the MIIT number stays valid
    assert record.access_provider == ""
    assert _count(user, MessageKind.ACCESS_CANCELLED) == 1
    event = AuditEvent.objects.get(action=FilingAction.WEBSITE_ACCESS_CANCELLED)
    assert event.details["reason"] == "access_health"
    assert event.details["order_id"] is None

    advance_clock(10, actor=staff)  # settled once
    assert _count(user, MessageKind.ACCESS_CANCELLED) == 1
    assert AuditEvent.objects.filter(action=FilingAction.WEBSITE_ACCESS_CANCELLED).count() == 1


def test_one_long_move_marks_and_cancels_at_once(user, staff, expiring, advance_clock):
    advance_clock(90, actor=staff)
    website = Website.objects.get(pk=expiring["website"].pk)
    assert website.status == "access_cancelled"
    assert _count(user, MessageKind.ACCESS_AT_RISK) == 1
    assert _count(user, MessageKind.ACCESS_CANCELLED) == 1


def test_a_released_instance_puts_the_website_at_risk_at_once(
    api, user, staff, filed, instance, advance_clock
):
    instance_release(actor=user, instance_id=instance.instance_id)
    advance_clock(1, actor=staff)
    data = _json(api, filed["website"])
    assert data["access_status"] == "at_risk"
    cancel = dt.datetime.fromisoformat(data["access_cancel_time"])
    assert cancel == clock.now() - dt.timedelta(days=1) + dt.timedelta(days=30)
    advance_clock(28, actor=staff)
    assert _json(api, filed["website"])["status"] == "active"
    advance_clock(1, actor=staff)
    assert _json(api, filed["website"])["status"] == "access_cancelled"


def test_renewing_before_the_cancellation_makes_it_normal_again(
    api, user, staff, expiring, instance, advance_clock
):
    advance_clock(20, actor=staff)
    assert _json(api, expiring["website"])["access_status"] == "at_risk"

    instance_renew(actor=user, instance_id=instance.instance_id, period_months=1)
    assert _json(api, expiring["website"])["access_status"] == "normal"  # at once
    advance_clock(1, actor=staff)
    assert Website.objects.get(pk=expiring["website"].pk).access_at_risk_time is None
    assert AuditEvent.objects.filter(action=FilingAction.ACCESS_RECOVERED).count() == 1

    advance_clock(30, actor=staff)  # the old deadline passed: nothing happens
    website = Website.objects.get(pk=expiring["website"].pk)
    assert website.status == "active"
    assert _count(user, MessageKind.ACCESS_CANCELLED) == 0


def test_the_deadlines_are_settings(user, staff, expiring, advance_clock):
    SimulatorSettings.objects.update_or_create(
        pk=1, defaults={"access_at_risk_days": 5, "access_cancel_after_days": 3}
    )
    advance_clock(7, actor=staff)  # expired 4 days 23 hours
    assert Website.objects.get(pk=expiring["website"].pk).access_at_risk_time is None
    advance_clock(1, actor=staff)
    assert Website.objects.get(pk=expiring["website"].pk).access_at_risk_time is not None
    advance_clock(3, actor=staff)
    assert Website.objects.get(pk=expiring["website"].pk).status == "access_cancelled"


def test_a_website_without_an_instance_is_never_at_risk():
    now = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    assert rules.access_health(None, now=now, at_risk_days=15, cancel_after_days=30).at_risk is False
    hosting = rules.Hosting(released=False, expired_time=now - dt.timedelta(days=15))
    health = rules.access_health(hosting, now=now, at_risk_days=15, cancel_after_days=30)
    assert health.at_risk_since == now and health.cancel_time == now + dt.timedelta(days=30)
    # Released after it was already at risk: the earlier moment counts.
    hosting = rules.Hosting(released=True, released_time=now, expired_time=now - dt.timedelta(days=20))
    assert rules.access_health(hosting, now=now, at_risk_days=15, cancel_after_days=30).at_risk_since == (
        now - dt.timedelta(days=5)
    )


# --- rebinding ----------------------------------------------------------------------------------


def _rebind(user, staff, website, password, **changes) -> FilingOrder:
    order = services.filing_create_change(
        actor=user, icp_password=password, website_id=website.pk, changes=changes
    )
    return order


def test_rebinding_through_a_change_order_saves_the_website(api, user, staff, expiring, advance_clock):
    website = expiring["website"]
    old_code = website.service_code.code
    advance_clock(20, actor=staff)
    new_instance = InstanceFactory(owner=user, created_time=clock.now())

    order = _rebind(user, staff, website, expiring["password"], instance_id=new_instance.instance_id)
    assert order.service_code.status == "filing"
    assert order.changes["instance_id"] == new_instance.instance_id
    new_code = order.service_code.code
    flows.approve(order, staff=staff)

    data = _json(api, website)
    assert data["instance_id"] == new_instance.instance_id
    assert data["service_code"] == new_code
    assert data["access_status"] == "normal"
    assert ServiceCode.objects.get(code=new_code).status == "used"
    assert ServiceCode.objects.get(code=old_code).status == "deleted"
    assert AuditEvent.objects.filter(action=FilingAction.WEBSITE_REBIND).count() == 1

    advance_clock(60, actor=staff)  # the old instance's deadline passes: the website stays
    assert Website.objects.get(pk=website.pk).status == "active"
    assert RegistryRecord.objects.get(icp_number=website.icp_number).access_provider == ALIBABA_CLOUD


def test_an_abandoned_rebinding_returns_the_code_to_unused(user, staff, filed, advance_clock):
    new_instance = InstanceFactory(owner=user, created_time=clock.now())
    order = _rebind(user, staff, filed["website"], filed["password"], instance_id=new_instance.instance_id)
    services.filing_abandon(actor=user, order_id=order.pk)
    assert ServiceCode.objects.get(pk=order.service_code_id).status == "unused"
    assert Website.objects.get(pk=filed["website"].pk).instance_id == filed["website"].instance_id


def test_rebinding_with_an_unused_code_of_the_account(user, staff, filed):
    from servicecodes.services import service_code_apply

    new_instance = InstanceFactory(owner=user, created_time=clock.now())
    code = service_code_apply(actor=user, instance_id=new_instance.instance_id, via="console")
    order = _rebind(user, staff, filed["website"], filed["password"], service_code=code.code)
    flows.approve(order, staff=staff)
    website = Website.objects.get(pk=filed["website"].pk)
    assert website.service_code.code == code.code
    assert website.instance_id == new_instance.pk


def test_rebinding_to_another_accounts_code_is_refused(user, other_user, staff, filed):
    from icpconsole.core.errors import NotFound
    from servicecodes.services import service_code_apply

    theirs = InstanceFactory(owner=other_user, created_time=clock.now())
    code = service_code_apply(actor=other_user, instance_id=theirs.instance_id, via="console")
    with pytest.raises(NotFound):
        _rebind(user, staff, filed["website"], filed["password"], service_code=code.code)
    assert ServiceCode.objects.get(code=code.code).status == "unused"
    assert not FilingOrder.objects.filter(type="change").exists()


def test_rebinding_through_the_api(api, user, filed):
    new_instance = InstanceFactory(owner=user, created_time=clock.now())
    response = api.post(
        "/api/v1/filings/",
        {
            "type": "change",
            "website_id": filed["website"].pk,
            "icp_password": filed["password"],
            "changes": {"instance_id": new_instance.instance_id},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["changes"]["instance_id"] == new_instance.instance_id
    both = api.post(
        "/api/v1/filings/",
        {
            "type": "change",
            "website_id": filed["website"].pk,
            "icp_password": filed["password"],
            "changes": {"instance_id": new_instance.instance_id, "service_code": "x"},
        },
        format="json",
    )
    assert both.status_code == 400
    assert both.json()["code"] == "REBIND_INSTANCE_INVALID"
