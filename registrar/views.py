"""The "Domains" console page (SPEC 3.9): the account's domains at the simulated registrar,
registering one, renewing one and changing its holder. The services decide; a refusal is shown
on the form it came from. ``?domain=`` and ``?holder_name=`` prefill the register form (the
filing pre-check's remedy links come here)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from icpconsole.core import clock
from icpconsole.core.console import refusal_shown

from . import forms, rules, selectors, services
from .models import RealNameStatus


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _page(request, *, form=None, renew_form=None, holder_form=None, focus: str = ""):
    now = clock.now()
    rows = list(selectors.domains_of(request.user))
    for row in rows:
        row.status = rules.domain_status(
            real_name_status=row.real_name_status, expired_time=row.expired_time, now=now
        )
    form = form or forms.RegisterForm(
        initial={
            "domain": request.GET.get("domain", ""),
            "holder_name": request.GET.get("holder_name", ""),
            "period_years": 1,
        }
    )
    return render(
        request,
        "registrar/domains.html",
        {
            "domains": rows,
            "form": form,
            "renew_form": renew_form or forms.RenewForm(),
            "holder_form": holder_form or forms.HolderForm(),
            "focus": focus or request.GET.get("focus", ""),
            "next": _next(request, ""),
            "read_only": request.user.is_ram_user,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def domains(request):
    if request.method == "POST":
        form = forms.RegisterForm(request.POST)
        if form.is_valid():
            with refusal_shown(request, form=form) as outcome:
                row = services.domain_register(actor=request.user, **form.cleaned_data)
            if outcome.ok:
                if row.real_name_status == RealNameStatus.FAILED:
                    # Registered, but on hold: say so rather than a plain success (issue 28).
                    messages.warning(
                        request,
                        _(
                            "%(domain)s is registered, but real-name verification failed: %(number)s is "
                            "not a valid certificate number, so the domain is on hold (serverHold) and "
                            "cannot be filed. Change the holder with a valid number."
                        )
                        % {"domain": row.domain, "number": row.holder_certificate_number},
                    )
                else:
                    messages.success(request, _("%(domain)s is registered.") % {"domain": row.domain})
                return redirect(_next(request, "registrar:domains"))
        return _page(request, form=form)
    return _page(request)


@login_required
@require_http_methods(["POST"])
def renew(request, domain: str):
    form = forms.RenewForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as outcome:
            row = services.domain_renew(actor=request.user, domain=domain, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("%(domain)s is renewed.") % {"domain": row.domain})
    return redirect(_next(request, "registrar:domains"))


@login_required
@require_http_methods(["POST"])
def holder(request, domain: str):
    form = forms.HolderForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as outcome:
            row = services.domain_change_holder(actor=request.user, domain=domain, **form.cleaned_data)
        if outcome.ok:
            messages.success(
                request,
                _("The holder of %(domain)s is now %(holder)s (real-name verification: %(status)s).")
                % {
                    "domain": row.domain,
                    "holder": row.holder_name,
                    "status": row.get_real_name_status_display(),
                },
            )
    else:
        selectors.domain_get_own_or_404(request.user, domain)
        messages.error(request, _("Give the holder's name and certificate number."))
    return redirect(_next(request, "registrar:domains"))
