"""Every refusal of the access provider's reports is defined once, in both languages, and named at
its raise site (``accessors/refusals.py``)."""

import pathlib
import re

import pytest
from django.utils import translation

from accessors import refusals

ROOT = pathlib.Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"\b(?:Conflict|InvalidInput|NotFound|PermissionDenied|NotEligible)\(\s*[\"'][A-Z_]+")


def test_no_accessor_code_is_raised_as_a_literal():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "accessors").rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if LITERAL.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("entry", list(refusals.REFUSALS.values()), ids=lambda entry: entry.code)
def test_every_refusal_reads_in_english_and_chinese(entry):
    with translation.override("en"):
        english = str(entry.message)
    with translation.override("zh-hans"):
        chinese = str(entry.message)
    assert english and chinese != english


def test_a_refusal_names_its_field():
    body = refusals.IP_VERSION_MISMATCH(field="IpVersion", ip="1.2.3.4", actual=4, version=6).as_dict()
    assert body["code"] == "IP_VERSION_MISMATCH"
    assert body["fields"] == {"IpVersion": ["1.2.3.4 is an IPv4 address, but IpVersion is 6."]}
