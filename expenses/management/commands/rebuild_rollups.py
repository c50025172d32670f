"""`python manage.py rebuild_rollups [--user USERNAME]`: recompute the monthly and
daily spending rollups from the raw expenses (every user, or one), atomically per
user."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from expenses.services import ExpenseService


class Command(BaseCommand):
    """Rebuild the per month (and day), currency, category (and vendor) expense
    rollups."""

    help = "Recompute the monthly and daily expense rollups from the raw expenses."

    def add_arguments(self, parser: Any) -> None:
        """--user limits the rebuild to one username."""
        parser.add_argument("--user", metavar="USERNAME", help="Only this user.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Rebuild each user's rollups in its own transaction and say how many rows."""
        users = get_user_model().objects.order_by("pk")
        if options["user"]:
            users = users.filter(username=options["user"])
            if not users.exists():
                raise CommandError(f"No user named '{options['user']}'.")
        done, rows = 0, [0, 0, 0, 0]
        for user in users.iterator():
            written = ExpenseService.rebuild_rollups(user=user)
            done += 1
            rows = [total + count for total, count in zip(rows, written, strict=True)]
        self.stdout.write(
            f"Rebuilt the rollups of {done} user(s): {rows[0]} monthly category rows, "
            f"{rows[1]} monthly vendor rows, {rows[2]} daily category rows, "
            f"{rows[3]} daily vendor rows."
        )
