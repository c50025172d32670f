"""`python manage.py seed_demo`: a demo user with a few months of realistic data.

It lives in the users app (it registers the demo user); each feature app's own
`demo.py` is found by name, so no app imports another's demo.
"""

import importlib
import importlib.util
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from users.services import UserService

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "Demo-Sphere-2026!"


class Command(BaseCommand):
    """Create (or re-create with --reset) the demo user and each feature's demo data.

    Every feature app may ship a `demo.py` with `seed(user) -> str`; it is called in
    INSTALLED_APPS order and its summary printed.
    """

    help = "Create a demo user with realistic data in every feature."

    def add_arguments(self, parser: Any) -> None:
        """--reset deletes the demo user first."""
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo user first."
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        """Seed the demo account."""
        user_model = get_user_model()
        existing = user_model.objects.filter(username=DEMO_USERNAME).first()
        if existing and not options["reset"]:
            self.stdout.write(
                f"Demo user '{DEMO_USERNAME}' exists already (use --reset to rebuild)."
            )
            return
        if existing:
            existing.delete()
        user = UserService.register(
            username=DEMO_USERNAME,
            email="demo@mysphere.local",
            password=DEMO_PASSWORD,
            first_name="Demo",
            profile={
                "display_name": "Demo",
                "currency": "USD",
                "timezone": "America/New_York",
                "monthly_income": "5200.00",
                "financial_goals": ["Emergency fund", "Pay off credit card"],
            },
        )
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            summary = importlib.import_module(module_name).seed(user)
            self.stdout.write(f"- {config.label}: {summary}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in as '{DEMO_USERNAME}' with password '{DEMO_PASSWORD}'."
            )
        )
