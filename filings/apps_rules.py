"""The app fields of an APP filing (SPEC 3.11), checked: pure, no ORM, no clock.

An app is filed on its subject's number like a website (``<subject>-NA``); what differs is what
identifies it. The real console (since September 2023) asks, per platform:

* ``android``: the package name (``applicationId``, reverse-DNS under Java's package rules) and
  the MD5 fingerprint of the signing certificate (32 hex digits);
* ``ios``: the bundle ID (reverse-DNS of letters, digits and hyphens) and the SHA-1 fingerprint
  of the signing certificate (40 hex digits);
* ``harmonyos``: the bundle name (the same reverse-DNS rules as an Android package, given as
  ``package_name``) and the MD5 fingerprint (decision: HarmonyOS asks for the signature as
  Android does, and shares ``signature_md5`` with it).

Fingerprints are accepted as ``keytool`` prints them (``AB:CD:...``) and kept as lowercase hex
without colons. ``clean_app`` raises the first rule broken as a catalogued 400 refusal, so a bad
app is refused before anything is looked up or written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from icpconsole.core.errors import DomainError

from . import refusals


class Platform:
    ANDROID = "android"
    IOS = "ios"
    HARMONYOS = "harmonyos"


PLATFORMS: tuple[str, ...] = (Platform.ANDROID, Platform.IOS, Platform.HARMONYOS)
# What people read (brand names: the same in every language).
PLATFORM_LABELS: dict[str, str] = {
    Platform.ANDROID: "Android",
    Platform.IOS: "iOS",
    Platform.HARMONYOS: "HarmonyOS",
}
APP_NAME_MAX = 30
PACKAGE_NAME_MAX = 255
BUNDLE_ID_MAX = 155

# What each platform needs (SPEC 3.11), in the order the message names them.
PLATFORM_FIELDS: dict[str, tuple[str, ...]] = {
    Platform.ANDROID: ("package_name", "signature_md5"),
    Platform.IOS: ("bundle_id", "signature_sha1"),
    Platform.HARMONYOS: ("package_name", "signature_md5"),
}
IDENTIFIER_FIELDS: tuple[str, ...] = ("package_name", "bundle_id", "signature_md5", "signature_sha1")
APP_INPUT_FIELDS: tuple[str, ...] = ("name", "platforms", *IDENTIFIER_FIELDS)

# Java's reserved words cannot be a package segment (Android refuses them as applicationId parts).
JAVA_KEYWORDS = frozenset(
    """abstract assert boolean break byte case catch char class const continue default do double else
    enum extends final finally float for goto if implements import instanceof int interface long native
    new package private protected public return short static strictfp super switch synchronized this
    throw throws transient try void volatile while true false null""".split()
)
_PACKAGE_SEGMENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_BUNDLE_SEGMENT = re.compile(r"^[A-Za-z0-9-]+$")
_HEX = re.compile(r"^[0-9a-f]+$")
SIGNATURE_LENGTHS = {"signature_md5": ("MD5", 32), "signature_sha1": ("SHA-1", 40)}


@dataclass(frozen=True)
class AppFields:
    """A checked app: what the order keeps until approval and the filed app carries."""

    name: str
    platforms: tuple[str, ...]
    package_name: str = ""
    bundle_id: str = ""
    signature_md5: str = ""
    signature_sha1: str = ""

    def as_dict(self) -> dict:
        return {
            "platforms": list(self.platforms),
            "package_name": self.package_name,
            "bundle_id": self.bundle_id,
            "signature_md5": self.signature_md5,
            "signature_sha1": self.signature_sha1,
        }


def package_name_valid(value: str) -> bool:
    """Java's package rules, as Android's ``applicationId``: two segments at least, each a letter
    then letters, digits or underscores, none a Java keyword."""
    if not value or len(value) > PACKAGE_NAME_MAX:
        return False
    segments = value.split(".")
    return len(segments) >= 2 and all(
        _PACKAGE_SEGMENT.match(segment) and segment not in JAVA_KEYWORDS for segment in segments
    )


def bundle_id_valid(value: str) -> bool:
    """Apple's bundle ID: reverse-DNS, two segments at least, of letters, digits and hyphens."""
    if not value or len(value) > BUNDLE_ID_MAX:
        return False
    segments = value.split(".")
    return len(segments) >= 2 and all(_BUNDLE_SEGMENT.match(segment) for segment in segments)


def normalize_signature(value: str) -> str:
    """``AB:CD:...`` or ``abcd...`` -> ``abcd...`` (lowercase hex, no colons or spaces)."""
    return re.sub(r"[\s:]", "", value).lower()


def signature_valid(value: str, *, field: str) -> bool:
    _algorithm, length = SIGNATURE_LENGTHS[field]
    return len(value) == length and bool(_HEX.match(value))


def _text(data: Mapping, key: str, *, max_length: int = 300) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > max_length:
        raise refusals.APP_INVALID(field=f"app.{key}")
    return value.strip()


