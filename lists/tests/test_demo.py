"""The demo seeder fills the lists feature with believable data."""

import pytest

from lists.demo import seed
from lists.models import ListItemModel
from lists.services import ListService

pytestmark = pytest.mark.django_db


def test_seed_makes_a_half_done_shop_a_template_and_more(make_user):
    demo = make_user("demo")
    summary = seed(demo)
    lists = {row.name: row for row in ListService.queryset_for(user=demo)}
    assert set(lists) == {
        "Weekly groceries",
        "Weekly staples",
        "Lisbon weekend",
        "Birthday ideas",
    }
    weekly = lists["Weekly groceries"]
    assert weekly.item_count == 26 and weekly.checked_count == 4
    assert lists["Weekly staples"].is_template is True
    assert summary == (
        "4 lists with 48 items (one template, one half-shopped, shared with sam)."
    )
    items = ListItemModel.objects.filter(list=weekly)
    assert items.filter(aisle="").count() == 0
    assert items.exclude(estimated_price=None).count() == 6
    estimate = ListService.estimate(user=demo, pk=weekly.pk)
    assert estimate.vendor == "Trader Joe's"
    assert estimate.basis == "item_prices_partial"  # no expenses demo in this test
