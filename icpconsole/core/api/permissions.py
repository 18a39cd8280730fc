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
