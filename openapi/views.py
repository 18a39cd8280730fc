"""The RPC endpoint at ``/`` and the console's AccessKey management page (SPEC 4.5).

``root`` dispatches: a request carrying ``Action`` (query or form) or an ``x-acs-action`` header is
an Alibaba Cloud RPC call; anything else (a browser opening ``/``) goes to the console.
"""

from __future__ import annotations

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse, UnreadablePostError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from icpconsole.core import faults
from icpconsole.core.console import refusal_shown, visible_or_404
from icpconsole.core.errors import DomainError

from . import actions, services
from .errors import (
    FORBIDDEN_RAM,
    REQUEST_INCOMPLETE,
    REQUEST_TOO_LARGE,
    RpcError,
    from_domain_error,
    rpc_error,
)
from .gateway import authenticate, looks_like_rpc, looks_like_rpc_by_head, rpc_request_from
from .selectors import access_key_get_own, access_keys_of

logger = logging.getLogger(__name__)

CONSOLE_URL = "/console/"
# Parameters of one call, query and form together; more are refused with 413 RequestEntityTooLarge
# (docs/alibaba-sdk.md), as Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS form fields.
MAX_PARAMETERS = 1000


# --- the RPC endpoint ---------------------------------------------------------------------------
def _request_id() -> str:
    return str(uuid.uuid4()).upper()


def _json(data: dict, *, status: int, request_id: str) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/json;charset=utf-8"
    response["x-acs-request-id"] = request_id
    return response


def error_response(
    error: RpcError, *, request: HttpRequest, request_id: str, product: str = ""
) -> JsonResponse:
    """Alibaba Cloud's error envelope."""
    recommend = f"https://api.aliyun.com/troubleshoot?q={error.code}&product={product}&requestId={request_id}"
    body = {
        "RequestId": request_id,
        "HostId": request.get_host(),
        "Code": error.code,
        "Message": error.message,
        "Recommend": recommend,
    }
    return _json(body, status=error.status, request_id=request_id)


def rpc(request: HttpRequest) -> JsonResponse:
    request_id = _request_id()
    product = ""
    req = rpc_request_from(request)
    try:
        if len(req.query) + len(req.form) > MAX_PARAMETERS:
            raise rpc_error(REQUEST_TOO_LARGE, f"(at most {MAX_PARAMETERS} parameters)")
        call = authenticate(req)
        spec = call.spec
        product = spec.product.name
        # The sandbox's fault rules (SPEC 4.6): an injected error in Alibaba's own envelope.
        fault = faults.inject(
            spec.name, interface="rpc", caller=call.key.owner, access_key_id=call.key.access_key_id
        )
        if fault is not None:
            raise RpcError(fault.code, fault.message, fault.status)
        caller = call.key.owner
        services.access_key_record_use(
            key=call.key,
            action=spec.name,
            version=spec.product.version,
            signature_version=call.signature_version,
            source_ip=req.source_ip,
        )
        if spec.write and caller.is_ram_user:
            raise rpc_error(
                FORBIDDEN_RAM,
                f"(a RAM user's AccessKey can call read-only actions; {spec.name} changes resources)",
            )
        try:
            body = spec.func(
                actions.Call(
                    caller=caller,
                    params=actions.Params(call.params),
                    request_id=request_id,
                    host=request.get_host(),
                )
            )
        except DomainError as exc:
            raise from_domain_error(
                exc, codes=spec.product.error_codes, not_eligible=spec.product.not_eligible
            ) from exc
    except RpcError as error:
        return error_response(error, request=request, request_id=request_id, product=product)
    except Exception:
        logger.exception("RPC call failed (RequestId %s)", request_id)
        error = RpcError("InternalError", "The request processing has failed due to some unknown error.", 500)
        return error_response(error, request=request, request_id=request_id, product=product)
    return _json(body, status=200, request_id=request_id)


