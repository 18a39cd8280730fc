"""The floors every measurement is divided by: the cheapest way this stack can do the same thing.

* ``floor``: a plain Django view and template rendering one page (20) of the account's instances,
  from the same table in the same order, with no eligibility, no base template, no remedies.
* ``floor_codes``: the same for the account's service codes (the rows of ICP No. Management).
* ``FloorListView``: the same page through a bare DRF list view and a flat ``ModelSerializer``.
* ``InsertView``: a bare DRF endpoint (the project's default authentication, permission and
  throttle classes) that inserts one row, the floor for ``POST .../service-codes/``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from icpconsole.core.models import AuditEvent
from instances.models import Instance
from servicecodes.models import ServiceCode

PAGE_SIZE = 20


def _instances(user):
    return (
        Instance.objects.filter(owner=user.owner_account)
        .exclude(status="Released")
        .select_related("region")
        .order_by("-created_time", "-id")
    )


@login_required
def floor(request):
    page = Paginator(_instances(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "bench/floor.html", {"page_obj": page})


@login_required
def floor_codes(request):
    codes = (
        ServiceCode.objects.filter(account=request.user.owner_account)
        .select_related("instance")
        .order_by("-created_time", "-id")
    )
    page = Paginator(codes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "bench/floor_codes.html", {"page_obj": page})


class FloorInstanceSerializer(serializers.ModelSerializer):
    product = serializers.CharField(source="product_id")
    region_id = serializers.CharField()

    class Meta:
        model = Instance
        fields = ["instance_id", "name", "product", "region_id", "charge_type", "status", "created_time",
                  "expired_time", "internet_max_bandwidth_out", "public_ip_address"]


class FloorListView(generics.ListAPIView):
    serializer_class = FloorInstanceSerializer

    def get_queryset(self):
        return _instances(self.request.user)


class InsertView(APIView):
    def post(self, request):
        event = AuditEvent.objects.create(
            actor=request.user, account=request.user, action="bench.insert", sim_time=timezone.now()
        )
        return Response({"id": event.pk}, status=status.HTTP_201_CREATED)
