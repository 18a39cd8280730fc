"""An ICP number is checked, then written: another writer may take it in between (a concurrent
approval, or staff recording a filing made elsewhere). The insert then clashes with a unique
constraint; a generated number is replaced by a fresh one, a given number is a clear refusal,
never an unhandled IntegrityError (a 500)."""

import pytest
from django.contrib import admin as django_admin
from django.contrib.messages import get_messages

from filings import services
from filings.admin import RegistryRecordAdmin
from filings.models import FilingOrder, PhoneMessage, RegistryRecord, Subject, Website
from filings.services import effects, registry
from icpconsole.core.errors import Conflict

from . import flows
from .factories import RegistryRecordFactory, SubjectFactory

TAKEN = "浙ICP备20260001号"


@pytest.fixture
def taken_in_registry(db):
    return RegistryRecordFactory(subject_icp_number=TAKEN, province="zhejiang")


@pytest.fixture
def taken_by_a_subject(other_user):
    return SubjectFactory(account=other_user, icp_number=TAKEN, province="zhejiang", status="active")


def racing_numbers(monkeypatch, module, *, taken_times: int):
    """``issue_subject_number`` in ``module`` answers ``TAKEN`` the first ``taken_times`` times, as
    if its check had run just before another writer committed that number."""
    real = registry.issue_subject_number
    calls = []

    def issue(**kwargs):
        calls.append(kwargs)
        return TAKEN if len(calls) <= taken_times else real(**kwargs)

    monkeypatch.setattr(module, "issue_subject_number", issue)
    return calls


@pytest.fixture
def in_bureau_review(user, staff, instance):
    order = flows.create_first(
        actor=user,
        subject=flows.subject_data(),
        website={"domain": "example.cn", "instance_id": instance.instance_id},
    )
    return flows.to_bureau_review(order, staff=staff)


@pytest.mark.django_db
class TestApprovalNumber:
    @pytest.mark.parametrize("taken", ["taken_in_registry", "taken_by_a_subject"])
    def test_a_number_taken_meanwhile_is_replaced_by_a_fresh_one(
        self, request, monkeypatch, staff, in_bureau_review, taken
    ):
        request.getfixturevalue(taken)
        calls = racing_numbers(monkeypatch, effects, taken_times=1)

        order = services.filing_review(actor=staff, order_id=in_bureau_review.pk, decision="approve")

        assert len(calls) == 2
        order.refresh_from_db()
        assert order.status == "approved"
        assert order.subject.icp_number.startswith("浙ICP备") and order.subject.icp_number != TAKEN
        assert order.website.icp_number == f"{order.subject.icp_number}-1"
        assert RegistryRecord.objects.get(domain="example.cn").icp_number == order.website.icp_number
        passwords = PhoneMessage.objects.filter(order=order, kind="filing_password")
        assert passwords.count() == 1
        assert order.subject.icp_number in passwords.get().text

    def test_when_every_number_is_taken_the_approval_is_refused_and_nothing_is_written(
        self, monkeypatch, staff, user, in_bureau_review, taken_in_registry
    ):
        racing_numbers(monkeypatch, effects, taken_times=100)

        with pytest.raises(Conflict) as refused:
            services.filing_review(actor=staff, order_id=in_bureau_review.pk, decision="approve")

        assert refused.value.code == "ICP_NUMBER_UNAVAILABLE"
        order = FilingOrder.objects.get(pk=in_bureau_review.pk)
        assert order.status == "bureau_review"
        assert order.subject.status == "pending" and order.subject.icp_number == ""
        assert not Website.objects.exists()
        assert not PhoneMessage.objects.filter(account=user, kind="filing_password").exists()

    def test_the_admin_action_shows_the_refusal_not_a_500(
        self, client, monkeypatch, staff, in_bureau_review, taken_in_registry
    ):
        racing_numbers(monkeypatch, effects, taken_times=100)
        client.force_login(staff)

        response = client.post(
            "/admin/filings/filingorder/",
            {"action": "approve_current_stage", "_selected_action": [in_bureau_review.pk]},
            follow=True,
        )

        assert response.status_code == 200
        assert any("ICP number" in str(m) for m in get_messages(response.wsgi_request))
        in_bureau_review.refresh_from_db()
        assert in_bureau_review.status == "bureau_review"


