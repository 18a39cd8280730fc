"""The filing wizard (SPEC 3.7, seed 004): domain, product verification, subject and website,
confirm. Its state lives in the session; nothing is created until the last step is confirmed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from icpconsole.core import clock
from icpconsole.core.console import refusal_shown

from .. import console_selectors, forms, services
from ..filing_type import explanation_text
from ..models import OrderType, ServiceType, SubjectKind
from ..selectors import subject_of_account
from ._common import (
    WIZARD_SESSION_KEY,
    WIZARD_STEPS,
    create_and_submit,
    filing_instances,
    order_link,
    province_label,
    remedies,
)


def _wizard_state(request) -> dict:
    return dict(request.session.get(WIZARD_SESSION_KEY) or {})


def _wizard_save(request, state: dict) -> None:
    request.session[WIZARD_SESSION_KEY] = state


def _is_app(state: dict) -> bool:
    """The wizard files an app (SPEC 3.11), not a website."""
    return state.get("service") == ServiceType.APP


def _wizard_missing_step(state: dict, step: str) -> str | None:
    """The first earlier step the wizard has not completed, to send the user back to."""
    if _is_app(state):
        if state.get("type") not in (OrderType.FIRST_FILING, OrderType.ADD_APP):
            return "filings:new_app"
    elif state.get("type") not in console_selectors.WIZARD_TYPES or not state.get("domain"):
        return "filings:new"
    if step == "filings:new_product":
        return None
    if not state.get("proof"):
        return "filings:new_product"
    if step == "filings:new_details":
        return None
    details = "app" if _is_app(state) else "website"
    if details not in state or (state["type"] == OrderType.FIRST_FILING and not state.get("subject")):
        return "filings:new_details"
    return None


def _wizard_context(request, state: dict, step: str, **extra) -> dict:
    names = [name for name, _label in WIZARD_STEPS]
    current = names.index("filings:new" if step == "filings:new_app" else step)
    wizard_steps = WIZARD_STEPS
    if _is_app(state) or step == "filings:new_app":
        wizard_steps = (
            ("filings:new_app", gettext("App")),
            WIZARD_STEPS[1],
            ("filings:new_details", gettext("Subject and app")),
            WIZARD_STEPS[3],
        )
    steps = [
        {
            "url": reverse(name),
            "label": label,
            "state": "done" if i < current else "current" if i == current else "todo",
        }
        for i, (name, label) in enumerate(wizard_steps)
    ]
    explained = state.get("explanation") or {}
    return {
        "steps": steps,
        "state": state,
        "explanation": explanation_text(explained.get("key", ""), explained.get("params") or {}),
        "filing_type_label": OrderType(state["type"]).label if state.get("type") in OrderType.values else "",
        "read_only": request.user.is_ram_user,
        "is_app": _is_app(state),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def wizard_domain(request):
    """Step 1 (SPEC 3.13): the certificate and the domain; the console works out the filing type
    (``services.filing_type_detect``), explains it, and the later steps follow it."""
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
                found = _detect_or_error(request, form, domain)
                if found is not None:
                    return _wizard_domain_found(request, state, form, domain, found)
    else:
        initial = {"domain": request.GET.get("domain") or state.get("domain", "")}
        initial.update(
            certificate_number=state.get("certificate_number", ""),
            certificate_type=state.get("certificate_type", ""),
        )
        form = forms.DomainForm(initial=initial)
    return render(
        request,
        "filings/wizard_domain.html",
        _wizard_context(request, state, "filings:new", form=form, detection=detection),
    )


# A detection refused for the certificate's number or its type is said on the number's field.
CERTIFICATE_FIELDS = {"certificate_number": "certificate_number", "certificate_type": "certificate_number"}


def _detect_or_error(request, form, domain: str):
    """The filing type the certificate and the domain call for, or ``None`` with the refusal on
    the form (the certificate's field, or the form's for a refusal about the subject)."""
    with refusal_shown(request, form=form, fields=CERTIFICATE_FIELDS, not_found_404=False):
        return services.filing_type_detect(
            actor=request.user,
            certificate_number=form.cleaned_data["certificate_number"],
            certificate_type=form.cleaned_data["certificate_type"],
            domain=domain,
        )
    return None


def _wizard_domain_found(request, state: dict, form, domain: str, found):
    subject = found.subject
    elsewhere = subject is not None and found.type == OrderType.ADD_WEBSITE and subject.provider
    # SPEC 3.9: the domain checks run here; every failing one is listed with its remedy, and the
    # wizard waits until they pass.
    reasons = console_selectors.domain_step_reasons(
        request.user, domain, now=clock.now(), subject_name=subject.name if elsewhere else None
    )
    if reasons:
        check_reasons = remedies(
            reasons,
            subject_name=subject.name if subject else "",
            next_url=reverse("filings:new") + "?" + urlencode({"domain": domain}),
        )
        return render(
            request,
            "filings/wizard_domain.html",
            _wizard_context(
                request, state, "filings:new", form=form, detection=None, check_reasons=check_reasons
            ),
        )
    number = form.cleaned_data["certificate_number"].strip().upper()
    if (state.get("domain"), state.get("type"), state.get("certificate_number")) != (
        domain,
        found.type,
        number,
    ):
        state = {}
    state.update(
        domain=domain,
        type=found.type,
        certificate_number=number,
        certificate_type=found.kind,
        explanation={"key": found.key, "params": found.params},
        # A subject filed with another provider (SPEC 3.13): the order names it by its number.
        registry_subject=(
            {"name": subject.name, "icp_number": subject.icp_number, "provider": subject.provider}
            if elsewhere
            else None
        ),
    )
    _wizard_save(request, state)
    return redirect("filings:new_product")


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
            with refusal_shown(request, form=form, field="service_code", not_found_404=False):
                services.service_code_check(code=form.cleaned_data["service_code"])
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


def _wizard_summary(request, state: dict) -> dict:
    proof = state["proof"]
    summary = {"subject": None, "existing_subject": None, "proof": proof}
    if state["type"] == OrderType.FIRST_FILING:
        subject = dict(state["subject"])
        subject["kind_label"] = dict(SubjectKind.choices).get(subject["kind"], subject["kind"])
        subject["province_label"] = province_label(subject["province"])
        summary["subject"] = subject
        summary["residence_permit"] = residence_permit_notice(subject)
    else:
        summary["existing_subject"] = subject_of_account(request.user) or state.get("registry_subject")
    # Everything the order will carry (issue 28): the leaders and the content category too.
    existing = summary["existing_subject"]
    summary["subject_leader"] = (
        state.get("subject_leader") or (getattr(existing, "leader", None) if existing else {}) or {}
    )
    item = state.get("app") if _is_app(state) else state.get("website")
    item = item or {}
    summary["item_leader"] = item.get("leader") or {}
    summary["item_leader_is_subject_leader"] = not summary["item_leader"]
    from ..precheck import content_category_label

    category = item.get("content_category", "")
    summary["content_category_label"] = content_category_label(category, is_app=_is_app(state))
    return summary


def residence_permit_notice(subject: dict) -> dict | None:
    """SPEC 3.13: an individual filing outside the province of the ID number uploads a residence
    permit (居住证) before submitting: the summary says so, naming both provinces."""
    from .. import precheck

    facts = precheck.FilingFacts(
        subject_kind=subject.get("kind", ""),
        subject_name=subject.get("name", ""),
        today=clock.now().date(),
        subject_certificate_number=subject.get("certificate_number", ""),
        subject_province=subject.get("province", ""),
    )
    if not precheck.needs_residence_permit(facts):
        return None
    home = precheck.certificate_province(facts.subject_certificate_number, kind=SubjectKind.INDIVIDUAL)
    return {"region": province_label(home), "province": province_label(facts.subject_province)}


def _confirmed_website(state: dict) -> dict:
    """The website the wizard's answers describe, with the proof of its server."""
    proof = state["proof"]
    saved = state["website"]
    website = {
        "domain": state["domain"],
        "name": saved.get("name", ""),
        "content_category": saved.get("content_category", ""),
        "pre_approval_number": saved.get("pre_approval_number", ""),
        "leader_is_subject_leader": saved.get("leader_is_subject_leader", False),
        "leader": saved.get("leader") or {},
        **(
            {"instance_id": proof["instance_id"]}
            if proof["method"] == forms.METHOD_INSTANCE
            else {"service_code": proof["service_code"]}
        ),
    }
    return website


