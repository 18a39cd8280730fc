from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class IsStaff(BasePermission):
    """Staff-only endpoints answer 403 to logged-in non-staff (401 to anonymous callers)."""

    message = "Only staff can do this."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


class IsStaffForWrites(IsStaff):
    def has_permission(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)


# The sandbox's own right (issue 27), defined by the simulator app's settings model; core names it
# by its string so that it imports nothing above itself.
DRIVE_SANDBOX = "simulator.drive_sandbox"


def may_drive_sandbox(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(DRIVE_SANDBOX))


class CanDriveSandboxForWrites(BasePermission):
    """Anyone logged in reads; only who may drive the sandbox writes (moving the clock)."""

    message = _("Only an account allowed to drive the sandbox (simulator.drive_sandbox) can do this.")

    def has_permission(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return bool(request.user and request.user.is_authenticated)
        return may_drive_sandbox(request.user)
