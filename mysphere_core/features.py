"""Feature declarations: each app states once who it is, and the kit reads it.

A feature app's `AppConfig` inherits `FeatureConfig` and declares:

    class ExpensesConfig(FeatureConfig):
        name = "expenses"
        feature = "expenses"                 # URL prefix /api/expenses/, AI quota key
        feature_flag = None                  # FEATURE_FLAGS entry for the whole feature
        ai_flag = "EXPENSE_AI_INSIGHTS"      # FEATURE_FLAGS entry for its AI only
        health_model = "expenses.ExpenseModel"
        invalidated_by = ("expenses",)       # whose events forget this feature's caches
        intents = "expenses.intents"         # what it teaches the assistant

The health view, the AI gateway, the cache-invalidation receiver and the URLs
(`mysphere_core/routing.py`) read these declarations; nothing here imports a
feature app.
"""

from collections.abc import Iterator
from importlib import import_module
from typing import Any

import environ
from django.apps import AppConfig, apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import module_has_submodule

_ENV = environ.Env()


class FeatureConfig(AppConfig):
    """The `AppConfig` of a feature app: its name, AI flag, health model, caches."""

    feature: str = ""
    # A FEATURE_FLAGS entry that turns the whole feature on and off (API 404s with
    # code "feature_disabled", health says "disabled", its beat tasks skip).
    feature_flag: str | None = None
    # A FEATURE_FLAGS entry that turns only the feature's AI on and off.
    ai_flag: str | None = None
    health_model: str = ""
    invalidated_by: tuple[str, ...] = ()
    # Top-level API prefixes of its own besides /api/<feature>/ (mounted through
    # its urls.py's `mounted_urlpatterns`): integrations has dashboard and assistant.
    api_prefixes: tuple[str, ...] = ()
    # The dotted path of the module whose `INTENTS` teach the assistant the
    # feature's questions and actions (see mysphere_core/intents.py).
    intents: str | None = None

    def ready(self) -> None:
        """Defaults: the feature is its app label; its own events forget its caches.
        An extra prefix that is another feature's name is a configuration error.
        Its flags are read from the environment (default on) unless the settings
        set them; its `receivers.py`, when it has one, subscribes to its events."""
        self.feature = self.feature or self.label
        self.invalidated_by = self.invalidated_by or (self.feature,)
        taken = {config.label for config in apps.get_app_configs()}
        clashes = taken & set(self.api_prefixes)
        if clashes:
            raise ImproperlyConfigured(
                f"{self.name}: api_prefixes {sorted(clashes)} are app names."
            )
        for flag in (self.feature_flag, self.ai_flag):
            if flag:
                settings.FEATURE_FLAGS.setdefault(flag, _ENV.bool(flag, default=True))
        if module_has_submodule(self.module, "receivers"):
            import_module(f"{self.name}.receivers")

    def get_health_model(self) -> type[models.Model]:
        """The model whose table the health endpoint probes."""
        return apps.get_model(self.health_model)

    def enabled(self) -> bool:
        """The feature is on: its `feature_flag` (True when it has none)."""
        return _flag_on(self.feature_flag)

    def ai_enabled(self) -> bool:
        """The feature and its AI are on (`feature_flag` and `ai_flag`)."""
        return self.enabled() and _flag_on(self.ai_flag)


def app_declarations(submodule: str, attribute: str) -> Iterator[tuple[AppConfig, Any]]:
    """(app, value) of every installed app whose `<submodule>.py` defines
    `attribute`, in `INSTALLED_APPS` order (`events.EVENTS`, `jobs.JOBS`)."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, submodule):
            module = import_module(f"{config.name}.{submodule}")
            if hasattr(module, attribute):
                yield config, getattr(module, attribute)


def feature_name(config: AppConfig) -> str:
    """The feature an app declares (its label for an app that is not a feature)."""
    return getattr(config, "feature", "") or config.label


def _flag_on(flag: str | None) -> bool:
    """A FEATURE_FLAGS entry's value; no flag means on."""
    return flag is None or bool(settings.FEATURE_FLAGS.get(flag))


def all_features() -> Iterator[FeatureConfig]:
    """Every installed feature app, in `INSTALLED_APPS` order."""
    for config in apps.get_app_configs():
        if isinstance(config, FeatureConfig):
            yield config


def feature_of(cls: type) -> FeatureConfig:
    """The declaration of the feature app a class (a ViewSet, a task) belongs to."""
    config = apps.get_containing_app_config(cls.__module__)
    if not isinstance(config, FeatureConfig):
        raise LookupError(f"{cls.__module__} is not in a feature app.")
    return config


def feature_enabled(name: str) -> bool:
    """True when feature `name` is on (beat tasks skip a feature that is off)."""
    return get_feature(name).enabled()


def get_feature(name: str) -> FeatureConfig:
    """The declaration of feature `name`; LookupError for an unknown one."""
    for config in all_features():
        if config.feature == name:
            return config
    raise LookupError(f"No feature app declares feature '{name}'.")
