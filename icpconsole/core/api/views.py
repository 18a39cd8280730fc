"""API of the simulated clock and the operation log (SPEC 3.8, 4.2)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from icpconsole.core import clock
from icpconsole.core.api.parsers import JSONParser
from icpconsole.core.models import AuditEvent

from .params import query_text
from .permissions import CanDriveSandboxForWrites
from .serializers import (
    AuditEventSerializer,
    ClockAdvanceSerializer,
    ClockSerializer,
    error_responses,
    list_error_responses,
)


def _clock_state() -> dict:
    offset = clock.offset_seconds()
    return {"now": clock.now(), "offset_seconds": offset}


class ClockView(APIView):
    """Read the simulated clock (anyone logged in); move it forward (who may drive the sandbox)."""

    permission_classes = [CanDriveSandboxForWrites]
    parser_classes = [JSONParser]

    @extend_schema(
        responses={200: ClockSerializer, **error_responses(401)},
    )
    def get(self, request):
        return Response(ClockSerializer(_clock_state()).data)

    @extend_schema(
        request=ClockAdvanceSerializer,
        responses={
            200: ClockSerializer,
            **error_responses(
                400,
                401,
                403,
                e400=(
                    "`advance_days` is not a whole number from 1 to 3650 (or `advance_hours` from 0 "
                    "to 87600), or neither is given."
                ),
            ),
        },
    )
    def post(self, request):
        serializer = ClockAdvanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        clock.clock_advance(actor=request.user, days=data["advance_days"], hours=data["advance_hours"])
        return Response(ClockSerializer(_clock_state()).data)


@extend_schema(
    parameters=[
        OpenApiParameter("action", str, description="Only events of this action, e.g. `instance.renew`.")
    ],
    responses={
        200: AuditEventSerializer(many=True),
        **list_error_responses(401, e400="`VALIDATION_ERROR`: a NUL character in `action`."),
    },
)
class AuditEventListView(generics.ListAPIView):
    """The operation log of the caller's account, newest first; staff see every account's."""

    serializer_class = AuditEventSerializer

    def get_queryset(self) -> QuerySet[AuditEvent]:
        if getattr(self, "swagger_fake_view", False):
            return AuditEvent.objects.none()
        user = self.request.user
        qs = AuditEvent.objects.select_related("actor")
        if not user.is_staff:
            qs = qs.filter(account=user.owner_account)
        action = query_text(self.request, "action")
        if action:
            qs = qs.filter(action=action)
        return qs.order_by("-sim_time", "-id")


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any other URL under ``/api/`` (an unknown path, or an id that does not fit a route's
    pattern): the API's JSON 404, not Django's HTML page, whatever the method. A path that
    only lacks its trailing slash is still redirected, as ``APPEND_SLASH`` did before this
    catch-all matched everything."""
    path = request.path_info
    if settings.APPEND_SLASH and request.method in ("GET", "HEAD") and not path.endswith("/"):
        try:
            target = resolve(f"{path}/").func
        except Resolver404:
            target = api_not_found
        if target is not api_not_found:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return JsonResponse({"code": "NOT_FOUND", "message": _("Not found.")}, status=404)
