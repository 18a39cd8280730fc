"""Step 3 of the filing wizard: the subject (first filing only), the website or app and the
leaders, pre-checked before the summary (SPEC 3.9, 3.11)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from icpconsole.core.console import refusal_shown

from .. import apps_rules, forms, services
from ..models import OrderType, SubjectKind
from ..selectors import subject_of_account
from ._common import app_problem_rows, error_html, remedies
from .wizard import (
    _is_app,
    _wizard_context,
    _wizard_missing_step,
    _wizard_save,
    _wizard_state,
    wizard_order_input,
)


class _DetailsForms:
    """Step 3's forms: the subject (first filing), the website or app, and the leaders."""

    def __init__(self, request, state: dict):
        data = self.data = request.POST if request.method == "POST" else None
        first = self.first = state["type"] == OrderType.FIRST_FILING
        is_app = self.is_app = _is_app(state)
        self.existing = subject_of_account(request.user) if not first else None
        self.registry_subject = state.get("registry_subject")
        saved_website = state.get("app" if is_app else "website") or {}
        subject_initial = state.get("subject") or {
            "certificate_number": state.get("certificate_number", ""),
            "kind": state.get("certificate_type") or SubjectKind.ENTERPRISE,
        }
        self.subject_form = (
            forms.SubjectForm(data, prefix="subject", initial=subject_initial) if first else None
        )
        if is_app:
            self.website_form = forms.AppForm(
                data, prefix="app", initial=saved_website or {"name": state.get("app_name", "")}
            )
        else:
            self.website_form = forms.WebsiteForm(data, prefix="website", initial=saved_website or None)
        # The subject's leader: asked for a first filing, or when the filed subject has none on file.
        ask_subject_leader = (
            first
            or self.registry_subject is not None
            or (self.existing is not None and not self.existing.leader)
        )
        self.leader_form = (
            forms.LeaderForm(data, prefix="leader", initial=state.get("subject_leader"), is_app=is_app)
            if ask_subject_leader
            else None
        )
        self.website_leader_form = forms.LeaderForm(
            data, prefix="wleader", initial=saved_website.get("leader"), is_app=is_app
        )

    def is_valid(self) -> bool:
        forms_ = (self.website_form, self.subject_form, self.leader_form, self.website_leader_form)
        return self.data is not None and all(form.is_valid() for form in forms_ if form is not None)

    def website(self) -> dict:
        cleaned = self.website_form.cleaned_data
        same = cleaned["leader_is_subject_leader"]
        leader = {} if same else self.website_leader_form.leader()
        if self.is_app:
            return {**self.website_form.app(), "leader": leader}
        return {
            "name": cleaned["name"].strip(),
            "content_category": cleaned["content_category"],
            "pre_approval_number": cleaned["pre_approval_number"].strip(),
            "leader_is_subject_leader": same,
            "leader": leader,
        }

    def subject(self) -> dict | None:
        if self.subject_form is None:
            return None
        return {
            key: (value.strip() if isinstance(value, str) else value)
            for key, value in self.subject_form.cleaned_data.items()
        }

    def subject_leader(self) -> dict:
        return self.leader_form.leader() if self.leader_form is not None else {}

    def subject_name(self, subject: dict | None) -> str:
        return (
            (subject or {}).get("name")
            or (self.existing.name if self.existing else "")
            or (self.registry_subject or {}).get("name", "")
        )


def _details_precheck(request, state: dict, page: _DetailsForms, website, subject, subject_leader):
    """The pre-check of step 3's answers: a list of reasons ([] passes), or None when the page
    already says what is wrong. An app's own fields are all listed at once (issue 28)."""
    body = website if page.is_app else {"domain": state["domain"], **website}
    part = {"app": body} if page.is_app else {"website": body}
    with refusal_shown(request, message=error_html, not_found_404=False):
        order_input = wizard_order_input(state, part, subject=subject, leader=subject_leader)
        return services.filing_precheck(actor=request.user, order=order_input)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def wizard_details(request):
    """Step 3: the subject (first filing only) and the website."""
    state = _wizard_state(request)
    missing = _wizard_missing_step(state, "filings:new_details")
    if missing:
        return redirect(missing)
    page = _DetailsForms(request, state)
    check_reasons = None
    if page.is_valid():
        website, subject, subject_leader = page.website(), page.subject(), page.subject_leader()
        problems = apps_rules.app_problems(website) if page.is_app else []
        if problems:
            check_reasons, reasons = app_problem_rows(problems), None
        else:
            reasons = _details_precheck(request, state, page, website, subject, subject_leader)
        if reasons:
            check_reasons = remedies(
                reasons, subject_name=page.subject_name(subject), next_url=reverse("filings:new_details")
            )
        if reasons == []:
            state["app" if page.is_app else "website"] = website
            state["subject_leader"] = subject_leader
            if subject is not None:
                state["subject"] = subject
            _wizard_save(request, state)
            return redirect("filings:new_confirm")
    return render(
        request,
        "filings/wizard_details.html",
        _wizard_context(
            request,
            state,
            "filings:new_details",
            subject_form=page.subject_form,
            website_form=page.website_form,
            leader_form=page.leader_form,
            website_leader_form=page.website_leader_form,
            subject=page.existing or page.registry_subject,
            check_reasons=check_reasons,
        ),
    )
