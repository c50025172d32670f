"""The data protocol's rows(): every column, or the columns a `.values()` chose."""

import pytest
from django.contrib.auth import get_user_model

from mysphere_core.userdata import rows

pytestmark = pytest.mark.django_db


def test_rows_give_every_column_or_the_chosen_ones(user):
    users = get_user_model().objects.filter(pk=user.pk)
    [everything] = list(rows(users))
    assert {"password", "username", "date_joined"} <= set(everything)
    assert isinstance(everything["date_joined"], str)  # ISO 8601
    [chosen] = list(rows(users.values("id", "username")))
    assert chosen == {"id": user.pk, "username": user.username}
