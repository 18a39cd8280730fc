"""AccessKey pairs of the logged-in login (SPEC 4.5): list, create (the secret shown once),
disable, enable, delete. Thin: every change is a service call; another login's key is a 404."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from icpconsole.core.api.serializers import error_responses, list_error_responses
from openapi import services
from openapi.selectors import access_key_get_own, access_keys_of

from .serializers import AccessKeyCreatedSerializer, AccessKeySerializer

_E404 = "`ACCESS_KEY_NOT_FOUND`: no such AccessKey for the caller."


@extend_schema_view(
    list=extend_schema(
        summary="List the caller's AccessKey pairs",
        responses={200: AccessKeySerializer(many=True), **list_error_responses(401)},
    ),
    retrieve=extend_schema(
        summary="One AccessKey pair (never its secret)",
        responses={200: AccessKeySerializer, **error_responses(401, 404, e404=_E404)},
    ),
)
class AccessKeyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """AccessKey pairs for the Alibaba Cloud SDKs (the RPC endpoint at ``/``). At most two per
    login; a RAM user's pair calls with a RAM user's rights (read-only)."""

    serializer_class = AccessKeySerializer
    lookup_field = "access_key_id"
    lookup_value_regex = "[A-Za-z0-9]+"

    def get_queryset(self):
        return access_keys_of(self.request.user)

    def get_object(self):
        return access_key_get_own(self.request.user, self.kwargs["access_key_id"])

    @extend_schema(
        summary="Create an AccessKey pair",
        request=None,
        responses={
            201: AccessKeyCreatedSerializer,
            **error_responses(401, 409, e409="`ACCESS_KEY_LIMIT`: the login already has two pairs."),
        },
    )
    def create(self, request, *args, **kwargs):
        key, secret = services.access_key_create(actor=request.user)
        data = AccessKeyCreatedSerializer(key, context={"secret": secret}).data
        response = Response(data, status=status.HTTP_201_CREATED)
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(
        summary="Delete an AccessKey pair",
        request=None,
        responses={204: None, **error_responses(401, 404, e404=_E404)},
    )
    def destroy(self, request, *args, **kwargs):
        services.access_key_delete(actor=request.user, access_key_id=kwargs["access_key_id"])
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Disable an AccessKey pair",
        request=None,
        responses={
            200: AccessKeySerializer,
            **error_responses(401, 404, 409, e404=_E404, e409="`ACCESS_KEY_ALREADY_INACTIVE`."),
        },
    )
    @action(detail=True, methods=["post"])
    def disable(self, request, access_key_id=None):
        key = services.access_key_disable(actor=request.user, access_key_id=access_key_id)
        return Response(AccessKeySerializer(key).data)

    @extend_schema(
        summary="Enable an AccessKey pair",
        request=None,
        responses={
            200: AccessKeySerializer,
            **error_responses(401, 404, 409, e404=_E404, e409="`ACCESS_KEY_ALREADY_ACTIVE`."),
        },
    )
    @action(detail=True, methods=["post"])
    def enable(self, request, access_key_id=None):
        key = services.access_key_enable(actor=request.user, access_key_id=access_key_id)
        return Response(AccessKeySerializer(key).data)
