"""Regions, products and instances (SPEC 3.2-3.4, 4.2). Thin: every change is a service call;
rows are scoped to the caller's account (another account's instance is a 404)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from icpconsole.core import clock
from icpconsole.core import refusals as core_refusals
from icpconsole.core.api.params import PATH_SEGMENT, query_text
from icpconsole.core.api.parsers import JSONParser
from icpconsole.core.api.serializers import error_responses, list_error_responses
from instances import refusals, services
from instances.models import PREFETCHED_ORDERS, Instance, InstanceOrder, InstanceStatus
from instances.selectors import (
    instance_get_visible,
    instances_visible_to,
    named_for_profile,
    products_ordered,
    regions_ordered,
)

from .extensions import annotate_instances
from .serializers import (
    CHARGE_TYPES,
    BandwidthSerializer,
    InstancePurchaseSerializer,
    InstanceSerializer,
    PeriodSerializer,
    ProductSerializer,
    RegionSerializer,
)

_E404 = "`INSTANCE_NOT_FOUND`: no such instance in the caller's account."
_E409 = "Refused in the instance's current state (`INSTANCE_RELEASED`, `INSTANCE_EXPIRED`, ...)."


@extend_schema_view(
    list=extend_schema(responses={200: RegionSerializer(many=True), **list_error_responses(401)})
)
class RegionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Regions: mainland China ones need (and can get) ICP filing (SPEC 3.2)."""

    serializer_class = RegionSerializer

    def get_queryset(self):
        return regions_ordered()

    def list(self, request, *args, **kwargs):
        return _list_named(self)


@extend_schema_view(
    list=extend_schema(responses={200: ProductSerializer(many=True), **list_error_responses(401)})
)
class ProductViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Products and their service-code terms (SPEC 3.3)."""

    serializer_class = ProductSerializer

    def get_queryset(self):
        return products_ordered()

    def list(self, request, *args, **kwargs):
        return _list_named(self)


def _list_named(view) -> Response:
    """The profile's regions or products under its own names (``named_for_profile``)."""
    rows = named_for_profile(view.get_queryset())
    page = view.paginate_queryset(rows)
    if page is not None:
        return view.get_paginated_response(view.get_serializer(page, many=True).data)
    return Response(view.get_serializer(rows, many=True).data)


_LIST_PARAMETERS = [
    OpenApiParameter("status", str, enum=InstanceStatus.values, description="Status at the simulated now."),
    OpenApiParameter("region_id", str, description="Only instances in this region."),
    OpenApiParameter("product", str, description="Only instances of this product."),
    OpenApiParameter("charge_type", str, enum=CHARGE_TYPES),
]


def _action_schema(request, summary: str, *, e400: bool = True, e409: str = _E409):
    codes = (400, 401, 403, 404, 409) if e400 else (401, 403, 404, 409)
    return extend_schema(
        summary=summary,
        request=request,
        responses={
            200: InstanceSerializer,
            **error_responses(*codes, e403="`RAM_USER_READ_ONLY`.", e404=_E404, e409=e409),
        },
    )


