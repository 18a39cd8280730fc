"""The order list and an order's page: its timeline and the actions ``filings.rules`` allows."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from icpconsole.core import clock
from icpconsole.core.console import refusal_shown, visible_or_404
from icpconsole.core.errors import DomainError, InvalidInput
from icpconsole.core.views import paginate

from .. import console_selectors, forms, refusals, rules, services
from ..models import FilingOrder, OrderType, Stage, VerificationStatus
from ..selectors import order_get_visible
from ..services.code_authorization import authorization_pending
from ..services.loop import expiry_outlook
from ..sms_forms import LeaderSmsCodesForm
from ._common import error_html, order_link, province_label, remedies


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
    return visible_or_404(order_get_visible, user, order_id)


def _order_actions(user, order: FilingOrder) -> rules.OrderActions:
    viewer = rules.Viewer(
        own=order.account_id == user.owner_account.pk, is_ram_user=user.is_ram_user, is_staff=user.is_staff
    )
    return rules.order_actions(rules.OrderFacts(status=order.status, sms_failures=order.sms_failures), viewer)


def _sms_form(order: FilingOrder, data=None):
    """One code box, or one per leader when two leaders each await a code (SPEC 3.12)."""
    if order.sms_codes:
        return LeaderSmsCodesForm(data, order=order)
    return forms.SmsCodeForm(data)


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
            "materials": _materials(request, order, actions),
            "order": order,
            "events": events,
            "timeline": console_selectors.order_timeline(order, events),
            "expiry": expiry_outlook(order, now=clock.now()),
            "actions": actions,
            "sms_form": sms_form or _sms_form(order),
            # SPEC 3.14 (Huawei): another account's code waits for its owner's authorization.
            "code_auth_pending": actions.submit and authorization_pending(order),
            "code_auth_form": forms.SmsCodeForm(),
            "admin_url": reverse("admin:filings_filingorder_change", args=[order.pk])
            if request.user.is_staff
            else "",
            "province_label": province_label(order.subject.province),
            "read_only": request.user.is_ram_user,
        },
        status=status,
    )


def _materials(request, order: FilingOrder, actions) -> dict | None:
    """A new website's materials on its order page (SPEC 3.9): leaders, category, documents with
    previews, and, while it is a draft, every reason it cannot be submitted yet with its remedy."""
    from .. import precheck
    from ..selectors import filing_facts

    if order.type == OrderType.CHANGE:
        return _change_materials(order, actions)
    if not rules.carries_materials(order.type):
        return None
    facts = filing_facts(order, now=clock.now())
    needed = precheck.required_documents(facts, new_subject=order.creates_subject)
    reasons = []
    if order.status in (Stage.DRAFT, Stage.RETURNED):
        reasons = precheck.precheck(facts) + precheck.missing(facts, new_subject=order.creates_subject)
    rows = _document_rows(order, needed)
    return {
        "subject_leader": order.subject_leader or order.subject.leader or None,
        "website_leader": order.website_leader or None,
        "same_leader": order.website_leader_is_subject_leader,
        "category": precheck.content_category_label(order.content_category, is_app=order.is_app),
        "pre_approval_number": order.pre_approval_number,
        "documents": rows,
        "can_upload": actions.submit,
        "verification": {
            "status": order.verification_status,
            "label": order.get_verification_status_display(),
            "passed": order.verification_status == VerificationStatus.PASSED,
            "can_send": actions.submit and order.verification_status != VerificationStatus.PASSED,
            "link_expires_time": order.verification_link_expires_time,
        },
        "check_reasons": remedies(reasons, subject_name=order.subject.name, next_url=order_link(order)),
    }


def _document_rows(order: FilingOrder, needed) -> list[dict]:
    from .. import precheck

    documents = {document.kind: document for document in order.documents.all()}
    return [
        {
            "kind": kind,
            "label": label,
            "needed": kind in needed,
            "document": documents.get(kind),
            "url": reverse("filings:document", args=[order.pk, kind]) if kind in documents else "",
            "uploadable": kind in precheck.UPLOAD_KINDS,
        }
        for kind, label in precheck.DOCUMENT_KINDS.items()
        if kind in needed or kind in documents
    ]


def _change_materials(order: FilingOrder, actions) -> dict:
    """A change order's page (SPEC 3.13): the documents it needs (a new name's proof, a new
    leader's ID card), the verification when the leader is another person, and while it is the
    applicant's every reason it cannot be submitted yet, with its remedy."""
    from .. import change_rules, precheck
    from ..selectors import change_facts

    facts = change_facts(order, now=clock.now())
    reasons = []
    if order.status in (Stage.DRAFT, Stage.RETURNED):
        reasons = change_rules.change_reasons(facts) + change_rules.change_missing(facts)
    category = order.changes.get("content_category", "")
    verify = change_rules.leader_identity_changed(facts)
    return {
        "subject_leader": order.subject_leader or order.subject.leader or None,
        "website_leader": order.website_leader or None,
        "same_leader": False,
        "category": precheck.content_category_label(category, is_app=order.is_app) if category else "",
        "pre_approval_number": order.changes.get("pre_approval_number", ""),
        "documents": _document_rows(order, change_rules.required_documents(facts)),
        "can_upload": actions.submit,
        "verification": {
            "status": order.verification_status,
            "label": order.get_verification_status_display(),
            "passed": order.verification_status == VerificationStatus.PASSED,
            "can_send": actions.submit and order.verification_status != VerificationStatus.PASSED,
            "link_expires_time": order.verification_link_expires_time,
        }
        if verify
        else None,
        "check_reasons": remedies(reasons, subject_name=order.subject.name, next_url=order_link(order)),
    }


