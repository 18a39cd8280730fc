from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import MAX_PERIOD_YEARS, MIN_PERIOD_YEARS

_PERIODS = [(n, n) for n in range(MIN_PERIOD_YEARS, MAX_PERIOD_YEARS + 1)]


class RegisterForm(forms.Form):
    domain = forms.CharField(
        label=_("Domain"), max_length=300, help_text=_("A main domain, e.g. example.cn.")
    )
    holder_name = forms.CharField(
        label=_("Holder name"),
        max_length=200,
        help_text=_("To file it, the holder must be the filing subject."),
    )
    holder_certificate_number = forms.CharField(
        label=_("Holder certificate number"),
        max_length=64,
        help_text=_("The holder's unified social credit code or resident ID number: real-name verification."),
    )
    period_years = forms.TypedChoiceField(label=_("Years"), choices=_PERIODS, coerce=int, initial=1)


class RenewForm(forms.Form):
    period_years = forms.TypedChoiceField(label=_("Years"), choices=_PERIODS, coerce=int, initial=1)


class HolderForm(forms.Form):
    holder_name = forms.CharField(label=_("Holder name"), max_length=200)
    holder_certificate_number = forms.CharField(label=_("Holder certificate number"), max_length=64)
