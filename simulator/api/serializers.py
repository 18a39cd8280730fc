"""Shapes of the sandbox control API, for validation and the OpenAPI schema."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Provider, ReviewMode
from ..world import WORLDS


class ResetSerializer(serializers.Serializer):
    world = serializers.ChoiceField(choices=WORLDS, default="empty")


class CountsSerializer(serializers.Serializer):
    accounts = serializers.IntegerField()
    instances = serializers.IntegerField()
    service_codes = serializers.IntegerField()
    subjects = serializers.IntegerField()
    websites = serializers.IntegerField()
    filing_orders = serializers.IntegerField()
    access_keys = serializers.IntegerField()
    audit_events = serializers.IntegerField()


class ResetResultSerializer(serializers.Serializer):
    world = serializers.CharField()
    counts = CountsSerializer()
    elapsed_ms = serializers.FloatField()


class RestoreResultSerializer(serializers.Serializer):
    counts = CountsSerializer()
    elapsed_ms = serializers.FloatField()


class FaultRuleSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    target = serializers.CharField(help_text="An RPC action (`DescribeInstances`) or a REST route name.")
    error = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="`Throttling`, `Throttling.User`, `Throttling.Api`, `ServiceUnavailable`, `InternalError` "
        "or an HTTP status 400-599; empty for latency alone.",
    )
    probability = serializers.FloatField(required=False, default=1.0, min_value=0, max_value=1)
    latency_ms = serializers.IntegerField(required=False, default=0, min_value=0, max_value=10_000)
    times = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    account = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=150,
        help_text="Only this account's calls (and its RAM users'); empty for every authenticated caller.",
    )
    access_key_id = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="Only RPC calls signed with this AccessKey.",
    )
    remaining = serializers.IntegerField(read_only=True, allow_null=True)


class SettingsSerializer(serializers.Serializer):
    review_mode = serializers.ChoiceField(choices=ReviewMode.choices, required=False)
    provider = serializers.ChoiceField(choices=Provider.choices, required=False)
    access_at_risk_days = serializers.IntegerField(required=False, min_value=1, max_value=365)
    access_cancel_after_days = serializers.IntegerField(required=False, min_value=1, max_value=365)
    order_expire_days = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=365,
        help_text="A draft or returned order untouched this long expires.",
    )
    order_remind_days = serializers.IntegerField(required=False, min_value=1, max_value=365)
    order_second_remind_days = serializers.IntegerField(required=False, min_value=1, max_value=365)
    faults = FaultRuleSerializer(many=True, required=False, help_text="PATCH replaces every rule.")


class InjectedFaultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = serializers.CharField()
    interface = serializers.CharField()
    error = serializers.CharField()
    status = serializers.IntegerField(allow_null=True)
    latency_ms = serializers.IntegerField()
    time = serializers.DateTimeField()


class InfoSerializer(serializers.Serializer):
    version = serializers.CharField()
    database = serializers.DictField()
    cache = serializers.DictField()
    seed = serializers.BooleanField(help_text="Is `SIMULATOR_SEED` set?")
    provider = serializers.ChoiceField(
        choices=Provider.choices, help_text="The provider profile in force (SPEC 3.14)."
    )
    world_file = serializers.CharField(allow_null=True)
    world_format = serializers.DictField()
    counts = CountsSerializer()


class AccessKeyForSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="The account (or RAM user) the pair is for.")


class AccessKeyPairSerializer(serializers.Serializer):
    username = serializers.CharField()
    access_key_id = serializers.CharField()
    access_key_secret = serializers.CharField(help_text="Shown this once.")
