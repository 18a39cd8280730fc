"""The commercial license (ICP证, seed 004): only a filed website can hold one, and e-commerce or
online payments on a website need it. Decision: staff grant it (playing the communications
administration); a number is generated unless given, like ``浙B2-20261234``. Cancelling the
website's filing ends it (``workflow._end_website``); cancelling only the access keeps it."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icpconsole.core import clock, generators
from icpconsole.core.audit import audit_record
from icpconsole.core.errors import Conflict, InvalidInput, NotFound

from ..models import Website, WebsiteStatus
from ..provinces import PROVINCES
from ._common import check_staff

LICENSE_RE = re.compile(r"^[\u4e00-\u9fff]B2-\d{8}$")


def website_grant_license(*, actor, website_id, license_number: str = "") -> Website:
    """Grant a filed (``active``) website its ICP commercial license."""
    check_staff(actor)
    number = (license_number or "").strip()
    if number and not LICENSE_RE.match(number):
        raise InvalidInput(
            "LICENSE_NUMBER_INVALID",
            _("A commercial license number looks like 浙B2-20261234."),
            field="license_number",
        )
    with transaction.atomic():
        website = (
            Website.objects.select_for_update(of=("self",))
            .select_related("subject")
            .filter(pk=website_id)
            .first()
        )
        if website is None:
            raise NotFound("WEBSITE_NOT_FOUND", _("Website %(id)s does not exist.") % {"id": website_id})
        if website.status != WebsiteStatus.ACTIVE:
            raise Conflict(
                "WEBSITE_NOT_FILED",
                _("Only a filed website can hold a commercial license; %(domain)s is %(status)s.")
                % {"domain": website.domain, "status": website.status},
            )
        if website.commercial_license:
            raise Conflict(
                "LICENSE_EXISTS",
                _("%(domain)s already holds commercial license %(number)s.")
                % {"domain": website.domain, "number": website.commercial_license},
            )
        now = clock.now()
        if not number:
            abbreviation = PROVINCES[website.subject.province].abbreviation
            serial = generators.digits("license_number", 4)
            number = f"{abbreviation}B2-{timezone.localtime(now).year}{serial}"
        website.commercial_license = number
        website.save(update_fields=["commercial_license"])
        audit_record(
            actor=actor,
            account=website.subject.account,
            action="filing.website.license",
            target=website,
            at=now,
            details={"commercial_license": number},
        )
    return website