def record_data(**overrides) -> dict:
    return {
        "origin": "other_provider",
        "domain": "moved-example.cn",
        "icp_number": "",
        "subject_name": "Moved Ltd.",
        "subject_kind": "enterprise",
        "certificate_number": "91330100MA00000001",
        "province": "zhejiang",
        "access_provider": "Tencent Cloud",
        "password": "Secret-123",
        "filed_time": "",
        **overrides,
    }


def add_record(staff, **overrides):
    data = record_data(**overrides)
    data.pop("filed_time")
    return services.registry_record_add(actor=staff, **data)


def racing_write(monkeypatch, **clash):
    """After ``_numbers_for`` has checked the number, another writer records ``clash`` (the
    number it was given, or the same domain) before this insert."""
    real = registry._numbers_for

    def numbers_for(icp_number, **kwargs):
        subject_number, number = real(icp_number, **kwargs)
        RegistryRecordFactory(
            subject_icp_number=subject_number, icp_number=clash.pop("icp_number", number), **clash
        )
        return subject_number, number

    monkeypatch.setattr(registry, "_numbers_for", numbers_for)


@pytest.mark.django_db
class TestRegistryRecordNumber:
    def test_a_generated_number_taken_meanwhile_is_replaced_by_a_fresh_one(
        self, monkeypatch, staff, taken_in_registry
    ):
        calls = racing_numbers(monkeypatch, registry, taken_times=1)

        record = add_record(staff)

        assert len(calls) == 2
        assert record.subject_icp_number != TAKEN
        assert record.icp_number == f"{record.subject_icp_number}-1"

    def test_a_given_number_taken_meanwhile_is_refused(self, monkeypatch, staff):
        racing_write(monkeypatch)

        with pytest.raises(Conflict) as refused:
            add_record(staff, icp_number="浙ICP备20261234号-1")

        assert refused.value.code == "ICP_NUMBER_TAKEN"
        assert not RegistryRecord.objects.filter(domain="moved-example.cn").exists()

    def test_a_domain_recorded_meanwhile_is_refused(self, monkeypatch, staff):
        racing_write(monkeypatch, icp_number="浙ICP备20269999号-1", domain="moved-example.cn")

        with pytest.raises(Conflict) as refused:
            add_record(staff, icp_number="浙ICP备20261234号-1")

        assert refused.value.code == "DOMAIN_ALREADY_FILED"


@pytest.mark.django_db
class TestRegistryRecordAdmin:
    def test_validating_the_form_writes_nothing(self, rf, staff):
        request = rf.post("/admin/filings/registryrecord/add/")
        request.user = staff
        form_class = RegistryRecordAdmin(RegistryRecord, django_admin.site).get_form(request)
        form = form_class(data=record_data())

        assert form.is_valid(), form.errors
        assert not RegistryRecord.objects.exists()

    def test_a_number_taken_meanwhile_is_a_form_error_not_a_500(self, client, monkeypatch, staff):
        racing_write(monkeypatch)
        client.force_login(staff)

        response = client.post(
            "/admin/filings/registryrecord/add/", record_data(icp_number="浙ICP备20261234号-1")
        )

        assert response.status_code == 200
        page = response.content.decode()
        assert "浙ICP备20261234号-1 is already in the registry" in page
        assert 'value="moved-example.cn"' in page
        assert not RegistryRecord.objects.filter(domain="moved-example.cn").exists()
        assert Subject.objects.count() == 0

    def test_a_number_already_in_the_registry_is_a_form_error(self, client, staff):
        RegistryRecordFactory(subject_icp_number="浙ICP备20261234号", province="zhejiang")
        client.force_login(staff)

        response = client.post(
            "/admin/filings/registryrecord/add/", record_data(icp_number="浙ICP备20261234号-1")
        )

        assert response.status_code == 200
        assert 'class="errorlist' in response.content.decode()
        assert not RegistryRecord.objects.filter(domain="moved-example.cn").exists()
