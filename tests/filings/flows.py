"""Drive orders through the real services, the way a user and a reviewer would.

A new website's application passes the pre-check (SPEC 3.9): the helpers register and verify its
main domain for the subject, give valid certificate numbers and leaders, and upload the
documents before submitting."""

from filings import services
from filings.models import FilingOrder, MessageKind, OrderType, PhoneMessage, Stage, Subject

from .materials import (
    CREDIT_CODE,
    LEADER,
    pass_verification,
    register_domain,
    upload,
    upload_documents,
    website_materials,
)

SUBJECT_NAME = "Hangzhou Example Co., Ltd."
SUBJECT_ADDRESS = "浙江省杭州市西湖区文三路90号"


def subject_data(**overrides) -> dict:
    return {
        "kind": "enterprise",
        "name": SUBJECT_NAME,
        "certificate_number": CREDIT_CODE,
        "province": "zhejiang",
        "address": SUBJECT_ADDRESS,
        "leader": LEADER,
        **overrides,
    }


def category_for(subject: dict) -> str:
    """Individuals may file only general and blog websites (SPEC 3.9)."""
    return "general" if subject.get("kind") == "individual" else "company"


def complete(order: FilingOrder) -> FilingOrder:
    """Give a draft new-website order what it still needs: the subject's leader when neither the
    order nor the subject has one (a subject transferred in or claimed), and the documents."""
    if order.status == Stage.DRAFT and order.type in (OrderType.FIRST_FILING, OrderType.ADD_WEBSITE):
        if not order.subject_leader and not order.subject.leader:
            services.filing_update(actor=order.created_by, order_id=order.pk, subject={"leader": LEADER})
        have = set(order.documents.values_list("kind", flat=True))
        upload_documents(order, kinds=[kind for kind in needed_documents(order) if kind not in have])
        pass_verification(order)
    elif order.status == Stage.DRAFT and order.type == OrderType.CHANGE:
        complete_change(order)
    return order


def complete_change(order: FilingOrder) -> FilingOrder:
    """Give a draft change order what it needs (SPEC 3.13): the proof of a new subject name, a
    new leader's ID card and the authenticity verification."""
    from django.utils import timezone

    from filings import change_rules
    from filings.selectors import change_facts

    facts = change_facts(order, now=timezone.now())
    have = set(order.documents.values_list("kind", flat=True))
    upload_documents(
        order, kinds=[kind for kind in change_rules.required_documents(facts) if kind not in have]
    )
    if change_rules.leader_identity_changed(facts):
        pass_verification(order)
    return order


def needed_documents(order: FilingOrder) -> list[str]:
    kinds = ["subject_certificate", "leader_id_front", "leader_id_back"] if order.creates_subject else []
    if order.subject.kind == "individual":
        kinds = [kind for kind in kinds if kind != "subject_certificate"]
    if order.website_leader and not order.website_leader_is_subject_leader:
        kinds += ["website_leader_id_front", "website_leader_id_back"]
    return kinds


def api_complete(client, response):
    """Upload, through the API, the documents a just-created draft needs, and pass its
    authenticity verification (nothing if refused)."""
    if response.status_code != 201:
        return response
    order = FilingOrder.objects.get(pk=response.json()["id"])
    for kind in needed_documents(order):
        uploaded = client.post(
            f"/api/v1/filings/{order.pk}/documents/", {"kind": kind, "file": upload()}, format="multipart"
        )
        assert uploaded.status_code == 201, uploaded.content
    api_pass_verification(client, order.pk)
    return response


def api_pass_verification(client, order_id: int):
    """The authenticity verification passed through the API (SPEC 3.12)."""
    taken = client.post(
        f"/api/v1/filings/{order_id}/verification/attempt/", {"outcome": "pass"}, format="json"
    )
    assert taken.status_code == 200 and taken.json()["passed"], taken.content
    return taken


def subject_name_of(user) -> str:
    subject = Subject.objects.filter(account=user.owner_account, status__in=("pending", "active")).first()
    return subject.name if subject else SUBJECT_NAME


