"""Fault injection (SPEC 4.6): rules that make an RPC action or a REST route fail or slow down on
purpose, so that retry logic can be tested against the simulator as against the real cloud.

The rules are rows (:class:`simulator.models.FaultRule`), so every process and node applies the
same ones. Each request reads them through the shared cache (one ``get``, no query while the cache
holds them); every change to the rules drops that cache entry after its transaction commits.
Each injected fault is logged (``logger`` and an :class:`InjectedFault` row the admin lists).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import JsonResponse
from django.urls import get_resolver
from django.utils.translation import gettext as _

from icpconsole.core import faults as core_faults
from icpconsole.core import generators

from . import refusals
from .models import FaultRule, InjectedFault

logger = logging.getLogger("simulator.faults")

CACHE_KEY = "simulator:fault-rules:v1"
# Issue 27: a sleeping request holds a worker thread; ten seconds is enough to trip any client's
# timeout and short enough that a few rules cannot stall the server.
MAX_LATENCY_MS = 10_000

# Alibaba Cloud's own codes, statuses and messages for the faults an SDK is built to retry.
ALIBABA_ERRORS: dict[str, tuple[int, str]] = {
    "Throttling": (400, "Request was denied due to request throttling."),
    "Throttling.User": (400, "Request was denied due to user flow control."),
    "Throttling.Api": (400, "Request was denied due to api flow control."),
    "ServiceUnavailable": (503, "The request has failed due to a temporary failure of the server."),
    "InternalError": (
        500,
        "The request processing has failed due to some unknown error, exception or failure.",
    ),
}
# An HTTP status as the error: the Alibaba code the RPC facade answers with it.
RPC_CODE_FOR_STATUS = {429: "Throttling.User", 500: "InternalError", 503: "ServiceUnavailable"}
REST_CODE_FOR_STATUS = {429: "THROTTLED", 500: "INTERNAL_ERROR", 503: "SERVICE_UNAVAILABLE"}


@dataclass(frozen=True)
class Rule:
    id: int
    target: str
    error: str
    probability: float
    latency_ms: int
    counted: bool
    account: str = ""
    access_key_id: str = ""

    def applies_to(self, caller, access_key_id: str) -> bool:
        """A rule naming an account fires only for that account and its RAM users; one naming an
        AccessKey only for calls signed with it (issue 27)."""
        if self.access_key_id and self.access_key_id != access_key_id:
            return False
        if self.account:
            if caller is None or not getattr(caller, "is_authenticated", False):
                return False
            return self.account in {caller.username, caller.owner_account.username}
        return True


# --- targets and validation ---------------------------------------------------------------------
def rpc_actions() -> set[str]:
    from openapi import actions

    actions.load()
    return {name for (_version, name) in actions.REGISTRY}


def rest_routes() -> set[str]:
    """The names of the REST API's routes (``api-instance-list``, ``api-clock``, ...)."""
    return {
        name
        for name in get_resolver().reverse_dict
        if isinstance(name, str)
        and name.startswith("api-")
        and name not in ("api-not-found", "api-schema", "api-docs")
        and not name.startswith("api-simulator")  # the controls themselves never fail
    }


def known_targets() -> set[str]:
    return rpc_actions() | rest_routes()


RULE_FIELDS = frozenset(
    {"target", "error", "probability", "latency_ms", "times", "account", "access_key_id", "id", "remaining"}
)


def _refuse(field: str, message: str):
    raise refusals.INVALID_FAULT_RULE(problem=message, field=field)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def clean_rule(data: dict) -> dict:
    """A rule's fields checked (400 ``INVALID_FAULT_RULE`` naming the field otherwise)."""
    if not isinstance(data, dict):
        raise refusals.INVALID_FAULT_RULE(problem=_("A fault rule is an object."))
    unknown = sorted(set(data) - RULE_FIELDS)
    if unknown:
        _refuse(unknown[0], _("Unknown field %(name)s.") % {"name": unknown[0]})
    target = _clean_target(data.get("target"))
    error = _clean_error(data.get("error", ""))
    probability = data.get("probability", 1.0)
    if isinstance(probability, bool) or not isinstance(probability, int | float) or not 0 <= probability <= 1:
        _refuse("probability", _("probability is a number from 0 to 1."))
    latency = data.get("latency_ms", 0)
    if not _is_int(latency) or not 0 <= latency <= MAX_LATENCY_MS:
        _refuse("latency_ms", _("latency_ms is a whole number from 0 to %(max)s.") % {"max": MAX_LATENCY_MS})
    if not error and not latency:
        _refuse("error", _("A fault rule needs an error, a latency or both."))
    times = data.get("times")
    if times is not None and (not _is_int(times) or not 1 <= times <= 10**6):
        _refuse("times", _("times is a whole number from 1 to 1000000, or null for every call."))
    return {
        "target": target,
        "error": error,
        "probability": float(probability),
        "latency_ms": latency,
        "times": times,
        **_clean_callers(data, target=target),
    }