def wizard_order_input(state: dict, part: dict, *, subject: dict | None, leader: dict | None):
    """The order input the wizard's answers describe, for the pre-check and the creation alike:
    ``part`` is ``{"website": ...}`` or ``{"app": ...}``, ``subject`` the new subject's fields (a
    first filing), ``leader`` the subject's leader as the order files it."""
    if state["type"] == OrderType.FIRST_FILING:
        named = {**(subject or {}), "leader": leader or {}}
    elif state.get("registry_subject"):
        # A subject filed with another provider (SPEC 3.13): named by its number.
        named = {"certificate_number": state["certificate_number"], "leader": leader or {}}
    else:
        named = {"leader": leader or {}}
    return services.order_input({"type": state["type"], "subject": named, **part})


@login_required
@require_http_methods(["GET", "POST"])
def wizard_confirm(request):
    """Step 4: the summary; confirming creates the order and submits it."""
    state = _wizard_state(request)
    missing = _wizard_missing_step(state, "filings:new_confirm")
    if missing:
        return redirect(missing)
    if request.method == "POST" and _is_app(state):
        from .wizard_app import wizard_confirm_app  # it imports this module's helpers

        return wizard_confirm_app(request, state)
    if request.method == "POST":
        order_input = wizard_order_input(
            state,
            {"website": _confirmed_website(state)},
            subject=state.get("subject"),
            leader=state.get("subject_leader"),
        )

        def create():
            return services.filing_create(actor=request.user, order=order_input)

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


def _proof_fields(proof: dict) -> dict:
    if proof["method"] == forms.METHOD_INSTANCE:
        return {"instance_id": proof["instance_id"]}
    return {"service_code": proof["service_code"]}


@login_required
@require_POST
def wizard_cancel(request):
    """Leave the wizard: its state is dropped; nothing had been created."""
    request.session.pop(WIZARD_SESSION_KEY, None)
    messages.info(request, gettext("The filing wizard was cancelled; nothing was created."))
    return redirect("filings:orders")


# --- transfer-in and claim -------------------------------------------------------------------