def rpc_refusal(request: HttpRequest, error: DomainError) -> JsonResponse | None:
    """A refusal made before the RPC endpoint ran (a body over its limit: core's
    ``BodyLimitMiddleware``), in Alibaba's envelope; registered with ``icpconsole.core.faces``."""
    if request.path_info != "/" or not looks_like_rpc_by_head(request):
        return None
    return error_response(from_domain_error(error), request=request, request_id=_request_id())


@csrf_exempt  # signed API calls carry no cookie or CSRF token; a plain visit only gets a redirect
def root(request: HttpRequest):
    # Reading the body (to find the Action of a form POST, or to check a signature) fails when it
    # is over Django's size limit or the client went away: answered here in Alibaba's envelope.
    try:
        if looks_like_rpc(request):
            return rpc(request)
    except (RequestDataTooBig, TooManyFieldsSent):
        error = rpc_error(REQUEST_TOO_LARGE)
    except UnreadablePostError as exc:
        # The client's fault, and it is gone: a warning, never a server error with a traceback.
        logger.warning("Client error: the RPC request body could not be read (%s)", exc)
        error = rpc_error(REQUEST_INCOMPLETE)
    else:
        return HttpResponseRedirect(CONSOLE_URL)
    return error_response(error, request=request, request_id=_request_id())


# --- console: AccessKey management ------------------------------------------------------------
_NEW_SECRET_KEY = "openapi.new_access_key"  # noqa: S105 (a session key's name, not a secret)


def _page(request: HttpRequest, *, new_key=None, new_secret: str = "", status: int = 200):
    keys = list(access_keys_of(request.user))
    context = {
        "keys": keys,
        "new_key": new_key,
        "new_secret": new_secret,
        "max_keys": services.MAX_ACCESS_KEYS_PER_LOGIN,
        "can_create": len(keys) < services.MAX_ACCESS_KEYS_PER_LOGIN,
    }
    response = render(request, "openapi/access_keys.html", context, status=status)
    if new_secret:
        # The secret is on this page only: keep it out of every cache and the browser's history.
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def access_keys(request: HttpRequest):
    """GET lists the login's AccessKey pairs; POST creates one and shows its secret, once."""
    if request.method == "POST":
        with refusal_shown(request) as outcome:
            key, secret = services.access_key_create(actor=request.user)
        if not outcome.ok:
            return redirect("openapi:access_keys")
        # Post/redirect/get: a reload of the page that shows the secret must not create another
        # pair. The secret waits in the (server-side) session for the one GET that shows it.
        request.session[_NEW_SECRET_KEY] = {"id": key.access_key_id, "secret": secret}
        return redirect("openapi:access_keys")
    pending = request.session.pop(_NEW_SECRET_KEY, None)
    if pending:
        new_key = next((k for k in access_keys_of(request.user) if k.access_key_id == pending["id"]), None)
        if new_key is not None:
            return _page(request, new_key=new_key, new_secret=pending["secret"])
    return _page(request)


def _status_change(request: HttpRequest, access_key_id: str, service, done: str):
    # Another login's key (or none): a 404 like every other object that isn't yours.
    with refusal_shown(request) as outcome:
        service(actor=request.user, access_key_id=access_key_id)
    if outcome.ok:
        messages.success(request, done % {"id": access_key_id})
    return redirect("openapi:access_keys")


@login_required
@require_POST
def access_key_disable(request: HttpRequest, access_key_id: str):
    return _status_change(
        request, access_key_id, services.access_key_disable, _("AccessKey %(id)s is disabled.")
    )


@login_required
@require_POST
def access_key_enable(request: HttpRequest, access_key_id: str):
    return _status_change(
        request, access_key_id, services.access_key_enable, _("AccessKey %(id)s is enabled.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def access_key_delete(request: HttpRequest, access_key_id: str):
    """GET asks for confirmation (the page the confirm dialog replaces); POST deletes."""
    if request.method == "POST":
        return _status_change(
            request, access_key_id, services.access_key_delete, _("AccessKey %(id)s is deleted.")
        )
    key = visible_or_404(access_key_get_own, request.user, access_key_id)
    return render(request, "openapi/access_key_delete.html", {"key": key})
