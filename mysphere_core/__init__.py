"""The MY SPHERE project package: settings, URLs and what every feature shares."""

from mysphere_core.celery import app as celery_app

__all__ = ("celery_app",)
