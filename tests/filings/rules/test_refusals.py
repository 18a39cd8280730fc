"""Every refusal of the domain is defined once, in both languages, and named at its raise site."""

import pathlib
import re

import pytest
from django.utils import translation

from accessors import refusals as accessor_refusals
from filings import refusals
from icpconsole.accounts import refusals as account_refusals
from icpconsole.core import refusals as core_refusals
from icpconsole.core.errors import InvalidInput
from icpconsole.core.refusals import Refusal, catalogue
from instances import refusals as instance_refusals
from registrar import refusals as registrar_refusals
from servicecodes import refusals as code_refusals

# The apps whose refusals are all catalogued.
CATALOGUED = [
    "filings",
    "instances",
    "servicecodes",
    "registrar",
    "accessors",
    "icpconsole/core",
    "icpconsole/accounts",
]
ALL_ENTRIES = [
    *refusals.REFUSALS.values(),
    *instance_refusals.REFUSALS.values(),
    *code_refusals.REFUSALS.values(),
    *registrar_refusals.REFUSALS.values(),
    *accessor_refusals.REFUSALS.values(),
    *account_refusals.REFUSALS.values(),
    *(value for value in vars(core_refusals).values() if isinstance(value, Refusal)),
]

ROOT = pathlib.Path(__file__).resolve().parents[3]
# A domain error built from a literal code: ``Conflict("SOME_CODE", ...)``.
LITERAL = re.compile(r"\b(?:Conflict|InvalidInput|NotFound|PermissionDenied|NotEligible)\(\s*[\"'][A-Z_]+")


@pytest.mark.parametrize("app", CATALOGUED)
def test_no_code_is_raised_as_a_literal(app):
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if LITERAL.search(line)
    ]
    assert offenders == []


def test_a_code_has_one_entry():
    with pytest.raises(ValueError, match="defined twice"):
        catalogue([refusals.SUBJECT_EXISTS, Refusal("SUBJECT_EXISTS", InvalidInput, "another text")])


def test_a_code_means_one_thing_across_the_apps():
    assert len({entry.code for entry in ALL_ENTRIES}) == len(ALL_ENTRIES)


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=lambda entry: entry.code)
def test_every_refusal_reads_in_english_and_chinese(entry):
    with translation.override("en"):
        english = str(entry.message)
    with translation.override("zh-hans"):
        chinese = str(entry.message)
        remedy = str(entry.remedy) if entry.remedy is not None else None
    assert english and chinese != english
    if remedy is not None:
        with translation.override("en"):
            assert remedy != str(entry.remedy)


def test_a_refusal_carries_its_remedy_and_field():
    error = refusals.FILING_PASSWORD_INVALID(field="icp_password")
    body = error.as_dict()
    assert body["code"] == "FILING_PASSWORD_INVALID"
    assert body["fields"] == {"icp_password": [body["message"]]}
    assert body["remedy"]
    assert error.status_code == 400
    assert refusals.ORDER_NOT_FOUND(id=5).message == "Filing order 5 does not exist."
