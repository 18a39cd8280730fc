"""Cleaning the fields a service is given (texts, certificate numbers, a new subject's fields), each
refused with the code that names the field.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from icpconsole.core.refusals import Refusal

from .. import refusals
from ..models import (
    SubjectKind,
)
from ..provinces import PROVINCES


def clean_text(value, *, refusal: Refusal, field: str, label: str, max_length: int) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > max_length:
        raise refusal(field=field, label=label, max=max_length)
    return text


def shortened(value, length: int = 24) -> str:
    """A value as a message quotes it: text cut to ``length`` characters, anything else as "-"."""
    text = value.strip() if isinstance(value, str) else ""
    return (text[:length] + "…" if len(text) > length else text) or "-"


def clean_certificate_number(value, *, field: str) -> str:
    """A certificate number as given (its checks are the pre-check's): required, at most 64
    characters; refused with the pre-check's own entry, so the code has one text."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > 64:
        raise refusals.CERTIFICATE_NUMBER_INVALID(
            field=field,
            who=_("Certificate number"),
            number=shortened(value),
            document=_("certificate number"),
            checked=_("required, at most 64 characters"),
        )
    return text


def clean_subject_fields(*, kind, name, certificate_number, province, prefix: str = "subject.") -> dict:
    """The subject's own fields (SPEC 3.7, 4.2): kind, name, certificate number, province by its
    pinyin name."""
    if kind not in SubjectKind.values:
        raise refusals.SUBJECT_KIND_INVALID(field=f"{prefix}kind")
    province = province.strip().lower() if isinstance(province, str) else province
    if province not in PROVINCES:
        raise refusals.PROVINCE_INVALID(field=f"{prefix}province")
    return {
        "kind": kind,
        "name": clean_text(
            name,
            refusal=refusals.SUBJECT_NAME_INVALID,
            field=f"{prefix}name",
            label=_("The name"),
            max_length=200,
        ),
        "certificate_number": clean_certificate_number(
            certificate_number, field=f"{prefix}certificate_number"
        ),
        "province": province,
    }
