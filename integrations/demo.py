"""Demo data for `seed_demo`: a few notifications from the demo's own events, a
preference or two, a paused webhook with a delivery log, a calendar token and one
bank CSV imported through the real import path."""

from datetime import timedelta
from io import BytesIO

from django.contrib.auth.models import AbstractBaseUser

from integrations import notifications, webhooks
from integrations.models import Channel, Kind, NotificationModel, WebhookEndpointModel
from integrations.rules import NotificationSpec
from integrations.services import CalendarService, ImportService, NotificationService
from users.services import UserService

# (kind, title, body, severity, object type)
DEMO_NOTIFICATIONS = [
    (
        Kind.BUDGET_THRESHOLD,
        "Food & Dining has used 82% of this month's budget",
        "You have spent 410.00 of 500.00 USD planned for Food & Dining this month "
        "(you asked to be told at 80%).",
        "warning",
        "budget",
    ),
    (
        Kind.TODO_OVERDUE,
        "Overdue: Renew passport",
        "It was due yesterday.",
        "warning",
        "todo",
    ),
    (
        Kind.LENDING_DUE_SOON,
        "Sam's 60.00 USD is due in 3 days",
        "Sam owes you 60.00 USD (of 60.00 USD).",
        "info",
        "lending",
    ),
    (
        Kind.LIST_SHARED,
        "A list was shared with you: Weekend BBQ",
        "You can edit it.",
        "info",
        "list",
    ),
]


def _bank_csv(user: AbstractBaseUser) -> bytes:
    """A small bank statement of the last days (debit/credit columns)."""
    today = UserService.today_for(user=user)
    lines = ["Date,Description,Debit,Credit"]
    rows = [
        (1, "FARMERS MARKET", "18.40", ""),
        (2, "CITY PARKING GARAGE", "12.00", ""),
        (3, "SALARY", "", "2600.00"),
        (4, "BOOKSHOP CENTRAL", "23.99", ""),
    ]
    for days, text, debit, credit in rows:
        day = today - timedelta(days=days)
        lines.append(f"{day:%m/%d/%Y},{text},{debit},{credit}")
    return ("\n".join(lines) + "\n").encode()


def seed(user: AbstractBaseUser) -> str:
    """Fill the integrations feature for the demo user; answers a summary."""
    NotificationService.set_preferences(
        user=user,
        choices={
            Kind.BUDGET_EXCEEDED: Channel.EMAIL,
            Kind.TODO_OVERDUE: Channel.DIGEST,
        },
    )
    for n, (kind, title, body, severity, object_type) in enumerate(DEMO_NOTIFICATIONS):
        notifications.notify(
            NotificationSpec(
                user_id=user.pk,
                kind=kind,
                title=title,
                body=body,
                severity=severity,
                object_type=object_type,
                object_id=str(n + 1),
                dedupe_key=f"demo-{n}",
            )
        )
    NotificationModel.objects.filter(user=user, kind=Kind.LIST_SHARED).update(
        is_read=True
    )
    CalendarService.token_for(user=user)
    # An endpoint set up but switched off: demo data must not post anywhere.
    WebhookEndpointModel.objects.create(
        user=user,
        url="https://hooks.example.com/mysphere",
        secret=webhooks.new_secret(),
        events=["expense.created", "budget.exceeded", "lending.overdue"],
        description="Home automation (paused)",
        enabled=False,
        disabled_reason="Paused by the owner",
    )
    report = ImportService.import_expenses(
        user=user,
        upload=BytesIO(_bank_csv(user)),
        filename="demo-bank.csv",
        options={"currency": UserService.currency_for(user=user), "dry_run": False},
    )
    return (
        f"{len(DEMO_NOTIFICATIONS)} notifications, a calendar feed, "
        f"{report.summary()['created']} expenses imported from a bank CSV, "
        "an inactive webhook endpoint"
    )
