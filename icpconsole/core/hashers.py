"""A fast hash for secrets the system generates itself (the filing password).

PBKDF2's million rounds protect what people choose; a generated secret of 10 random characters
from a 57-symbol alphabet (58 bits) is out of reach of a brute-force search even through a fast
hash, and the key (``SECRET_KEY``) makes a leaked table useless without it. One HMAC-SHA256 costs
microseconds where PBKDF2 costs about 0.3 s, which dominated approving a first filing.

Stored as ``hmac_sha256$<salt>$<hex digest>``. Hashes stored earlier (PBKDF2, or whatever a staff
member's chosen password was hashed with) still verify through Django's ``check_password``.
Rotating ``SECRET_KEY`` keeps the new hashes verifying while the old key is in
``SECRET_KEY_FALLBACKS``.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils.crypto import constant_time_compare, get_random_string

ALGORITHM = "hmac_sha256"


def _digest(secret: str, salt: str, key: str) -> str:
    message = f"{salt}${secret}".encode()
    return hmac.new(f"generated-secret:{key}".encode(), message, hashlib.sha256).hexdigest()


def hash_generated_secret(secret: str) -> str:
    salt = get_random_string(22)
    return f"{ALGORITHM}${salt}${_digest(secret, salt, settings.SECRET_KEY)}"


def generated_secret_matches(secret, encoded: str) -> bool:
    if not encoded or not isinstance(secret, str):
        return False
    if not encoded.startswith(f"{ALGORITHM}$"):
        return check_password(secret, encoded)
    _algorithm, salt, digest = encoded.split("$", 2)
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(_digest(secret, salt, key), digest) for key in keys)
