"""The /api/lists/ routes: generated route checks, CRUD, items, filters, bounds."""

import pytest

from lists.tests.factories import (
    ListFactory,
    list_with_item,
)
from mysphere_core.testing import FeatureAPITests

pytestmark = pytest.mark.django_db

URL = "/api/lists/"


def _items(list_id):
    return f"{URL}{list_id}/items/"


class TestListRoutes(FeatureAPITests):
    """Health, 401s, strangers' 404s, query bounds and soft delete, generated."""

    feature = "lists"
    factories = {
        "list": lambda user: ListFactory(user=user),
        "list-items": list_with_item,
        "list-item-detail": list_with_item,
    }
    list_bounds = {
        # user + session state (JWT), count, page, the page's live shares
        "list-list": 5,
        # user + session (JWT), the list and its shares (the role check), the same
        # for the service's read, count, page
        "list-items": 8,
    }


class TestLists:
    def test_create_and_read(self, auth_client, user):
        resp = auth_client.post(
            URL,
            {"name": "Weekend trip", "list_type": "packing", "color": "#4CAF50"},
            format="json",
        )
        assert resp.status_code == 201, resp.content
        body = resp.json()
        assert body["name"] == "Weekend trip"
        assert body["list_type"] == "packing"
        assert body["role"] == "owner"
        assert body["owner"] == "alice"
        assert body["item_count"] == 0
        assert body["shares"] == []
        detail = auth_client.get(f"{URL}{body['list_id']}/").json()
        assert detail["name"] == "Weekend trip"