def _clean_target(target) -> str:
    if not isinstance(target, str) or target not in known_targets():
        _refuse(
            "target",
            _("%(target)s is neither an RPC action nor a REST route name of the simulator.")
            % {"target": str(target)[:100]},
        )
    return target


def _clean_error(error) -> str:
    if error is None:
        return ""
    if isinstance(error, bool) or not isinstance(error, str | int):
        _refuse("error", _("error is an Alibaba Cloud error code or an HTTP status."))
    error = str(error).strip()
    if error and error not in ALIBABA_ERRORS and not (error.isdigit() and 400 <= int(error) <= 599):
        _refuse(
            "error",
            _(
                "%(error)s is not an error the simulator injects: "
                "use %(codes)s or an HTTP status from 400 to 599."
            )
            % {"error": error[:64], "codes": ", ".join(ALIBABA_ERRORS)},
        )
    return error


def _clean_callers(data: dict, *, target: str) -> dict:
    """Whom the rule is for: an account (and its RAM users) or an AccessKey (RPC only)."""
    account = data.get("account") or ""
    if not isinstance(account, str) or len(account) > 150:
        _refuse("account", _("account is a username (at most 150 characters), or empty for every caller."))
    access_key_id = data.get("access_key_id") or ""
    if not isinstance(access_key_id, str) or len(access_key_id) > 64:
        _refuse("access_key_id", _("access_key_id is an AccessKey ID (at most 64 characters), or empty."))
    if access_key_id and target not in rpc_actions():
        _refuse(
            "access_key_id",
            _("Only RPC calls are signed with an AccessKey: name an account for a REST route."),
        )
    return {"account": account, "access_key_id": access_key_id}


def rule_as_dict(rule: FaultRule) -> dict:
    return {
        "id": rule.id,
        "target": rule.target,
        "error": rule.error,
        "probability": rule.probability,
        "latency_ms": rule.latency_ms,
        "times": rule.times,
        "remaining": rule.remaining,
        "account": rule.account,
        "access_key_id": rule.access_key_id,
    }


# --- writes -------------------------------------------------------------------------------------
def changed() -> None:
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    cache.delete(CACHE_KEY)


def fault_rules_replace(*, rules: list[dict]) -> list[FaultRule]:
    """Replace every fault rule by ``rules`` (each checked first: one bad rule changes nothing)."""
    if not isinstance(rules, list):
        raise refusals.INVALID_FAULT_RULE(problem=_("faults is a list of rules."), field="faults")
    cleaned = [clean_rule(rule) for rule in rules]
    with transaction.atomic():
        FaultRule.objects.all().delete()
        created = [FaultRule.objects.create(**rule, remaining=rule["times"]) for rule in cleaned]
        changed()
    return created


def fault_rule_add(
    *,
    target: str,
    error: str = "",
    probability: float = 1.0,
    latency_ms: int = 0,
    times: int | None = None,
    account: str = "",
    access_key_id: str = "",
) -> FaultRule:
    """Add a rule (each value checked as ``clean_rule`` checks a body: a request's body is read
    with ``clean_rule`` first, which refuses an unknown field)."""
    rule = clean_rule(
        {
            "target": target,
            "error": error,
            "probability": probability,
            "latency_ms": latency_ms,
            "times": times,
            "account": account,
            "access_key_id": access_key_id,
        }
    )
    with transaction.atomic():
        created = FaultRule.objects.create(**rule, remaining=rule["times"])
        changed()
    return created


def fault_rules_delete(*, ids: list[int]) -> None:
    with transaction.atomic():
        FaultRule.objects.filter(pk__in=ids).delete()
        changed()


def fault_rules_clear() -> None:
    with transaction.atomic():
        FaultRule.objects.all().delete()
        changed()


