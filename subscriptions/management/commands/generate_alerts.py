"""`python manage.py generate_alerts`: renewal, payment, trial and end reminders."""

from typing import Any

from django.core.management.base import BaseCommand

from subscriptions.services import SubscriptionAlertService


class Command(BaseCommand):
    """Create today's subscription alerts; running it again creates nothing new."""

    help = "Generate subscription alerts (idempotent per subscription, type and day)."

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the generation and print what it made."""
        result = SubscriptionAlertService.generate()
        details = ", ".join(
            f"{key}={value}"
            for key, value in sorted(result.items())
            if key != "created"
        )
        self.stdout.write(
            self.style.SUCCESS(f"Created {result['created']} alert(s) ({details}).")
        )
