"""Domain errors. Services raise these; one API exception handler and the console views map them
to HTTP statuses and readable messages, so no view decides a status code for a rule."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class DomainError(Exception):
    """A refusal with a stable machine ``code`` and a human ``message``."""

    status_code = 409
    default_code = "CONFLICT"

    def __init__(self, code: str | None = None, message: str = "", **extra: Any) -> None:
        self.code = code or self.default_code
        self.message = str(message)
        self.extra = extra
        super().__init__(f"{self.code}: {self.message}")

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        data.update(self.extra)
        return data


class InvalidInput(DomainError):
    """400: the request itself is wrong (bad value, unknown choice)."""

    status_code = 400
    default_code = "INVALID_PARAMETER"

    def __init__(self, code: str | None = None, message: str = "", *, field: str | None = None, **extra):
        if field:
            extra.setdefault("fields", {field: [str(message)]})
        super().__init__(code, message, **extra)


class Conflict(DomainError):
    """409: the request is well formed but a rule refuses it in the current state."""

    status_code = 409


class NotFound(DomainError):
    """404: missing, or belongs to another account (never reveal which)."""

    status_code = 404
    default_code = "NOT_FOUND"


class PermissionDenied(DomainError):
    """403: the caller may not do this at all (staff-only, RAM user)."""

    status_code = 403
    default_code = "PERMISSION_DENIED"


class TooManyAttempts(DomainError):
    """429: the caller is locked out for a while (repeated failed log-ins)."""

    status_code = 429
    default_code = "LOGIN_LOCKED"


class Throttled(DomainError):
    """429: too many requests from this address for now."""

    status_code = 429
    default_code = "THROTTLED"


class TooLarge(DomainError):
    """413: the request is over a size limit (its body, its number of parameters)."""

    status_code = 413
    default_code = "REQUEST_TOO_LARGE"


class NotEligible(Conflict):
    """409 with the eligibility reasons attached (SPEC 3.5: the apply action is refused with the
    same reasons the console shows)."""

    default_code = "NOT_ELIGIBLE"

    def __init__(self, message: str, reasons: Sequence[Any]) -> None:
        self.reasons = tuple(reasons)
        super().__init__(self.default_code, message)

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        data["reasons"] = [reason.as_dict() for reason in self.reasons]
        return data