def clean_platforms(value) -> tuple[str, ...]:
    choices = ", ".join(PLATFORMS)
    if not isinstance(value, list | tuple) or not value:
        raise refusals.APP_PLATFORM_INVALID(field="app.platforms", platforms=choices, value="-")
    seen: list[str] = []
    for item in value:
        if not isinstance(item, str) or item not in PLATFORMS or item in seen:
            raise refusals.APP_PLATFORM_INVALID(field="app.platforms", platforms=choices, value=repr(item))
        seen.append(item)
    return tuple(platform for platform in PLATFORMS if platform in seen)


def app_name_valid(name: str) -> bool:
    """An app's name: some text, at most ``APP_NAME_MAX`` characters, no control characters (a
    NUL byte or a line break is no part of a name a store shows)."""
    return bool(name) and len(name) <= APP_NAME_MAX and name.isprintable()


def clean_app(data) -> AppFields:
    """The app of a filing checked (SPEC 3.11), or the first broken rule as a 400 refusal:
    ``APP_INVALID`` (not an object, a field not text), ``APP_NAME_INVALID``,
    ``APP_PLATFORM_INVALID``, ``APP_PACKAGE_NAME_INVALID``, ``APP_BUNDLE_ID_INVALID``,
    ``APP_SIGNATURE_INVALID``, ``APP_PLATFORM_IDENTIFIER_MISSING`` (a platform without its
    identifier or signature), ``APP_IDENTIFIER_UNEXPECTED`` (an identifier of a platform the app
    is not on). Other keys (instance, code, materials) are the caller's."""
    problems, fields = _checked_app(data)
    if problems:
        raise problems[0]
    return fields


def app_problems(data) -> list[DomainError]:
    """Every broken rule of the app, in the order ``clean_app`` meets them (the console lists
    them all at once, as the pre-check does for a website); [] when the app is valid."""
    return _checked_app(data)[0]


def _texts(data: Mapping, keys, problems: list, *, max_length: int = 300) -> dict[str, str]:
    texts = {}
    for key in keys:
        try:
            texts[key] = _text(data, key, max_length=max_length)
        except DomainError as exc:
            problems.append(exc)
            texts[key] = ""
    return texts


def _checked_app(data) -> tuple[list[DomainError], AppFields | None]:
    if not isinstance(data, Mapping):
        return [refusals.APP_INVALID(field="app")], None
    problems: list[DomainError] = []
    name = _texts(data, ("name",), problems, max_length=200)["name"]
    if not problems and not app_name_valid(name):
        problems.append(refusals.APP_NAME_INVALID(field="app.name", max=APP_NAME_MAX))
    try:
        platforms = clean_platforms(data.get("platforms"))
    except DomainError as exc:
        problems.append(exc)
        platforms = ()
    texts = _texts(data, IDENTIFIER_FIELDS, problems)
    given = {
        "package_name": texts["package_name"],
        "bundle_id": texts["bundle_id"],
        **{field: normalize_signature(texts[field]) for field in SIGNATURE_LENGTHS},
    }
    problems += _format_problems(given)
    problems += _platform_problems(platforms, given)
    if problems:
        return problems, None
    return [], AppFields(name=name, platforms=platforms, **given)


def _format_problems(given: dict[str, str]) -> list[DomainError]:
    found = []
    if given["package_name"] and not package_name_valid(given["package_name"]):
        found.append(refusals.APP_PACKAGE_NAME_INVALID(field="app.package_name", value=given["package_name"]))
    if given["bundle_id"] and not bundle_id_valid(given["bundle_id"]):
        found.append(refusals.APP_BUNDLE_ID_INVALID(field="app.bundle_id", value=given["bundle_id"]))
    for field in SIGNATURE_LENGTHS:
        if given[field] and not signature_valid(given[field], field=field):
            algorithm, length = SIGNATURE_LENGTHS[field]
            found.append(
                refusals.APP_SIGNATURE_INVALID(
                    field=f"app.{field}", field_name=field, algorithm=algorithm, length=length
                )
            )
    return found


def _platform_problems(platforms: tuple[str, ...], given: dict[str, str]) -> list[DomainError]:
    found = []
    for platform in platforms:
        lacking = [field for field in PLATFORM_FIELDS[platform] if not given[field]]
        if lacking:
            found.append(
                refusals.APP_PLATFORM_IDENTIFIER_MISSING(
                    field=f"app.{lacking[0]}", platform=platform, fields=" and ".join(lacking)
                )
            )
    wanted = {field for platform in platforms for field in PLATFORM_FIELDS[platform]}
    for field in IDENTIFIER_FIELDS:
        if platforms and given[field] and field not in wanted:
            found.append(
                refusals.APP_IDENTIFIER_UNEXPECTED(
                    field=f"app.{field}", field_name=field, platforms=", ".join(platforms)
                )
            )
    return found


def app_number(subject_number: str, seq: int) -> str:
    """An app's ICP number: the subject's, ``-N`` and ``A`` (SPEC 3.11: ``浙ICP备20261234号-3A``)."""
    return f"{subject_number}-{seq}A"


def website_number(subject_number: str, seq: int) -> str:
    return f"{subject_number}-{seq}"