def register_for(user, domain: str, holder_name: str | None = None):
    return register_domain(domain, holder_name=holder_name or subject_name_of(user), account=user)


def latest_secret(account, kind: str = MessageKind.SMS_CODE) -> str:
    return (
        PhoneMessage.objects.filter(account=account, kind=kind).order_by("-sent_time", "-id").first().secret
    )


def to_pending_sms(order: FilingOrder, *, staff) -> FilingOrder:
    complete(order)
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
    data = subject_data(**subject)
    website = {"domain": domain, **website_materials(content_category=category_for(data))}
    if code is not None:
        website["service_code"] = code
    else:
        website["instance_id"] = instance.instance_id
    register_for(user, domain, data["name"])
    order = services.filing_create_first(actor=user, subject=data, website=website)
    order = approve(order, staff=staff)
    return {
        "order": order,
        "subject": order.subject,
        "website": order.website,
        "password": latest_secret(user, MessageKind.FILING_PASSWORD),
    }


def add_website(user, *, staff, domain: str, instance) -> FilingOrder:
    register_for(user, domain)
    order = services.filing_create_add_website(
        actor=user, website={"domain": domain, "instance_id": instance.instance_id, **website_materials()}
    )
    return approve(order, staff=staff)


# --- through the API -------------------------------------------------------------------------


def api_register(client, domain: str, holder_name: str = SUBJECT_NAME):
    """Register the main domain through the registrar's API (a 409 when it is taken is fine)."""
    from filings.domains import normalize_main_domain

    try:
        main, _host = normalize_main_domain(domain)
    except Exception:  # noqa: BLE001 - a malformed domain: the filing call will say so
        return None
    return client.post(
        "/api/v1/domains/",
        {
            "domain": main,
            "holder_name": holder_name,
            "holder_certificate_number": CREDIT_CODE,
            "period_years": 5,
        },
        format="json",
    )


def api_first_filing(
    client, *, domain: str = "example.cn", instance=None, code: str | None = None, **subject
):
    website = {"domain": domain, **website_materials(content_category=category_for(subject_data(**subject)))}
    if code is not None:
        website["service_code"] = code
    else:
        website["instance_id"] = instance.instance_id
    api_register(client, domain, subject_data(**subject)["name"])
    response = client.post(
        "/api/v1/filings/",
        {"type": "first_filing", "subject": subject_data(**subject), "website": website},
        format="json",
    )
    return api_complete(client, response)


def api_add_website(client, *, domain: str, instance=None, code: str | None = None):
    website = {
        "domain": domain,
        **({"service_code": code} if code else {"instance_id": instance.instance_id}),
        **website_materials(),
    }
    subjects = client.get("/api/v1/subjects/").json().get("results") or [{}]
    live = [row for row in subjects if row.get("status") in ("pending", "active")] or [{}]
    api_register(client, domain, live[0].get("name") or SUBJECT_NAME)
    response = client.post("/api/v1/filings/", {"type": "add_website", "website": website}, format="json")
    return api_complete(client, response)


# --- the services, with what a new website's application needs -------------------------------


def create_first(*, actor, subject: dict, website: dict) -> FilingOrder:
    """``services.filing_create_first`` with the domain registered for the subject and the
    website's name, category and leader filled in where the test gave none."""
    subject = {"leader": LEADER, **subject}
    register_for(actor, website["domain"], subject.get("name"))
    defaults = website_materials(content_category=category_for(subject))
    return services.filing_create_first(actor=actor, subject=subject, website={**defaults, **website})


def create_add_website(*, actor, website: dict) -> FilingOrder:
    register_for(actor, website["domain"])
    return services.filing_create_add_website(actor=actor, website={**website_materials(), **website})


def submit(*, actor, order_id) -> FilingOrder:
    """``services.filing_submit`` after uploading the documents the draft still needs."""
    complete(FilingOrder.objects.get(pk=order_id))
    return services.filing_submit(actor=actor, order_id=order_id)
