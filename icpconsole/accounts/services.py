"""Account services: every account is created here (console, API, admin, seed)."""

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from icpconsole.core.audit import audit_record
from icpconsole.core.errors import InvalidInput

from . import refusals
from .models import AccountAction, Certification, User


def account_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    display_name: str = "",
    parent: User | None = None,
    is_staff: bool = False,
    validate: bool = True,
    certification: str = Certification.PERSONAL,
) -> User:
    """Create an account, or a RAM user of ``parent``. A RAM user cannot itself have RAM users."""
    if parent is not None and parent.parent_id is not None:
        raise _ram_parent_refused(field="parent_uid")
    if User.objects.filter(username__iexact=username).exists():
        raise refusals.USERNAME_TAKEN(username=username)
    user = User(
        username=username,
        display_name=display_name,
        parent=parent,
        is_staff=is_staff,
        certification=certification,
    )
    if validate:
        try:
            validate_password(password, user)
        except DjangoValidationError as exc:
            raise refusals.INVALID_PASSWORD(field="password", problems=" ".join(exc.messages)) from exc
    user.set_password(password)
    with transaction.atomic():
        user.save()
        audit_record(
            actor=actor,
            account=parent or user,
            action=AccountAction.CREATE,
            target=user,
            details={"username": username, "uid": user.uid, "ram_user": parent is not None},
        )
    return user


# What an account owns, by the name of its relation on ``User``: a RAM user sees its parent's
# resources instead of its own (SPEC 3.1), so an account that owns any of these would lose sight of
# them (and its AccessKeys would start acting on another account's resources).
OWNED_RELATIONS = (
    "instances",
    "service_codes",
    "service_code_grants",
    "filing_subjects",
    "filing_orders",
    "phone_messages",
    "access_keys",
)


def _ram_parent_refused(*, field: str) -> InvalidInput:
    return refusals.INVALID_PARENT(field=field, problem=_("a RAM user cannot own RAM users"))


def account_set_parent(*, actor: User | None, account: User, parent: User | None) -> User:
    """Make ``account`` a RAM user of ``parent``, or (``parent=None``) a main account again.

    The parent must be a main account other than ``account`` itself (``INVALID_PARENT``). An account
    that has RAM users (``ACCOUNT_HAS_RAM_USERS``) or owns anything in ``OWNED_RELATIONS``
    (``ACCOUNT_OWNS_RESOURCES``) cannot become a RAM user: it would no longer see its own instances
    and filings (SPEC 3.1)."""
    with transaction.atomic():
        # Both rows in pk order: a parent cannot turn into a RAM user while it gains one.
        ids = sorted({account.pk} | ({parent.pk} if parent is not None else set()))
        rows = {row.pk: row for row in User.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        account = rows[account.pk]
        parent = rows[parent.pk] if parent is not None else None
        before = account.parent_id
        if (parent.pk if parent is not None else None) == before:
            return account
        if parent is not None:
            if parent.pk == account.pk:
                own = _("an account cannot be its own parent")
                raise refusals.INVALID_PARENT(field="parent", problem=own)
            if parent.parent_id is not None:
                raise _ram_parent_refused(field="parent")
            if account.ram_users.exists():
                raise refusals.ACCOUNT_HAS_RAM_USERS(field="parent", account=account.username)
            owned = [
                str(getattr(account, name).model._meta.verbose_name_plural)
                for name in OWNED_RELATIONS
                if getattr(account, name).exists()
            ]
            if owned:
                raise refusals.ACCOUNT_OWNS_RESOURCES(
                    field="parent", account=account.username, resources=", ".join(owned)
                )
        account.parent = parent
        account.save(update_fields=["parent"])
        audit_record(
            actor=actor,
            account=parent or account,
            action=AccountAction.SET_PARENT,
            target=account,
            details={
                "uid": account.uid,
                "from_parent": before,
                "to_parent": parent.pk if parent is not None else None,
            },
        )
    return account


def account_update(*, actor: User, account: User, changed: Sequence[str], via: str = "admin") -> User:
    """Save the profile and permission fields a form has set on ``account`` (``changed`` names
    them), audited like every other change. The parent goes through ``account_set_parent`` and
    the password through ``account_password_set``, which hold their own rules."""
    with transaction.atomic():
        account.save()
        audit_record(
            actor=actor,
            account=account.parent or account,
            action=AccountAction.UPDATE,
            target=account,
            details={"via": via, "fields": sorted(changed)},
        )
    return account


# --- API tokens and passwords (issue 17) ------------------------------------------------------
# A token is one per login (DRF's ``authtoken``), valid for ``API_TOKEN_TTL_DAYS`` of real time
# (transport security, not the simulated clock) unless it is revoked or rotated sooner. A password
# change revokes it (``User.save``), and so does logging out of the console (``apps``).


def api_token_ttl() -> dt.timedelta:
    return dt.timedelta(days=settings.API_TOKEN_TTL_DAYS)


def api_token_expired(token: Token, *, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= token.created + api_token_ttl()


def api_token_issue(*, user: User) -> Token:
    """The login's token for ``POST /api/v1/auth/token/``: the current one while it is valid (two
    scripts logging in as one account share it), a new one once it has expired or was revoked."""
    with transaction.atomic():
        token = Token.objects.select_for_update().filter(user=user).first()
        if token is not None and not api_token_expired(token):
            return token
        if token is not None:
            token.delete()
        token = Token.objects.create(user=user)
        audit_record(actor=user, account=user, action=AccountAction.TOKEN_ISSUE, target=user)
    return token


def api_token_revoke(*, user: User, via: str = "api") -> bool:
    """End the login's API token at once (the API's log-out). ``False`` if it had none."""
    with transaction.atomic():
        deleted, _rows = Token.objects.filter(user=user).delete()
        if deleted:
            audit_record(
                actor=user,
                account=user,
                action=AccountAction.TOKEN_REVOKE,
                target=user,
                details={"via": via},
            )
    return bool(deleted)


def api_token_rotate(*, user: User) -> Token:
    """Replace the login's token with a new one; the old one stops working at once."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        audit_record(actor=user, account=user, action=AccountAction.TOKEN_ROTATE, target=user)
    return token


def account_password_set(*, actor: User, user: User, password: str) -> None:
    """Give ``user`` a new password, checked by the password validators. Every API token of the
    login is revoked (``User.save``) and every session whose hash no longer matches ends; the
    caller keeps its own session with ``update_session_auth_hash``."""
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise refusals.INVALID_PASSWORD(field="new_password", problems=" ".join(exc.messages)) from exc
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(actor=actor, account=user, action=AccountAction.PASSWORD_CHANGE, target=user)


def account_password_change(*, actor: User, old_password: str, new_password: str) -> None:
    """A login changes its own password: the current one first, then the new one's rules."""
    if not actor.check_password(old_password):
        raise refusals.WRONG_PASSWORD(field="old_password")
    account_password_set(actor=actor, user=actor, password=new_password)
