"""The admin (SPEC 4.3): review actions on orders, licenses, registry records staff add, and
read-only views; a refusal is a message, never a 500."""

import pytest
from django.contrib.messages import get_messages

from filings import services
from filings.models import FilingOrder, PhoneMessage, RegistryRecord

from . import flows
from .factories import PhoneMessageFactory


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def submitted(user, instance):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    return flows.submit(actor=user, order_id=order.pk)


def run_action(client, action, *orders, **reason):
    return client.post(
        "/admin/filings/filingorder/",
        {"action": action, "_selected_action": [o.pk for o in orders], **reason},
        follow=True,
    )


@pytest.mark.django_db
class TestReviewActions:
    def test_approve_decides_the_initial_review(self, admin_client, submitted):
        response = run_action(admin_client, "approve_current_stage", submitted)

        assert response.status_code == 200
        submitted.refresh_from_db()
        assert submitted.status == "pending_sms"
        assert submitted.events.last().actor.username == "root"
        # The stages by their labels, not their stored values.
        notes = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("Initial review → Waiting for SMS verification" in note for note in notes)

    def test_approve_decides_the_bureau_review_too(self, admin_client, user, staff, submitted):
        services.filing_review(actor=staff, order_id=submitted.pk, decision="approve")
        services.filing_verify_sms(actor=user, order_id=submitted.pk, code=flows.latest_secret(user))

        run_action(admin_client, "approve_current_stage", submitted)

        submitted.refresh_from_db()
        assert submitted.status == "approved"
        assert submitted.subject.icp_number

    def test_reject_returns_the_code(self, admin_client, submitted):
        run_action(admin_client, "reject", submitted, reason_code="MATERIALS_UNCLEAR")

        submitted.refresh_from_db()
        # SPEC 3.12: returned for correction, its code still held.
        assert submitted.status == "returned"
        assert submitted.service_code.status == "filing"

    def test_an_order_in_the_wrong_stage_gives_an_error_message_not_a_500(
        self, admin_client, user, submitted, second_instance
    ):
        services.filing_abandon(actor=user, order_id=submitted.pk)

        response = run_action(admin_client, "approve_current_stage", submitted)

        assert response.status_code == 200
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert any(f"Order #{submitted.pk}" in m and "abandoned" in m for m in messages)
        submitted.refresh_from_db()
        assert submitted.status == "abandoned"


@pytest.mark.django_db
class TestPages:
    def test_changelists_and_an_order_page_open(self, admin_client, submitted):
        PhoneMessageFactory()
        for model in ("filingorder", "subject", "website", "registryrecord", "phonemessage"):
            assert admin_client.get(f"/admin/filings/{model}/").status_code == 200, model
        page = admin_client.get(f"/admin/filings/filingorder/{submitted.pk}/change/")
        assert page.status_code == 200
        assert b"submitted" in page.content
        assert admin_client.get(f"/admin/filings/subject/{submitted.subject_id}/change/").status_code == 200

    def test_filed_rows_open_read_only(self, admin_client, filed):
        record = RegistryRecord.objects.get(domain="example.cn")
        for url in (
            f"/admin/filings/website/{filed['website'].pk}/change/",
            f"/admin/filings/registryrecord/{record.pk}/change/",
            f"/admin/filings/subject/{filed['subject'].pk}/change/",
        ):
            page = admin_client.get(url)
            assert page.status_code == 200, url
            assert filed["website"].icp_number.encode() in page.content
            assert b'name="_save"' not in page.content

    def test_orders_are_searchable_and_filterable(self, admin_client, submitted):
        assert admin_client.get("/admin/filings/filingorder/", {"q": "example.cn"}).status_code == 200
        assert (
            admin_client.get(
                "/admin/filings/filingorder/", {"status__exact": "submitted", "type__exact": "first_filing"}
            ).status_code
            == 200
        )

    def test_orders_cannot_be_added_or_deleted_here(self, admin_client, submitted):
        assert admin_client.get("/admin/filings/filingorder/add/").status_code == 403
        assert admin_client.post(f"/admin/filings/filingorder/{submitted.pk}/delete/").status_code == 403
        assert FilingOrder.objects.filter(pk=submitted.pk).exists()

    def test_grant_license_action(self, admin_client, filed):
        admin_client.post(
            "/admin/filings/website/",
            {"action": "grant_license", "_selected_action": [filed["website"].pk]},
            follow=True,
        )

        filed["website"].refresh_from_db()
        assert filed["website"].commercial_license.startswith("浙B2-")


