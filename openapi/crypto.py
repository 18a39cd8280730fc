"""Encryption of AccessKey secrets at rest (SPEC 4.5): Fernet (AES-128-CBC + HMAC-SHA256, from the
``cryptography`` package), with its key derived from ``SECRET_KEY`` by HKDF-SHA256. The server
must recover the secret to check an HMAC signature, so it is encrypted, not hashed; rotating
``SECRET_KEY`` makes existing secrets unreadable (their keys then fail with
``InvalidAccessKeyId.NotFound``-like errors and have to be recreated)."""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_SALT = b"icpconsole.openapi.access-key-secret"
_INFO = b"fernet-key-v1"


@lru_cache(maxsize=4)
def _fernet_for(secret_key: str) -> Fernet:
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=_INFO).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(raw))


def _fernet() -> Fernet:
    return _fernet_for(settings.SECRET_KEY)


def encrypt_secret(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode("ascii")


def decrypt_secret(token: str) -> str | None:
    """The plaintext secret, or ``None`` if it was encrypted under another ``SECRET_KEY``."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, ValueError):
        return None
