"""Properties that hold for any input: the parser never fails and never invents
text; reorders of any order keep one item per place."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lists.item_parser import NEGATIVE, parse_items, split_entries
from lists.items import reorder
from lists.models import ListItemModel
from lists.tests.factories import ListFactory

WORDS = st.sampled_from(
    ["milk", "2", "kg", "x3", "a dozen", "eggs", "½", "1,5", "(", ")", "of", "l", "-"]
)
TEXT = st.lists(WORDS, max_size=12).map(" ".join) | st.text(max_size=80)


def _plain(text: str) -> str:
    """Lower case, runs of whitespace as one space."""
    return " ".join(text.lower().split())


@given(text=st.lists(TEXT, max_size=6).map(lambda parts: ",\n".join(parts)))
@settings(max_examples=300, deadline=None)
def test_parsing_any_text_gives_named_items_positive_unless_written_so(text):
    items = parse_items(text)
    assert len(items) <= len(split_entries(text))
    for item in items:
        assert item.name and item.name == item.name.strip()
        # negative only as written: a minus right before the number ("-3 eggs"),
        # which the item rules then refuse
        assert isinstance(item.quantity, Decimal)
        assert item.quantity >= 0 or NEGATIVE.match(item.text)
        assert _plain(item.name) in _plain(item.text) or item.unit


@pytest.mark.django_db
@given(data=st.data())
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_any_reorder_keeps_one_item_per_place(make_user, data):
    shopping_list = ListFactory(user=make_user())
    rows = ListItemModel.objects.bulk_create(
        ListItemModel(list=shopping_list, name=f"thing {n}", position=n)
        for n in range(8)
    )
    ListItemModel.objects.filter(pk=rows[3].pk).update(is_active=False)
    live = [row.pk for row in rows if row.pk != rows[3].pk]
    for _ in range(3):
        chosen = data.draw(st.lists(st.sampled_from(live), unique=True))
        order = reorder(shopping_list, chosen)
        assert order[: len(chosen)] == chosen and sorted(order) == sorted(live)
        places = list(
            ListItemModel.objects.filter(list=shopping_list).values_list(
                "position", flat=True
            )
        )
        assert sorted(places) == list(range(8))
