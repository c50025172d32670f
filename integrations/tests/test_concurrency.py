"""Races across workers (PostgreSQL): one notification per occurrence, one import of
a file's rows, one POST per delivery attempt — held by the database, not memory."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from expenses.models import ExpenseModel
from integrations import importing, notifications, webhooks
from integrations.models import Kind, NotificationModel, WebhookDeliveryModel
from integrations.rules import NotificationSpec
from integrations.tests.factories import WebhookFactory
from users.tests.factories import UserFactory

NOT_POSTGRES = "needs PostgreSQL: SQLite runs one writer at a time, no race to test"
pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason=NOT_POSTGRES),
    pytest.mark.django_db(transaction=True),
]
CSV = (
    "Date,Amount,Description\n"
    + "".join(f"2026-11-{day:02d},{day}.50,Shop {day}\n" for day in range(1, 21))
).encode()


def race(work: Callable[[], object], times: int = 8) -> list[BaseException]:
    """Run `work` in `times` threads released at once; the errors they raised."""
    start = threading.Barrier(times)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            work()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_one_notification_per_occurrence_across_workers():
    user = UserFactory()
    spec = NotificationSpec(
        user_id=user.pk,
        kind=Kind.TODO_OVERDUE,
        title="Overdue: Rent",
        body="It was due yesterday.",
        severity="warning",
        object_type="todo",
        object_id="1",
        dedupe_key="1:2026-11-21",
    )
    assert race(lambda: notifications.notify(spec)) == []
    assert NotificationModel.objects.filter(user=user).count() == 1


def test_concurrent_imports_of_one_file_create_its_rows_once():
    user = UserFactory()
    options = {"currency": "USD", "dry_run": False}
    errors = race(
        lambda: importing.import_expenses(
            user=user, data=CSV, filename="bank.csv", options=options
        ),
        times=4,
    )
    assert errors == []
    assert ExpenseModel.objects.filter(user=user).count() == 20


def test_one_post_per_attempt_across_workers(receiver, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    user = UserFactory()
    endpoint = WebhookFactory(user=user, url=receiver.url)
    delivery = webhooks.create_delivery(
        endpoint, event_id="e1", event_type="todo.overdue", body="{}"
    )
    assert race(lambda: webhooks.attempt(delivery.pk)) == []
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (
        WebhookDeliveryModel.Status.SUCCEEDED,
        1,
    )
