"""Where every generated value of the world comes from (SPEC 4.6 deterministic runs, SPEC 4.8).

Without ``SIMULATOR_SEED`` each value comes from the operating system's randomness.

With it, a value is a function of the seed, the world's salt, the kind of value (``uid``,
``instance_id``, ``ip``, ``service_code``, ``icp_number``, ``license_number``, ``sms_code``,
``filing_password``, ``fault``...) and how many values of that kind the world has drawn so far.
That count and the salt are kept in the database (:class:`~icpconsole.core.models.GeneratorCounter`),
never in a process's memory: ``createsuperuser`` in one process and the server in another, several
gunicorn workers, a restart, all continue the same sequence, so the same calls give the same values
and two processes never draw the same one. Each draw takes the next number of its kind in one
atomic update (a row lock on PostgreSQL, the write lock on SQLite). A new call of one kind does not
shift the values of another.

:func:`reseed` starts every kind again (the sandbox controls call it on reset, restore and load,
with the world's own salt so that a restored world's next values do not repeat the ones it
already holds).

A value that must be unique is still checked by its caller, and drawn again on a collision
(:func:`unique`): seeded, the next draw is the next number of the kind, so the retry is itself
deterministic.

AccessKey ids and secrets are not seeded: a secret must stay unpredictable.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import string
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

_system = random.SystemRandom()

# The counter row that holds the world's salt rather than a count.
SALT_KIND = ""
# How often :func:`unique` draws before giving up (a full value space, never in practice).
UNIQUE_ATTEMPTS = 50


def seed() -> str | None:
    value = getattr(settings, "SIMULATOR_SEED", None)
    return None if value in (None, "") else str(value)


def reseed(salt: str = "") -> None:
    """Start every kind again, under the world's ``salt`` (stored: every process reads it)."""
    from .models import GeneratorCounter

    with transaction.atomic():
        GeneratorCounter.objects.all().delete()
        GeneratorCounter.objects.create(kind=SALT_KIND, value=0, salt=salt[:64])


def _next(kind: str) -> tuple[int, str]:
    """The next number of ``kind`` (1, 2, ...) and the world's salt, from the database."""
    from .models import GeneratorCounter

    with transaction.atomic():
        if not GeneratorCounter.objects.filter(kind=kind).update(value=F("value") + 1):
            try:
                with transaction.atomic():
                    GeneratorCounter.objects.create(kind=kind, value=1)
            except IntegrityError:  # another process created it first
                GeneratorCounter.objects.filter(kind=kind).update(value=F("value") + 1)
        number = GeneratorCounter.objects.values_list("value", flat=True).get(kind=kind)
        salt = GeneratorCounter.objects.filter(kind=SALT_KIND).values_list("salt", flat=True).first() or ""
    return number, salt


def position(kind: str) -> int:
    """How many values of ``kind`` the world has drawn (seeded runs; 0 otherwise)."""
    from .models import GeneratorCounter

    return GeneratorCounter.objects.filter(kind=kind).values_list("value", flat=True).first() or 0


def rng(kind: str) -> random.Random:
    """The random source for one draw of ``kind``: seeded (from the database's count) when
    ``SIMULATOR_SEED`` is set. A caller may take several numbers from it for one value."""
    base = seed()
    if base is None:
        return _system
    number, salt = _next(kind)
    digest = hashlib.sha256(f"{base}\x00{salt}\x00{kind}\x00{number}".encode()).digest()
    return random.Random(int.from_bytes(digest, "big"))  # noqa: S311 - seeded on purpose


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


def unique(make: Callable[[], str], taken: Callable[[str], bool], attempts: int = UNIQUE_ATTEMPTS) -> str:
    """A value from ``make`` that ``taken`` does not know: a collision is drawn again, never an
    error (seeded, the next draw is the kind's next number). The database's unique constraint
    stays the backstop."""
    value = make()
    for _attempt in range(attempts - 1):
        if not taken(value):
            return value
        value = make()
    return value


LOWER_ALNUM = string.ascii_lowercase + string.digits
