"""Domain names as a filing takes them: pure functions, no database.

A website is filed for one domain (SPEC 3.7). Decisions: the name is stored in lowercase ASCII
(internationalised labels in their ``xn--`` IDNA form, so ``例子.cn`` and ``xn--fsqu00a.cn`` are
the same domain); a trailing dot is dropped; a scheme, path, port, ``@`` or wildcard is refused
rather than stripped, so what was filed is exactly what was typed; at least two labels, each 1 to
63 letters, digits or hyphens not starting or ending with a hyphen, at most 253 characters in
all, and a top-level label that is not all digits (an IP address is not a domain).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from icpconsole.core.errors import InvalidInput

from . import refusals
from .models import MAX_DOMAIN_LENGTH

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_FORBIDDEN = re.compile(r"[/:@?#*\s\\]")


def normalize_domain(raw, *, field: str = "domain") -> str:
    """The canonical form of ``raw``, or ``InvalidInput`` ``DOMAIN_INVALID``."""

    def invalid(why: str) -> InvalidInput:
        return refusals.DOMAIN_INVALID(field=field, domain=raw, why=why)

    if not isinstance(raw, str):
        raise invalid(_("a domain name is text."))
    text = raw.strip().lower()
    if text.endswith("."):
        text = text[:-1]
    if not text:
        raise invalid(_("it is empty."))
    if _FORBIDDEN.search(text):
        raise invalid(_("give the bare domain, without a scheme, path, port or wildcard."))
    try:
        ascii_name = ".".join(
            label if label.isascii() else label.encode("idna").decode("ascii") for label in text.split(".")
        )
    except UnicodeError:
        raise invalid(_("a label cannot be encoded as IDNA.")) from None
    if len(ascii_name) > MAX_DOMAIN_LENGTH:
        raise invalid(_("it is longer than 253 characters."))
    labels = ascii_name.split(".")
    if len(labels) < 2:
        raise invalid(_("it needs at least one dot, e.g. example.cn."))
    if not all(_LABEL.match(label) for label in labels):
        raise invalid(
            _("each label is 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen.")
        )
    if labels[-1].isdigit():
        raise invalid(_("an IP address is not a domain name."))
    return ascii_name
