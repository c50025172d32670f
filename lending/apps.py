"""The lending feature, declared once for the kit (flag, health, caches, data)."""

from mysphere_core.features import FeatureConfig


class LendingConfig(FeatureConfig):
    """Money lent and borrowed between people: IOUs, repayments, balances, AI."""

    default = True  # the app config Django picks (apps.py also sees FeatureConfig)
    name = "lending"
    intents = "lending.intents"
    verbose_name = "Lending"
    feature = "lending"
    feature_flag = "LENDING_FEATURE"
    health_model = "lending.LendingModel"
    # Insights and overdue flags read the profile's time zone.
    invalidated_by = ("lending", "users")
