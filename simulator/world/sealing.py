"""Inbox secrets in a snapshot (issue 27): an SMS code or a filing password leaves the database only
encrypted, under a key derived from ``SECRET_KEY`` (as AccessKey secrets are, ``openapi/crypto.py``).

AES-SIV rather than Fernet: it is deterministic, so the same world still gives the same snapshot
(snapshot, restore, snapshot gives the same document); it is authenticated, so a token edited or
encrypted under another ``SECRET_KEY`` is refused rather than misread. Equal secrets give equal
tokens, which says nothing an attacker could use: the codes are random and single-purpose."""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_SALT = b"icpconsole.simulator.snapshot-secret"
_INFO = b"aes-siv-v1"
_AD = [b"phone_message.secret"]


@lru_cache(maxsize=4)
def _cipher(secret_key: str) -> AESSIV:
    key = HKDF(algorithm=hashes.SHA256(), length=64, salt=_SALT, info=_INFO).derive(secret_key.encode())
    return AESSIV(key)


def seal(plaintext: str) -> str:
    return base64.urlsafe_b64encode(_cipher(settings.SECRET_KEY).encrypt(plaintext.encode(), _AD)).decode()


def unseal(token: str) -> str | None:
    """The secret, or ``None`` when the token was sealed under another ``SECRET_KEY`` or changed."""
    try:
        return (
            _cipher(settings.SECRET_KEY)
            .decrypt(base64.urlsafe_b64decode(token.encode("ascii")), _AD)
            .decode()
        )
    except (InvalidTag, ValueError, UnicodeError):
        return None