@extend_schema_view(
    list=extend_schema(
        parameters=_LIST_PARAMETERS,
        responses={
            200: InstanceSerializer(many=True),
            **list_error_responses(
                401,
                e400="`INVALID_STATUS`, `INVALID_CHARGE_TYPE`, or `VALIDATION_ERROR` (a NUL character in "
                "`region_id` or `product`).",
            ),
        },
    ),
    retrieve=extend_schema(responses={200: InstanceSerializer, **error_responses(401, 404, e404=_E404)}),
    create=extend_schema(
        summary="Buy an instance",
        request=InstancePurchaseSerializer,
        responses={201: InstanceSerializer, **error_responses(400, 401, 403, e403="`RAM_USER_READ_ONLY`.")},
    ),
)
class InstanceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The caller's instances (a RAM user sees its parent's, read-only)."""

    serializer_class = InstanceSerializer
    parser_classes = [JSONParser]
    lookup_field = "instance_id"
    lookup_value_regex = PATH_SEGMENT

    # --- one clock read per request ---------------------------------------------------------
    def request_now(self):
        if not hasattr(self, "_now"):
            self._now = clock.now()
        return self._now

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["now"] = self.request_now()
        return context

    # --- reads ------------------------------------------------------------------------------
    def get_queryset(self) -> QuerySet[Instance]:
        if getattr(self, "swagger_fake_view", False):
            return Instance.objects.none()
        qs = instances_visible_to(self.request.user)
        # to_attr: a plain list per instance. Without it Django builds a filtered queryset for
        # every row of the page to hold its prefetched orders (a fifth of the list's time).
        return qs.prefetch_related(
            Prefetch("orders", queryset=InstanceOrder.objects.order_by("created_time", "id"),
                     to_attr=PREFETCHED_ORDERS)
        )

    def filter_queryset(self, qs: QuerySet[Instance]) -> QuerySet[Instance]:
        params = self.request.query_params
        wanted = params.get("status")
        if wanted is not None:
            if wanted not in InstanceStatus.values:
                raise core_refusals.INVALID_STATUS(field="status", values=", ".join(InstanceStatus.values))
            qs = qs.with_status(wanted, self.request_now())
        charge_type = params.get("charge_type")
        if charge_type is not None:
            if charge_type not in CHARGE_TYPES:
                raise refusals.INVALID_CHARGE_TYPE(field="charge_type")
            qs = qs.filter(charge_type=charge_type)
        region_id = query_text(self.request, "region_id")
        if region_id:
            qs = qs.filter(region_id=region_id)
        product = query_text(self.request, "product")
        if product:
            qs = qs.filter(product_id=product)
        return qs

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        # Extensions (eligibility) for this page only: constant queries however many rows there are.
        annotate_instances(page, viewer=request.user, now=self.request_now())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self) -> Instance:
        instance_id = self.kwargs["instance_id"]
        instance = self.get_queryset().filter(instance_id=instance_id).first()
        if instance is None:
            raise refusals.INSTANCE_NOT_FOUND(id=instance_id)
        annotate_instances([instance], viewer=self.request.user, now=self.request_now())
        return instance

    def _respond(self, instance_id: str, status_code: int = status.HTTP_200_OK, **headers) -> Response:
        self.kwargs["instance_id"] = instance_id
        return Response(self.get_serializer(self.get_object()).data, status=status_code, headers=headers)

    # --- writes: parse types here, the services decide ----------------------------------------
    def create(self, request, *args, **kwargs):
        serializer = InstancePurchaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        instance = services.instance_purchase(
            actor=request.user,
            product_id=data["product"],
            region_id=data["region_id"],
            charge_type=data["charge_type"],
            period_months=data["period_months"],
            internet_max_bandwidth_out=data["internet_max_bandwidth_out"],
            name=data["name"],
        )
        location = reverse("api-instance-detail", kwargs={"instance_id": instance.instance_id})
        return self._respond(instance.instance_id, status.HTTP_201_CREATED, Location=location)

    def _act(self, service, input_serializer=None) -> Response:
        instance_id = self.kwargs["instance_id"]
        # Another account's instance is a 404 whatever the body says.
        instance_get_visible(self.request.user, instance_id)
        arguments = {}
        if input_serializer is not None:
            serializer = input_serializer(data=self.request.data)
            serializer.is_valid(raise_exception=True)
            arguments = serializer.validated_data
        service(actor=self.request.user, instance_id=instance_id, **arguments)
        return self._respond(instance_id)

    @_action_schema(
        PeriodSerializer,
        "Renew a subscription",
        e409="`NOT_SUBSCRIPTION` (pay-as-you-go), `INSTANCE_RELEASED`.",
    )
    @action(detail=True, methods=["post"])
    def renew(self, request, instance_id=None):
        return self._act(services.instance_renew, PeriodSerializer)

    @_action_schema(
        PeriodSerializer,
        "Switch pay-as-you-go to subscription",
        e409="`ALREADY_SUBSCRIPTION`, `INSTANCE_RELEASED`.",
    )
    @action(detail=True, methods=["post"], url_path="convert-to-prepaid")
    def convert_to_prepaid(self, request, instance_id=None):
        return self._act(services.instance_convert_to_prepaid, PeriodSerializer)

    @_action_schema(
        BandwidthSerializer, "Change the public bandwidth", e409="`INSTANCE_EXPIRED`, `INSTANCE_RELEASED`."
    )
    @action(detail=True, methods=["post"], url_path="modify-bandwidth")
    def modify_bandwidth(self, request, instance_id=None):
        return self._act(services.instance_modify_bandwidth, BandwidthSerializer)

    @_action_schema(None, "Stop", e400=False, e409="`INCORRECT_INSTANCE_STATUS`, `INSTANCE_RELEASED`.")
    @action(detail=True, methods=["post"])
    def stop(self, request, instance_id=None):
        return self._act(services.instance_stop)

    @_action_schema(
        None,
        "Start",
        e400=False,
        e409="`INCORRECT_INSTANCE_STATUS`, `INSTANCE_EXPIRED`, `INSTANCE_RELEASED`.",
    )
    @action(detail=True, methods=["post"])
    def start(self, request, instance_id=None):
        return self._act(services.instance_start)

    @_action_schema(None, "Release", e400=False, e409="`INSTANCE_RELEASED`.")
    @action(detail=True, methods=["post"])
    def release(self, request, instance_id=None):
        return self._act(services.instance_release)
