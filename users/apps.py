"""The users feature, declared once for the kit (health; no AI of its own)."""

from mysphere_core.features import FeatureConfig


class UsersConfig(FeatureConfig):
    """Registration, JWT auth, profiles and password flows."""

    default = True  # the app config Django picks (apps.py also sees FeatureConfig)
    name = "users"
    verbose_name = "Users"
    feature = "users"
    health_model = "users.UserProfileModel"