# --- reads and injection ------------------------------------------------------------------------
def active_rules() -> list[Rule]:
    rules = cache.get(CACHE_KEY)
    if rules is None:
        rules = [
            Rule(
                r.id,
                r.target,
                r.error,
                r.probability,
                r.latency_ms,
                r.times is not None,
                r.account,
                r.access_key_id,
            )
            for r in FaultRule.objects.exclude(remaining=0)
        ]
        cache.set(CACHE_KEY, rules, timeout=None)
    return rules


def _fault_for(rule: Rule, interface: str) -> core_faults.Fault | None:
    if not rule.error:
        return None
    if rule.error in ALIBABA_ERRORS:
        status, message = ALIBABA_ERRORS[rule.error]
        return core_faults.Fault(code=rule.error, status=status, message=message)
    status = int(rule.error)
    if interface == "rpc":
        code = RPC_CODE_FOR_STATUS.get(status, "InternalError" if status >= 500 else "Throttling.User")
        message = ALIBABA_ERRORS[code][1]
    else:
        code = REST_CODE_FOR_STATUS.get(status, "FAULT_INJECTED")
        message = _("A fault injected by the simulator (HTTP %(status)s).") % {"status": status}
    return core_faults.Fault(code=code, status=status, message=message)


def inject(target: str, interface: str, *, caller=None, access_key_id: str = "") -> core_faults.Fault | None:
    """Apply the first rule for ``target`` that fires for this caller: sleep its latency, log it,
    and return its error (or ``None`` when it only delays, or when no rule fires)."""
    rules = [
        rule for rule in active_rules() if rule.target == target and rule.applies_to(caller, access_key_id)
    ]
    if not rules:
        return None
    source = generators.rng("fault")
    for rule in rules:
        if rule.probability < 1 and source.random() >= rule.probability:
            continue
        if rule.counted:
            used = FaultRule.objects.filter(pk=rule.id, remaining__gt=0).update(remaining=F("remaining") - 1)
            if not used:
                cache.delete(CACHE_KEY)
                continue
            if FaultRule.objects.filter(pk=rule.id, remaining=0).exists():
                cache.delete(CACHE_KEY)
        fault = _fault_for(rule, interface)
        if rule.latency_ms:
            time.sleep(rule.latency_ms / 1000)
        InjectedFault.objects.create(
            rule_id=rule.id,
            target=target,
            interface=interface,
            error=fault.code if fault else "",
            status=fault.status if fault else None,
            latency_ms=rule.latency_ms,
        )
        logger.warning(
            "Injected fault on %s %s: %s (%s ms)",
            interface,
            target,
            fault.code if fault else "latency only",
            rule.latency_ms,
        )
        return fault
    return None


def register() -> None:
    core_faults.register(inject)


class FaultInjectionMiddleware:
    """Apply the fault rules to REST routes: the response is the API's JSON error.

    Issue 27: a rule applies after authentication. The view's own authenticators and permission
    checks run first (only when a rule names this route, so a request costs nothing extra
    otherwise); a request the view would refuse (401, 403) is left to the view and never uses up,
    or sleeps on, a rule. A rule naming an account fires only for that caller."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        name = match.url_name if match else None
        if not request.path_info.startswith("/api/v1/") or not name or name.startswith("api-simulator"):
            return None
        if not any(rule.target == name for rule in active_rules()):
            return None
        caller = _authenticated_caller(request, view_func, view_args, view_kwargs)
        if caller is False:
            return None
        fault = core_faults.inject(name, interface="rest", caller=caller)
        if fault is None:
            return None
        return JsonResponse({"code": fault.code, "message": fault.message}, status=fault.status)


def _authenticated_caller(request, view_func, args, kwargs):
    """The caller as the DRF view will see it (``None`` when anonymous is allowed), or ``False``
    when the view would refuse the request before doing anything."""
    from rest_framework import exceptions

    cls = getattr(view_func, "cls", None)
    if cls is None:
        return False
    view = cls(**getattr(view_func, "initkwargs", {}) or {})
    view.args, view.kwargs, view.headers = args, kwargs, {}
    view.action_map = getattr(view_func, "actions", None)
    if view.action_map:
        handler = view.action_map.get(request.method.lower())
        view.action = handler
    drf_request = view.initialize_request(request, *args, **kwargs)
    view.request = drf_request
    view.format_kwarg = None
    try:
        view.perform_authentication(drf_request)
        view.check_permissions(drf_request)
    except exceptions.APIException:
        return False
    user = drf_request.user
    return user if getattr(user, "is_authenticated", False) else None
