"""App config of the subscriptions feature."""

from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    """Money recurring: subscriptions, payments, usage, alerts, AI insights."""

    name = "subscriptions"
    verbose_name = "Subscriptions"
