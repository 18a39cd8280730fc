"""Console pages for instances: the list, the purchase form and one page per action.

Every change goes through ``instances.services``; a refusal (``DomainError``) is shown as an
error message on the page and changes nothing. Each action page is a GET (the form or a
confirmation) and a POST (do it), and returns to ``?next=`` when it is a local URL, so the
remedies on the ICP No. Application page come back there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from icpconsole.core import clock
from icpconsole.core.console import refusal_shown, visible_or_404
from icpconsole.core.views import paginate, safe_next

from . import rules, services
from .forms import BandwidthForm, PeriodForm, PurchaseForm, localized_name
from .models import ChargeType, Instance, InstanceStatus
from .rows import instance_rows
from .selectors import instance_get_visible, instances_named_for_profile, instances_visible_to


def decorate(instance: Instance, now, *, provider: str | None = None) -> Instance:
    """Attach what the console shows for a row: status at ``now`` and the profile's names in the
    active language (``provider``: the profile in force, when the caller read it already)."""
    instances_named_for_profile([instance], provider)
    instance.current_status = instance.status_at(now)
    instance.current_status_label = InstanceStatus(instance.current_status).label
    instance.region_label = localized_name(instance.region)
    instance.product_label = localized_name(instance.product)
    instance.is_prepaid = instance.charge_type == rules.PREPAID
    instance.actions = instance.available_actions(now)
    return instance


# --- the cost summary -------------------------------------------------------------------------
# A form that shows a cost carries ``review=1``; static/js/instances.js removes it, since with
# JavaScript the total on the form follows every change. Without JavaScript the total shown may
# be for other choices, so the order is first shown on a confirmation page, priced as submitted.
REVIEW_FIELD = "review"
EDIT_FIELD = "edit"


def _money_format() -> str:
    """How an amount reads in the active language, with ``{amount}`` for the number (for the JS)."""
    return gettext("RMB %(amount)s") % {"amount": "{amount}"}


def _months_value(value) -> int | None:
    try:
        months = int(value)
    except (TypeError, ValueError):
        return None
    return months if rules.MIN_PERIOD_MONTHS <= months <= rules.MAX_PERIOD_MONTHS else None


def _cost_context(price, *, charge_type: str, months) -> dict:
    return {
        "quote": rules.quote(price, charge_type=charge_type, months=_months_value(months)),
        "postpaid": charge_type == rules.POSTPAID,
        "money_format": _money_format(),
    }


def _step(request) -> str:
    """What a POST asks for: ``edit`` (back to the form), ``review`` (the confirmation) or ``do``."""
    if EDIT_FIELD in request.POST:
        return "edit"
    return "review" if request.POST.get(REVIEW_FIELD) == "1" else "do"


@login_required
def instance_list(request):
    now = clock.now()
    status = request.GET.get("status", "")
    if status not in InstanceStatus.values:
        status = ""
    qs = instances_visible_to(request.user)
    if status:
        qs = qs.with_status(status, now)
    # The tabs' counts also give the paginator its count (no COUNT of its own).
    counts = instances_visible_to(request.user).status_counts(now)
    total = sum(counts.values())
    page = paginate(request, qs, count=counts[status] if status else total)
    read_only = request.user.is_ram_user
    rows = instance_rows(request, page, now, read_only=read_only)
    tabs = [("", _("All"), total)] + [(s.value, s.label, counts[s.value]) for s in InstanceStatus]
    return render(
        request,
        "instances/list.html",
        {
            "page_obj": page,
            "rows": rows,
            "now": now,
            "status": status,
            "tabs": tabs,
            "read_only": read_only,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def instance_buy(request):
    form = PurchaseForm(request.POST if request.method == "POST" else None)
    prices = form.prices
    step = _step(request) if request.method == "POST" else "edit"
    if step != "edit" and form.is_valid():
        data = form.cleaned_data
        cost = _cost_context(
            prices[data["product"]], charge_type=data["charge_type"], months=data["period_months"]
        )
        if step == "review":
            return render(
                request,
                "instances/confirm_order.html",
                {
                    **cost,
                    "form": form,
                    "title": gettext("Confirm the purchase"),
                    "action_url": reverse("instances:buy"),
                    "button": gettext("Buy"),
                    "lines": [
                        (gettext("Product"), dict(form.fields["product"].choices)[data["product"]]),
                        (gettext("Region"), _region_label(form, data["region_id"])),
                        (gettext("Billing method"), ChargeType(data["charge_type"]).label),
                        (gettext("Public bandwidth (Mbps)"), data["internet_max_bandwidth_out"]),
                        (gettext("Instance name"), data["name"] or "-"),
                    ],
                    "next": safe_next(request, ""),
                    "read_only": request.user.is_ram_user,
                },
            )
        with refusal_shown(request, not_found_404=False) as outcome:
            instance = services.instance_purchase(actor=request.user, **form.service_kwargs())
        if outcome.ok:
            messages.success(
                request,
                gettext("Instance %(instance_id)s (%(name)s) purchased.")
                % {"instance_id": instance.instance_id, "name": instance.name},
            )
            return redirect(safe_next(request, reverse("instances:list")))
    return render(
        request,
        "instances/buy.html",
        {
            **_cost_context(
                prices.get(form["product"].value()) or prices.get("ecs") or Decimal("0"),
                charge_type=form["charge_type"].value(),
                months=form["period_months"].value(),
            ),
            "form": form,
            "next": safe_next(request, ""),
            "read_only": request.user.is_ram_user,
        },
    )


def _region_label(form: PurchaseForm, region_id: str) -> str:
    for _group, options in form.fields["region_id"].choices:
        for value, label in options:
            if value == region_id:
                return label
    return region_id


# --- one page per action ----------------------------------------------------------------------
def _expiry(instance: Instance) -> str:
    if instance.expired_time is None:
        return "-"
    return date_format(timezone.localtime(instance.expired_time), "Y-m-d H:i")


@dataclass(frozen=True)
class Action:
    title: Promise
    button: Promise
    service: Callable[..., Instance]
    done: Callable[[Instance], str]
    form_class: type[forms.Form] | None = None
    confirm: Promise | None = None  # the question a form-less action asks
    danger: bool = False


ACTIONS: dict[str, Action] = {
    "renew": Action(
        title=_("Renew instance"),
        button=_("Renew"),
        service=services.instance_renew,
        form_class=PeriodForm,
        done=lambda i: (
            gettext("Instance %(id)s renewed; it now expires at %(expiry)s.")
            % {"id": i.instance_id, "expiry": _expiry(i)}
        ),
    ),
    "convert": Action(
        title=_("Switch to subscription"),
        button=_("Switch to subscription"),
        service=services.instance_convert_to_prepaid,
        form_class=PeriodForm,
        done=lambda i: (
            gettext("Instance %(id)s is now billed by subscription; it expires at %(expiry)s.")
            % {"id": i.instance_id, "expiry": _expiry(i)}
        ),
    ),
    "bandwidth": Action(
        title=_("Change public bandwidth"),
        button=_("Change bandwidth"),
        service=services.instance_modify_bandwidth,
        form_class=BandwidthForm,
        done=lambda i: (
            gettext("Instance %(id)s now has %(mbps)s Mbps of public bandwidth (public IP: %(ip)s).")
            % {"id": i.instance_id, "mbps": i.internet_max_bandwidth_out, "ip": i.public_ip_address or "-"}
        ),
    ),
    "stop": Action(
        title=_("Stop instance"),
        button=_("Stop"),
        service=services.instance_stop,
        confirm=_("Stop this instance? A stopped instance cannot be used to apply for a service code."),
        done=lambda i: gettext("Instance %(id)s stopped.") % {"id": i.instance_id},
    ),
    "start": Action(
        title=_("Start instance"),
        button=_("Start"),
        service=services.instance_start,
        confirm=_("Start this instance?"),
        done=lambda i: gettext("Instance %(id)s started.") % {"id": i.instance_id},
    ),
    "release": Action(
        title=_("Release instance"),
        button=_("Release"),
        service=services.instance_release,
        danger=True,
        confirm=_(
            "Release this instance? It stops, loses its public IP and cannot be changed again. "
            "Its service codes stay on record and never free their quota."
        ),
        done=lambda i: gettext("Instance %(id)s released.") % {"id": i.instance_id},
    ),
}


def _confirm_order(request, instance: Instance, action: str, spec, form, months: int):
    """A renewal's or conversion's cost, to confirm before it is ordered."""
    return render(
        request,
        "instances/confirm_order.html",
        {
            **_cost_context(instance.product.monthly_price_rmb, charge_type=rules.PREPAID, months=months),
            "form": form,
            "title": spec.title,
            "action_url": reverse(f"instances:{action}", args=[instance.instance_id]),
            "button": spec.button,
            "instance": decorate(instance, clock.now()),
            "next": safe_next(request, ""),
            "read_only": request.user.is_ram_user,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def instance_action(request, instance_id: str, action: str):
    spec = ACTIONS[action]
    instance = visible_or_404(instance_get_visible, request.user, instance_id)
    data = request.POST if request.method == "POST" else None
    form = spec.form_class(data) if spec.form_class else None
    priced = action in (rules.RENEW, rules.CONVERT)
    step = _step(request) if request.method == "POST" else "edit"
    if step != "edit" and (form is None or form.is_valid()):
        values = form.cleaned_data if form is not None else {}
        if priced and step == "review":
            return _confirm_order(request, instance, action, spec, form, values["period_months"])
        with refusal_shown(request) as outcome:
            changed = spec.service(actor=request.user, instance_id=instance.instance_id, **values)
        if outcome.ok:
            messages.success(request, spec.done(changed))
            return redirect(safe_next(request, reverse("instances:list")))
    now = clock.now()
    refusal = services.action_refusal(instance, action, now)
    cost = {}
    if priced and form is not None:
        cost = _cost_context(
            instance.product.monthly_price_rmb,
            charge_type=rules.PREPAID,
            months=form["period_months"].value(),
        )
    return render(
        request,
        "instances/action.html",
        {
            **cost,
            "action": action,
            "spec": spec,
            "form": form,
            "refusal": refusal.text(**services.refusal_params(instance)) if refusal is not None else "",
            "instance": decorate(instance, now),
            "now": now,
            "next": safe_next(request, ""),
            "cancel_url": safe_next(request, reverse("instances:list")),
            "read_only": request.user.is_ram_user,
        },
    )
