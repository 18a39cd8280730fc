"""Console pages for ICP filing (SPEC 3.7, 4.1; seed 004): the filing wizard, the transfer-in and
claim forms, the order list and detail with its stage timeline and actions, the subject and its
websites with their change and cancel applications, the simulated phone, and the public ICP
record query.

Every change goes through ``filings.services``; a refusal (``DomainError``) becomes an error
message on the page and changes nothing. The wizard keeps its state in the session and creates
nothing until its last step is confirmed: then the order is created (``draft``) and submitted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from icpconsole.core import clock
from icpconsole.core.errors import DomainError, InvalidInput, NotEligible, NotFound
from icpconsole.core.views import paginate
from instances.views import decorate

from . import console_selectors, forms, rules, services
from .domains import normalize_domain
from .models import FilingOrder, OrderType, Stage, SubjectKind
from .provinces import PROVINCES
from .selectors import messages_for, order_get_visible, registry_query, subject_of_account

WIZARD_SESSION_KEY = "filings.wizard"
WIZARD_STEPS = (
    ("filings:new", _("Domain")),
    ("filings:new_product", _("Product verification")),
    ("filings:new_details", _("Subject and website")),
    ("filings:new_confirm", _("Confirm")),
)


# --- helpers ---------------------------------------------------------------------------------


def _error_html(exc: DomainError):
    """A refusal as a message; an eligibility refusal lists each reason (SPEC 3.5)."""
    if isinstance(exc, NotEligible):
        return format_html(
            '{} <ul class="msg-reasons">{}</ul>',
            exc.message,
            format_html_join(
                "", '<li data-reason-code="{}">{}</li>', ((r.code, r.message) for r in exc.reasons)
            ),
        )
    return exc.message


def _order_link(order: FilingOrder) -> str:
    return reverse("filings:detail", args=[order.pk])


def _create_and_submit(request, create: Callable[[], FilingOrder]) -> FilingOrder | None:
    """Create an order through ``create`` and submit it for initial review. A refused creation
    is shown as an error and returns ``None`` (nothing was created); a refused submission leaves
    the order in draft, where its page offers to submit it."""
    try:
        order = create()
    except DomainError as exc:
        messages.error(request, _error_html(exc))
        return None
    try:
        services.filing_submit(actor=request.user, order_id=order.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
        messages.info(request, gettext("Filing order %(id)s was created in draft.") % {"id": order.pk})
    else:
        messages.success(
            request,
            gettext("Filing order %(id)s (%(type)s) was submitted for initial review.")
            % {"id": order.pk, "type": order.get_type_display()},
        )
    return order


def _province_label(pinyin: str) -> str:
    province = PROVINCES.get(pinyin)
    if province is None:
        return pinyin
    return province.name_zh if (get_language() or "").startswith("zh") else province.name


def _filing_instances(user, now) -> list:
    instances = console_selectors.instances_for_filing(user, now=now)
    for instance in instances:
        decorate(instance, now)
    return instances


# --- the wizard ------------------------------------------------------------------------------


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
            if detection.continues_in_wizard:
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
    instances = _filing_instances(request.user, now)
    if request.method == "POST":
        form = forms.ProductForm(request.POST, instances=instances)
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
        subject["province_label"] = _province_label(subject["province"])
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

        order = _create_and_submit(request, create)
        if order is None:
            return redirect("filings:new_confirm")
        request.session.pop(WIZARD_SESSION_KEY, None)
        return redirect(_order_link(order))
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


@login_required
@require_http_methods(["GET", "POST"])
def transfer_in(request):
    """A filing made with another provider comes here (its number and filing password)."""
    now = clock.now()
    instances = _filing_instances(request.user, now)
    if request.method == "POST":
        form = forms.TransferInForm(request.POST, instances=instances)
        if form.is_valid():
            data = form.cleaned_data
            order = _create_and_submit(
                request,
                lambda: services.filing_create_transfer_in(
                    actor=request.user,
                    icp_number=data["icp_number"],
                    icp_password=data["icp_password"],
                    website={"domain": data["domain"], **form.website_proof()},
                ),
            )
            if order is not None:
                return redirect(_order_link(order))
    else:
        form = forms.TransferInForm(
            initial={"domain": request.GET.get("domain", ""), "method": forms.METHOD_INSTANCE},
            instances=instances,
        )
    return render(
        request,
        "filings/transfer_in.html",
        {"form": form, "instances": instances, "now": now, "read_only": request.user.is_ram_user},
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim(request):
    """A HiChina filing from before June 2010 is claimed with the subject's certificate number."""
    if request.method == "POST":
        form = forms.ClaimForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            order = _create_and_submit(
                request,
                lambda: services.filing_create_claim(
                    actor=request.user,
                    certificate_number=data["certificate_number"],
                    domain=data["domain"],
                    icp_number=data["icp_number"],
                ),
            )
            if order is not None:
                return redirect(_order_link(order))
    else:
        form = forms.ClaimForm(initial={"domain": request.GET.get("domain", "")})
    return render(request, "filings/claim.html", {"form": form, "read_only": request.user.is_ram_user})


