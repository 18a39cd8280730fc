"""Instance services: every action, every refusal, orders and audit (SPEC 3.4, issue 2)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from icpconsole.core import clock
from icpconsole.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from icpconsole.core.models import AuditEvent
from instances import rules
from instances import services as svc
from instances.models import Instance, InstanceOrder

pytestmark = pytest.mark.django_db

SH = rules.BILLING_TZ


def buy(user, **kw):
    args = dict(
        product_id="ecs",
        region_id="cn-hangzhou",
        charge_type="PrePaid",
        period_months=3,
        internet_max_bandwidth_out=5,
    )
    args.update(kw)
    return svc.instance_purchase(actor=user, **args)


@time_machine.travel(dt.datetime(2026, 1, 31, 10, 0, tzinfo=SH), tick=False)
def test_purchase_records_expiry_order_amount_and_audit(user):
    instance = buy(user, period_months=1)
    assert instance.expired_time == dt.datetime(2026, 3, 1, 0, 0, tzinfo=SH)
    assert instance.instance_id.startswith("i-bp1") and len(instance.instance_id) == 22
    assert instance.public_ip_address
    order = instance.orders.get()
    assert (order.kind, order.months, order.amount_rmb) == ("purchase", 1, Decimal("99.00"))
    event = AuditEvent.objects.get(action="instance.purchase")
    assert (event.actor, event.account, event.target_id) == (user, user, instance.instance_id)


def test_pay_as_you_go_has_no_expiry_and_no_public_ip_without_bandwidth(user):
    instance = buy(user, charge_type="PostPaid", period_months=None, internet_max_bandwidth_out=0)
    assert instance.expired_time is None
    assert instance.public_ip_address is None
    assert instance.orders.get().months == 0


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"product_id": "nope"}, "INVALID_PRODUCT"),
        ({"region_id": "mars-1"}, "INVALID_REGION"),
        ({"charge_type": "Free"}, "INVALID_CHARGE_TYPE"),
        ({"period_months": 0}, "INVALID_PERIOD"),
        ({"period_months": 37}, "INVALID_PERIOD"),
        ({"period_months": "3"}, "INVALID_PERIOD"),
        ({"period_months": True}, "INVALID_PERIOD"),
        ({"period_months": None}, "INVALID_PERIOD"),
        ({"internet_max_bandwidth_out": -1}, "INVALID_BANDWIDTH"),
        ({"internet_max_bandwidth_out": 101}, "INVALID_BANDWIDTH"),
        ({"charge_type": "PostPaid", "period_months": 3}, "INVALID_PERIOD"),
        ({"name": "x" * 129}, "INVALID_NAME"),
    ],
)
def test_bad_purchase_input_is_refused_and_creates_nothing(user, kwargs, code):
    with pytest.raises(InvalidInput) as exc:
        buy(user, **kwargs)
    assert exc.value.code == code
    assert not Instance.objects.exists()
    assert not AuditEvent.objects.filter(action="instance.purchase").exists()


def test_renewal_extends_from_current_expiry_and_records_an_order(user):
    instance = buy(user, period_months=3)
    before = instance.expired_time
    renewed = svc.instance_renew(actor=user, instance_id=instance.instance_id, period_months=2)
    assert renewed.expired_time == rules.add_months(before, 2)
    assert list(renewed.orders.order_by("id").values_list("kind", "months")) == [
        ("purchase", 3),
        ("renewal", 2),
    ]


def test_expired_status_derives_from_the_clock_and_renewal_brings_it_back(user, advance_clock):
    instance = buy(user, period_months=1)
    advance_clock(40)
    instance.refresh_from_db()
    assert instance.status_at(clock.now()) == "Expired"
    assert instance.status == "Running"  # nothing stored changed
    renewed = svc.instance_renew(actor=user, instance_id=instance.instance_id, period_months=3)
    assert renewed.status_at(clock.now()) == "Running"
    assert renewed.expired_time == rules.purchase_expiry(clock.now(), 3)


def test_renewing_an_expired_instance_that_was_stopped_leaves_it_stopped(user, advance_clock):
    instance = buy(user, period_months=1)
    svc.instance_stop(actor=user, instance_id=instance.instance_id)
    advance_clock(40)
    renewed = svc.instance_renew(actor=user, instance_id=instance.instance_id, period_months=3)
    assert renewed.status_at(clock.now()) == "Stopped"


def test_pay_as_you_go_cannot_be_renewed(user):
    instance = buy(user, charge_type="PostPaid", period_months=None)
    with pytest.raises(Conflict) as exc:
        svc.instance_renew(actor=user, instance_id=instance.instance_id, period_months=3)
    assert exc.value.code == "NOT_SUBSCRIPTION"
    assert instance.orders.count() == 1


def test_conversion_to_subscription_counts_as_buying_today(user):
    instance = buy(user, charge_type="PostPaid", period_months=None)
    converted = svc.instance_convert_to_prepaid(actor=user, instance_id=instance.instance_id, period_months=6)
    assert converted.charge_type == "PrePaid"
    assert converted.expired_time == rules.purchase_expiry(clock.now(), 6)
    assert converted.orders.filter(kind="conversion", months=6).exists()
    with pytest.raises(Conflict) as exc:
        svc.instance_convert_to_prepaid(actor=user, instance_id=instance.instance_id, period_months=6)
    assert exc.value.code == "ALREADY_SUBSCRIPTION"


def test_bandwidth_assigns_and_releases_the_public_ip(user):
    instance = buy(user, internet_max_bandwidth_out=0)
    assert instance.public_ip_address is None
    up = svc.instance_modify_bandwidth(
        actor=user, instance_id=instance.instance_id, internet_max_bandwidth_out=5
    )
    ip = up.public_ip_address
    assert ip
    same = svc.instance_modify_bandwidth(
        actor=user, instance_id=instance.instance_id, internet_max_bandwidth_out=20
    )
    assert same.public_ip_address == ip
    down = svc.instance_modify_bandwidth(
        actor=user, instance_id=instance.instance_id, internet_max_bandwidth_out=0
    )
    assert down.public_ip_address is None
    with pytest.raises(InvalidInput):
        svc.instance_modify_bandwidth(
            actor=user, instance_id=instance.instance_id, internet_max_bandwidth_out=-5
        )


def test_expired_instance_cannot_change_bandwidth_or_start(user, advance_clock):
    instance = buy(user, period_months=1)
    svc.instance_stop(actor=user, instance_id=instance.instance_id)
    advance_clock(40)
    for call in (
        lambda: svc.instance_modify_bandwidth(
            actor=user, instance_id=instance.instance_id, internet_max_bandwidth_out=1
        ),
        lambda: svc.instance_start(actor=user, instance_id=instance.instance_id),
    ):
        with pytest.raises(Conflict) as exc:
            call()
        assert exc.value.code == "INSTANCE_EXPIRED"


def test_stop_and_start_refuse_the_state_they_are_already_in(user):
    instance = buy(user)
    with pytest.raises(Conflict) as exc:
        svc.instance_start(actor=user, instance_id=instance.instance_id)
    assert exc.value.code == "INCORRECT_INSTANCE_STATUS"
    svc.instance_stop(actor=user, instance_id=instance.instance_id)
    with pytest.raises(Conflict):
        svc.instance_stop(actor=user, instance_id=instance.instance_id)
    assert svc.instance_start(actor=user, instance_id=instance.instance_id).status == "Running"


def test_released_instance_refuses_every_action(user):
    instance = buy(user)
    released = svc.instance_release(actor=user, instance_id=instance.instance_id)
    assert (released.status, released.public_ip_address) == ("Released", None)
    for action in (
        lambda: svc.instance_renew(actor=user, instance_id=instance.instance_id, period_months=1),
        lambda: svc.instance_stop(actor=user, instance_id=instance.instance_id),
        lambda: svc.instance_release(actor=user, instance_id=instance.instance_id),
        lambda: svc.instance_modify_bandwidth(
            actor=user, instance_id=instance.instance_id, internet_max_bandwidth_out=1
        ),
    ):
        with pytest.raises(Conflict) as exc:
            action()
        assert exc.value.code == "INSTANCE_RELEASED"


def test_another_accounts_instance_is_not_found(user, other_user):
    instance = buy(user)
    with pytest.raises(NotFound):
        svc.instance_stop(actor=other_user, instance_id=instance.instance_id)
    instance.refresh_from_db()
    assert instance.status == "Running"


def test_ram_user_cannot_buy_or_change_instances(user, ram_user):
    instance = buy(user)
    with pytest.raises(PermissionDenied) as exc:
        svc.instance_stop(actor=ram_user, instance_id=instance.instance_id)
    assert exc.value.code == "RAM_USER_READ_ONLY"
    with pytest.raises(PermissionDenied):
        buy(ram_user)


def test_every_action_is_in_the_audit_log(user):
    instance = buy(user, charge_type="PostPaid", period_months=None)
    iid = instance.instance_id
    svc.instance_convert_to_prepaid(actor=user, instance_id=iid, period_months=3)
    svc.instance_renew(actor=user, instance_id=iid, period_months=1)
    svc.instance_modify_bandwidth(actor=user, instance_id=iid, internet_max_bandwidth_out=2)
    svc.instance_stop(actor=user, instance_id=iid)
    svc.instance_start(actor=user, instance_id=iid)
    svc.instance_release(actor=user, instance_id=iid)
    actions = set(AuditEvent.objects.filter(target_id=iid).values_list("action", flat=True))
    assert actions == {
        "instance.purchase",
        "instance.convert_to_prepaid",
        "instance.renew",
        "instance.modify_bandwidth",
        "instance.stop",
        "instance.start",
        "instance.release",
    }


def test_backdated_purchase_cannot_be_in_the_future(user):
    with pytest.raises(InvalidInput):
        buy(user, purchased_at=clock.now() + dt.timedelta(days=1))
    assert not InstanceOrder.objects.exists()
