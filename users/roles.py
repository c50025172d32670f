"""Roles: users, support staff (read-only admin) and administrators.

Roles are Django groups. `support` holds every `view_*` permission: its members sign in
to the admin and can look (users, AI usage, a user's data) but not change or delete.
`administrators` hold every permission and may use `/api/users/admin/`. Plain users
belong to neither. The groups are created by a migration and kept in step with new
models after every `migrate` (post_migrate).
"""

from typing import Any

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

SUPPORT = "support"
ADMINISTRATORS = "administrators"
ROLES = ("user", SUPPORT, "admin")


def sync_role_groups(**kwargs: Any) -> None:
    """Create the two groups and give them their permissions (idempotent)."""
    for config in global_apps.get_app_configs():
        models_module = config.models_module
        config.models_module = models_module or True  # what create_permissions reads
        create_permissions(config, verbosity=0)
        config.models_module = models_module
    support, _ = Group.objects.get_or_create(name=SUPPORT)
    support.permissions.set(Permission.objects.filter(codename__startswith="view_"))
    admins, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    admins.permissions.set(Permission.objects.all())


def role_of(user: Any) -> str:
    """`admin`, `support` or `user`."""
    if user.is_superuser or _in_group(user, ADMINISTRATORS):
        return "admin"
    if _in_group(user, SUPPORT):
        return SUPPORT
    return "user"


def _in_group(user: Any, name: str) -> bool:
    """True when the user belongs to the group (from prefetched groups if any)."""
    return any(group.name == name for group in user.groups.all())
