"""Who may become a RAM user, and of whom (SPEC 3.1), through the service and the user admin:
the parent is a main account; an account that owns resources or has RAM users stays a main
account (else it would no longer see what it owns). A refusal is a form error, never a 500."""

import pytest

from icpconsole.accounts.models import User
from icpconsole.accounts.services import account_set_parent
from icpconsole.core.errors import InvalidInput
from icpconsole.core.models import AuditEvent
from openapi.services import access_key_create
from tests.factories import InstanceFactory, UserFactory


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.django_db
class TestAccountSetParent:
    def test_an_account_that_owns_nothing_becomes_a_ram_user(self, staff, user):
        fresh = UserFactory(username="fresh")

        account_set_parent(actor=staff, account=fresh, parent=user)

        fresh.refresh_from_db()
        assert fresh.parent == user
        assert AuditEvent.objects.filter(action="account.set_parent", target_id=str(fresh.pk)).exists()

    def test_a_ram_user_becomes_a_main_account_again(self, staff, ram_user):
        account_set_parent(actor=staff, account=ram_user, parent=None)

        ram_user.refresh_from_db()
        assert ram_user.parent is None

    def test_a_ram_user_cannot_be_a_parent(self, staff, ram_user):
        fresh = UserFactory(username="fresh")

        with pytest.raises(InvalidInput) as refused:
            account_set_parent(actor=staff, account=fresh, parent=ram_user)

        assert refused.value.code == "INVALID_PARENT"
        fresh.refresh_from_db()
        assert fresh.parent is None

    def test_an_account_cannot_be_its_own_parent(self, staff, user):
        with pytest.raises(InvalidInput) as refused:
            account_set_parent(actor=staff, account=user, parent=user)

        assert refused.value.code == "INVALID_PARENT"

    def test_an_account_that_owns_an_instance_cannot_become_a_ram_user(self, staff, user, other_user):
        InstanceFactory(owner=other_user)

        with pytest.raises(InvalidInput) as refused:
            account_set_parent(actor=staff, account=other_user, parent=user)

        assert refused.value.code == "ACCOUNT_OWNS_RESOURCES"
        assert "instances" in refused.value.message
        other_user.refresh_from_db()
        assert other_user.parent is None

    def test_an_account_with_access_keys_cannot_become_a_ram_user(self, staff, user, other_user):
        access_key_create(actor=other_user)

        with pytest.raises(InvalidInput) as refused:
            account_set_parent(actor=staff, account=other_user, parent=user)

        assert refused.value.code == "ACCOUNT_OWNS_RESOURCES"

    def test_an_account_with_ram_users_cannot_become_one(self, staff, user, ram_user, other_user):
        with pytest.raises(InvalidInput) as refused:
            account_set_parent(actor=staff, account=user, parent=other_user)

        assert refused.value.code == "ACCOUNT_HAS_RAM_USERS"
        user.refresh_from_db()
        assert user.parent is None


def change_form_data(account: User, **overrides) -> dict:
    """What the admin's change form posts for ``account`` when only ``overrides`` are edited."""
    return {
        "username": account.username,
        "display_name": account.display_name,
        "email": account.email,
        "parent": account.parent_id or "",
        "is_active": "on",
        **overrides,
    }


@pytest.mark.django_db
class TestUserAdmin:
    def test_add_creates_a_ram_user_through_the_service(self, admin_client, user):
        response = admin_client.post(
            "/admin/accounts/user/add/",
            {
                "username": "bob",
                "display_name": "Bob",
                "parent": user.pk,
                "password1": "An0ther-Passw0rd!",
                "password2": "An0ther-Passw0rd!",
            },
        )

        assert response.status_code == 302, response.content.decode()[:2000]
        bob = User.objects.get(username="bob")
        assert bob.parent == user
        assert bob.check_password("An0ther-Passw0rd!")
        assert AuditEvent.objects.filter(action="account.create", target_id=str(bob.pk)).count() == 1

    def test_add_refuses_a_ram_user_of_a_ram_user_on_the_form(self, admin_client, ram_user):
        response = admin_client.post(
            "/admin/accounts/user/add/",
            {
                "username": "bob",
                "display_name": "Bob",
                "parent": ram_user.pk,
                "password1": "An0ther-Passw0rd!",
                "password2": "An0ther-Passw0rd!",
            },
        )

        assert response.status_code == 200
        assert "a RAM user cannot own RAM users" in response.content.decode()
        assert not User.objects.filter(username="bob").exists()

    def test_change_refuses_to_make_an_account_with_instances_a_ram_user(
        self, admin_client, user, other_user
    ):
        InstanceFactory(owner=other_user)

        response = admin_client.post(
            f"/admin/accounts/user/{other_user.pk}/change/", change_form_data(other_user, parent=user.pk)
        )

        assert response.status_code == 200
        page = response.content.decode()
        assert "cannot become a RAM user" in page
        assert 'class="errorlist' in page
        other_user.refresh_from_db()
        assert other_user.parent is None

    def test_change_refuses_to_make_a_parent_a_ram_user(self, admin_client, user, ram_user, other_user):
        response = admin_client.post(
            f"/admin/accounts/user/{user.pk}/change/", change_form_data(user, parent=other_user.pk)
        )

        assert response.status_code == 200
        assert "has RAM users" in response.content.decode()
        user.refresh_from_db()
        assert user.parent is None

    def test_change_sets_the_parent_of_an_account_that_owns_nothing(self, admin_client, user):
        fresh = UserFactory(username="fresh")

        response = admin_client.post(
            f"/admin/accounts/user/{fresh.pk}/change/",
            change_form_data(fresh, parent=user.pk, display_name="Fresh RAM"),
        )

        assert response.status_code == 302, response.content.decode()[:3000]
        fresh.refresh_from_db()
        assert fresh.parent == user
        assert fresh.display_name == "Fresh RAM"
        assert AuditEvent.objects.filter(action="account.set_parent", target_id=str(fresh.pk)).exists()

    def test_change_of_other_fields_leaves_the_parent_alone(self, admin_client, ram_user):
        response = admin_client.post(
            f"/admin/accounts/user/{ram_user.pk}/change/", change_form_data(ram_user, display_name="Renamed")
        )

        assert response.status_code == 302, response.content.decode()[:3000]
        ram_user.refresh_from_db()
        assert ram_user.display_name == "Renamed"
        assert ram_user.parent is not None
        assert not AuditEvent.objects.filter(action="account.set_parent").exists()
