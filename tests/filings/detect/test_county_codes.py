"""Resident ID numbers carry the county code in force when they were issued (1984 on), not at
birth (SPEC 3.13): the county is valid when its code has existed at any time."""

import datetime as dt

import pytest
from stdnum.cn import ric

from registrar.certificates import (
    Problem,
    county_known,
    credit_code_region,
    id_number_problem,
    id_number_region,
    with_check_character,
)

TODAY = dt.date(2026, 12, 5)


def test_a_1975_number_with_a_county_code_from_1983_passes():
    # stdnum alone refuses it: 330106 (Xihu district) dates from 1983.
    assert not ric.is_valid("330106197506120416")
    assert id_number_problem("330106197506120416", today=TODAY) is None


def test_a_code_abolished_since_still_passes():
    # 110103 (Chongwen district, Beijing) was merged away in 2010; numbers issued before stay valid.
    number = with_check_character("11010319800101123", kind="individual")
    assert id_number_problem(number, today=TODAY) is None


@pytest.mark.parametrize(
    "number",
    [
        "330106197506120417",  # wrong check digit
        with_check_character("33999919750612041", kind="individual"),  # no such county
        with_check_character("33010619751312041", kind="individual"),  # month 13
        "33010619750612041",  # 17 characters
        "33010619750612041A",
    ],
)
def test_what_is_still_invalid(number):
    assert id_number_problem(number, today=TODAY) == Problem.INVALID


def test_the_age_is_still_checked():
    number = with_check_character("33010620100101123", kind="individual")
    assert id_number_problem(number, today=TODAY) == Problem.UNDER_18


def test_county_table_lookups():
    assert county_known("330106")
    assert not county_known("339999")
    assert not county_known("99")


def test_regions_of_certificates():
    assert id_number_region("110105199001011238") == "11"
    assert credit_code_region("91110108MA00000000") == "11"
    assert credit_code_region("short") == ""
