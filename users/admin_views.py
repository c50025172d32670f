"""The administration API, `/api/users/admin/`: accounts and platform counts."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from mysphere_core import filters
from users import serializers as s
from users.permissions import IsStaffRole
from users.services import UserAdminService, UserService


class AdminUserFilter(filters.FeatureFilterSet):
    """`?search=` (username, email, names) and `?is_active=true|false`."""

    search = filters.SearchFilter(
        fields=("username", "email", "first_name", "last_name")
    )
    is_active = filters.BooleanFilter()

    class Meta:
        model = get_user_model()
        fields = ["is_active"]


class AdminUserViewSet(viewsets.ReadOnlyModelViewSet):
    """Accounts: list and search, deactivate and reactivate (administrators)."""

    serializer_class = s.AdminUserSerializer
    permission_classes = [IsStaffRole]
    filterset_class = AdminUserFilter
    lookup_value_regex = r"\d+"
    lookup_url_kwarg = "user_id"

    def get_queryset(self) -> QuerySet:
        """Every account (the filters narrow the list)."""
        return UserAdminService.queryset_for()

    def get_object(self) -> Any:
        """One account, or 404."""
        return UserAdminService.get_for(pk=self.kwargs["user_id"])

    @extend_schema(request=None, responses={200: s.AdminUserSerializer})
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, user_id: str) -> Response:
        """Turn the account off: no login, every token revoked, the data kept."""
        user = UserAdminService.set_active(actor=request.user, pk=user_id, active=False)
        return Response(s.AdminUserSerializer(user).data)

    @extend_schema(request=None, responses={200: s.AdminUserSerializer})
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, user_id: str) -> Response:
        """Turn the account back on (the user logs in again)."""
        user = UserAdminService.set_active(actor=request.user, pk=user_id, active=True)
        return Response(s.AdminUserSerializer(user).data)

    @extend_schema(responses={200: s.PlatformCountsSerializer})
    @action(detail=False, methods=["get"], pagination_class=None)
    def stats(self, request: Request) -> Response:
        """Users, users active this week, AI calls per feature today."""
        today = UserService.today_for(user=request.user)
        counts = UserAdminService.platform_counts(today=today)
        return Response(s.PlatformCountsSerializer(counts).data)
