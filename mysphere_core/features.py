"""Feature declarations: each app states once who it is, and the kit reads it.

A feature app's `AppConfig` inherits `FeatureConfig` and declares:

    class ExpensesConfig(FeatureConfig):
        name = "expenses"
        feature = "expenses"                 # URL prefix /api/expenses/, AI quota key
        ai_flag = "EXPENSE_AI_INSIGHTS"      # settings.FEATURE_FLAGS entry, or None
        health_model = "expenses.ExpenseModel"
        invalidated_by = ("expenses",)       # whose events forget this feature's caches

The health view, the AI gateway, the cache-invalidation receiver and the URLs
(`mysphere_core/routing.py`) read these declarations; nothing here imports a
feature app.
"""

from collections.abc import Iterator

from django.apps import AppConfig, apps
from django.conf import settings
from django.db import models


class FeatureConfig(AppConfig):
    """The `AppConfig` of a feature app: its name, AI flag, health model, caches."""

    feature: str = ""
    ai_flag: str | None = None
    health_model: str = ""
    invalidated_by: tuple[str, ...] = ()

    def ready(self) -> None:
        """Defaults: the feature is its app label; its own events forget its caches."""
        self.feature = self.feature or self.label
        self.invalidated_by = self.invalidated_by or (self.feature,)

    def get_health_model(self) -> type[models.Model]:
        """The model whose table the health endpoint probes."""
        return apps.get_model(self.health_model)

    def ai_enabled(self) -> bool:
        """The feature's flag in `FEATURE_FLAGS` (True when it has none)."""
        return self.ai_flag is None or bool(settings.FEATURE_FLAGS.get(self.ai_flag))


def all_features() -> Iterator[FeatureConfig]:
    """Every installed feature app, in `INSTALLED_APPS` order."""
    for config in apps.get_app_configs():
        if isinstance(config, FeatureConfig):
            yield config


def get_feature(name: str) -> FeatureConfig:
    """The declaration of feature `name`; LookupError for an unknown one."""
    for config in all_features():
        if config.feature == name:
            return config
    raise LookupError(f"No feature app declares feature '{name}'.")
