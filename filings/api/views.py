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
from rest_framework import generics, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from icpconsole.core import refusals as core_refusals
from icpconsole.core.api.parsers import JSONParser
from icpconsole.core.api.permissions import IsStaff
from icpconsole.core.api.serializers import error_responses, list_error_responses

from .. import refusals, selectors, services
from ..domains import main_domain_note
from ..models import (
    FilingDocument,
    FilingOrder,
    OrderType,
    PhoneMessage,
    RegistryRecord,
    Stage,
    Subject,
    Website,
)
from ..review_reasons import catalogue
from .serializers import (
    CREATE_SERIALIZERS,
    AppIcpRecordSerializer,
    AppSerializer,
    CodeAuthorizationSerializer,
    DetectRequestSerializer,
    DetectResultSerializer,
    DocumentUploadSerializer,
    FilingDocumentSerializer,
    FilingOrderSerializer,
    FilingPatchSerializer,
    IcpRecordSerializer,
    PhoneMessageSerializer,
    PrecheckResultSerializer,
    RejectionReasonListSerializer,
    ReviewSerializer,
    SubjectSerializer,
    VerificationAttemptInputSerializer,
    VerificationAttemptResultSerializer,
    VerifySmsSerializer,
    WebsiteSerializer,
    create_input,
)

_CREATE_REQUEST = PolymorphicProxySerializer(
    component_name="FilingOrderCreate",
    serializers={str(value): klass for value, klass in CREATE_SERIALIZERS.items()},
    resource_type_field_name="type",
)

