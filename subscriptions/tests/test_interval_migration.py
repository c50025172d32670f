"""Migration 0005 turns every stored cycle into the same exact interval, and back."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("subscriptions", "0004_payment_refunds")]
AFTER = [("subscriptions", "0005_billing_interval")]
ROWS = [
    ("weekly", None, (1, "weeks")),
    ("monthly", None, (1, "months")),
    ("quarterly", None, (3, "months")),
    ("yearly", None, (1, "years")),
    ("custom", 28, (28, "days")),
    ("custom", 365, (365, "days")),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_rows_keep_their_exact_cycle(make_user):
    user = make_user()
    apps = _migrate(BEFORE)
    old = apps.get_model("subscriptions", "SubscriptionModel")
    ids = {}
    for cycle, days, _ in ROWS:
        row = old.objects.create(
            subscription_id=f"SUB{cycle}{days or ''}".ljust(25, "x")[:25],
            user_id=user.pk,
            name=cycle,
            provider=cycle,
            amount=Decimal("10.00"),
            billing_cycle=cycle,
            custom_cycle_days=days,
            start_date=date(2026, 1, 31),
            next_billing_date=date(2026, 2, 28),
            billing_anchor_date=date(2026, 1, 31),
        )
        ids[(cycle, days)] = row.pk
    try:
        new = _migrate(AFTER).get_model("subscriptions", "SubscriptionModel")
        for cycle, days, interval in ROWS:
            row = new.objects.get(pk=ids[(cycle, days)])
            assert (row.interval_count, row.interval_unit) == interval
        back = _migrate(BEFORE).get_model("subscriptions", "SubscriptionModel")
        for cycle, days, _ in ROWS:
            assert back.objects.get(pk=ids[(cycle, days)]).custom_cycle_days == days
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("subscriptions"))
