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
