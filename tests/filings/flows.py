"""Drive orders through the real services, the way a user and a reviewer would."""

from filings import services
from filings.models import FilingOrder, MessageKind, PhoneMessage


def subject_data(**overrides) -> dict:
    return {
        "kind": "enterprise",
        "name": "Hangzhou Example Co., Ltd.",
        "certificate_number": "91330100MA2KXXXX1Y",
        "province": "zhejiang",
        **overrides,
    }


def latest_secret(account, kind: str = MessageKind.SMS_CODE) -> str:
    return (
        PhoneMessage.objects.filter(account=account, kind=kind).order_by("-sent_time", "-id").first().secret
    )


def to_pending_sms(order: FilingOrder, *, staff) -> FilingOrder:
    services.filing_submit(actor=order.created_by, order_id=order.pk)
    return services.filing_review(actor=staff, order_id=order.pk, decision="approve")


def to_bureau_review(order: FilingOrder, *, staff) -> FilingOrder:
    to_pending_sms(order, staff=staff)
    return services.filing_verify_sms(
        actor=order.created_by, order_id=order.pk, code=latest_secret(order.account)
    )


def approve(order: FilingOrder, *, staff) -> FilingOrder:
    to_bureau_review(order, staff=staff)
    return services.filing_review(actor=staff, order_id=order.pk, decision="approve")


def file_first(user, *, staff, domain: str = "example.cn", instance=None, code=None, **subject) -> dict:
    """A subject filed through the whole workflow; returns the order, the subject, the website and
    the filing password from the phone."""
    website = {"domain": domain}
    if code is not None:
        website["service_code"] = code
    else:
        website["instance_id"] = instance.instance_id
    order = services.filing_create_first(actor=user, subject=subject_data(**subject), website=website)
    order = approve(order, staff=staff)
    return {
        "order": order,
        "subject": order.subject,
        "website": order.website,
        "password": latest_secret(user, MessageKind.FILING_PASSWORD),
    }


def add_website(user, *, staff, domain: str, instance) -> FilingOrder:
    order = services.filing_create_add_website(
        actor=user, website={"domain": domain, "instance_id": instance.instance_id}
    )
    return approve(order, staff=staff)


# --- through the API -------------------------------------------------------------------------


def api_first_filing(
    client, *, domain: str = "example.cn", instance=None, code: str | None = None, **subject
):
    website = {"domain": domain}
    if code is not None:
        website["service_code"] = code
    else:
        website["instance_id"] = instance.instance_id
    return client.post(
        "/api/v1/filings/",
        {"type": "first_filing", "subject": subject_data(**subject), "website": website},
        format="json",
    )


def api_add_website(client, *, domain: str, instance=None, code: str | None = None):
    website = {
        "domain": domain,
        **({"service_code": code} if code else {"instance_id": instance.instance_id}),
    }
    return client.post("/api/v1/filings/", {"type": "add_website", "website": website}, format="json")
