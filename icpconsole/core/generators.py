"""Where every generated value of the world comes from (SPEC 4.6, deterministic runs).

Without ``SIMULATOR_SEED`` each value comes from the operating system's randomness, as before.
With it, each kind of value (``uid``, ``instance_id``, ``ip``, ``service_code``, ``icp_number``,
``license_number``, ``sms_code``, ``filing_password``, ``fault``) has its own stream seeded from
the seed and the kind, so the same seed and the same calls give the same values, and a new call of
one kind does not shift the values of another.

The streams live in the process: a single server process (``runserver``, the pytest fixture) is
deterministic; several workers each draw from their own copy. :func:`reseed` starts the streams
again (the sandbox controls call it on reset, restore and load, with the world's own salt so that
a restored world's next values do not repeat the ones it already holds).

AccessKey ids and secrets are not seeded: a secret must stay unpredictable.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import string
import threading
import uuid

from django.conf import settings

_lock = threading.Lock()
_streams: dict[str, random.Random] = {}
_salt = ""
_system = random.SystemRandom()


def seed() -> str | None:
    value = getattr(settings, "SIMULATOR_SEED", None)
    return None if value in (None, "") else str(value)


def reseed(salt: str = "") -> None:
    """Start every seeded stream again (from ``SIMULATOR_SEED`` and ``salt``)."""
    global _salt
    with _lock:
        _streams.clear()
        _salt = salt


def rng(kind: str) -> random.Random:
    """The random source for one kind of value: seeded when ``SIMULATOR_SEED`` is set."""
    base = seed()
    if base is None:
        return _system
    with _lock:
        stream = _streams.get(kind)
        if stream is None:
            digest = hashlib.sha256(f"{base}\x00{_salt}\x00{kind}".encode()).digest()
            stream = _streams[kind] = random.Random(int.from_bytes(digest, "big"))  # noqa: S311 - seeded on purpose
        return stream


def digits(kind: str, count: int) -> str:
    """``count`` decimal digits (leading zeros kept)."""
    if seed() is None:
        return f"{secrets.randbelow(10**count):0{count}d}"
    return f"{rng(kind).randrange(10**count):0{count}d}"


def choice_string(kind: str, alphabet: str, length: int) -> str:
    source = rng(kind)
    return "".join(source.choice(alphabet) for _ in range(length))


def below(kind: str, upper: int) -> int:
    return secrets.randbelow(upper) if seed() is None else rng(kind).randrange(upper)


def uuid4(kind: str) -> uuid.UUID:
    if seed() is None:
        return uuid.uuid4()
    return uuid.UUID(int=rng(kind).getrandbits(128), version=4)


LOWER_ALNUM = string.ascii_lowercase + string.digits
