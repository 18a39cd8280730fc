"""Reads shared by the AccessKey page, the REST API and the RPC gateway."""

from __future__ import annotations

from django.db.models import QuerySet

from . import refusals
from .models import AccessKey


def access_keys_of(user) -> QuerySet[AccessKey]:
    """The login's own pairs, oldest first (a RAM user's keys are its own, not its parent's)."""
    return AccessKey.objects.filter(owner=user).order_by("created_time", "id")


def access_key_get_own(user, access_key_id: str) -> AccessKey:
    key = access_keys_of(user).filter(access_key_id=access_key_id).first()
    if key is None:
        raise refusals.ACCESS_KEY_NOT_FOUND(id=access_key_id)
    return key


def access_key_for_signature(access_key_id: str) -> AccessKey | None:
    """The pair a request names, with its owner (and the owner's parent for a RAM user)."""
    return (
        AccessKey.objects.select_related("owner", "owner__parent").filter(access_key_id=access_key_id).first()
    )
