"""Factories for filing rows: a quick starting point (a filed subject, a website, registry
records). Orders worth testing are made through the services (see ``flows.py``)."""

import datetime as dt

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from filings.models import (
    HICHINA,
    FilingOrder,
    OrderEvent,
    OrderType,
    PhoneMessage,
    RegistryOrigin,
    RegistryRecord,
    Stage,
    Subject,
    Website,
)
from tests.factories import InstanceFactory, ServiceCodeFactory, UserFactory

FILING_PASSWORD = "Filing-Pass-1"  # noqa: S105
TRANSFER_PASSWORD = "Other-Provider-9"  # noqa: S105


class SubjectFactory(factory.django.DjangoModelFactory):
    """A filed (active) subject with a known filing password, ``FILING_PASSWORD``."""

    class Meta:
        model = Subject

    account = factory.SubFactory(UserFactory)
    kind = "enterprise"
    name = factory.Sequence(lambda n: f"Example Co. {n}")
    certificate_number = factory.Sequence(lambda n: f"91330100MA{n:08d}")
    province = "zhejiang"
    icp_number = factory.Sequence(lambda n: f"浙ICP备2026{n:04d}号")
    password_hash = factory.LazyFunction(lambda: make_password(FILING_PASSWORD))
    status = "active"
    created_time = factory.LazyFunction(timezone.now)
    status_time = factory.LazyAttribute(lambda o: o.created_time)


class WebsiteFactory(factory.django.DjangoModelFactory):
    """An active website of a subject, with its own instance and a ``used`` code."""

    class Meta:
        model = Website

    subject = factory.SubFactory(SubjectFactory)
    domain = factory.Sequence(lambda n: f"site{n}.cn")
    seq = factory.LazyAttribute(lambda o: Website.objects.filter(subject=o.subject).count() + 1)
    icp_number = factory.LazyAttribute(lambda o: f"{o.subject.icp_number}-{o.seq}")
    instance = factory.LazyAttribute(lambda o: InstanceFactory(owner=o.subject.account))
    service_code = factory.LazyAttribute(
        lambda o: ServiceCodeFactory(instance=o.instance, status="used", icp_number=o.icp_number)
    )
    status = "active"
    created_time = factory.LazyFunction(timezone.now)
    status_time = factory.LazyAttribute(lambda o: o.created_time)


class RegistryRecordFactory(factory.django.DjangoModelFactory):
    """A filing made with another provider, transferable with ``TRANSFER_PASSWORD``."""

    class Meta:
        model = RegistryRecord

    domain = factory.Sequence(lambda n: f"elsewhere{n}.cn")
    subject_icp_number = factory.Sequence(lambda n: f"粤ICP备1000{n:04d}号")
    icp_number = factory.LazyAttribute(lambda o: f"{o.subject_icp_number}-1")
    subject_name = factory.Sequence(lambda n: f"Elsewhere Ltd. {n}")
    subject_kind = "enterprise"
    certificate_number = factory.Sequence(lambda n: f"91440300MA{n:08d}")
    province = "guangdong"
    status = "valid"
    access_provider = "Tencent Cloud"
    origin = RegistryOrigin.OTHER_PROVIDER
    filed_time = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=400))
    password_hash = factory.LazyFunction(lambda: make_password(TRANSFER_PASSWORD))
    created_time = factory.LazyFunction(timezone.now)
    status_time = factory.LazyAttribute(lambda o: o.created_time)


class LegacyRecordFactory(RegistryRecordFactory):
    """A HiChina filing from 2008, claimable with its certificate number."""

    subject_icp_number = factory.Sequence(lambda n: f"京ICP备0500{n:04d}号")
    province = "beijing"
    access_provider = HICHINA
    origin = RegistryOrigin.HICHINA_LEGACY
    filed_time = factory.LazyFunction(lambda: dt.datetime(2008, 3, 15, tzinfo=dt.UTC))
    password_hash = ""


class FilingOrderFactory(factory.django.DjangoModelFactory):
    """A first filing in draft for a new pending subject (rows only: no code moves)."""

    class Meta:
        model = FilingOrder
        skip_postgeneration_save = True

    account = factory.SubFactory(UserFactory)
    created_by = factory.LazyAttribute(lambda o: o.account)
    type = OrderType.FIRST_FILING
    status = Stage.DRAFT
    subject = factory.LazyAttribute(
        lambda o: SubjectFactory(account=o.account, status="pending", icp_number="")
    )
    creates_subject = True
    domain = factory.Sequence(lambda n: f"draft{n}.cn")
    created_time = factory.LazyFunction(timezone.now)
    updated_time = factory.LazyAttribute(lambda o: o.created_time)
    event = factory.RelatedFactory(
        "tests.filings.factories.OrderEventFactory", factory_related_name="order", to_status=Stage.DRAFT
    )


class OrderEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderEvent

    order = factory.SubFactory(FilingOrderFactory)
    from_status = ""
    to_status = Stage.DRAFT
    actor = factory.LazyAttribute(lambda o: o.order.created_by)
    sim_time = factory.LazyFunction(timezone.now)


class PhoneMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhoneMessage

    account = factory.SubFactory(UserFactory)
    kind = "sms_code"
    text = "[ICP Filing] Your verification code is 123456."
    secret = "123456"
    sent_time = factory.LazyFunction(timezone.now)


def hold_domain(record, account):
    """The claimant holds the record's domain at the registrar under the filing subject's
    certificate number: what a claim proves (issue 27, ``takeovers.check_claim_control``)."""
    from django.utils import timezone

    from registrar.models import Domain

    now = timezone.now()
    return Domain.objects.create(
        domain=record.domain,
        account=getattr(account, "owner_account", account),
        holder_name=record.subject_name,
        holder_certificate_number=record.certificate_number,
        registered_time=now,
        expired_time=now + dt.timedelta(days=365),
        updated_time=now,
    )
