"""The subject and its websites, with their change and cancel applications (each asks for the
filing password)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from icpconsole.core import clock
from icpconsole.core.console import refusal_shown
from instances import rules as instance_rules

from .. import change_forms, console_selectors, forms, rules, services
from ..models import OrderType, WebsiteStatus
from ..selectors import subject_of_account, website_hosting
from ._common import create_and_submit, error_html, order_link, province_label


@login_required
@require_GET
def subjects(request):
    subject = subject_of_account(request.user)
    services_filed = list(console_selectors.subject_websites(subject)) if subject else []
    websites = [website for website in services_filed if not website.is_app]
    apps = [website for website in services_filed if website.is_app]
    open_order = console_selectors.open_order_of(subject)
    past = list(console_selectors.past_subjects_of(request.user)[:10])
    actions = rules.subject_actions(
        subject_status=subject.status if subject else None,
        has_open_order=open_order is not None,
        is_ram_user=request.user.is_ram_user,
    )
    now = clock.now()
    for website in services_filed:
        website.actions = rules.website_actions(actions, website.status)
        website.can_record_public_security = rules.can_record_public_security(
            website_status=website.status,
            number=website.public_security_number,
            is_ram_user=request.user.is_ram_user,
        )
        website.public_security_status = rules.public_security_status(
            number=website.public_security_number, due_time=website.public_security_due_time, now=now
        )
        # What the instance allows is the instances app's rule (``instances.rules.action_refusal``).
        website.can_renew_instance = (
            website.instance is not None
            and website.instance.action_refusal(instance_rules.RENEW, now) is None
        )
        hosting = website_hosting(website)
        website.access_status = rules.access_status(
            website_status=website.status, at_risk_time=website.access_at_risk_time, hosting=hosting, now=now
        )
        # Warned from the instance's expiry (or release), before the sweep marks the access at risk.
        website.instance_lapsed = (
            website.status == WebsiteStatus.ACTIVE
            and website.access_status == rules.AccessStatus.NORMAL
            and hosting is not None
            and hosting.unhealthy(now)
        )
    return render(
        request,
        "filings/subjects.html",
        {
            "subject": subject,
            "province_label": province_label(subject.province) if subject else "",
            "websites": websites,
            "apps": apps,
            "open_order": open_order,
            "past_subjects": past,
            "can_apply": actions.apply,
            "read_only": request.user.is_ram_user,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def website_public_security(request, website_id: int):
    """Record the website's public security filing (SPEC 3.10); back to the subject page. GET
    asks first (the page the confirm dialog replaces): the simulator issues the number itself."""
    if request.method == "GET":
        website = console_selectors.own_website(request.user, website_id)
        if website is None:
            raise Http404(gettext("Website %(id)s does not exist.") % {"id": website_id})
        return render(request, "filings/public_security_confirm.html", {"website": website})
    with refusal_shown(request, message=error_html) as outcome:
        website = services.public_security_file(actor=request.user, website_id=website_id)
    if outcome.ok:
        messages.success(
            request,
            gettext("%(domain)s is recorded with the public security authority under %(number)s.")
            % {"domain": website.domain, "number": website.public_security_number},
        )
    return redirect("filings:subjects")


@dataclass(frozen=True)
class Application:
    """A change or cancellation the subject page offers: each asks for the filing password."""

    order_type: str
    title: Promise
    explanation: Promise
    confirm_label: Promise
    button: Promise
    form_class: type[django_forms.Form]
    danger: bool = True


SUBJECT_APPLICATIONS: dict[str, Application] = {
    "change": Application(
        OrderType.CHANGE,
        _("Change the subject"),
        _(
            "Apply to change the subject's name, address, leader or the leader's contacts. A new name "
            "needs the proof of the name change, another person as the leader their ID card and the "
            "authenticity verification, uploaded on the order's page. The change takes effect when the "
            "application is approved."
        ),
        _("I confirm the new information is true."),
        _("Submit the change"),
        change_forms.SubjectChangeForm,
        danger=False,
    ),
    "cancel": Application(
        OrderType.CANCEL_SUBJECT,
        _("Cancel the subject"),
        _(
            "Cancelling the subject deletes all the information under its ICP number: every website of the "
            "subject is cancelled too, and their service codes are deleted for ever."
        ),
        _("I understand that the subject and all its websites will be cancelled."),
        _("Cancel the subject"),
        forms.ConfirmedPasswordForm,
    ),
}
WEBSITE_APPLICATIONS: dict[str, Application] = {
    "change": Application(
        OrderType.CHANGE,
        _("Change the website"),
        _(
            "Apply to change the website's name, content category, pre-approval number, leader or its "
            "e-commerce flag (which needs a commercial license), or to rebind it to another of your "
            "instances (its service code is deleted and a new one used)."
        ),
        _("I confirm the new information is true."),
        _("Submit the change"),
        change_forms.WebsiteChangeForm,
        danger=False,
    ),
    "cancel": Application(
        OrderType.CANCEL_WEBSITE,
        _("Cancel the website"),
        _(
            "Cancelling the website deletes its filing; the subject and its other websites stay filed. The "
            "website's service code is deleted for ever."
        ),
        _("I understand that this website's filing will be cancelled."),
        _("Cancel the website"),
        forms.ConfirmedPasswordForm,
    ),
    "cancel-access": Application(
        OrderType.CANCEL_ACCESS,
        _("Cancel access"),
        _(
            "Cancelling access removes the website's link to Alibaba Cloud: its ICP number stays valid "
            "with MIIT, but no provider serves it. Arrange a transfer to your new provider, or the filing "
            "may be deregistered. The website's service code is deleted for ever."
        ),
        _("I understand that this website will no longer be served here."),
        _("Cancel access"),
        forms.ConfirmedPasswordForm,
    ),
}


# An app (SPEC 3.11) is cancelled like a website; change and cancel-access are for websites.
APP_APPLICATIONS: dict[str, Application] = {
    "change": Application(
        OrderType.CHANGE,
        _("Change the app"),
        _(
            "Apply to change the app's content category, pre-approval number or leader. Another person as "
            "the leader needs their ID card and the authenticity verification on the order's page."
        ),
        _("I confirm the new information is true."),
        _("Submit the change"),
        change_forms.AppChangeForm,
        danger=False,
    ),
    "cancel_app": Application(
        OrderType.CANCEL_APP,
        _("Cancel the app"),
        _(
            "Cancelling the app deletes its filing; the subject, its websites and its other apps stay filed. "
            "The app's service code is deleted for ever."
        ),
        _("I understand that this app's filing will be cancelled."),
        _("Cancel the app"),
        forms.ConfirmedPasswordForm,
    ),
}


def _application_page(request, *, application: Application, subject, website, action: str, form_kwargs: dict):
    open_order = console_selectors.open_order_of(subject)
    form_class = application.form_class
    data = request.POST if request.method == "POST" else None
    form = form_class(data, confirm_label=application.confirm_label, **form_kwargs)
    # The service decides (one open order per subject: ORDER_ALREADY_OPEN); the page only says so.
    if data is not None and form.is_valid():
        if website is not None and website.is_app:
            target = {"app_id": website.pk}
        else:
            target = {"website_id": website.pk} if website else {"subject_id": subject.pk}
        order = create_and_submit(
            request,
            lambda: services.filing_create(
                actor=request.user,
                order=form.order_input(application.order_type, **target),
            ),
        )
        if order is not None:
            return redirect(order_link(order))
    target_url = (
        reverse("filings:website_action", args=[website.pk, action])
        if website
        else reverse("filings:subject_action", args=[subject.pk, action])
    )
    return render(
        request,
        "filings/application.html",
        {
            "application": application,
            "action": action,
            "subject": subject,
            "website": website,
            "form": form,
            "open_order": open_order,
            "target_url": target_url,
            "read_only": request.user.is_ram_user,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def subject_action(request, subject_id: int, action: str):
    application = SUBJECT_APPLICATIONS.get(action)
    subject = console_selectors.own_subject(request.user, subject_id)
    if application is None or subject is None:
        raise Http404(gettext("Subject %(id)s does not exist.") % {"id": subject_id})
    form_kwargs = {"subject": subject} if application.form_class is change_forms.SubjectChangeForm else {}
    return _application_page(
        request,
        application=application,
        subject=subject,
        website=None,
        action=action,
        form_kwargs=form_kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def website_action(request, website_id: int, action: str):
    website = console_selectors.own_website(request.user, website_id)
    application = None
    if website is not None:
        application = (APP_APPLICATIONS if website.is_app else WEBSITE_APPLICATIONS).get(action)
    if application is None or website is None:
        raise Http404(gettext("Website %(id)s does not exist.") % {"id": website_id})
    form_kwargs = {}
    if application.form_class is change_forms.AppChangeForm:
        form_kwargs = {"website": website}
    if application.form_class is change_forms.WebsiteChangeForm:
        qualifying, others = console_selectors.rebind_instances(request.user, website)
        form_kwargs = {
            "website": website,
            "instances": qualifying,
            "not_qualifying": others,
            "own_code": console_selectors.change_names_own_code(website),
        }
    return _application_page(
        request,
        application=application,
        subject=website.subject,
        website=website,
        action=action,
        form_kwargs=form_kwargs,
    )


# --- the phone -------------------------------------------------------------------------------
