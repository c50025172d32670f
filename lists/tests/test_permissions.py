"""Every route for every role: the owner, an editor, a viewer and a stranger.

Reads are open to anyone the list is shared with; item writes and the shop need
edit rights (a viewer gets 403 `read_only`); renaming, deleting and sharing are
the owner's (others get 403 `owner_only`); a stranger gets 404 everywhere. A
refused request changes nothing.
"""

import pytest
from django.forms.models import model_to_dict

from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from lists.models import ListItemModel, ListModel, ListShareModel, ListShopModel
from lists.services import ListService
from mysphere_core.testing import feature_routes

pytestmark = pytest.mark.django_db

ROLES = ("owner", "edit", "view", "stranger")
RANK = {"view": 1, "edit": 2, "owner": 3}


def _routes(crew):
    """(method, path, body, role needed, success status) of every detail route."""
    milk, eggs = crew.milk.pk, crew.eggs.pk
    return [
        ("get", "", None, "view", 200),
        ("patch", "", {"name": "Renamed"}, "owner", 200),
        ("put", "", {"name": "Renamed", "list_type": "todo"}, "owner", 200),
        ("delete", "", None, "owner", 204),
        ("get", "items/", None, "view", 200),
        ("post", "items/", {"name": "cheese"}, "edit", 201),
        ("get", f"items/{milk}/", None, "view", 200),
        ("patch", f"items/{milk}/", {"quantity": "3"}, "edit", 200),
        ("delete", f"items/{milk}/", None, "edit", 204),
        ("post", "add_items/", {"text": "2 milk, rice"}, "edit", 201),
        ("post", "items/reorder/", {"item_ids": [eggs, milk]}, "edit", 200),
        ("post", "check_all/", {}, "edit", 200),
        ("post", "clear_checked/", {}, "edit", 200),
        ("post", "categorize/", {}, "edit", 200),
        ("post", "duplicate/", {}, "view", 201),
        ("post", "share/", {"username": "dave", "permission": "view"}, "owner", 200),
        ("post", "unshare/", {"username": "erin"}, "owner", 200),
        ("get", "estimate/", None, "view", 200),
        (
            "post",
            "complete_shopping/",
            {"total": "12.40", "vendor": "Lidl"},
            "edit",
            201,
        ),
        ("post", "undo_shopping/", {}, "edit", 200),
        ("post", "correct_shopping/", {"total": "13.10"}, "edit", 200),
    ]


SHOP_ROUTES = ("undo_shopping/", "correct_shopping/")


def _finish_a_shop(crew, role):
    """A shop to undo or correct: the caller's when they may, else the owner's."""
    payer = crew.who(role) if role in ("owner", "edit") else crew.owner
    ListService.complete_shopping(
        user=payer, pk=crew.shopping_list.pk, data={"total": "12.40", "vendor": "Lidl"}
    )


def _state(crew):
    """Everything a request could change, as stored now."""
    return (
        model_to_dict(ListModel.objects.get(pk=crew.shopping_list.pk)),
        [model_to_dict(i) for i in ListItemModel.objects.order_by("pk")],
        [model_to_dict(s) for s in ListShareModel.objects.order_by("pk")],
        ListModel.objects.count(),
        [model_to_dict(s) for s in ListShopModel.objects.order_by("pk")],
        list(ExpenseModel.objects.values_list("pk", "amount", "is_active")),
    )


CASES = [(index, role) for index in range(21) for role in ROLES]


@pytest.mark.parametrize(("index", "role"), CASES)
def test_every_route_for_every_role(crew, client_for, index, role):
    method, path, body, need, ok = _routes(crew)[index]
    client = client_for(crew.who(role))
    if path in SHOP_ROUTES:
        _finish_a_shop(crew, role)
    before = _state(crew)
    url = f"/api/lists/{crew.shopping_list.pk}/{path}"
    resp = getattr(client, method)(url, body, format="json")
    if role == "stranger":
        assert resp.status_code == 404, resp.content
        assert resp.json()["code"] == "not_found"
    elif RANK[role] >= RANK[need]:
        assert resp.status_code == ok, (method, path, role, resp.content)
        return
    else:
        assert resp.status_code == 403, (method, path, role, resp.content)
        code = "owner_only" if need == "owner" else "read_only"
        assert resp.json()["code"] == code
    assert _state(crew) == before


def test_the_route_table_covers_every_route(crew):
    detail_methods = {
        (r.name, m) for r in feature_routes("lists") if r.detail for m in r.methods
    }
    assert len(_routes(crew)) == len(detail_methods) == 21


class TestWhoSeesWhat:
    def test_shared_lists_show_with_the_callers_role(self, crew, client_for):
        for user, role in ((crew.owner, "owner"), (crew.editor, "edit")):
            rows = client_for(user).get("/api/lists/").json()["results"]
            assert [(r["list_id"], r["role"]) for r in rows] == [
                (crew.shopping_list.pk, role)
            ]
        assert (
            client_for(crew.viewer).get("/api/lists/").json()["results"][0]["role"]
            == "view"
        )
        assert client_for(crew.stranger).get("/api/lists/").json()["count"] == 0

    def test_members_see_who_it_is_shared_with(self, crew, client_for):
        body = client_for(crew.viewer).get(f"/api/lists/{crew.shopping_list.pk}/")
        shares = body.json()["shares"]
        assert [(s["username"], s["permission"]) for s in shares] == [
            ("bob", "edit"),
            ("carol", "view"),
            ("erin", "view"),
        ]
        assert body.json()["owner"] == "alice"

    def test_an_editors_shop_is_the_editors_expense(self, crew, client_for):
        resp = client_for(crew.editor).post(
            f"/api/lists/{crew.shopping_list.pk}/complete_shopping/",
            {"total": "20.00", "vendor": "Aldi"},
            format="json",
        )
        assert resp.status_code == 201
        assert ExpenseService.queryset_for(user=crew.editor).count() == 1
        assert ExpenseService.queryset_for(user=crew.owner).count() == 0

    def test_a_viewer_can_leave_but_not_remove_others(self, crew, client_for):
        client = client_for(crew.viewer)
        url = f"/api/lists/{crew.shopping_list.pk}/unshare/"
        refused = client.post(url, {"username": "erin"}, format="json")
        assert refused.status_code == 403
        assert refused.json()["code"] == "owner_only"
        left = client.post(url, {"username": "carol"}, format="json")
        assert left.status_code == 200
        assert left.json() == {"list": None}
        assert client.get(f"/api/lists/{crew.shopping_list.pk}/").status_code == 404

    def test_a_duplicate_by_a_viewer_is_the_viewers_own(self, crew, client_for):
        resp = client_for(crew.viewer).post(
            f"/api/lists/{crew.shopping_list.pk}/duplicate/", {}, format="json"
        )
        assert resp.status_code == 201
        body = resp.json()
        assert body["role"] == "owner"
        assert body["owner"] == "carol"
        assert body["name"] == "Groceries (copy)"
        assert body["item_count"] == 3
        assert body["checked_count"] == 0
