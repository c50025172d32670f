"""`manage.py floor_seed_many USERS TOKENS_OUT`: the many-user run's users and tokens.

Creates USERS users named `many0001`... in bulk (bench/load_many.py then inserts
their expenses with the same statement as the project's) and writes one JWT access
token per user and line to TOKENS_OUT.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from rest_framework_simplejwt.tokens import AccessToken


class Command(BaseCommand):
    """Create the many-user run's users and write their tokens."""

    help = "Create USERS bench users; write one JWT per line to TOKENS_OUT."

    def add_arguments(self, parser: Any) -> None:
        """How many users, and the tokens file."""
        parser.add_argument("users", type=int)
        parser.add_argument("tokens", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        """Create the users in id order, write their tokens."""
        user_model = get_user_model()
        password = make_password("Bench-Pass-2026!")
        with transaction.atomic():
            user_model.objects.bulk_create(
                user_model(username=f"many{n:04d}", password=password)
                for n in range(1, options["users"] + 1)
            )
        users = user_model.objects.filter(username__startswith="many").order_by("pk")
        tokens = [str(AccessToken.for_user(user)) for user in users]
        options["tokens"].write_text("\n".join(tokens) + "\n")
        self.stdout.write(f"{len(tokens)} users")
