"""Account services: every account is created here (console, API, admin, seed)."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from icpconsole.core.audit import audit_record
from icpconsole.core.errors import Conflict, InvalidInput

from .models import AccountAction, User


def account_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    display_name: str = "",
    parent: User | None = None,
    is_staff: bool = False,
    validate: bool = True,
) -> User:
    """Create an account, or a RAM user of ``parent``. A RAM user cannot itself have RAM users."""
    if parent is not None and parent.parent_id is not None:
        raise InvalidInput("INVALID_PARENT", _("A RAM user cannot own RAM users."), field="parent_uid")
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(
            "USERNAME_TAKEN", _("The username %(username)r is already taken.") % {"username": username}
        )
    user = User(username=username, display_name=display_name, parent=parent, is_staff=is_staff)
    if validate:
        try:
            validate_password(password, user)
        except DjangoValidationError as exc:
            raise InvalidInput("INVALID_PASSWORD", " ".join(exc.messages), field="password") from exc
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
