"""`manage.py set_role <username> <user|support|admin>`: give an account its role."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mysphere_core.errors import DomainError
from users.roles import ROLES
from users.services import UserAdminService


class Command(BaseCommand):
    """Make an account a plain user, support staff (read-only admin) or an admin."""

    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        """The username and the role."""
        parser.add_argument("username")
        parser.add_argument("role", choices=ROLES)

    def handle(self, *args: Any, **options: Any) -> None:
        """Set the role, or fail with a readable message."""
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user '{options['username']}'.")
        try:
            UserAdminService.set_role(user=user, role=options["role"])
        except DomainError as exc:
            raise CommandError(str(exc.detail)) from exc
        self.stdout.write(f"{user.username} is now {options['role']}.")
