"""Certificate numbers as the MIIT checks them (SPEC 3.9): pure functions, no database, the date
passed in.

* An enterprise's unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters,
  the last a check character over the first 17.
* An individual's resident ID number (居民身份证号码, GB 11643-1999): 18 characters, a real birth
  date and county code, and the check digit; the person is at least 18 on the (simulated) date.

The same rule checks the filing subject, its leaders and a domain's holder. The algorithms are
``python-stdnum``'s (``stdnum.cn.uscc``, ``stdnum.cn.ric``), a well-kept
library with both standards, rather than hand-written tables.

County codes (SPEC 3.13): ``ric.validate`` also refuses a county code that did not exist in the
birth year, but a number carries the code in force where and when it was *issued* (from 1984 on),
so someone born in 1975 in Hangzhou's Xihu district holds a ``330106`` number although that code
dates from 1983. The check digit and the birth date stay ``stdnum``'s; the county is looked up
here in the table ``stdnum`` ships (``stdnum/cn/loc.dat``, read through ``stdnum.numdb``), and a
code counts when it has existed at any time, whatever years the table gives it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import lru_cache

from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

ADULT_AGE = 18
ENTERPRISE = "enterprise"
INDIVIDUAL = "individual"


class Problem(StrEnum):
    INVALID = "invalid"  # the length, format, birth date, county or check character is wrong
    UNDER_18 = "under_18"  # a valid ID number of someone not yet 18 on the date


def compact(number) -> str:
    return str(number or "").strip().upper().replace(" ", "")


def age_on(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


@lru_cache(maxsize=4096)
def county_known(code: str) -> bool:
    """Whether ``code`` (six digits, GB/T 2260) names a county-level division that has existed at
    any time: ``stdnum``'s table, its ``[start-end]`` years ignored (numbers carry the code in
    force when they were issued, not at birth)."""
    if len(code) != 6 or not code.isdigit():
        return False
    found = {key: value for _part, props in numdb.get("cn/loc").info(code) for key, value in props.items()}
    return bool(found.get("province")) and bool(found.get("county"))


def id_number_region(number) -> str:
    """The two-digit province code (GB/T 2260) of a resident ID number, "" when it has none."""
    text = compact(number)
    return text[:2] if len(text) == 18 and text[:2].isdigit() else ""


def credit_code_region(number) -> str:
    """The two-digit province code of a unified social credit code: characters 3 to 8 are the
    registration authority's division code (GB 32100-2015), 3 and 4 its province; "" when they
    are not digits."""
    text = compact(number)
    return text[2:4] if len(text) == 18 and text[2:8].isdigit() else ""


def id_number_problem(number, *, today: dt.date) -> Problem | None:
    """What is wrong with a resident ID number (a person: an individual subject, a leader)."""
    text = compact(number)
    if len(text) != 18 or not text[:17].isdigit():
        return Problem.INVALID
    try:
        # The check digit and the date are stdnum's; the county is ours (see the module's docstring).
        if text[-1] != ric.calc_check_digit(text):
            return Problem.INVALID
        birth = ric.get_birth_date(text)
    except (ValidationError, ValueError):
        return Problem.INVALID
    if not county_known(text[:6]):
        return Problem.INVALID
    if birth > today:
        return Problem.INVALID
    return Problem.UNDER_18 if age_on(birth, today) < ADULT_AGE else None


def credit_code_problem(number) -> Problem | None:
    """What is wrong with a unified social credit code (an enterprise)."""
    try:
        uscc.validate(compact(number))
    except (ValidationError, ValueError):
        return Problem.INVALID
    return None


def certificate_problem(number, *, kind: str, today: dt.date) -> Problem | None:
    """The subject's certificate by its kind: an enterprise's credit code, an individual's ID."""
    if kind == ENTERPRISE:
        return credit_code_problem(number)
    return id_number_problem(number, today=today)


def holder_certificate_valid(number, *, today: dt.date) -> bool:
    """A domain holder is an organisation (credit code) or an adult person (ID number)."""
    return credit_code_problem(number) is None or id_number_problem(number, today=today) is None


def with_check_character(first17: str, *, kind: str = ENTERPRISE) -> str:
    """``first17`` completed with its check character (for demo data and tests)."""
    module = uscc if kind == ENTERPRISE else ric
    return first17 + module.calc_check_digit(first17 + "0")
