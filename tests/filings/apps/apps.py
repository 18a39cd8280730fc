"""Drive app filings (SPEC 3.11) through the real services and the API, as ``tests.filings.flows``
does for websites."""

from filings import services
from filings.models import FilingOrder
from tests.filings import flows
from tests.filings.materials import upload

MD5 = "0123456789abcdef0123456789abcdef"
SHA1 = "0123456789abcdef0123456789abcdef01234567"


def app_data(name: str = "示例应用", **overrides) -> dict:
    """A valid Android and iOS app with its materials (the subject's leader answers for it)."""
    return {
        "name": name,
        "platforms": ["android", "ios"],
        "package_name": "cn.example.shop",
        "bundle_id": "cn.example.shop",
        "signature_md5": MD5,
        "signature_sha1": SHA1,
        "content_category": "tools",
        "leader_is_subject_leader": True,
        **overrides,
    }


def upload_needed(order: FilingOrder) -> FilingOrder:
    from tests.filings.materials import pass_verification, upload_documents

    have = set(order.documents.values_list("kind", flat=True))
    upload_documents(order, kinds=[k for k in flows.needed_documents(order) if k not in have])
    pass_verification(order)
    return order


def approve(order: FilingOrder, *, staff) -> FilingOrder:
    upload_needed(order)
    services.filing_submit(actor=order.created_by, order_id=order.pk)
    services.filing_review(actor=staff, order_id=order.pk, decision="approve")
    services.filing_verify_sms(
        actor=order.created_by, order_id=order.pk, code=flows.latest_secret(order.account)
    )
    return services.filing_review(actor=staff, order_id=order.pk, decision="approve")


def add_app(user, *, staff, instance, **app) -> FilingOrder:
    order = services.filing_create_add_app(
        actor=user, app={**app_data(**app), "instance_id": instance.instance_id}
    )
    return approve(order, staff=staff)


def api_upload(client, order_id: int) -> None:
    order = FilingOrder.objects.get(pk=order_id)
    for kind in flows.needed_documents(order):
        response = client.post(
            f"/api/v1/filings/{order_id}/documents/", {"kind": kind, "file": upload()}, format="multipart"
        )
        assert response.status_code == 201, response.content


def api_approve(client, staff_client, order_id: int) -> dict:
    api_upload(client, order_id)
    flows.api_pass_verification(client, order_id)
    assert client.post(f"/api/v1/filings/{order_id}/submit/").status_code == 200
    review = staff_client.post(f"/api/v1/filings/{order_id}/review/", {"decision": "approve"}, format="json")
    assert review.status_code == 200, review.content
    order = FilingOrder.objects.get(pk=order_id)
    sms = client.post(
        f"/api/v1/filings/{order_id}/verify-sms/", {"code": flows.latest_secret(order.account)}, format="json"
    )
    assert sms.status_code == 200, sms.content
    done = staff_client.post(f"/api/v1/filings/{order_id}/review/", {"decision": "approve"}, format="json")
    assert done.status_code == 200, done.content
    return done.json()
