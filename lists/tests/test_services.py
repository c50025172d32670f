"""ListService beyond the API: events, the data protocol, list filters, bounds."""

import pytest

from lists import userdata as app_data
from lists.models import ListItemModel, ListModel, ListShareModel, ListShopModel
from lists.services import ListService
from lists.tests.factories import ListFactory, ListItemFactory, ListShareFactory
from mysphere_core import userdata

pytestmark = pytest.mark.django_db


class TestEvents:
    def test_list_writes_announce_their_events(self, user, announced):
        created = ListService.create(user=user, data={"name": "Trip"})
        ListService.update(user=user, pk=created.pk, data={"name": "Big trip"})
        ListService.update(user=user, pk=created.pk, data={"name": "Big trip"})
        item = ListService.add_item(user=user, pk=created.pk, data={"name": "tent"})
        ListService.update_item(
            user=user, pk=created.pk, item_pk=item.pk, data={"is_checked": True}
        )
        ListService.update_item(
            user=user, pk=created.pk, item_pk=item.pk, data={"quantity": 2}
        )
        ListService.delete(user=user, pk=created.pk)
        assert [(e.name, e.payload.get("action")) for e in announced] == [
            ("list.created", None),
            ("list.updated", None),
            ("list.items_changed", "added"),
            ("list.items_changed", "checked"),
            ("list.items_changed", "updated"),
            ("list.deleted", None),
        ]
        assert announced[0].payload == {
            "list_id": created.pk,
            "name": "Trip",
            "list_type": "shopping",
        }
        assert announced[1].payload == {"list_id": created.pk, "fields": ["name"]}


class TestUserData:
    def test_export_names_every_table_with_soft_deleted_rows(self, user, other_user):
        mine = ListFactory(user=user, is_active=False)
        ListItemFactory(list=mine, is_active=False)
        ListShareFactory(list=mine, user=other_user)
        theirs = ListFactory(user=other_user)
        ListShareFactory(list=theirs, user=user)
        ListItemFactory(list=theirs)
        ListShopModel.objects.create(list=mine, user=other_user, expense_id=7)
        ListShopModel.objects.create(list=theirs, user=user, expense_id=8)
        ListShopModel.objects.create(list=theirs, user=other_user, expense_id=9)
        exported = app_data.export_tables(user=user)
        assert {table: qs.count() for table, qs in exported.items()} == {
            "lists": 1,
            "list_items": 1,
            "list_shares": 2,
            "list_shops": 2,
        }
        rows = list(userdata.rows(exported["lists"]))
        assert rows[0]["list_id"] == mine.pk and rows[0]["is_active"] is False

    def test_erase_removes_the_users_rows_only(self, user, other_user):
        mine = ListFactory(user=user)
        ListItemFactory(list=mine)
        ListShareFactory(list=mine, user=other_user)
        theirs = ListFactory(user=other_user)
        ListShareFactory(list=theirs, user=user)
        kept = ListItemFactory(list=theirs)
        ListShopModel.objects.create(list=mine, user=other_user, expense_id=7)
        ListShopModel.objects.create(list=theirs, user=user, expense_id=8)
        left = ListShopModel.objects.create(list=theirs, user=other_user, expense_id=9)
        erased = app_data.erase(user=user)
        assert erased == {
            "list_items": 1,
            "list_shares": 2,
            "list_shops": 2,
            "lists": 1,
        }
        assert list(ListModel.objects.all()) == [theirs]
        assert list(ListItemModel.objects.all()) == [kept]
        assert not ListShareModel.objects.exists()
        assert list(ListShopModel.objects.all()) == [left]


class TestListFilters:
    def test_type_archive_template_and_search(self, auth_client, user):
        ListFactory(user=user, name="Groceries")
        ListFactory(user=user, name="Beach", list_type="packing", is_archived=True)
        ListFactory(user=user, name="Base", is_template=True, description="weekly")

        def names(**query):
            resp = auth_client.get("/api/lists/", query)
            assert resp.status_code == 200, resp.content
            return sorted(r["name"] for r in resp.json()["results"])

        assert names(list_type="packing") == ["Beach"]
        assert names(is_archived="true") == ["Beach"]
        assert names(is_template="true") == ["Base"]
        assert names(search="WEEK") == ["Base"]
        assert names(ordering="name") == ["Base", "Beach", "Groceries"]
        bad = auth_client.get("/api/lists/", {"list_type": "shelf"})
        assert bad.status_code == 400 and "list_type" in bad.json()
        bad = auth_client.get("/api/lists/", {"is_archived": "maybe"})
        assert bad.status_code == 400

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"name": ""}, "name"),
            ({"name": "x" * 201}, "name"),
            ({"name": "x", "color": "red"}, "color"),
            ({"name": "x", "list_type": "shelf"}, "list_type"),
            ({"name": "x", "owner": "bob"}, "owner"),
        ],
    )
    def test_bad_list_input_is_a_400(self, auth_client, body, field):
        resp = auth_client.post("/api/lists/", body, format="json")
        assert resp.status_code == 400 and field in resp.json()


class TestQueryBounds:
    """200 items and 5 shares cost no more queries than 1 item and no share."""

    @pytest.fixture
    def big(self, user, make_user):
        shopping_list = ListFactory(user=user)
        ListItemModel.objects.bulk_create(
            ListItemModel(
                list=shopping_list,
                name=f"thing {n}",
                position=n,
                aisle=["Dairy", "Produce", ""][n % 3],
                is_checked=n % 2 == 0,
                checked_by=user if n % 2 == 0 else None,
            )
            for n in range(200)
        )
        for _ in range(5):
            ListShareFactory(list=shopping_list, user=make_user(), permission="edit")
        for _ in range(4):
            ListShareFactory(list=ListFactory(user=make_user()), user=user)
        return shopping_list

    def test_the_list_of_lists(self, auth_client, big, django_assert_max_num_queries):
        with django_assert_max_num_queries(5):
            resp = auth_client.get("/api/lists/")
        body = resp.json()
        assert body["count"] == 5
        row = next(r for r in body["results"] if r["list_id"] == big.pk)
        assert (row["item_count"], row["checked_count"], len(row["shares"])) == (
            200,
            100,
            5,
        )

    def test_the_items_page_of_200(
        self, auth_client, big, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(8):
            resp = auth_client.get(f"/api/lists/{big.pk}/items/", {"page_size": 200})
        assert len(resp.json()["results"]) == 200

    def test_writes_stay_bounded_too(
        self, auth_client, big, django_assert_max_num_queries
    ):
        ids = list(ListItemModel.objects.filter(list=big).values_list("pk", flat=True))[
            ::-1
        ]
        with django_assert_max_num_queries(14):
            resp = auth_client.post(
                f"/api/lists/{big.pk}/items/reorder/", {"item_ids": ids}, format="json"
            )
        assert resp.status_code == 200
        with django_assert_max_num_queries(16):
            resp = auth_client.post(
                f"/api/lists/{big.pk}/add_items/",
                {"text": ", ".join(f"gadget{n}" for n in range(50))},
                format="json",
            )
        assert resp.status_code == 201
