"""Fixtures of the lists tests: a list shared with an editor and a viewer."""

from dataclasses import dataclass
from typing import Any

import pytest

from lists.models import ListItemModel, ListModel
from lists.tests.factories import ListFactory, ListItemFactory, ListShareFactory


@dataclass
class Crew:
    """A list, its owner, an editor, a viewer, a stranger and a fourth user."""

    owner: Any
    editor: Any
    viewer: Any
    stranger: Any
    extra: Any
    shopping_list: ListModel
    milk: ListItemModel
    eggs: ListItemModel
    bread: ListItemModel

    def who(self, role: str) -> Any:
        """The user playing `role` (owner, edit, view, stranger)."""
        return {
            "owner": self.owner,
            "edit": self.editor,
            "view": self.viewer,
            "stranger": self.stranger,
        }[role]


@pytest.fixture
def crew(make_user) -> Crew:
    """Alice's list shared with Bob (edit), Carol (view) and Erin (view); Dave is a
    stranger. Milk and eggs are open, bread is checked."""
    owner, editor, viewer = make_user("alice"), make_user("bob"), make_user("carol")
    stranger, extra = make_user("dave"), make_user("erin")
    shopping_list = ListFactory(user=owner, name="Groceries")
    ListShareFactory(list=shopping_list, user=editor, permission="edit")
    ListShareFactory(list=shopping_list, user=viewer, permission="view")
    ListShareFactory(list=shopping_list, user=extra, permission="view")
    milk = ListItemFactory(list=shopping_list, name="milk", aisle="Dairy")
    eggs = ListItemFactory(list=shopping_list, name="eggs", quantity=6, aisle="Dairy")
    bread = ListItemFactory(
        list=shopping_list, name="bread", aisle="Bakery", is_checked=True
    )
    return Crew(
        owner, editor, viewer, stranger, extra, shopping_list, milk, eggs, bread
    )


@pytest.fixture
def shop(user) -> ListModel:
    """The user's weekly shop: milk and eggs checked, soap still to buy."""
    shopping_list = ListFactory(user=user, name="Weekly shop")
    ListItemFactory(list=shopping_list, name="milk", is_checked=True)
    ListItemFactory(list=shopping_list, name="eggs", is_checked=True)
    ListItemFactory(list=shopping_list, name="soap")
    return shopping_list


@pytest.fixture
def announced():
    """The domain events dispatched (after their commit) during the test."""
    from mysphere_core.events import domain_event

    seen = []

    def receiver(sender, event, **kwargs):
        seen.append(event)

    domain_event.connect(receiver, weak=False, dispatch_uid="lists-announced")
    yield seen
    domain_event.disconnect(dispatch_uid="lists-announced")
