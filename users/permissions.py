"""Who may use the administration API: administrators; support staff may read."""

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from users import roles


class IsStaffRole(BasePermission):
    """Administrators may do anything here; support staff may only read."""

    message = "Only administrators (support staff: read only) may do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        """The user's role allows this method."""
        user = request.user
        if not (user and user.is_authenticated):
            return False
        role = roles.role_of(user)
        return role == "admin" or (
            role == roles.SUPPORT and request.method in SAFE_METHODS
        )
