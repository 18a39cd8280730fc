"""The reporting services (issue 15), below the RPC facade: who may report, what a refusal leaves
behind, the white-list against the registry, and what staff see in the admin."""

from __future__ import annotations

import datetime as dt

import pytest

from accessors import selectors, services
from accessors.models import IpCheck, ReportedDomain, ReportedIp, WhiteListEntry
from filings import services as filing_services
from icpconsole.core import clock
from icpconsole.core.errors import InvalidInput, PermissionDenied
from icpconsole.core.models import AuditEvent
from tests.filings import flows

pytestmark = pytest.mark.django_db


def test_a_ram_user_reports_nothing(ram_user):
    with pytest.raises(PermissionDenied) as exc:
        services.accessor_domain_manage(actor=ram_user, domain="a-example.cn", operation="add")
    assert exc.value.code == "RAM_USER_READ_ONLY"
    assert ReportedDomain.objects.count() == 0


def test_a_domain_filed_with_another_provider_is_not_white_listed(user, staff):
    filing_services.registry_record_add(
        actor=staff,
        origin="other_provider",
        domain="elsewhere.cn",
        subject_name="Other Co.",
        subject_kind="enterprise",
        certificate_number="91110000XXXXXXXX1A",
        province="beijing",
        password="secret-pw",
        access_provider="Tencent Cloud",
    )
    with pytest.raises(InvalidInput) as exc:
        services.white_list_manage(
            actor=user,
            domains=["fresh-example.cn", "ELSEWHERE.cn"],
            operation="add",
            end_time=clock.now() + dt.timedelta(days=1),
        )
    assert exc.value.code == "DOMAIN_FILED" and "elsewhere.cn" in exc.value.message
    assert WhiteListEntry.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="accessor.").exists()


def test_white_list_entries_follow_the_simulated_clock(user, advance_clock):
    now = clock.now()
    (entry,) = services.white_list_manage(
        actor=user,
        domains=["a-example.cn"],
        operation="add",
        start_time=now + dt.timedelta(days=1),
        end_time=now + dt.timedelta(days=3),
    )
    assert selectors.white_list_state(entry, now=clock.now()) == selectors.SCHEDULED
    assert selectors.white_list_active(user, "a-example.cn", now=clock.now()) is None
    advance_clock(days=2)
    assert selectors.white_list_active(user, "a-example.cn", now=clock.now()) == entry
    advance_clock(days=1)
    assert selectors.white_list_state(entry, now=clock.now()) == selectors.EXPIRED


def test_withdrawing_a_reported_ip_ends_its_checks_but_an_instance_ip_keeps_them(user, instance):
    services.accessor_ip_manage(actor=user, ip="198.51.100.7", ip_version=4, operation="add")
    services.ip_check_insert(actor=user, ip="198.51.100.7", check_type=1)
    services.ip_check_insert(actor=user, ip=instance.public_ip_address, check_type=1)
    services.accessor_ip_manage(actor=user, ip=instance.public_ip_address, ip_version=4, operation="add")
    services.accessor_ip_manage(actor=user, ip=instance.public_ip_address, ip_version=4, operation="delete")
    services.accessor_ip_manage(actor=user, ip="198.51.100.7", ip_version=4, operation="delete")
    assert [c.ip for c in selectors.ip_checks(user)] == [instance.public_ip_address]
    assert ReportedIp.objects.filter(removed_time__isnull=True).count() == 0
    event = AuditEvent.objects.filter(action="accessor.ip.delete").order_by("-id").first()
    assert event.details["checks_ended"] == 1


def test_reporting_writes_the_operation_log_of_the_account(user):
    services.accessor_domain_manage(actor=user, domain="Log-Example.cn", operation="add")
    event = AuditEvent.objects.get(action="accessor.domain.add")
    assert (event.account, event.actor, event.details) == (user, user, {"domain": "log-example.cn"})


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_read_every_report_in_the_admin(admin_client, user, instance):
    services.accessor_domain_manage(actor=user, domain="served-example.cn", operation="add")
    services.accessor_ip_manage(actor=user, ip="2001:db8::5", ip_version=6, operation="add", remark="edge")
    services.white_list_manage(
        actor=user, domains=["white-example.cn"], operation="add", end_time=clock.now() + dt.timedelta(days=2)
    )
    flows.create_first(
        actor=user,
        subject={
            "kind": "individual",
            "name": "Zhang San",
            "certificate_number": "330102199001011234",
            "province": "zhejiang",
        },
        website={"domain": "draft-example.cn", "instance_id": instance.instance_id},
    )
    check = services.ip_check_insert(actor=user, ip=instance.public_ip_address, check_type=2)
    services.full_domains_submit(actor=user, oss_list=["oss://reports/full.txt"])

    pages = {
        "reporteddomain": "served-example.cn",
        "reportedip": "2001:db8::5",
        "whitelistentry": "ACTIVE",
        "ipcheck": "draft-example.cn",
        "fulldomainssubmission": "oss://reports/full.txt",
    }
    for model, text in pages.items():
        response = admin_client.get(f"/admin/accessors/{model}/")
        assert response.status_code == 200, model
        assert text in response.content.decode(), model
    detail = admin_client.get(f"/admin/accessors/ipcheck/{check.pk}/change/")
    assert detail.status_code == 200 and "draft-example.cn" in detail.content.decode()
    assert admin_client.get("/admin/accessors/ipcheck/add/").status_code == 403
    assert admin_client.get("/admin/accessors/ipcheck/?live=no").status_code == 200
    assert IpCheck.objects.count() == 1


def test_the_admin_is_for_staff_only(client, user):
    client.force_login(user)
    assert client.get("/admin/accessors/reporteddomain/").status_code == 302
