from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from ..models import may_drive_sandbox


class CanDriveSandbox(BasePermission):
    """The sandbox controls (issue 27): superusers and accounts given ``simulator.drive_sandbox``;
    everyone else logged in gets 403 (reviewers too), anonymous callers 401."""

    message = _("Only an account allowed to drive the sandbox (simulator.drive_sandbox) can do this.")

    def has_permission(self, request, view) -> bool:
        return may_drive_sandbox(request.user)
