"""The filings demo world (``simulator.demo.filings.seed``, called by ``seed_demo``)."""

import pytest

from filings import services
from filings.models import FilingOrder, RegistryRecord, Subject, Website
from filings.services.passwords import filing_password_matches
from simulator.demo import filings as demo
from tests.factories import InstanceFactory, UserFactory


@pytest.mark.django_db
def test_seed_makes_every_demo_state_and_running_it_again_adds_nothing(user, other_user, staff):
    first = demo.seed(user, staff=staff, other=other_user)
    counts = (
        FilingOrder.objects.count(),
        Website.objects.count(),
        RegistryRecord.objects.count(),
        Subject.objects.count(),
    )

    second = demo.seed(user, staff=staff, other=other_user)

    assert (
        FilingOrder.objects.count(),
        Website.objects.count(),
        RegistryRecord.objects.count(),
        Subject.objects.count(),
    ) == counts
    assert first == second
    subject = Subject.objects.get(account=user)
    assert subject.status == "active"
    assert sorted(subject.websites.filter(service_type="website").values_list("domain", flat=True)) == [
        "alice-example.cn",
        "alice-shop.cn",
    ]
    app = subject.websites.get(service_type="app")
    assert app.icp_number == f"{subject.icp_number}-3A" and app.service_code.status == "used"
    assert first["filed apps"] == f"{app.name} {app.icp_number}"
    assert FilingOrder.objects.get(subject=subject, status="submitted").domain == "alice-blog.cn"
    assert FilingOrder.objects.filter(account=other_user, status="pending_sms").count() == 1
    assert first["filing password"]


@pytest.mark.django_db
def test_the_documented_values_work(user, other_user, staff):
    legacy = UserFactory(username="legacy")  # the demo's claimant holds the claimed domain (issue 27)
    values = demo.seed(user, staff=staff, other=other_user)
    newcomer = InstanceFactory().owner

    transfer = services.filing_create_transfer_in(
        actor=newcomer,
        icp_number=demo.TRANSFER_ICP_NUMBER,
        icp_password=demo.TRANSFER_PASSWORD,
        website={"domain": demo.TRANSFER_DOMAIN, "instance_id": newcomer.instances.get().instance_id},
    )
    services.filing_abandon(actor=newcomer, order_id=transfer.pk)
    claim = services.filing_create_claim(
        actor=legacy, domain=demo.CLAIM_DOMAIN, certificate_number=demo.CLAIM_CERTIFICATE
    )
    sms_code = values["order waiting for SMS"].rsplit(" ", 1)[-1]
    waiting = FilingOrder.objects.get(account=other_user, status="pending_sms")
    verified = services.filing_verify_sms(actor=other_user, order_id=waiting.pk, code=sms_code)
    assert claim.status == "draft"
    assert verified.status == "bureau_review"
    # The subject has an open order (the blog), so its password is checked directly.
    assert filing_password_matches(values["filing password"], Subject.objects.get(account=user).password_hash)


@pytest.mark.django_db
def test_each_failing_demo_domain_meets_its_refusal_and_the_ready_one_passes(user, other_user, staff):
    from tests.conftest import _api_client_for

    demo.seed(user, staff=staff, other=other_user)
    api = _api_client_for(user)

    def codes(domain):
        body = {
            "type": "add_website",
            "website": {"domain": domain, "name": "示例网站", "content_category": "company"},
        }
        response = api.post("/api/v1/filings/precheck/", body, format="json")
        assert response.status_code == 200, response.content
        return [reason["code"] for reason in response.json()["reasons"]]

    # The demo subject has an open add_website order (waiting for review): abandon it first.
    waiting = FilingOrder.objects.get(account=user, status="submitted")
    api.post(f"/api/v1/filings/{waiting.pk}/abandon/")
    assert codes("alice-demo.io") == ["DOMAIN_TLD_NOT_APPROVED"]
    assert codes("alice-unverified.cn") == ["DOMAIN_NOT_VERIFIED"]
    assert codes("alice-elsewhere.cn") == ["DOMAIN_HOLDER_MISMATCH"]
    assert codes("alice-expired.cn") == ["DOMAIN_EXPIRED"]
    assert codes("alice-new.cn") == []
    assert codes("alice-example.cn") == ["DOMAIN_ALREADY_FILED"]