# --- orders ----------------------------------------------------------------------------------


@login_required
@require_GET
def order_list(request):
    status = request.GET.get("status", "")
    if status not in Stage.values:
        status = ""
    page = paginate(request, console_selectors.order_list_for(request.user, status=status or None))
    counts = console_selectors.order_status_counts(request.user)
    tabs = [("", gettext("All"), sum(counts.values()))] + [(s.value, s.label, counts[s.value]) for s in Stage]
    return render(request, "filings/order_list.html", {"page_obj": page, "status": status, "tabs": tabs})


def _stage_label(value: str) -> str:
    return Stage(value).label if value in Stage.values else value


def _order_or_404(user, order_id) -> FilingOrder:
    try:
        return order_get_visible(user, order_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _order_actions(user, order: FilingOrder) -> rules.OrderActions:
    viewer = rules.Viewer(
        own=order.account_id == user.owner_account.pk, is_ram_user=user.is_ram_user, is_staff=user.is_staff
    )
    return rules.order_actions(rules.OrderFacts(status=order.status, sms_failures=order.sms_failures), viewer)


def _order_page(request, order: FilingOrder, *, sms_form=None, status: int = 200):
    events = list(order.events.all())
    for event in events:
        event.from_label = _stage_label(event.from_status)
        event.to_label = _stage_label(event.to_status)
    actions = _order_actions(request.user, order)
    return render(
        request,
        "filings/order_detail.html",
        {
            "order": order,
            "events": events,
            "timeline": console_selectors.order_timeline(order, events),
            "actions": actions,
            "sms_form": sms_form or forms.SmsCodeForm(),
            "admin_url": reverse("admin:filings_filingorder_change", args=[order.pk])
            if request.user.is_staff
            else "",
            "province_label": _province_label(order.subject.province),
            "read_only": request.user.is_ram_user,
        },
        status=status,
    )


@login_required
@require_GET
def order_detail(request, order_id: int):
    return _order_page(request, _order_or_404(request.user, order_id))


def _order_action(
    request, order_id: int, action: Callable[..., FilingOrder], done: Callable[[FilingOrder], str], **kwargs
):
    order = _order_or_404(request.user, order_id)
    try:
        changed = action(actor=request.user, order_id=order.pk, **kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done(changed))
    return redirect(_order_link(order))


@login_required
@require_POST
def order_submit(request, order_id: int):
    return _order_action(
        request,
        order_id,
        services.filing_submit,
        lambda o: gettext("Filing order %(id)s was submitted for initial review.") % {"id": o.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def order_abandon(request, order_id: int):
    """GET: the confirmation page (the no-JavaScript path of the dialog). POST: abandon."""
    if request.method == "POST":
        return _order_action(
            request,
            order_id,
            services.filing_abandon,
            lambda o: (
                gettext("Filing order %(id)s was abandoned; its service code can be used again.")
                % {"id": o.pk}
            ),
        )
    order = _order_or_404(request.user, order_id)
    return render(
        request,
        "filings/abandon_confirm.html",
        {"order": order, "can_abandon": _order_actions(request.user, order).abandon},
    )


@login_required
@require_POST
def order_verify_sms(request, order_id: int):
    order = _order_or_404(request.user, order_id)
    form = forms.SmsCodeForm(request.POST)
    if not form.is_valid():
        return _order_page(request, order, sms_form=form)
    try:
        services.filing_verify_sms(actor=request.user, order_id=order.pk, code=form.cleaned_data["code"])
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except InvalidInput as exc:
        left = exc.extra.get("attempts_left")
        if exc.code == "SMS_CODE_INVALID" and left:
            messages.error(
                request,
                gettext("%(message)s Attempts left: %(left)s.") % {"message": exc.message, "left": left},
            )
        elif exc.code == "SMS_CODE_INVALID":
            messages.error(
                request,
                gettext("%(message)s The order was rejected after too many wrong codes.")
                % {"message": exc.message},
            )
        else:
            messages.error(request, exc.message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            gettext("The SMS code is verified: order %(id)s went to the administration bureau's review.")
            % {"id": order.pk},
        )
    return redirect(_order_link(order))


@login_required
@require_POST
def order_resend_sms(request, order_id: int):
    return _order_action(
        request,
        order_id,
        services.filing_resend_sms,
        lambda o: gettext("A new SMS code was sent to the phone; it is valid for 24 hours."),
    )


# --- subject and websites --------------------------------------------------------------------


@login_required
@require_GET
def subjects(request):
    subject = subject_of_account(request.user)
    websites = list(console_selectors.subject_websites(subject)) if subject else []
    open_order = console_selectors.open_order_of(subject)
    past = list(console_selectors.past_subjects_of(request.user)[:10])
    actions = rules.subject_actions(
        subject_status=subject.status if subject else None,
        has_open_order=open_order is not None,
        is_ram_user=request.user.is_ram_user,
    )
    for website in websites:
        website.actions = rules.website_actions(actions, website.status)
    return render(
        request,
        "filings/subjects.html",
        {
            "subject": subject,
            "province_label": _province_label(subject.province) if subject else "",
            "websites": websites,
            "open_order": open_order,
            "past_subjects": past,
            "can_apply": actions.apply,
            "read_only": request.user.is_ram_user,
        },
    )


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
        _("Apply to change the subject's name. The change takes effect when the application is approved."),
        _("I confirm the new information is true."),
        _("Submit the change"),
        forms.SubjectChangeForm,
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
        _("Apply to change the website's name or its e-commerce flag (which needs a commercial license)."),
        _("I confirm the new information is true."),
        _("Submit the change"),
        forms.WebsiteChangeForm,
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


def _application_page(request, *, application: Application, subject, website, action: str, form_kwargs: dict):
    open_order = console_selectors.open_order_of(subject)
    form_class = application.form_class
    data = request.POST if request.method == "POST" else None
    form = form_class(data, confirm_label=application.confirm_label, **form_kwargs)
    if data is not None and open_order is None and form.is_valid():
        target = {"website_id": website.pk} if website else {"subject_id": subject.pk}
        order = _create_and_submit(
            request,
            lambda: services.filing_create(
                actor=request.user, type=application.order_type, **{**target, **form.service_kwargs()}
            ),
        )
        if order is not None:
            return redirect(_order_link(order))
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
    form_kwargs = {"subject": subject} if application.form_class is forms.SubjectChangeForm else {}
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
    application = WEBSITE_APPLICATIONS.get(action)
    website = console_selectors.own_website(request.user, website_id)
    if application is None or website is None:
        raise Http404(gettext("Website %(id)s does not exist.") % {"id": website_id})
    form_kwargs = {"website": website} if application.form_class is forms.WebsiteChangeForm else {}
    return _application_page(
        request,
        application=application,
        subject=website.subject,
        website=website,
        action=action,
        form_kwargs=form_kwargs,
    )


# --- the phone -------------------------------------------------------------------------------


@login_required
@require_GET
def inbox(request):
    page = paginate(request, messages_for(request.user))
    return render(request, "filings/inbox.html", {"page_obj": page})


# --- the public ICP record query (no login) --------------------------------------------------


@require_GET
def icp_record_query(request):
    """The MIIT registry's public query, from the selector ``GET /api/v1/icp-records/`` uses."""
    records, queried = None, ""
    if "domain" in request.GET:
        form = forms.RecordQueryForm(request.GET)
        if form.is_valid():
            try:
                queried = normalize_domain(form.cleaned_data["domain"])
                records = list(registry_query(queried))
            except InvalidInput as exc:
                form.add_error("domain", exc.message)
    else:
        form = forms.RecordQueryForm()
    return render(
        request,
        "filings/icp_records.html",
        {
            "form": form,
            "records": records,
            "queried_domain": queried,
            "base_template": "base.html" if request.user.is_authenticated else "filings/public_base.html",
        },
    )
