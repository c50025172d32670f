"""The integrations feature, declared once for the kit (health, data protocol)."""

from mysphere_core.features import FeatureConfig


class IntegrationsConfig(FeatureConfig):
    """Above every feature: notifications, webhooks, the calendar feed, import,
    export and erasure. It hears the core's domain events; no feature imports it."""

    default = True  # the app config Django picks (apps.py also sees FeatureConfig)
    name = "integrations"
    verbose_name = "Integrations"
    feature = "integrations"
    health_model = "integrations.NotificationModel"
    api_prefixes = ("dashboard", "assistant")
