"""Filing API (SPEC 4.2): orders and their actions, subjects, websites, the phone inbox, and the
public registry query. Thin: serializers check input types, ``filings.services`` decide, the
shared exception handler turns their refusals into ``{"code","message"}`` responses.

Who sees what: an account (and its RAM users, read-only) sees its own orders, subjects,
websites and phone; staff see every order, subject and website, and alone may review. Another
account's order is a 404.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from icpconsole.core import refusals as core_refusals
from icpconsole.core.api.parsers import JSONParser
from icpconsole.core.api.serializers import error_responses, list_error_responses

from .. import refusals, selectors, services
from ..domains import main_domain_note
from ..models import (
    FilingDocument,
    FilingOrder,
    OrderType,
    Stage,
)
from .responses import E400_CREATE, E403_WRITE, E404_CREATE, E404_ORDER, E409_CREATE, E409_STAGE
from .serializers import (
    CREATE_SERIALIZERS,
    DetectRequestSerializer,
    DetectResultSerializer,
    DocumentUploadSerializer,
    FilingDocumentSerializer,
    FilingOrderSerializer,
    FilingPatchSerializer,
    PrecheckResultSerializer,
    create_input,
)
from .step_views import OrderStepViews

_CREATE_REQUEST = PolymorphicProxySerializer(
    component_name="FilingOrderCreate",
    serializers={str(value): klass for value, klass in CREATE_SERIALIZERS.items()},
    resource_type_field_name="type",
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "status", str, enum=list(Stage.values), description="Only orders in this stage."
            ),
            OpenApiParameter(
                "type", str, enum=list(OrderType.values), description="Only orders of this type."
            ),
        ],
        responses={
            200: FilingOrderSerializer(many=True),
            **list_error_responses(401, e400="`INVALID_STATUS`, `INVALID_TYPE`: a filter off its values."),
        },
    ),
    retrieve=extend_schema(
        responses={200: FilingOrderSerializer, **error_responses(401, 404, e404=E404_ORDER)}
    ),
)
class FilingOrderViewSet(OrderStepViews, viewsets.GenericViewSet):
    """Filing orders: create one in `draft`, then submit, verify the SMS code, or abandon it;
    staff review it."""

    serializer_class = FilingOrderSerializer
    # JSON only: form encodings cannot carry the nested `subject`, `website` and `changes` objects.
    parser_classes = [JSONParser]
    # An integer id in the URL and in the schema (a regex `\d+` would also match digits such as "١").
    lookup_value_converter = "int"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FilingOrder.objects.none()
        qs = selectors.orders_visible_to(self.request.user)
        # A filter value outside its enum is refused, not answered with a misleading empty list.
        for name, values, refusal in (
            ("status", Stage.values, core_refusals.INVALID_STATUS),
            ("type", OrderType.values, refusals.INVALID_TYPE),
        ):
            wanted = self.request.query_params.get(name)
            if wanted is None:
                continue
            if wanted not in values:
                raise refusal(values=", ".join(values), field=name)
            qs = qs.filter(**{name: wanted})
        return qs

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(selectors.order_get_visible(request.user, pk)).data)

    def _respond(self, order_id, code=status.HTTP_200_OK) -> Response:
        return Response(
            self.get_serializer(selectors.order_get_visible(self.request.user, order_id)).data, status=code
        )

    @extend_schema(
        request=_CREATE_REQUEST,
        responses={
            201: FilingOrderSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                409,
                e400=E400_CREATE,
                e403=E403_WRITE,
                e404=E404_CREATE,
                e409=E409_CREATE,
            ),
        },
    )
    def create(self, request):
        # A RAM user may not file at all: say so before judging the body.
        services.check_writer(request.user)
        data = request.data if isinstance(request.data, dict) else {}
        order = services.filing_create(actor=request.user, order=create_input(data))
        response = self._respond(order.pk, status.HTTP_201_CREATED)
        entered = (data.get("website") or {}).get("domain") if isinstance(data.get("website"), dict) else None
        if order.domain and isinstance(entered, str) and main_domain_note(entered, order.domain):
            response.data["notice"] = main_domain_note(entered, order.domain)
        return response

    @extend_schema(
        request=_CREATE_REQUEST,
        responses={
            200: PrecheckResultSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                409,
                e400=E400_CREATE,
                e403=E403_WRITE,
                e404=E404_CREATE,
                e409=E409_CREATE,
            ),
        },
    )
    @action(detail=False, methods=["post"])
    def precheck(self, request):
        """The pre-check (SPEC 3.9) of the same body as create, without writing anything:
        `{"ok", "reasons"}`, each reason with its remedy. The service code or instance may be left
        out (the wizard chooses it after the domain)."""
        services.check_writer(request.user)
        data = request.data if isinstance(request.data, dict) else {}
        reasons = services.filing_precheck(actor=request.user, order=create_input(data))
        return Response({"ok": not reasons, "reasons": [reason.as_dict() for reason in reasons]})

    @extend_schema(
        request=DetectRequestSerializer,
        responses={
            200: DetectResultSerializer,
            **error_responses(
                400,
                401,
                403,
                409,
                e400="`VALIDATION_ERROR`, `DETECT_TARGET_REQUIRED`, `CERTIFICATE_NOT_RECOGNISED`, "
                "`DOMAIN_INVALID`.",
                e403=E403_WRITE,
                e409="`DOMAIN_ALREADY_FILED` (filed here), `DOMAIN_IN_OPEN_ORDER`, `SUBJECT_EXISTS`, "
                "`SUBJECT_OF_ANOTHER_ACCOUNT`, `ORDER_ALREADY_OPEN`.",
            ),
        },
    )
    @action(detail=False, methods=["post"])
    def detect(self, request):
        """The filing type (SPEC 3.13), the real console's first step: the certificate number and
        the domain (or app name) in; `first_filing`, `add_website`, `add_app`, `transfer_in` or
        `claim` out, explained, with the filed subject it concerns. Writes nothing."""
        services.check_writer(request.user)
        serializer = DetectRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        found = services.filing_type_detect(actor=request.user, **serializer.validated_data)
        subject = found.subject
        return Response(
            {
                "type": found.type,
                "explanation": found.text,
                "certificate_kind": found.kind,
                "subject": None
                if subject is None
                else {
                    "name": subject.name,
                    "kind": subject.kind,
                    "icp_number": subject.icp_number,
                    "province": subject.province,
                    "provider": subject.provider,
                },
            }
        )

    @extend_schema(
        request=FilingPatchSerializer,
        responses={
            200: FilingOrderSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                409,
                e400="`VALIDATION_ERROR`, `LEADER_INVALID`, `PATCH_FIELD_INVALID`.",
                e403=E403_WRITE,
                e404=E404_ORDER,
                e409="`FILING_CHECK_FAILED` (with `reasons`), `ORDER_NOT_DRAFT`, `ORDER_HAS_NO_MATERIALS`.",
            ),
        },
    )
    def partial_update(self, request, pk=None):
        """Complete a draft's materials (SPEC 3.9), or correct an order returned for correction
        (SPEC 3.12): leaders, website name, content category, pre-approval number; an app order's
        key is `app`. The result must pass the pre-check; nothing is saved otherwise."""
        services.check_writer(request.user)
        selectors.order_check_visible(request.user, pk)
        serializer = FilingPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        keys = set(request.data) if isinstance(request.data, dict) else set()
        unknown = sorted(keys - {"subject", "website", "app", "changes"})
        if unknown:
            raise serializers.ValidationError({name: [_("Unknown field.")] for name in unknown})
        order = services.filing_update(actor=request.user, order_id=pk, **serializer.validated_data)
        return self._respond(order.pk)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: FilingDocumentSerializer(many=True), **error_responses(401, 404)},
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            201: FilingDocumentSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                409,
                e400="`DOCUMENT_INVALID` (not a JPEG/PNG by content, over 5 MB, under 400 x 300), "
                "`VALIDATION_ERROR`.",
                e403=E403_WRITE,
                e404=E404_ORDER,
                e409="`ORDER_NOT_DRAFT`, `ORDER_HAS_NO_MATERIALS`.",
            ),
        },
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser], pagination_class=None)
    def documents(self, request, pk=None):
        """The order's documents (SPEC 3.9); upload one (multipart `kind` + `file`), replacing
        the earlier one of that kind."""
        selectors.order_check_visible(request.user, pk)
        if request.method == "GET":
            documents = FilingDocument.objects.filter(order_id=pk)
            return Response(FilingDocumentSerializer(documents, many=True).data)
        services.check_writer(request.user)
        serializer = DocumentUploadSerializer(data=request.data)
        if not serializer.is_valid():
            errors = serializer.errors
            if "file" in errors and "kind" not in errors:
                raise refusals.DOCUMENT_INVALID(field="file", why=refusals.not_image_text())
            raise serializers.ValidationError(errors)
        document = services.filing_document_upload(
            actor=request.user,
            order_id=pk,
            kind=serializer.validated_data["kind"],
            file=serializer.validated_data["file"],
        )
        return Response(FilingDocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={
            200: FilingOrderSerializer,
            **error_responses(
                401,
                403,
                404,
                409,
                e403=E403_WRITE,
                e404=E404_ORDER,
                e409=E409_STAGE
                + " `FILING_CHECK_FAILED` or `FILING_INCOMPLETE` (with `reasons` naming every "
                "missing item) for a new website's application.",
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """`draft` -> `submitted` (the provider's initial review); `returned` -> `submitted`
        resubmits a returned order (SPEC 3.12): the next `round`, the materials kept."""
        order = services.filing_submit(actor=request.user, order_id=pk)
        return self._respond(order.pk)

    @extend_schema(
        request=None,
        responses={
            200: FilingOrderSerializer,
            **error_responses(401, 403, 404, 409, e403=E403_WRITE, e404=E404_ORDER, e409=E409_STAGE),
        },
    )
    @action(detail=True, methods=["post"])
    def abandon(self, request, pk=None):
        """Withdraw the order before bureau review; its service code returns to `unused`."""
        order = services.filing_abandon(actor=request.user, order_id=pk)
        return self._respond(order.pk)
