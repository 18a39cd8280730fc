"""The admin saves accounts through the services, audited like the console and the API."""

import pytest
from rest_framework.authtoken.models import Token

from icpconsole.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_the_admin_password_page_sets_the_password_through_the_service(admin_client, staff, user):
    Token.objects.create(user=user)

    response = admin_client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {
            "password1": "An0ther-Secret-Phrase",
            "password2": "An0ther-Secret-Phrase",
            "usable_password": "true",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.check_password("An0ther-Secret-Phrase")
    event = AuditEvent.objects.get(action="account.password.change", target_id=str(user.pk))
    assert event.actor_id == staff.pk
    assert not Token.objects.filter(user=user).exists()  # account_password_set revokes the tokens


def test_the_admin_change_form_saves_through_account_update(admin_client, staff, user):
    response = admin_client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {
            "username": user.username,
            "display_name": "Alice Zhang",
            "email": "alice@example.com",
            "parent": "",
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert user.display_name == "Alice Zhang"
    event = AuditEvent.objects.get(action="account.update", target_id=str(user.pk))
    assert event.actor_id == staff.pk
    assert "display_name" in event.details["fields"]


WRITE_HOOKS = ("save_model", "save_form", "save_related", "delete_model", "delete_queryset")


def test_every_admin_writes_one_way():
    """Issue 22: an admin that writes does it through ``ServiceFormAdminMixin`` (``service_save``,
    ``service_delete``); none overrides Django's save or delete hooks itself, patches a pk, or runs
    a service inside a form's validation with ``_post_clean`` stubbed."""
    from django.contrib import admin

    from icpconsole.core.admin_mixins import ServiceFormAdminMixin

    offenders = []
    for model_admin in admin.site._registry.values():
        for hook in WRITE_HOOKS:
            owner = next(klass for klass in type(model_admin).__mro__ if hook in vars(klass))
            if owner is not ServiceFormAdminMixin and not owner.__module__.startswith("django."):
                offenders.append(f"{type(model_admin).__name__}.{hook} ({owner.__module__})")
        stubbed = [klass for klass in model_admin.form.__mro__ if "_post_clean" in vars(klass)]
        if not stubbed[0].__module__.startswith("django."):
            offenders.append(f"{type(model_admin).__name__}.form._post_clean ({stubbed[0].__module__})")
    assert offenders == []


def test_a_fault_rule_deleted_in_the_admin_stops_at_once(admin_client, staff, settings):
    from simulator import faults

    staff.is_superuser = True
    staff.save()
    rule = faults.fault_rule_add(target="api-me", error="503")
    assert [r.id for r in faults.active_rules()] == [rule.pk]

    response = admin_client.post(
        "/admin/simulator/faultrule/",
        {"action": "delete_selected", "_selected_action": [rule.pk], "post": "yes"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert faults.active_rules() == []
