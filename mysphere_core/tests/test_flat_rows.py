"""The features' row serializers render through the kit's plan made once per class:
exactly what DRF's ModelSerializer gives, without building fields for each row (the
assistant renders every row it answers with one at a time)."""

import json
from datetime import date, time

import pytest
from rest_framework import serializers

from integrations.serializers import NotificationSerializer
from integrations.tests.factories import NotificationFactory
from lending.serializers import LendingSerializer
from lending.tests.factories import LendingFactory
from mysphere_core.serializers import FlatRowSerializer
from subscriptions.serializers import SubscriptionSerializer
from subscriptions.tests.factories import SubscriptionFactory
from todos.serializers import TodoSerializer
from todos.tests.factories import TodoFactory

pytestmark = pytest.mark.django_db

CASES = {
    "todo": (TodoSerializer, TodoFactory, {"due_date": date(2026, 11, 23),
                                           "due_time": time(9, 30)}),
    "subscription": (SubscriptionSerializer, SubscriptionFactory, {}),
    "lending": (LendingSerializer, LendingFactory, {}),
    "notification": (NotificationSerializer, NotificationFactory, {}),
}  # fmt: skip


def _drf(serializer_class, row):
    """What DRF's own ModelSerializer renders for the row."""
    plain = type("Plain", (serializer_class,), {})
    plain.to_representation = serializers.ModelSerializer.to_representation
    plain.get_fields = serializers.ModelSerializer.get_fields
    return json.loads(json.dumps(plain(row).data, default=str))


@pytest.mark.parametrize("kind", CASES)
def test_rows_render_as_drf_and_build_fields_once(frozen, user, kind, monkeypatch):
    serializer_class, factory, extra = CASES[kind]
    rows = [factory(user=user, **extra) for _ in range(3)]
    for row in rows:
        row.user_today = date(2026, 11, 22)  # what the subscriptions queries annotate
    first = serializer_class(rows[0]).data
    built: list[int] = []
    real = serializers.ModelSerializer.get_fields
    monkeypatch.setattr(
        serializers.ModelSerializer,
        "get_fields",
        lambda self: built.append(1) or real(self),
    )
    rendered = [serializer_class(row).data for row in rows]
    assert rendered[0] == first
    assert json.loads(json.dumps(rendered, default=str)) == [
        _drf(serializer_class, row) for row in rows
    ]
    assert len(built) == len(rows)  # DRF's own renderings above, none of ours
    assert issubclass(serializer_class, FlatRowSerializer)
