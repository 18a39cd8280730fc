"""Factories for the foundation and service-code models. Objects with business state are made
through the services where it matters; factories are for arranging a starting point quickly."""

import datetime as dt

import factory
from django.utils import timezone

from icpconsole.accounts.models import User
from instances import rules
from instances.models import Instance, InstanceOrder, Product, Region
from servicecodes.models import ServiceCode

DEFAULT_PASSWORD = "s3cret-Passw0rd!"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda o: o.username.title())
    password = factory.django.Password(DEFAULT_PASSWORD)


class RamUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"ram{n}")
    parent = factory.SubFactory(UserFactory)


class StaffFactory(UserFactory):
    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True
    is_superuser = True


def _region(rid: str) -> Region:
    return Region.objects.get(pk=rid)


def _product(pid: str) -> Product:
    return Product.objects.get(pk=pid)


class InstanceFactory(factory.django.DjangoModelFactory):
    """An eligible ECS instance by default: Hangzhou, subscription bought today for 12 months,
    5 Mbps with a public IP, with its purchase order."""

    class Meta:
        model = Instance
        skip_postgeneration_save = True

    class Params:
        months = 12
        product_id = "ecs"
        region_id = "cn-hangzhou"

    owner = factory.SubFactory(UserFactory)
    product = factory.LazyAttribute(lambda o: _product(o.product_id))
    region = factory.LazyAttribute(lambda o: _region(o.region_id))
    charge_type = rules.PREPAID
    status = "Running"
    created_time = factory.LazyFunction(timezone.now)
    expired_time = factory.LazyAttribute(
        lambda o: rules.purchase_expiry(o.created_time, o.months) if o.charge_type == rules.PREPAID else None
    )
    internet_max_bandwidth_out = 5
    public_ip_address = factory.Sequence(
        lambda n: f"47.{96 + (n // 65000) % 30}.{(n // 254) % 256}.{n % 254 + 1}"
    )
    name = factory.Sequence(lambda n: f"web-{n}")

    @factory.post_generation
    def purchase_order(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        months = 0
        if obj.charge_type == rules.PREPAID:
            months = kwargs.get("months") or max(
                1, round((obj.expired_time - obj.created_time) / dt.timedelta(days=30.4))
            )
        InstanceOrder.objects.create(
            instance=obj,
            kind="purchase",
            charge_type=obj.charge_type,
            months=months,
            amount_rmb=obj.product.monthly_price_rmb * months,
            created_time=obj.created_time,
            expired_time_after=obj.expired_time,
        )


class ServiceCodeFactory(factory.django.DjangoModelFactory):
    """A code already issued for an instance (takes the next free quota slot)."""

    class Meta:
        model = ServiceCode

    instance = factory.SubFactory(InstanceFactory)
    account = factory.LazyAttribute(lambda o: o.instance.owner)
    quota_key = factory.LazyAttribute(
        lambda o: (
            f"account:{o.instance.owner_id}"
            if o.instance.product.quota_scope == "account"
            else f"instance:{o.instance.pk}"
        )
    )
    slot = factory.LazyAttribute(lambda o: ServiceCode.objects.filter(quota_key=o.quota_key).count() + 1)
    status = "unused"
    created_time = factory.LazyFunction(timezone.now)
    status_time = factory.LazyAttribute(lambda o: o.created_time)
