"""The users feature, declared once for the kit (health; no AI of its own)."""

from mysphere_core.features import FeatureConfig


class UsersConfig(FeatureConfig):
    """Registration, JWT auth, profiles and password flows."""

    default = True  # the app config Django picks (apps.py also sees FeatureConfig)
    name = "users"
    verbose_name = "Users"
    feature = "users"
    health_model = "users.UserProfileModel"

    def ready(self) -> None:
        """Keep the role groups' permissions in step with the models after migrate."""
        super().ready()
        from django.db.models.signals import post_migrate

        from users.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, sender=self)
