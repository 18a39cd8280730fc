"""Filing API: an order's steps after it is submitted (SPEC 3.12, 3.14): the SMS codes, the code owner's
authorization, the authenticity verification and the review. A mixin of ``FilingOrderViewSet``."""

from __future__ import annotations

from drf_spectacular.utils import (
    extend_schema,
)
from rest_framework.decorators import action
from rest_framework.response import Response

from icpconsole.core.api.permissions import IsStaff
from icpconsole.core.api.serializers import error_responses

from .. import selectors, services
from ..review_reasons import catalogue
from .responses import E403_WRITE, E404_ORDER
from .serializers import (
    CodeAuthorizationSerializer,
    FilingOrderSerializer,
    RejectionReasonListSerializer,
    ReviewSerializer,
    VerificationAttemptInputSerializer,
    VerificationAttemptResultSerializer,
    VerifySmsSerializer,
)


class OrderStepViews:
    """The order's actions from submission to the decision (``FilingOrderViewSet``'s ``_respond``)."""

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
                e403=E403_WRITE,
                e404=E404_ORDER,
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
                e403=E403_WRITE,
                e404=E404_ORDER,
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
                e403=E403_WRITE,
                e404=E404_ORDER,
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
                e403=E403_WRITE,
                e404=E404_ORDER,
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
                e403=E403_WRITE,
                e404=E404_ORDER,
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
                e403=E403_WRITE,
                e404=E404_ORDER,
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
                e404=E404_ORDER,
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
