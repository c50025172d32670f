"""The data protocol's rows(): every column, or the columns a `.values()` chose,
as JSON-ready values."""

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from django.contrib.auth import get_user_model

from mysphere_core.userdata import json_value, rows

pytestmark = pytest.mark.django_db


def test_rows_give_every_column_or_the_chosen_ones(user):
    users = get_user_model().objects.filter(pk=user.pk)
    [everything] = list(rows(users))
    assert {"password", "username", "date_joined"} <= set(everything)
    assert isinstance(everything["date_joined"], str)  # ISO 8601
    [chosen] = list(rows(users.values("id", "username")))
    assert chosen == {"id": user.pk, "username": user.username}


@pytest.mark.parametrize(
    "value,expected",
    [
        (Decimal("9.50"), "9.50"),
        (date(2026, 11, 22), "2026-11-22"),
        (datetime(2026, 11, 22, 9, 30), "2026-11-22T09:30:00"),
        (time(9, 30), "09:30:00"),
        (timedelta(hours=1, minutes=30), "P0DT01H30M00S"),
        (UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        ({"a": [1]}, {"a": [1]}),
    ],
)
def test_json_value_makes_every_column_json_ready(value, expected):
    assert json_value(value) == expected
    json.dumps(json_value(value))
