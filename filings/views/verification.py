"""The authenticity verification (真实性核验, SPEC 3.12) in the console: the order page sends the
link to the phone; the link's page (no log-in, the token is the proof) plays the camera."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from icpconsole.core import clock
from icpconsole.core.console import refusal_shown
from icpconsole.core.errors import DomainError

from .. import refusals, rules, services
from ..models import CameraOutcome, VerificationStatus
from ..services.verification import attempts_left_today, order_for_link
from .orders import _order_action


@login_required
@require_POST
def order_verification(request, order_id: int):
    """Send the verification link to the leader's phone (the inbox)."""
    return _order_action(
        request,
        order_id,
        services.filing_verification_start,
        lambda o: gettext(
            "A verification link was sent to the phone: open it from the phone inbox within 24 hours "
            "and take the picture."
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def verification_camera(request, token: str):
    """The phone's camera page: pick what the camera sees and take the picture. A failure says why
    and how to retake it; a pass ends the step."""
    result, refusal = None, None
    if request.method == "POST":
        # The page itself says what was refused (below), not a message.
        with refusal_shown(request, quiet=DomainError, not_found_404=False) as attempt:
            result = services.verification_link_attempt(token=token, outcome=request.POST.get("outcome", ""))
        refusal = attempt.refusal
        if refusal is not None and refusal.code == refusals.VERIFICATION_LINK_INVALID.code:
            return _link_invalid(request, refusal)
        if result is not None and result.passed:
            return render(
                request, "filings/verification_camera.html", {"passed": True, "order": result.order}
            )
    with refusal_shown(request, quiet=DomainError, not_found_404=False) as found:
        order = order_for_link(token)
    if not found.ok:
        return _link_invalid(request, found.refusal)
    left = attempts_left_today(order, now=clock.now())
    return render(
        request,
        "filings/verification_camera.html",
        {
            "order": order,
            # Texts, not the entry: a template would call a callable catalogue entry.
            "failure": None
            if result is None or result.passed
            else {
                "code": result.reason.code,
                "message": str(result.reason.message),
                "remedy": str(result.reason.remedy),
            },
            "refusal": refusal,
            "outcomes": CameraOutcome.choices,
            "attempts_left": left,
            "max_failures": rules.VERIFICATION_DAILY_FAILURES,
            "passed": order.verification_status == VerificationStatus.PASSED,
        },
        status=409 if refusal is not None else 200,
    )


def _link_invalid(request, exc: DomainError):
    return render(request, "filings/verification_camera.html", {"link_refusal": exc}, status=404)
