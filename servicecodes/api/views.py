"""Service codes: apply for one (SPEC 3.5, 3.6) and read them. There is deliberately no way to
change or delete a code here: codes move only through filings (SPEC 3.6)."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from icpconsole.core import refusals as core_refusals
from icpconsole.core.api.params import PATH_SEGMENT
from icpconsole.core.api.parsers import JSONParser
from icpconsole.core.api.serializers import error_responses, list_error_responses
from servicecodes.models import CodeStatus, ServiceCode
from servicecodes.selectors import service_code_get_visible, service_codes_visible_to, with_shown_status
from servicecodes.services import service_code_apply

from .serializers import IssuedServiceCodeSerializer, ServiceCodeSerializer


class ServiceCodeApplyView(APIView):
    """Apply for a service code for one of the caller's instances."""

    parser_classes = [JSONParser]

    @extend_schema(
        summary="Apply for a service code",
        request=None,
        responses={
            201: IssuedServiceCodeSerializer,
            **error_responses(
                401,
                404,
                409,
                e404="`INSTANCE_NOT_FOUND`: no such instance in the caller's account.",
                e409="`NOT_ELIGIBLE` with every reason (SPEC 3.5), or `INSTANCE_RELEASED`.",
            ),
        },
    )
    def post(self, request, instance_id: str):
        code = service_code_apply(actor=request.user, instance_id=instance_id, via="api")
        return Response(IssuedServiceCodeSerializer(code).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("status", str, enum=CodeStatus.values)],
        responses={
            200: ServiceCodeSerializer(many=True),
            **list_error_responses(401, e400="`INVALID_STATUS`: not one of the statuses."),
        },
    ),
    retrieve=extend_schema(
        responses={200: ServiceCodeSerializer, **error_responses(401, 404, e404="`SERVICE_CODE_NOT_FOUND`.")}
    ),
)
class ServiceCodeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The service codes of the caller's account (a RAM user sees its parent's), newest first."""

    serializer_class = ServiceCodeSerializer
    lookup_field = "code"
    lookup_value_regex = PATH_SEGMENT

    def get_queryset(self) -> QuerySet[ServiceCode]:
        if getattr(self, "swagger_fake_view", False):
            return ServiceCode.objects.none()
        wanted = self.request.query_params.get("status")
        if wanted is not None and wanted not in CodeStatus.values:
            raise core_refusals.INVALID_STATUS(field="status", values=", ".join(CodeStatus.values))
        return service_codes_visible_to(self.request.user, status=wanted)

    def get_object(self) -> ServiceCode:
        return service_code_get_visible(self.request.user, self.kwargs["code"])

    def paginate_queryset(self, queryset):
        # The shown status (``invalid`` under some profiles) read once for the page.
        page = super().paginate_queryset(queryset)
        return None if page is None else with_shown_status(page)
