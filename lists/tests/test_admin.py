"""The lists admin: staff can look into lists, items and shares, not change them."""

import pytest

from lists.tests.factories import ListFactory, ListItemFactory, ListShareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(user, other_user):
    shopping_list = ListFactory(user=user, name="Groceries")
    item = ListItemFactory(list=shopping_list, name="oat milk")
    share = ListShareFactory(list=shopping_list, user=other_user, permission="edit")
    return shopping_list, item, share


@pytest.mark.parametrize(
    ("path", "query", "text"),
    [
        ("listmodel", {"list_type": "shopping"}, "Groceries"),
        ("listmodel", {"q": "alice"}, "Groceries"),
        ("listitemmodel", {"aisle": "Dairy"}, "oat milk"),
        ("listitemmodel", {"q": "oat"}, "oat milk"),
        ("listsharemodel", {"permission": "edit"}, ">Edit<"),
    ],
)
def test_changelists_filter_and_search(admin_client, rows, path, query, text):
    resp = admin_client.get(f"/admin/lists/{path}/", query)
    assert resp.status_code == 200
    assert text in resp.content.decode()


def test_a_list_page_shows_its_items_and_shares_read_only(admin_client, rows):
    shopping_list, _, _ = rows
    resp = admin_client.get(f"/admin/lists/listmodel/{shopping_list.pk}/change/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "oat milk" in html and "bob" in html
    assert 'name="_save"' not in html
    assert admin_client.get("/admin/lists/listmodel/add/").status_code == 403
