"""The commercial license (ICP证, seed 004): only a filed website can hold one, and e-commerce or
online payments on a website need it. Decision: staff grant it (playing the communications
administration); a number is generated unless given, like ``浙B2-20261234``. Cancelling the
website's filing ends it (``effects.end_website``); cancelling only the access keeps it."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from icpconsole.core import clock, generators
from icpconsole.core.audit import audit_record

from .. import refusals
from ..models import FilingAction, Website, WebsiteStatus
from ..provinces import PROVINCES
from .stages import check_staff

LICENSE_RE = re.compile(r"^[\u4e00-\u9fff]B2-\d{8}$")


def website_grant_license(*, actor, website_id, license_number: str = "") -> Website:
    """Grant a filed (``active``) website its ICP commercial license."""
    check_staff(actor)
    number = (license_number or "").strip()
    if number and not LICENSE_RE.match(number):
        raise refusals.LICENSE_NUMBER_INVALID(field="license_number")
    with transaction.atomic():
        website = (
            Website.objects.select_for_update(of=("self",))
            .select_related("subject")
            .filter(pk=website_id)
            .first()
        )
        if website is None:
            raise refusals.WEBSITE_NOT_FOUND(id=website_id)
        if website.status != WebsiteStatus.ACTIVE:
            raise refusals.WEBSITE_NOT_ACTIVE(domain=website.domain, status=website.get_status_display())
        if website.commercial_license:
            raise refusals.LICENSE_EXISTS(domain=website.domain, number=website.commercial_license)
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
            action=FilingAction.WEBSITE_LICENSE,
            target=website,
            at=now,
            details={"commercial_license": number},
        )
    return website
