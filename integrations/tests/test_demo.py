"""The demo seed fills the feature through its real paths."""

import pytest

from expenses.models import ExpenseModel
from integrations import demo
from integrations.models import CalendarTokenModel, ImportModel, NotificationModel

pytestmark = pytest.mark.django_db


def test_seed_fills_the_feature(frozen, user):
    summary = demo.seed(user)
    assert (
        summary
        == "4 notifications, a calendar feed, 3 expenses imported from a bank CSV, "
        "an inactive webhook endpoint"
    )
    assert NotificationModel.objects.filter(user=user, is_read=False).count() == 3
    assert CalendarTokenModel.objects.filter(user=user).exists()
    assert ImportModel.objects.get(user=user).created == 3
    vendors = set(
        ExpenseModel.objects.filter(user=user).values_list("vendor", flat=True)
    )
    assert vendors == {"FARMERS MARKET", "CITY PARKING GARAGE", "BOOKSHOP CENTRAL"}
