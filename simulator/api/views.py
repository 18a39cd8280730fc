"""The sandbox control API (SPEC 4.6), for those who may drive the sandbox (issue 27):
``/api/v1/simulator/...``. Thin: each view calls the service ``manage.py simulator`` and the admin
page call too."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import APIView

from icpconsole.core.api.parsers import JSONParser
from icpconsole.core.api.serializers import error_responses, list_error_responses

from .. import faults, services, world
from ..models import InjectedFault
from .permissions import CanDriveSandbox
from .serializers import (
    AccessKeyForSerializer,
    AccessKeyPairSerializer,
    FaultRuleSerializer,
    InfoSerializer,
    InjectedFaultSerializer,
    ResetResultSerializer,
    ResetSerializer,
    RestoreResultSerializer,
    SettingsSerializer,
)

E400_WORLD = (
    "`INVALID_WORLD`: not a world document of this version, changed after it was taken, or against a "
    "rule; `errors` lists what is wrong. Nothing was changed."
)


def _read_document(stream) -> bytes:
    """The body, up to :data:`world.MAX_DOCUMENT_BYTES` (issue 27: what ``snapshot`` gives,
    ``restore`` takes; Django's 2.5 MB ``DATA_UPLOAD_MAX_MEMORY_SIZE`` refused a 3.1 MB snapshot
    of the demo with some activity). Over it: 413 ``REQUEST_TOO_LARGE``, read no further."""
    if stream is None:
        return b""
    data = stream.read(world.MAX_DOCUMENT_BYTES + 1)
    if len(data) > world.MAX_DOCUMENT_BYTES:
        raise RequestDataTooBig("The world document is larger than the restore limit.")
    return data


class WorldJSONParser(BaseParser):
    """Snapshots and JSON world files: read from the stream with the restore's own limit (DRF's
    ``JSONParser`` would read ``request.body``, under Django's general limit)."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        return world.parse(_read_document(stream), name=".json")


class YAMLParser(BaseParser):
    """World files written in YAML (``Content-Type: application/yaml``), read with ``safe_load``."""

    media_type = "application/yaml"

    def parse(self, stream, media_type=None, parser_context=None):
        return world.parse(_read_document(stream), name=".yaml")


class StaffAPIView(APIView):
    permission_classes = [CanDriveSandbox]
    parser_classes = [JSONParser]


class ResetView(StaffAPIView):
    """The whole world back to `empty` (staff accounts kept) or to the `demo`; the clock back to
    real time, default settings, no fault rules."""

    @extend_schema(
        request=ResetSerializer,
        responses={
            200: ResetResultSerializer,
            **error_responses(400, 401, 403, e400="`world` is not `empty` or `demo`."),
        },
    )
    def post(self, request):
        serializer = ResetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(
            services.simulator_reset(actor=request.user, world_name=serializer.validated_data["world"])
        )


class SnapshotView(StaffAPIView):
    """The whole world as one versioned JSON document (AccessKey secrets stay encrypted)."""

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.OBJECT), **error_responses(401, 403)})
    def get(self, request):
        return Response(world.snapshot())


class RestoreView(StaffAPIView):
    """Replace the world by a snapshot or a world file (JSON, or YAML as `application/yaml`),
    atomically."""

    parser_classes = [WorldJSONParser, YAMLParser]

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={200: RestoreResultSerializer, **error_responses(400, 401, 403, e400=E400_WORLD)},
    )
    def post(self, request):
        return Response(services.simulator_restore(actor=request.user, document=request.data))


class SettingsView(StaffAPIView):
    """The run-time settings: review mode, access-health deadlines and the fault rules."""

    @extend_schema(responses={200: SettingsSerializer, **error_responses(401, 403)})
    def get(self, request):
        return Response(world.settings_as_dict())

    @extend_schema(
        request=SettingsSerializer,
        responses={
            200: SettingsSerializer,
            **error_responses(
                400,
                401,
                403,
                e400="`INVALID_SETTINGS` or `INVALID_FAULT_RULE` naming the field; nothing changed.",
            ),
        },
    )
    def patch(self, request):
        services.simulator_settings_update(actor=request.user, changes=request.data)
        return Response(world.settings_as_dict())


class FaultRulesView(StaffAPIView):
    """The fault rules: list them, add one, or remove them all."""

    @extend_schema(responses={200: FaultRuleSerializer(many=True), **error_responses(401, 403)})
    def get(self, request):
        return Response([faults.rule_as_dict(rule) for rule in faults.FaultRule.objects.order_by("id")])

    @extend_schema(
        request=FaultRuleSerializer,
        responses={
            201: FaultRuleSerializer,
            **error_responses(
                400, 401, 403, e400="`INVALID_FAULT_RULE`: an unknown target, error or an impossible value."
            ),
        },
    )
    def post(self, request):
        data = request.data if isinstance(request.data, dict) else None
        rule = faults.fault_rule_add(**faults.clean_rule(data or {"target": None}))
        return Response(faults.rule_as_dict(rule), status=201)

    @extend_schema(responses={204: None, **error_responses(401, 403)})
    def delete(self, request):
        faults.fault_rules_clear()
        return Response(status=204)


@extend_schema(responses={200: InjectedFaultSerializer(many=True), **list_error_responses(401, 403)})
class InjectedFaultListView(generics.ListAPIView):
    """Every fault the simulator injected, newest first."""

    permission_classes = [CanDriveSandbox]
    serializer_class = InjectedFaultSerializer
    queryset = InjectedFault.objects.order_by("-time", "-id")


class AccessKeyForView(StaffAPIView):
    """An AccessKey pair for any account, for a test to sign its SDK calls with (at most two
    pairs per account, as always)."""

    @extend_schema(
        request=AccessKeyForSerializer,
        responses={
            201: AccessKeyPairSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                409,
                e404="`ACCOUNT_NOT_FOUND`.",
                e409="`ACCESS_KEY_LIMIT`: two pairs already.",
            ),
        },
    )
    def post(self, request):
        serializer = AccessKeyForSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        key, secret = services.simulator_access_key_for(
            actor=request.user, username=serializer.validated_data["username"]
        )
        body = {
            "username": key.owner.username,
            "access_key_id": key.access_key_id,
            "access_key_secret": secret,
        }
        response = Response(body, status=201)
        response["Cache-Control"] = "no-store"
        return response


class InfoView(StaffAPIView):
    """The simulator's version, database and cache backends, and the world's counts."""

    @extend_schema(responses={200: InfoSerializer, **error_responses(401, 403)})
    def get(self, request):
        return Response(services.simulator_info())
