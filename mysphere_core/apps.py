"""App config of the shared core."""

from django.apps import AppConfig


class MysphereCoreConfig(AppConfig):
    """Shared tables (AI usage) and management commands live here."""

    name = "mysphere_core"
    verbose_name = "MY SPHERE core"

    def ready(self) -> None:
        """Connect the core's receivers (cache invalidation, audit log, the
        after-response queue), harden every DRF field and give Celery the apps'
        periodic jobs."""
        from mysphere_core import audit, caching, outbound  # noqa: F401 - receivers
        from mysphere_core.celery import app
        from mysphere_core.fields import harden_drf_fields
        from mysphere_core.schedule import beat_schedule

        harden_drf_fields()
        app.conf.beat_schedule = beat_schedule()
