"""Filing API: subjects, websites and apps as their account sees them, the phone inbox, and the
public registry query (SPEC 4.2)."""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from icpconsole.core.api.serializers import error_responses, list_error_responses

from .. import selectors, services
from ..models import (
    PhoneMessage,
    RegistryRecord,
    Subject,
    Website,
)
from .responses import E403_WRITE
from .serializers import (
    AppIcpRecordSerializer,
    AppSerializer,
    IcpRecordSerializer,
    PhoneMessageSerializer,
    SubjectSerializer,
    WebsiteSerializer,
)


@extend_schema_view(
    list=extend_schema(responses={200: SubjectSerializer(many=True), **list_error_responses(401)}),
    retrieve=extend_schema(responses={200: SubjectSerializer, **error_responses(401, 404)}),
)
class SubjectViewSet(viewsets.ReadOnlyModelViewSet):
    """The account's filing subject (one live at a time; cancelled and withdrawn ones stay listed)."""

    serializer_class = SubjectSerializer
    # An integer id in the URL and in the schema (a regex `\d+` would also match digits such as "١").
    lookup_value_converter = "int"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Subject.objects.none()
        return selectors.subjects_visible_to(self.request.user)


@extend_schema_view(
    list=extend_schema(responses={200: WebsiteSerializer(many=True), **list_error_responses(401)}),
    retrieve=extend_schema(responses={200: WebsiteSerializer, **error_responses(401, 404)}),
)
class WebsiteViewSet(viewsets.ReadOnlyModelViewSet):
    """The account's filed websites."""

    serializer_class = WebsiteSerializer
    # An integer id in the URL and in the schema (a regex `\d+` would also match digits such as "١").
    lookup_value_converter = "int"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Website.objects.none()
        return selectors.websites_visible_to(self.request.user)

    @extend_schema(
        request=None,
        responses={
            200: WebsiteSerializer,
            **error_responses(
                401,
                403,
                404,
                409,
                e403=E403_WRITE,
                e404="`WEBSITE_NOT_FOUND`: no such website, or another account's.",
                e409="`WEBSITE_NOT_ACTIVE` (not filed now) or `PUBLIC_SECURITY_ALREADY_FILED`.",
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="public-security-filing")
    def public_security_filing(self, request, pk=None):
        """Record the website's public security filing (公安联网备案, due 30 days after its
        approval): it gets its `public_security_number` and `public_security_status` becomes
        `filed`."""
        website = services.public_security_file(actor=request.user, website_id=pk)
        website = selectors.websites_visible_to(request.user).get(pk=website.pk)
        return Response(WebsiteSerializer(website).data)


@extend_schema_view(
    list=extend_schema(responses={200: AppSerializer(many=True), **list_error_responses(401)}),
    retrieve=extend_schema(responses={200: AppSerializer, **error_responses(401, 404)}),
)
class AppViewSet(viewsets.ReadOnlyModelViewSet):
    """The account's filed apps (SPEC 3.11), numbered `<subject>-NA`."""

    serializer_class = AppSerializer
    lookup_value_converter = "int"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Website.objects.none()
        return selectors.apps_visible_to(self.request.user)


@extend_schema(responses={200: PhoneMessageSerializer(many=True), **list_error_responses(401)})
class PhoneMessageListView(generics.ListAPIView):
    """The simulated phone's inbox, newest first: `sms_code` (the 6-digit code in `secret`) and
    `filing_password` (the filing password in `secret`)."""

    serializer_class = PhoneMessageSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PhoneMessage.objects.none()
        return selectors.messages_for(self.request.user)


@extend_schema(
    parameters=[
        OpenApiParameter("domain", str, required=False, description="The exact domain, e.g. `example.cn`."),
        OpenApiParameter("app_name", str, required=False, description="Or an app's exact name (SPEC 3.11)."),
    ],
    responses={
        200: PolymorphicProxySerializer(
            component_name="IcpRecordPage",
            serializers=[IcpRecordSerializer, AppIcpRecordSerializer],
            resource_type_field_name=None,
            many=True,
        ),
        **list_error_responses(e400="`DOMAIN_REQUIRED`, `DOMAIN_INVALID` or `APP_NAME_REQUIRED`."),
    },
)
class IcpRecordListView(generics.ListAPIView):
    """The public MIIT registry query (no login): the domain's valid filing, or the valid filings
    of apps of that name (`?app_name=`), or an empty list."""

    serializer_class = IcpRecordSerializer
    permission_classes = [AllowAny]

    def _by_app_name(self) -> bool:
        params = self.request.query_params
        return "app_name" in params and "domain" not in params

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False) or not self._by_app_name():
            return IcpRecordSerializer
        return AppIcpRecordSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RegistryRecord.objects.none()
        params = self.request.query_params
        if self._by_app_name():
            return selectors.registry_query_app(params.get("app_name")).select_related("website")
        return selectors.registry_query(params.get("domain", "").strip()).select_related("website")
