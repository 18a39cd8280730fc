"""Console forms for instances: they parse and type the input; the services decide the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import ChargeType
from .selectors import named_for_profile, products_ordered, regions_ordered
from .services import MAX_BANDWIDTH_MBPS, MAX_NAME_LENGTH

DEFAULT_PERIOD_MONTHS = 12
DEFAULT_BANDWIDTH_MBPS = 5


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


def localized_name(obj) -> str:
    """A catalogue row's name in the active language (regions and products carry both)."""
    return obj.name_zh if _chinese() and obj.name_zh else obj.name


def period_choices() -> list[tuple[int, str]]:
    return [
        (months, ngettext("%(months)d month", "%(months)d months", months) % {"months": months})
        for months in range(rules.MIN_PERIOD_MONTHS, rules.MAX_PERIOD_MONTHS + 1)
    ]


def _period_field(**kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Subscription period"),
        choices=period_choices,
        coerce=int,
        initial=DEFAULT_PERIOD_MONTHS,
        **kwargs,
    )


def _bandwidth_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Public bandwidth (Mbps)"),
        min_value=0,
        max_value=MAX_BANDWIDTH_MBPS,
        initial=DEFAULT_BANDWIDTH_MBPS,
        help_text=_("0 means no public IP address; an instance needs one to apply for a service code."),
    )


class PeriodForm(forms.Form):
    """Renew, or switch pay-as-you-go to subscription: how many months to buy."""

    period_months = _period_field()


class BandwidthForm(forms.Form):
    internet_max_bandwidth_out = _bandwidth_field()


class ProductSelect(forms.Select):
    """The product list; each option carries its monthly price (``data-monthly-price``), which
    static/js/instances.js reads to price the order as the product changes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prices: dict[str, object] = {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.prices:
            option["attrs"]["data-monthly-price"] = str(self.prices[value])
        return option


class PurchaseForm(forms.Form):
    product = forms.ChoiceField(label=_("Product"), widget=ProductSelect)
    region_id = forms.ChoiceField(label=_("Region"))
    charge_type = forms.ChoiceField(
        label=_("Billing method"),
        choices=ChargeType.choices,
        initial=ChargeType.PREPAID,
        widget=forms.RadioSelect,
    )
    period_months = _period_field(
        required=False,
        empty_value=None,
        help_text=_("Subscription only. ICP filing needs at least 3 months left for most products."),
    )
    internet_max_bandwidth_out = _bandwidth_field()
    name = forms.CharField(label=_("Instance name"), max_length=MAX_NAME_LENGTH, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        products = named_for_profile(products_ordered())
        self.prices = {p.id: p.monthly_price_rmb for p in products}
        self.fields["product"].choices = [(p.id, localized_name(p)) for p in products]
        self.fields["product"].widget.prices = self.prices
        mainland, outside = [], []
        for region in named_for_profile(regions_ordered()):
            (mainland if region.mainland else outside).append((region.id, localized_name(region)))
        self.fields["region_id"].choices = [
            (_("Mainland China"), mainland),
            (_("Outside mainland China (no ICP filing needed)"), outside),
        ]
        # Alibaba's defaults (ECS in Hangzhou), else the profile's first product and mainland region.
        ids = [p.id for p in products]
        self.fields["product"].initial = "ecs" if "ecs" in ids else ids[0]
        regions = [rid for rid, _name in mainland]
        self.fields["region_id"].initial = "cn-hangzhou" if "cn-hangzhou" in regions else regions[0]

    def service_kwargs(self) -> dict:
        """The cleaned data as ``instance_purchase`` takes it (months only for a subscription)."""
        data = self.cleaned_data
        prepaid = data["charge_type"] == rules.PREPAID
        return {
            "product_id": data["product"],
            "region_id": data["region_id"],
            "charge_type": data["charge_type"],
            "period_months": data["period_months"] if prepaid else None,
            "internet_max_bandwidth_out": data["internet_max_bandwidth_out"],
            "name": data["name"],
        }
