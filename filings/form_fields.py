"""The fields and choices the console's filing forms share (the wizard's, the other ways in,
the change applications): a domain as a filing takes it, the filing password, the provinces and
the content categories."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from icpconsole.core.errors import InvalidInput

from .domains import normalize_main_domain
from .models import MAX_DOMAIN_LENGTH
from .provinces import PROVINCES


def province_choices() -> list[tuple[str, str]]:
    chinese = (get_language() or "").startswith("zh")
    return [("", _("Select a province"))] + [
        (p.pinyin, f"{p.name_zh if chinese else p.name} ({p.abbreviation})") for p in PROVINCES.values()
    ]


def clean_domain_value(value: str, *, required: bool = True) -> str:
    if not value and not required:
        return ""
    try:
        # SPEC 3.9: a website is filed, and looked up, under its main domain.
        return normalize_main_domain(value)[0]
    except InvalidInput as exc:
        raise ValidationError(exc.message, code=exc.code) from None


class DomainField(forms.CharField):
    """A domain as a filing takes it (lowercase, IDNA), through ``filings.domains``.

    Its limit is the rule's: ``normalize_domain`` counts the name as it is filed (IDNA, without
    a trailing dot) against ``MAX_DOMAIN_LENGTH`` and says so. No ``maxlength`` of its own: a
    browser cuts a longer entry silently, and the error then described text that was never sent
    (a 260-character name cut before its dot was refused for having no dot)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Domain"))
        kwargs.setdefault(
            "help_text",
            format_lazy(
                _("The bare domain, e.g. www.example.cn (no http:// and no path), at most {max} characters."),
                max=MAX_DOMAIN_LENGTH,
            ),
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocapitalize": "none", "spellcheck": "false", "autocomplete": "off"})

    def clean(self, value):
        return clean_domain_value(super().clean(value), required=self.required)


class PasswordField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("ICP filing password"))
        kwargs.setdefault("max_length", 128)
        kwargs.setdefault("strip", False)
        kwargs.setdefault("widget", forms.PasswordInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)


def content_category_choices() -> list[tuple[str, str]]:
    from .precheck import CONTENT_CATEGORIES

    return [("", _("Select a content category"))] + [
        (key, label) for key, label in CONTENT_CATEGORIES.items()
    ]


def app_content_category_choices() -> list[tuple[str, str]]:
    """An app's content categories (SPEC 3.11), not a website's."""
    from .precheck import APP_CONTENT_CATEGORIES

    return [("", _("Select a content category"))] + list(APP_CONTENT_CATEGORIES.items())
