"""The simulated registrar's API (SPEC 3.9): the account's domains, register, renew, change the
holder. Thin: the services decide; another account's domain is a 404."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from icpconsole.core import clock
from icpconsole.core.api.params import PATH_SEGMENT
from icpconsole.core.api.parsers import JSONParser
from icpconsole.core.api.serializers import error_responses, list_error_responses

from .. import selectors, services
from ..models import Domain
from .serializers import (
    DomainHolderSerializer,
    DomainRegisterSerializer,
    DomainRenewSerializer,
    DomainSerializer,
)

_E404 = "`DOMAIN_NOT_FOUND`: no such domain registered by the caller's account."
_E403 = "`RAM_USER_READ_ONLY`."


@extend_schema_view(
    list=extend_schema(responses={200: DomainSerializer(many=True), **list_error_responses(401)}),
    retrieve=extend_schema(responses={200: DomainSerializer, **error_responses(401, 404, e404=_E404)}),
)
class DomainViewSet(viewsets.GenericViewSet):
    """The caller's account's domains at the simulated registrar."""

    serializer_class = DomainSerializer
    parser_classes = [JSONParser]
    lookup_field = "domain"
    lookup_value_regex = PATH_SEGMENT

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Domain.objects.none()
        return selectors.domains_of(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": clock.now()}

    def _respond(self, row: Domain, code=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(row).data, status=code)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, domain=None):
        return self._respond(selectors.domain_get_own(request.user, domain))

    @extend_schema(
        request=DomainRegisterSerializer,
        responses={
            201: DomainSerializer,
            **error_responses(
                400,
                401,
                403,
                409,
                e400="`VALIDATION_ERROR`, `DOMAIN_INVALID`, `DOMAIN_NOT_MAIN` (register the main domain), "
                "`PERIOD_INVALID`, `HOLDER_NAME_INVALID`, `HOLDER_CERTIFICATE_INVALID`.",
                e403=_E403,
                e409="`DOMAIN_TAKEN`: the domain is registered already (a domain is registered once).",
            ),
        },
    )
    def create(self, request):
        """Register a main domain for 1-10 years; real-name verification is decided at once from
        the holder's certificate number (`verified` or `failed`, the domain on `serverHold`)."""
        serializer = DomainRegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services.domain_register(actor=request.user, **serializer.validated_data)
        return self._respond(row, status.HTTP_201_CREATED)

    @extend_schema(
        request=DomainRenewSerializer,
        responses={
            200: DomainSerializer,
            **error_responses(
                400, 401, 403, 404, e400="`PERIOD_INVALID`, `REGISTRATION_TOO_LONG`.", e403=_E403, e404=_E404
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def renew(self, request, domain=None):
        """Add years to the expiry (from today if the domain has expired)."""
        serializer = DomainRenewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services.domain_renew(actor=request.user, domain=domain, **serializer.validated_data)
        return self._respond(row)

    @extend_schema(
        request=DomainHolderSerializer,
        responses={
            200: DomainSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                e400="`HOLDER_NAME_INVALID`, `HOLDER_CERTIFICATE_INVALID`.",
                e403=_E403,
                e404=_E404,
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def holder(self, request, domain=None):
        """Change the holder (a registrant transfer); real-name verification is decided again."""
        serializer = DomainHolderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services.domain_change_holder(actor=request.user, domain=domain, **serializer.validated_data)
        return self._respond(row)
