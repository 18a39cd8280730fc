"""Domain names as the registrar and the filings take them: pure functions, no database.

A website is filed for one domain (SPEC 3.7). Decisions: the name is stored in lowercase ASCII
(internationalised labels in their ``xn--`` IDNA form, so ``例子.cn`` and ``xn--fsqu00a.cn`` are
the same domain); a trailing dot is dropped; a scheme, path, port, ``@`` or wildcard is refused
rather than stripped, so what was filed is exactly what was typed; at least two labels, each 1 to
63 letters, digits or hyphens not starting or ending with a hyphen, at most 253 characters in
all, and a top-level label that is not all digits (an IP address is not a domain).

A website is filed under its *main domain* (SPEC 3.9), the domain registered under its public
suffix as ``GetMainDomain`` computes it: ``www.shop.example.com.cn`` -> ``example.com.cn``. The
suffixes come from the public-suffix list snapshot inside the ``tldextract`` package, never
downloaded; a suffix the list does not know is taken to be the last label (``a.example.internal``
-> ``example.internal``), so that any suffix can be registered and the pre-check, not the
parser, says whether it can be filed.
"""

from __future__ import annotations

import re
from functools import lru_cache

import idna
from django.utils.translation import gettext as _

from icpconsole.core.errors import InvalidInput

from . import refusals
from .models import MAX_DOMAIN_LENGTH

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_FORBIDDEN = re.compile(r"[/:@?#*\s\\]")


def _a_label(label: str) -> str:
    """A label in its ASCII form by IDNA 2008 (the ``idna`` package, with UTS 46 mapping). An
    ``xn--`` label must be a valid A-label: it decodes, and its U-label encodes back to it (issue
    27: ``xn--rt-alice-101`` was accepted). Other ASCII labels are checked by ``_LABEL``."""
    if not label.isascii():
        return idna.encode(label, uts46=True).decode("ascii")
    if label.startswith("xn--"):
        if idna.encode(idna.decode(label)).decode("ascii") != label:
            raise idna.IDNAError("not the A-label of its own U-label")
    return label


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
        ascii_name = ".".join(_a_label(label) for label in text.split("."))
    except (UnicodeError, idna.IDNAError):
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


@lru_cache(maxsize=1)
def _suffix_extractor():
    import tldextract

    # No URLs: the list is the snapshot inside the package, never fetched; no cache directory.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def main_domain(host: str) -> str:
    """The domain registered under the public suffix of ``host`` (an already normalised name, or
    any text: it is lowercased), or "" when ``host`` is itself a suffix (``com.cn``)."""
    host = host.strip().lower().rstrip(".")
    found = _suffix_extractor()(host)
    if found.top_domain_under_public_suffix:
        return found.top_domain_under_public_suffix
    if found.suffix:  # a known suffix and nothing registered under it
        return ""
    labels = host.split(".")
    return ".".join(labels[-2:]) if len(labels) >= 2 and all(labels[-2:]) else ""


def normalize_main_domain(raw, *, field: str = "domain") -> tuple[str, bool]:
    """``raw`` as a filing takes it: its main domain (normalised like :func:`normalize_domain`),
    and whether that differs from the host name given (the answer says the main domain is filed).
    A bare public suffix is ``DOMAIN_INVALID``."""
    host = normalize_domain(raw, field=field)
    found = main_domain(host)
    if not found:
        raise refusals.DOMAIN_INVALID(
            field=field, domain=raw, why=_("it is a public suffix; give a domain registered under it.")
        )
    return found, found != host


def main_domain_note(entered: str, filed: str) -> str:
    """What the answer says when a host name was entered and its main domain filed, else ""."""
    try:
        host = normalize_domain(entered)
    except InvalidInput:
        return ""
    if host == filed:
        return ""
    return _("%(host)s is filed under its main domain %(domain)s, which covers every host under it.") % {
        "host": host,
        "domain": filed,
    }
