"""`manage.py floor_seed ROWS.json`: the bench user, the project's rows, a token.

Reads the rows the project was seeded with (a JSON list written by bench/load.py),
so both servers list exactly the same data; prints the user's JWT access token.
"""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework_simplejwt.tokens import AccessToken

from ledger.models import Expense


class Command(BaseCommand):
    """Seed the floor from the project's rows and print an access token."""

    help = "Create the bench user with the given expenses; print a JWT."

    def add_arguments(self, parser: Any) -> None:
        """The JSON file of rows."""
        parser.add_argument("rows", type=Path)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        """Create the user and the rows, print the token."""
        user = get_user_model().objects.create_user(username="bench")
        rows = json.loads(options["rows"].read_text())
        Expense.objects.bulk_create(
            (
                Expense(
                    user=user,
                    amount=Decimal(row["amount"]),
                    currency=row["currency"],
                    category=row["category"],
                    vendor=row["vendor"],
                    transaction_date=parse_date(row["transaction_date"]),
                    created_at=parse_datetime(row["created_at"]),
                    is_active=row["is_active"],
                )
                for row in rows
            ),
            batch_size=2000,
        )
        self.stdout.write(str(AccessToken.for_user(user)))
