"""Drive the console's filing wizard with the test client, one POST per step."""

import contextlib

from icpconsole.core.errors import InvalidInput
from tests.filings import flows
from tests.filings.materials import CREDIT_CODE, LEADER, WEBSITE_NAME, upload

WIZARD = "/console/filings/new/"


def user_of(client):
    from django.contrib.auth import get_user_model

    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.filter(pk=user_id).first() if user_id else None


def certificate_of(user) -> str:
    """The certificate number step 1 asks (SPEC 3.13): the account's subject's, else the flows'."""
    from filings.models import Subject

    subject = (
        Subject.objects.filter(account=user.owner_account, status__in=("pending", "active")).first()
        if user is not None
        else None
    )
    return subject.certificate_number if subject is not None else CREDIT_CODE


def step_domain(
    client,
    domain,
    *,
    register_it: bool = True,
    holder_name: str | None = None,
    certificate_number: str | None = None,
):
    """Step 1: the certificate (the account's subject's unless given) and the domain. By default
    the domain is first registered and verified for the account's subject (or a first filing's,
    named ``holder_name``), as a user who meets the pre-check would."""
    user = user_of(client)
    if register_it and user is not None:
        with contextlib.suppress(InvalidInput):  # a malformed domain: the step itself says so
            flows.register_for(user, domain, holder_name)
    number = certificate_number or certificate_of(user)
    return client.post(WIZARD, {"certificate_number": number, "domain": domain})


def step_product(client, *, instance=None, code=None):
    if instance is not None:
        data = {"method": "instance", "instance_id": instance.instance_id}
    else:
        data = {"method": "code", "service_code": code}
    return client.post(WIZARD + "product/", data)


def step_details(
    client, *, subject=None, website_name=WEBSITE_NAME, category="", leader=None, website_leader=None
):
    """Step 3: the subject and its leader (a first filing), the website's name, category and
    leader (the subject's leader unless ``website_leader`` is given)."""
    kind = (subject or {}).get("kind", "enterprise")
    data = {
        "website-name": website_name,
        "website-content_category": category or ("general" if kind == "individual" else "company"),
    }
    if website_leader is None:
        data["website-leader_is_subject_leader"] = "on"
    else:
        data.update({f"wleader-{key}": value for key, value in website_leader.items()})
    for key, value in (subject or {}).items():
        data[f"subject-{key}"] = value
    data.update({f"leader-{key}": value for key, value in (leader or LEADER).items()})
    return client.post(WIZARD + "details/", data)


def upload_documents(client, order_id: int) -> None:
    """Upload, on the order's page, every document it lists as missing."""
    from filings.models import FilingOrder

    order = FilingOrder.objects.get(pk=order_id)
    for kind in flows.needed_documents(order):
        response = client.post(
            f"/console/filings/{order_id}/documents/", {"kind": kind, "file": upload(f"{kind}.png")}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    pass_verification(client, order_id)


def pass_verification(client, order_id: int) -> None:
    """The authenticity verification on the phone (SPEC 3.12): the order page sends the link,
    the inbox holds it, its camera page takes a passing picture."""
    from filings.models import FilingOrder, MessageKind, PhoneMessage

    order = FilingOrder.objects.get(pk=order_id)
    if order.verification_status == "passed":
        return
    assert client.post(f"/console/filings/{order_id}/verification/").status_code == 302
    link = PhoneMessage.objects.filter(order_id=order_id, kind=MessageKind.VERIFICATION_LINK).first()
    taken = client.post(link.params["url"], {"outcome": "pass"})
    assert taken.status_code == 200 and b'data-verification="passed"' in taken.content


def run_to_confirm(client, *, domain, instance=None, code=None, subject=None, website_name=WEBSITE_NAME):
    """Steps 1 to 3; each must move on to the next step."""
    response = step_domain(
        client,
        domain,
        holder_name=(subject or {}).get("name"),
        certificate_number=(subject or {}).get("certificate_number"),
    )
    assert response.status_code == 302 and response.url == WIZARD + "product/", response.content.decode()[
        :2000
    ]
    response = step_product(client, instance=instance, code=code)
    assert response.status_code == 302 and response.url == WIZARD + "details/", response.content.decode()[
        :2000
    ]
    response = step_details(client, subject=subject, website_name=website_name)
    assert response.status_code == 302 and response.url == WIZARD + "confirm/", response.content.decode()[
        :2000
    ]
    return response


def confirm(client, *, complete: bool = True):
    """Step 4. The order is created in draft; with ``complete`` its documents are uploaded on its
    page and it is submitted there, as the user is asked to."""
    from filings.models import FilingOrder

    response = client.post(WIZARD + "confirm/")
    if complete and response.status_code == 302 and response.url.startswith("/console/filings/"):
        order_id = response.url.rstrip("/").rsplit("/", 1)[-1]
        if order_id.isdigit() and FilingOrder.objects.filter(pk=order_id, status="draft").exists():
            upload_documents(client, int(order_id))
            submitted = client.post(f"/console/filings/{order_id}/submit/")
            assert submitted.status_code == 302
    return response
