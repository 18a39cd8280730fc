"""The filing password (SPEC 3.7): issued on a first approval, sent to the phone, kept hashed, and
checked before a change or a cancellation.
"""

from __future__ import annotations

import string

from icpconsole.core import generators
from icpconsole.core.hashers import generated_secret_matches, hash_generated_secret

from .. import refusals
from ..models import (
    Subject,
)

FILING_PASSWORD_LENGTH = 10


# No look-alike characters (0/O, 1/l/I): the password is read off a phone and typed.
_PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def generate_filing_password() -> str:
    return generators.choice_string("filing_password", _PASSWORD_ALPHABET, FILING_PASSWORD_LENGTH)


def hash_filing_password(password: str) -> str:
    """A generated filing password's hash: a fast keyed hash (icpconsole/core/hashers.py), since a
    generated secret needs no slow one."""
    return hash_generated_secret(password)


def filing_password_matches(password, password_hash: str) -> bool:
    """Also true for hashes stored before (PBKDF2) and for staff-chosen registry passwords."""
    return generated_secret_matches(password, password_hash)


def check_filing_password(subject: Subject, password) -> None:
    """Seed 004: the MIIT filing password is asked for when a change or cancellation is submitted."""
    if not filing_password_matches(password, subject.password_hash):
        raise refusals.FILING_PASSWORD_INVALID(field="icp_password")
