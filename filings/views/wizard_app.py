"""The app wizard's own steps (SPEC 3.11, 3.13): its first step (the certificate and the app's
name, the type detected) and its confirmation (a first filing with the app, or ``add_app``); the
product, details and summary steps are the website wizard's (``wizard.py``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from icpconsole.core.console import refusal_shown

from .. import console_selectors, forms, services
from ..models import OrderType, ServiceType, SubjectStatus
from ..selectors import subject_of_account
from ._common import WIZARD_SESSION_KEY, create_and_submit, order_link
from .wizard import (
    CERTIFICATE_FIELDS,
    _is_app,
    _proof_fields,
    _wizard_context,
    _wizard_save,
    _wizard_state,
    wizard_order_input,
)


@login_required
@require_http_methods(["GET", "POST"])
def wizard_app(request):
    """Step 1 of an app filing (SPEC 3.11, 3.13): the certificate and the app's name first; the
    console works out the type (``services.filing_type_detect`` with ``app_name``): a first
    filing, or an app added to a filed subject (here, or with another provider, whose number the
    app then takes). The services refuse what is not allowed when the order is made."""
    state = _wizard_state(request)
    subject = subject_of_account(request.user)
    filed = subject is not None and subject.status == SubjectStatus.ACTIVE
    kind = OrderType.ADD_APP if filed else OrderType.FIRST_FILING
    busy = console_selectors.subject_is_busy(subject)
    if request.method == "POST" and not busy:
        form = forms.AppDetectForm(request.POST)
        found = _detect_app_or_error(request, form) if form.is_valid() else None
        if found is not None:
            return _wizard_app_found(request, state, form, found)
    else:
        form = forms.AppDetectForm(
            initial={
                "certificate_number": state.get("certificate_number")
                or (subject.certificate_number if subject else ""),
                "certificate_type": state.get("certificate_type", ""),
                "app_name": state.get("app_name", ""),
            }
        )
    return render(
        request,
        "filings/wizard_app.html",
        _wizard_context(
            request,
            {**state, "type": kind},
            "filings:new_app",
            subject=subject,
            busy=busy,
            open_order=console_selectors.open_order_of(subject) if busy and filed else None,
            app_type=kind,
            form=form,
        ),
    )


def _detect_app_or_error(request, form):
    fields = {**CERTIFICATE_FIELDS, "app_name": "app_name"}
    with refusal_shown(request, form=form, fields=fields, not_found_404=False):
        return services.filing_type_detect(
            actor=request.user,
            certificate_number=form.cleaned_data["certificate_number"],
            certificate_type=form.cleaned_data["certificate_type"],
            app_name=form.cleaned_data["app_name"],
        )
    return None


def _wizard_app_found(request, state: dict, form, found):
    subject = found.subject
    elsewhere = subject is not None and found.type == OrderType.ADD_APP and subject.provider
    number = form.cleaned_data["certificate_number"].strip().upper()
    name = form.cleaned_data["app_name"].strip()
    if not _is_app(state) or (state.get("type"), state.get("certificate_number")) != (found.type, number):
        state = {}
    state.update(
        service=ServiceType.APP,
        type=found.type,
        domain="",
        certificate_number=number,
        certificate_type=found.kind,
        explanation={"key": found.key, "params": found.params},
        registry_subject=(
            {"name": subject.name, "icp_number": subject.icp_number, "provider": subject.provider}
            if elsewhere
            else None
        ),
        app_name=name,
    )
    _wizard_save(request, state)
    return redirect("filings:new_product")


def wizard_confirm_app(request, state: dict):
    """Create the app order (a first filing with ``app``, or ``add_app``) and submit it."""
    app = {**state["app"], **_proof_fields(state["proof"])}
    order_input = wizard_order_input(
        state, {"app": app}, subject=state.get("subject"), leader=state.get("subject_leader")
    )

    def create():
        return services.filing_create(actor=request.user, order=order_input)

    order = create_and_submit(request, create)
    if order is None:
        return redirect("filings:new_confirm")
    request.session.pop(WIZARD_SESSION_KEY, None)
    return redirect(order_link(order))
