"""The subscriptions feature, declared once for the kit (health, flag, caches)."""

from mysphere_core.features import FeatureConfig


class SubscriptionsConfig(FeatureConfig):
    """Money recurring: subscriptions, payments, usage, alerts, AI insights."""

    default = True  # the app config Django picks (apps.py also sees FeatureConfig)
    name = "subscriptions"
    intents = "subscriptions.intents"
    verbose_name = "Subscriptions"
    feature = "subscriptions"
    # The rule book's flag turns the whole feature on and off, its AI included.
    feature_flag = "SUBSCRIPTION_TRACKING"
    health_model = "subscriptions.SubscriptionModel"
    # Insights weigh costs against the profile's income and currency.
    invalidated_by = ("subscriptions", "users")