@login_required
@require_POST
def order_document_upload(request, order_id: int):
    """Upload one document (SPEC 3.9): judged by its content; a refusal says why, nothing kept."""
    order = _order_or_404(request.user, order_id)
    if order.account_id != request.user.owner_account.pk:
        raise Http404(gettext("No such document."))  # staff see every order, but write to none
    upload = request.FILES.get("file")
    kind = request.POST.get("kind", "")
    with refusal_shown(request) as outcome:
        if upload is None:
            raise refusals.DOCUMENT_INVALID(field="file", why=refusals.not_image_text())
        services.filing_document_upload(actor=request.user, order_id=order.pk, kind=kind, file=upload)
    if outcome.ok:
        messages.success(request, gettext("The document was uploaded."))
    return redirect(order_link(order) + f"#document-{kind}")


@login_required
@require_GET
def order_document(request, order_id: int, kind: str):
    """The document's image, to its account and to staff (never a public URL)."""
    order = _order_or_404(request.user, order_id)
    document = order.documents.filter(kind=kind).first()
    if document is None:
        raise Http404(gettext("No such document."))
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


@login_required
@require_GET
def order_detail(request, order_id: int):
    return _order_page(request, _order_or_404(request.user, order_id))


def _order_action(
    request, order_id: int, action: Callable[..., FilingOrder], done: Callable[[FilingOrder], str], **kwargs
):
    order = _order_or_404(request.user, order_id)
    with refusal_shown(request, message=error_html) as outcome:
        changed = action(actor=request.user, order_id=order.pk, **kwargs)
    if outcome.ok:
        messages.success(request, done(changed))
    return redirect(order_link(order))


@login_required
@require_POST
def order_submit(request, order_id: int):
    def done(order):
        if order.round > 1:
            return gettext("Filing order %(id)s was resubmitted for initial review (round %(round)s).") % {
                "id": order.pk,
                "round": order.round,
            }
        return gettext("Filing order %(id)s was submitted for initial review.") % {"id": order.pk}

    return _order_action(request, order_id, services.filing_submit, done)


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
    form = _sms_form(order, request.POST)
    if not form.is_valid():
        return _order_page(request, order, sms_form=form)
    entered = form.cleaned_data
    with refusal_shown(request, message=lambda exc: _sms_refusal_text(order, exc)) as outcome:
        services.filing_verify_sms(
            actor=request.user, order_id=order.pk, code=entered.get("code"), codes=entered.get("codes")
        )
    if outcome.ok:
        messages.success(request, _verified_text(order))
    return redirect(order_link(order))


def _sms_refusal_text(order: FilingOrder, exc: DomainError) -> str:
    """A wrong code says how many attempts are left, or that the order went back for correction."""
    if not (isinstance(exc, InvalidInput) and exc.code == refusals.SMS_CODE_INVALID.code):
        return exc.message
    order.refresh_from_db(fields=["status"])
    if order.status != Stage.RETURNED:  # the order says so; the page does not guess
        return gettext("%(message)s Attempts left: %(left)s.") % {
            "message": exc.message,
            "left": exc.extra.get("attempts_left"),
        }
    return gettext("%(message)s The order was returned for correction after too many wrong codes.") % {
        "message": exc.message
    }


def _verified_text(order: FilingOrder) -> str:
    order.refresh_from_db(fields=["status", "sms_codes"])
    if order.status == Stage.PENDING_SMS:
        return gettext("The code is verified. The other leader's code is still awaited.")
    return gettext("The SMS code is verified: order %(id)s went to the administration bureau's review.") % {
        "id": order.pk
    }


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
