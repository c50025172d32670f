"""Admin: users with their profile inline, searchable."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from mysphere_core.admin import register_read_only
from users.models import RevokedSessionModel, UserProfileModel

User = get_user_model()


class UserProfileInline(admin.StackedInline):
    """The profile, edited on the user's page."""

    model = UserProfileModel
    can_delete = False
    extra = 0


admin.site.unregister(User)


@admin.register(User)
class MySphereUserAdmin(UserAdmin):
    """Django's user admin plus the profile."""

    inlines = [UserProfileInline]
    list_display = ("username", "email", "is_active", "is_staff", "date_joined")
    search_fields = ("username", "email", "first_name", "last_name")


@admin.register(UserProfileModel)
class UserProfileAdmin(admin.ModelAdmin):
    """Profiles on their own, filterable by currency and time zone."""

    list_display = ("user", "display_name", "currency", "timezone", "risk_tolerance")
    list_filter = ("currency", "risk_tolerance", "email_notifications")
    search_fields = ("user__username", "user__email", "display_name")
    list_select_related = ("user",)


register_read_only(
    RevokedSessionModel,
    list_display=("user", "sid", "revoked_at"),
    search_fields=("user__username", "sid"),
)
