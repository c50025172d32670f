"""App config of the users feature."""

from django.apps import AppConfig


class UsersConfig(AppConfig):
    """Registration, JWT auth, profiles and password flows."""

    name = "users"
    verbose_name = "Users"