_E409_CREATE = (
    "Refused by a rule: `SUBJECT_EXISTS`, `SUBJECT_NOT_FILED`, `ORDER_ALREADY_OPEN`, `DOMAIN_ALREADY_FILED`, "
    "`DOMAIN_IN_OPEN_ORDER`, `FILING_CHECK_FAILED` (with `reasons`, each with its remedy: SPEC 3.9), "
    "`SERVICE_CODE_FILING`, `SERVICE_CODE_USED`, `SERVICE_CODE_DELETED`, "
    "`NOT_ELIGIBLE` (with `reasons`), `COMMERCIAL_LICENSE_REQUIRED`, `WEBSITE_NOT_ACTIVE`, "
    "`CLAIM_NOT_ELIGIBLE`..."
)
_E400_CREATE = (
    "Bad input: `VALIDATION_ERROR` (with `fields`), `DOMAIN_INVALID`, `PROVINCE_INVALID`, "
    "`FILING_PASSWORD_INVALID`, `CERTIFICATE_NUMBER_MISMATCH`, `CHANGE_FIELD_INVALID`..."
)
_E404_CREATE = (
    "`SERVICE_CODE_NOT_FOUND`, `INSTANCE_NOT_FOUND`, `SUBJECT_NOT_FOUND`, `WEBSITE_NOT_FOUND`, "
    "`ICP_RECORD_NOT_FOUND`."
)
_E404_ORDER = "`ORDER_NOT_FOUND`: no such order, or another account's."
_E409_STAGE = "`INVALID_STAGE`: the order is not in a stage that allows this (the error names both)."
_E403_WRITE = "`RAM_USER_READ_ONLY`: RAM users may view filings but not act on them."


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
        responses={200: FilingOrderSerializer, **error_responses(401, 404, e404=_E404_ORDER)}
    ),
)
class FilingOrderViewSet(viewsets.GenericViewSet):
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
                e400=_E400_CREATE,
                e403=_E403_WRITE,
                e404=_E404_CREATE,
                e409=_E409_CREATE,
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
                e400=_E400_CREATE,
                e403=_E403_WRITE,
                e404=_E404_CREATE,
                e409=_E409_CREATE,
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
                e403=_E403_WRITE,
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
                e403=_E403_WRITE,
                e404=_E404_ORDER,
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
                e403=_E403_WRITE,
                e404=_E404_ORDER,
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
                e403=_E403_WRITE,
                e404=_E404_ORDER,
                e409=_E409_STAGE
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
            **error_responses(401, 403, 404, 409, e403=_E403_WRITE, e404=_E404_ORDER, e409=_E409_STAGE),
        },
    )
    @action(detail=True, methods=["post"])
    def abandon(self, request, pk=None):
        """Withdraw the order before bureau review; its service code returns to `unused`."""
        order = services.filing_abandon(actor=request.user, order_id=pk)
        return self._respond(order.pk)

    @extend_schema(
        request=VerifySmsSerializer,
        responses={
            200: FilingOrderSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                409,
                e403=_E403_WRITE,
                e404=_E404_ORDER,
                e400="`SMS_CODE_INVALID` (with `attempts_left` and `order_status`; the fifth returns the "
                "order) or `VALIDATION_ERROR`.",
                e409="`SMS_CODE_EXPIRED` (not entered within 24 hours: the order was returned, "
                "`order_status` `returned`) or `INVALID_STAGE`.",
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="verify-sms")
    def verify_sms(self, request, pk=None):
        """Enter the 6-digit code from the simulated phone: `pending_sms` -> `bureau_review`."""
        selectors.order_check_visible(request.user, pk)  # another account's order is a 404, whatever the body
        serializer = VerifySmsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "codes" in data:
            order = services.filing_verify_sms(actor=request.user, order_id=pk, codes=dict(data["codes"]))
        else:
            order = services.filing_verify_sms(actor=request.user, order_id=pk, code=data["code"].strip())
        return self._respond(order.pk)

    @extend_schema(
        request=None,
        responses={
            200: FilingOrderSerializer,
            **error_responses(
                401,
                403,
                404,
                409,
                e403=_E403_WRITE,
                e404=_E404_ORDER,
                e409="`SMS_RESEND_LIMIT`, `SMS_RESEND_TOO_SOON` (with `retry_after`), `SMS_CODE_EXPIRED` "
                "(the code lapsed: the order was returned) or `INVALID_STAGE`.",
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="resend-sms")
    def resend_sms(self, request, pk=None):
        """A fresh SMS code, valid 24 hours (simulated time) from now; wrong entries still count.
        A code already lapsed cannot be renewed: the order is returned (SPEC 3.12)."""
        order = services.filing_resend_sms(actor=request.user, order_id=pk)
        return self._respond(order.pk)

    @extend_schema(
        request=None,
        responses={
            200: FilingOrderSerializer,
            **error_responses(
                401,
                403,
                404,
                409,
                e403=_E403_WRITE,
                e404=_E404_ORDER,
                e409="`CODE_AUTHORIZATION_NOT_NEEDED`, `SMS_RESEND_LIMIT` or `SMS_RESEND_TOO_SOON`.",
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="code-authorization")
    def code_authorization(self, request, pk=None):
        """Huawei (SPEC 3.14): send (again: resend, at most twice) the authorization SMS to the
        phone of the account whose code the order names."""
        order = services.filing_code_auth_send(actor=request.user, order_id=pk)
        return self._respond(order.pk)

    @extend_schema(
        request=CodeAuthorizationSerializer,
        responses={
            200: FilingOrderSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                409,
                e403=_E403_WRITE,
                e404=_E404_ORDER,
                e400="`CODE_AUTHORIZATION_INVALID` (wrong or expired) or `VALIDATION_ERROR`.",
                e409="`CODE_AUTHORIZATION_NOT_NEEDED` or `CODE_AUTHORIZATION_NOT_SENT`.",
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="confirm-code-authorization")
    def confirm_code_authorization(self, request, pk=None):
        """Enter the code the owner received: the order may then be submitted."""
        selectors.order_get_visible(request.user, pk)  # another account's order is a 404, whatever the body
        serializer = CodeAuthorizationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = services.filing_code_auth_confirm(
            actor=request.user, order_id=pk, code=serializer.validated_data["code"]
        )
        return self._respond(order.pk)

    @extend_schema(
        request=None,
        responses={
            200: FilingOrderSerializer,
            **error_responses(
                401,
                403,
                404,
                409,
                e403=_E403_WRITE,
                e404=_E404_ORDER,
                e409="`VERIFICATION_ALREADY_PASSED`, `ORDER_NOT_DRAFT` or `ORDER_HAS_NO_WEBSITE_MATERIALS`.",
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def verification(self, request, pk=None):
        """Authenticity verification (真实性核验, SPEC 3.12): send the link to the leader's phone
        (the inbox, `GET /api/v1/messages/`); its page, valid 24 hours, takes the picture."""
        order = services.filing_verification_start(actor=request.user, order_id=pk)
        return self._respond(order.pk)

    @extend_schema(
        request=VerificationAttemptInputSerializer,
        responses={
            200: VerificationAttemptResultSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                409,
                e400="`VERIFICATION_OUTCOME_INVALID`.",
                e403=_E403_WRITE,
                e404=_E404_ORDER,
                e409="`VERIFICATION_ATTEMPTS_EXHAUSTED` (5 failures today; `retry_after` in seconds), "
                "`VERIFICATION_ALREADY_PASSED`, `ORDER_NOT_DRAFT`.",
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="verification/attempt")
    def verification_attempt(self, request, pk=None):
        """Take the verification picture with what the camera sees (`outcome`): `pass` stores the
        photo and sets `verification_status` to `passed`; a failure answers why and how to retake
        it. 200 either way."""
        selectors.order_check_visible(request.user, pk)  # another account's order is a 404, whatever the body
        data = request.data if isinstance(request.data, dict) else {}
        result = services.filing_verification_attempt(
            actor=request.user, order_id=pk, outcome=data.get("outcome")
        )
        reason = result.reason
        return Response(
            {
                "outcome": result.outcome,
                "passed": result.passed,
                "reason": None
                if reason is None
                else {"code": reason.code, "message": str(reason.message), "remedy": str(reason.remedy)},
                "attempts_left": result.attempts_left,
                "order": self.get_serializer(selectors.order_get_visible(request.user, pk)).data,
            }
        )

    @extend_schema(
        request=None,
        responses={200: RejectionReasonListSerializer, **error_responses(401, 403, e403="Staff only.")},
    )
    @action(detail=False, methods=["get"], url_path="review-reasons", permission_classes=[IsStaff])
    def review_reasons(self, request):
        """Staff: the catalogue of the usual rejection reasons (SPEC 3.10), each `{"code", "text"}`
        in the request's language; give the code as `reason_code` when rejecting."""
        results = catalogue()
        return Response({"count": len(results), "next": None, "previous": None, "results": results})

    @extend_schema(
        request=ReviewSerializer,
        responses={
            200: FilingOrderSerializer,
            **error_responses(
                400,
                401,
                403,
                404,
                409,
                e400="`DECISION_INVALID`, `REASON_INVALID`, `REASON_CODE_INVALID` (not catalogued), "
                "`REASON_CODE_ON_APPROVE`.",
                e403="`PERMISSION_DENIED`: staff only.",
                e404=_E404_ORDER,
                e409="`INVALID_STAGE` (only `submitted` and `bureau_review` are reviewed), or a rule found "
                "broken at approval (`DOMAIN_ALREADY_FILED`...).",
            ),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsStaff])
    def review(self, request, pk=None):
        """Staff: decide whichever review the order is in. Approving the initial review sends the SMS
        code; approving the bureau review files it (a first filing gets its ICP number and the
        filing password arrives on the phone). A rejection names its reason: `reason_code` from
        the catalogue (`GET /api/v1/filings/review-reasons/`), free `reason` text, or both; the
        applicant reads it in their own language."""
        selectors.order_check_visible(request.user, pk)  # a missing order is a 404, whatever the body
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = services.filing_review(actor=request.user, order_id=pk, **serializer.validated_data)
        return self._respond(order.pk)


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
                e403=_E403_WRITE,
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
