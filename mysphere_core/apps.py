"""App config of the shared core."""

from django.apps import AppConfig


class MysphereCoreConfig(AppConfig):
    """Shared tables (AI usage) and management commands live here."""

    name = "mysphere_core"
    verbose_name = "MY SPHERE core"

    def ready(self) -> None:
        """Connect the core's receivers (cache invalidation, audit log, the
        after-response queue) and harden every DRF field."""
        from mysphere_core import audit, caching, outbound  # noqa: F401 - receivers
        from mysphere_core.fields import harden_drf_fields

        harden_drf_fields()