@pytest.mark.django_db
class TestRegistryRecords:
    def test_staff_add_a_filing_made_elsewhere_with_its_password_hashed(self, admin_client, api, instance):
        response = admin_client.post(
            "/admin/filings/registryrecord/add/",
            {
                "origin": "other_provider",
                "domain": "moved.cn",
                "icp_number": "粤ICP备20201234号",
                "subject_name": "Moved Ltd.",
                "subject_kind": "enterprise",
                "certificate_number": "91440300MA00000001",
                "province": "guangdong",
                "access_provider": "Tencent Cloud",
                "password": "Secret-123",
                "filed_time": "",
            },
        )

        assert response.status_code == 302, response.content.decode()[:3000]
        record = RegistryRecord.objects.get(domain="moved.cn")
        assert record.icp_number == "粤ICP备20201234号-1"
        assert record.password_hash and "Secret-123" not in record.password_hash
        transfer = api.post(
            "/api/v1/filings/",
            {
                "type": "transfer_in",
                "icp_number": "粤ICP备20201234号",
                "icp_password": "Secret-123",
                "website": {"domain": "moved.cn", "instance_id": instance.instance_id},
            },
            format="json",
        )
        assert transfer.status_code == 201, transfer.json()

    def test_staff_add_a_hichina_legacy_filing(self, admin_client):
        response = admin_client.post(
            "/admin/filings/registryrecord/add/",
            {
                "origin": "hichina_legacy",
                "domain": "old-example.com.cn",
                "icp_number": "",
                "subject_name": "Li Lei",
                "subject_kind": "individual",
                "certificate_number": "110101196001011234",
                "province": "beijing",
                "access_provider": "",
                "password": "",
                "filed_time": "2008-03-15 10:00:00",
            },
        )

        assert response.status_code == 302
        record = RegistryRecord.objects.get(domain="old-example.com.cn")
        assert record.origin == "hichina_legacy"
        assert record.access_provider == "HiChina"
        assert record.icp_number.startswith("京ICP备")

    def test_a_refused_record_shows_the_reason_on_the_form(self, admin_client, filed):
        response = admin_client.post(
            "/admin/filings/registryrecord/add/",
            {
                "origin": "other_provider",
                "domain": "example.cn",
                "icp_number": "",
                "subject_name": "X",
                "subject_kind": "enterprise",
                "certificate_number": "1",
                "province": "guangdong",
                "access_provider": "Tencent Cloud",
                "password": "Secret-123",
                "filed_time": "",
            },
        )

        assert response.status_code == 200
        assert "already filed" in response.content.decode()
        assert RegistryRecord.objects.filter(domain="example.cn").count() == 1

    def test_a_filing_elsewhere_needs_its_password(self, admin_client):
        response = admin_client.post(
            "/admin/filings/registryrecord/add/",
            {
                "origin": "other_provider",
                "domain": "nopass.cn",
                "icp_number": "",
                "subject_name": "X",
                "subject_kind": "enterprise",
                "certificate_number": "1",
                "province": "guangdong",
                "access_provider": "Tencent Cloud",
                "password": "",
                "filed_time": "",
            },
        )

        assert response.status_code == 200
        assert not RegistryRecord.objects.filter(domain="nopass.cn").exists()


@pytest.mark.django_db
class TestPhoneMessages:
    """Staff see that a message was sent, never its secret: the filing password (or SMS code) stays
    on the user's simulated phone."""

    def test_the_list_and_the_message_page_mask_the_secret(self, admin_client, user, filed):
        message = PhoneMessage.objects.get(account=user, kind="filing_password")
        secret = filed["password"]
        assert secret in message.text

        listing = admin_client.get("/admin/filings/phonemessage/").content.decode()
        detail = admin_client.get(f"/admin/filings/phonemessage/{message.pk}/change/").content.decode()

        for page in (listing, detail):
            assert secret not in page
            assert "••••••" in page
            assert filed["subject"].icp_number in page  # the rest of the text is shown

    def test_the_message_page_in_chinese_masks_it_too(self, admin_client, user, filed):
        message = PhoneMessage.objects.get(account=user, kind="filing_password")

        page = admin_client.get(
            f"/admin/filings/phonemessage/{message.pk}/change/", HTTP_ACCEPT_LANGUAGE="zh-hans"
        ).content.decode()

        assert filed["password"] not in page
        assert "••••••" in page

    def test_the_secret_cannot_be_searched_for(self, admin_client, user, filed):
        listing = admin_client.get("/admin/filings/phonemessage/", {"q": filed["password"]})

        assert listing.status_code == 200
        assert listing.context["cl"].result_count == 0


@pytest.mark.django_db
def test_reviewers_see_the_materials_and_the_document_images(admin_client, user, staff, instance):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    page = admin_client.get(f"/admin/filings/filingorder/{order.pk}/change/").content.decode()
    assert 'data-reason-code="DOCUMENT_MISSING"' in page
    flows.complete(order)
    page = admin_client.get(f"/admin/filings/filingorder/{order.pk}/change/").content.decode()
    assert 'data-document-preview="verification_photo"' in page
    assert "Passes every check" in page
    image = admin_client.get(f"/console/filings/{order.pk}/documents/verification_photo/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
