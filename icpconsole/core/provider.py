"""Which provider profile the simulator plays (SPEC 3.14): ``alibaba``, ``tencent`` or ``huawei``.

The profile is a stored simulator setting, so every process agrees; the domain apps may not read
the ``simulator`` app, so it registers a reader here in ``AppConfig.ready()`` (as it does for
faults). Without one (a bare domain test) the ``ICP_PROVIDER`` setting answers."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext_lazy as _

ALIBABA = "alibaba"
TENCENT = "tencent"
HUAWEI = "huawei"
PROVIDERS: tuple[str, ...] = (ALIBABA, TENCENT, HUAWEI)
LABELS = {ALIBABA: _("Alibaba Cloud"), TENCENT: _("Tencent Cloud"), HUAWEI: _("Huawei Cloud")}
# The console's words for the code (SPEC 3.14): Tencent and Huawei say 备案授权码.
_AUTHORIZATION_CODES = {
    "code": _("ICP filing authorization code"),
    "codes": _("ICP filing authorization codes"),
}
TERMS = {
    ALIBABA: {"code": _("Service code"), "codes": _("Service codes")},
    TENCENT: _AUTHORIZATION_CODES,
    HUAWEI: _AUTHORIZATION_CODES,
}

_reader: Callable[[], str | None] | None = None


def register(reader: Callable[[], str | None] | None) -> None:
    global _reader
    _reader = reader


def default() -> str:
    """The profile a reset starts from (``ICP_PROVIDER``)."""
    return getattr(settings, "ICP_PROVIDER", ALIBABA)


def terms() -> dict:
    """The console's words for the profile in force, with its name."""
    name = current()
    return {"provider": name, "provider_name": LABELS[name], **TERMS[name]}


def current() -> str:
    """The profile in force now: the stored setting, else the default."""
    stored = _reader() if _reader is not None else None
    return stored if stored in PROVIDERS else default()
