"""File a website through the real filing services, as a user and a reviewer would."""

from __future__ import annotations

from filings import services
from filings.models import FilingOrder, MessageKind, PhoneMessage
from tests.filings import flows

SUBJECT = flows.subject_data()


def latest_secret(account, kind: str = MessageKind.SMS_CODE) -> str:
    return (
        PhoneMessage.objects.filter(account=account, kind=kind).order_by("-sent_time", "-id").first().secret
    )


def approve(order: FilingOrder, *, actor, staff) -> FilingOrder:
    flows.submit(actor=actor, order_id=order.pk)
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    services.filing_verify_sms(actor=actor, order_id=order.pk, code=latest_secret(actor.owner_account))
    return services.filing_review(actor=staff, order_id=order.pk, decision="approve")


def file_first(
    user, *, staff, domain: str, instance_id: str | None = None, service_code: str | None = None, **subject
) -> FilingOrder:
    website = {
        "domain": domain,
        **({"service_code": service_code} if service_code else {"instance_id": instance_id}),
    }
    order = flows.create_first(actor=user, subject={**SUBJECT, **subject}, website=website)
    return approve(order, actor=user, staff=staff)