@pytest.mark.django_db
def test_the_demo_accounts_without_a_subject_can_transfer_in_and_claim(staff, settings):
    """Issue 18, item 1: the demo's transfer-in and HiChina claim are usable by the demo accounts
    seed_demo prints (the demo account itself has a subject, so the wizard refuses it at step 1)."""
    from io import StringIO

    from django.core.management import call_command

    from icpconsole.accounts.models import User
    from tests.filings import flows

    # The demo world's staff-chosen registry password was hashed with PBKDF2, as in production.
    pbkdf2 = "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    settings.PASSWORD_HASHERS = [*settings.PASSWORD_HASHERS, pbkdf2]
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "newcomer, legacy" in out.getvalue()
    newcomer, legacy = User.objects.get(username="newcomer"), User.objects.get(username="legacy")
    assert not Subject.objects.filter(account__in=[newcomer, legacy]).exists()

    transfer = services.filing_create_transfer_in(
        actor=newcomer,
        icp_number=demo.TRANSFER_ICP_NUMBER,
        icp_password=demo.TRANSFER_PASSWORD,
        website={"domain": demo.TRANSFER_DOMAIN, "instance_id": newcomer.instances.get().instance_id},
    )
    claim = services.filing_create_claim(
        actor=legacy, domain=demo.CLAIM_DOMAIN, certificate_number=demo.CLAIM_CERTIFICATE
    )
    admin = User.objects.get(username="admin")
    assert flows.approve(transfer, staff=admin).status == "approved"
    assert flows.approve(claim, staff=admin).status == "approved"
    assert Website.objects.get(domain=demo.TRANSFER_DOMAIN).subject.account == newcomer


@pytest.mark.django_db
def test_the_loop_accounts_have_a_returned_order_and_a_draft_close_to_expiry(user, staff, api, advance_clock):
    """SPEC 3.12 in the demo: ``returned``'s order is back with its reasons, ``idle``'s draft has
    the 40-day reminder and expires at 45 days; seeding again adds nothing."""
    from filings.models import MessageKind, PhoneMessage

    returned, idle = UserFactory(username="returned"), UserFactory(username="idle")
    first = demo.seed(user, staff=staff)
    assert demo.seed(user, staff=staff) == first

    back = FilingOrder.objects.get(account=returned)
    assert (back.status, back.reason_code, back.service_code.status) == (
        "returned",
        "MATERIALS_UNCLEAR",
        "filing",
    )
    api.force_authenticate(returned)
    body = api.get(f"/api/v1/filings/{back.pk}/").json()
    assert [reason["code"] for reason in body["review_reasons"]] == ["MATERIALS_UNCLEAR", "REVIEWER_NOTE"]
    assert first["order returned to correct (as returned)"] == f"#{back.pk} (returned-example.cn)"

    draft = FilingOrder.objects.get(account=idle)
    assert draft.status == "draft"
    reminders = PhoneMessage.objects.filter(order=draft, kind=MessageKind.EXPIRY_REMINDER)
    assert [message.params["days"] for message in reminders] == [40]
    advance_clock(4)
    draft.refresh_from_db()
    assert draft.status == "expired"


@pytest.mark.django_db
def test_the_individual_from_another_province_waits_for_the_residence_permit(user, staff, api):
    """SPEC 3.13 in the demo: ``wanderer`` files in Zhejiang with a Beijing ID number; the draft
    lacks only the residence permit and submits once it is uploaded."""
    from tests.filings.materials import upload

    wanderer = UserFactory(username="wanderer")
    first = demo.seed(user, staff=staff)
    assert demo.seed(user, staff=staff) == first

    draft = FilingOrder.objects.get(account=wanderer)
    assert (draft.status, draft.subject.province, draft.subject.certificate_number[:2]) == (
        "draft",
        "zhejiang",
        "11",
    )
    assert draft.subject.address
    api.force_authenticate(wanderer)
    refused = api.post(f"/api/v1/filings/{draft.pk}/submit/", format="json")
    assert [reason["code"] for reason in refused.json()["reasons"]] == ["RESIDENCE_PERMIT_REQUIRED"]
    permit = api.post(
        f"/api/v1/filings/{draft.pk}/documents/",
        {"kind": "residence_permit", "file": upload()},
        format="multipart",
    )
    assert permit.status_code == 201
    assert api.post(f"/api/v1/filings/{draft.pk}/submit/", format="json").status_code == 200
    assert "wanderer-example.cn" in first["individual from another province (as wanderer)"]
