"""The filing wizard (SPEC 3.7, seed 004): domain, product verification, subject and website,
confirm. Its state lives in the session; nothing is created until the last step is confirmed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from icpconsole.core import clock
from icpconsole.core.errors import DomainError

from .. import console_selectors, forms, services
from ..models import OrderType, SubjectKind
from ..selectors import subject_of_account
from ._common import (
    WIZARD_SESSION_KEY,
    WIZARD_STEPS,
    create_and_submit,
    filing_instances,
    order_link,
    province_label,
)


def _wizard_state(request) -> dict:
    return dict(request.session.get(WIZARD_SESSION_KEY) or {})


def _wizard_save(request, state: dict) -> None:
    request.session[WIZARD_SESSION_KEY] = state


def _wizard_missing_step(state: dict, step: str) -> str | None:
    """The first earlier step the wizard has not completed, to send the user back to."""
    if state.get("type") not in console_selectors.WIZARD_TYPES or not state.get("domain"):
        return "filings:new"
    if step == "filings:new_product":
        return None
    if not state.get("proof"):
        return "filings:new_product"
    if step == "filings:new_details":
        return None
    if "website" not in state or (state["type"] == OrderType.FIRST_FILING and not state.get("subject")):
        return "filings:new_details"
    return None


def _wizard_context(request, state: dict, step: str, **extra) -> dict:
    current = [name for name, _label in WIZARD_STEPS].index(step)
    steps = [
        {
            "url": reverse(name),
            "label": label,
            "state": "done" if i < current else "current" if i == current else "todo",
        }
        for i, (name, label) in enumerate(WIZARD_STEPS)
    ]
    return {
        "steps": steps,
        "state": state,
        "filing_type_label": OrderType(state["type"]).label if state.get("type") in OrderType.values else "",
        "read_only": request.user.is_ram_user,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def wizard_domain(request):
    """Step 1: the domain, and what kind of filing it calls for."""
    state = _wizard_state(request)
    detection = None
    if request.method == "POST":
        form = forms.DomainForm(request.POST)
        if form.is_valid():
            domain = form.cleaned_data["domain"]
            detection = console_selectors.filing_type_detect(request.user, domain)
            # The wizard follows the domain entered now: another domain (or type) starts afresh,
            # and one that leads elsewhere (a transfer-in, a claim, nothing to file) ends the
            # earlier attempt, so no later step shows an earlier attempt's domain.
            if not detection.continues_in_wizard:
                request.session.pop(WIZARD_SESSION_KEY, None)
            else:
                if state.get("domain") != domain or state.get("type") != detection.kind:
                    state = {}
                state.update(domain=domain, type=detection.kind)
                _wizard_save(request, state)
                return redirect("filings:new_product")
    else:
        form = forms.DomainForm(initial={"domain": request.GET.get("domain") or state.get("domain", "")})
    return render(
        request,
        "filings/wizard_domain.html",
        _wizard_context(request, state, "filings:new", form=form, detection=detection),
    )


@login_required
@require_http_methods(["GET", "POST"])
def wizard_product(request):
    """Step 2: which instance hosts the website (a code is generated for it), or a code."""
    state = _wizard_state(request)
    missing = _wizard_missing_step(state, "filings:new_product")
    if missing:
        return redirect(missing)
    now = clock.now()
    instances = filing_instances(request.user, now)
    if request.method == "POST":
        form = forms.ProductForm(request.POST, instances=instances)
        if form.is_valid() and form.cleaned_data["method"] == forms.METHOD_CODE:
            # A code entered here is checked here (exists, unused, its instance not released).
            try:
                services.service_code_check(code=form.cleaned_data["service_code"])
            except DomainError as exc:
                form.add_error("service_code", exc.message)
        if form.is_valid():
            state["proof"] = {
                key: form.cleaned_data[key] for key in ("method", "instance_id", "service_code")
            }
            _wizard_save(request, state)
            return redirect("filings:new_details")
    else:
        form = forms.ProductForm(initial=state.get("proof") or {}, instances=instances)
    return render(
        request,
        "filings/wizard_product.html",
        _wizard_context(request, state, "filings:new_product", form=form, instances=instances, now=now),
    )


@login_required
@require_http_methods(["GET", "POST"])
def wizard_details(request):
    """Step 3: the subject (first filing only) and the website."""
    state = _wizard_state(request)
    missing = _wizard_missing_step(state, "filings:new_details")
    if missing:
        return redirect(missing)
    first = state["type"] == OrderType.FIRST_FILING
    data = request.POST if request.method == "POST" else None
    subject_form = forms.SubjectForm(data, prefix="subject", initial=state.get("subject")) if first else None
    website_form = forms.WebsiteForm(data, prefix="website", initial=state.get("website"))
    if data is not None and website_form.is_valid() and (subject_form is None or subject_form.is_valid()):
        state["website"] = {"name": website_form.cleaned_data["name"].strip()}
        if subject_form is not None:
            subject = dict(subject_form.cleaned_data)
            state["subject"] = {
                key: (value.strip() if isinstance(value, str) else value) for key, value in subject.items()
            }
        _wizard_save(request, state)
        return redirect("filings:new_confirm")
    subject = subject_of_account(request.user) if not first else None
    return render(
        request,
        "filings/wizard_details.html",
        _wizard_context(
            request,
            state,
            "filings:new_details",
            subject_form=subject_form,
            website_form=website_form,
            subject=subject,
        ),
    )


def _wizard_summary(request, state: dict) -> dict:
    proof = state["proof"]
    summary = {"subject": None, "existing_subject": None, "proof": proof}
    if state["type"] == OrderType.FIRST_FILING:
        subject = dict(state["subject"])
        subject["kind_label"] = dict(SubjectKind.choices).get(subject["kind"], subject["kind"])
        subject["province_label"] = province_label(subject["province"])
        summary["subject"] = subject
    else:
        summary["existing_subject"] = subject_of_account(request.user)
    return summary


@login_required
@require_http_methods(["GET", "POST"])
def wizard_confirm(request):
    """Step 4: the summary; confirming creates the order and submits it."""
    state = _wizard_state(request)
    missing = _wizard_missing_step(state, "filings:new_confirm")
    if missing:
        return redirect(missing)
    if request.method == "POST":
        proof = state["proof"]
        website = {
            "domain": state["domain"],
            "name": state["website"]["name"],
            **(
                {"instance_id": proof["instance_id"]}
                if proof["method"] == forms.METHOD_INSTANCE
                else {"service_code": proof["service_code"]}
            ),
        }
        if state["type"] == OrderType.FIRST_FILING:

            def create():
                return services.filing_create_first(
                    actor=request.user, subject=state["subject"], website=website
                )
        else:

            def create():
                return services.filing_create_add_website(actor=request.user, website=website)

        order = create_and_submit(request, create)
        if order is None:
            return redirect("filings:new_confirm")
        request.session.pop(WIZARD_SESSION_KEY, None)
        return redirect(order_link(order))
    return render(
        request,
        "filings/wizard_confirm.html",
        _wizard_context(request, state, "filings:new_confirm", **_wizard_summary(request, state)),
    )


@login_required
@require_POST
def wizard_cancel(request):
    """Leave the wizard: its state is dropped; nothing had been created."""
    request.session.pop(WIZARD_SESSION_KEY, None)
    messages.info(request, gettext("The filing wizard was cancelled; nothing was created."))
    return redirect("filings:orders")


# --- transfer-in and claim -------------------------------------------------------------------
