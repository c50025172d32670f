"""Items through the API: add one or many (merging), change, check, reorder, clear,
and the bad input the issue names."""

from decimal import Decimal

import pytest

from lists.models import ListItemModel
from lists.tests.factories import ListFactory, ListItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groceries(user):
    return ListFactory(user=user, name="Groceries")


def _url(shopping_list, tail=""):
    return f"/api/lists/{shopping_list.pk}/{tail}"


def _names(client, shopping_list, **query):
    rows = client.get(_url(shopping_list, "items/"), query).json()["results"]
    return [(r["name"], r["quantity"], r["unit"], r["aisle"]) for r in rows]


class TestAddItems:
    def test_the_issue_example_sorted_by_aisle(self, auth_client, groceries):
        resp = auth_client.post(
            _url(groceries, "add_items/"),
            {"text": "2 milk, eggs, 1kg rice, bread x3\nbananas"},
            format="json",
        )
        assert resp.status_code == 201, resp.content
        body = resp.json()
        assert body["dry_run"] is False
        assert len(body["created"]) == 5 and body["merged"] == []
        assert [p["name"] for p in body["parsed"]] == [
            "milk",
            "eggs",
            "rice",
            "bread",
            "bananas",
        ]
        assert _names(auth_client, groceries) == [
            ("bananas", "1", "", "Produce"),
            ("milk", "2", "", "Dairy"),
            ("eggs", "1", "", "Dairy"),
            ("bread", "3", "", "Bakery"),
            ("rice", "1", "kg", "Pantry"),
        ]

    def test_an_open_item_grows_instead_of_repeating(self, auth_client, groceries):
        milk = ListItemFactory(
            list=groceries, name="Milk", quantity=1, estimated_price=Decimal("1.20")
        )
        ListItemFactory(list=groceries, name="rice", quantity=500, unit="g")
        resp = auth_client.post(
            _url(groceries, "add_items/"),
            {"text": "2 milk, 1kg rice, 1 milk, egg, eggs x2"},
            format="json",
        )
        body = resp.json()
        assert [(m["item_id"], m["quantity"]) for m in body["merged"]] == [
            (milk.pk, "4")
        ]
        milk.refresh_from_db()
        assert milk.quantity == 4 and milk.estimated_price == Decimal("4.80")
        assert [(c["name"], c["quantity"], c["unit"]) for c in body["created"]] == [
            ("rice", "1", "kg"),  # 500 g is another unit: a line of its own
            ("egg", "3", ""),  # "egg" and "eggs x2" are one item
        ]

    def test_a_checked_item_is_not_merged_into(self, auth_client, groceries):
        ListItemFactory(list=groceries, name="milk", is_checked=True)
        body = auth_client.post(
            _url(groceries, "add_items/"), {"text": "milk"}, format="json"
        ).json()
        assert body["merged"] == [] and len(body["created"]) == 1

    def test_dry_run_previews_and_saves_nothing(self, auth_client, groceries):
        milk = ListItemFactory(list=groceries, name="milk", quantity=1)
        resp = auth_client.post(
            _url(groceries, "add_items/"),
            {"text": "2 milk, a dozen eggs", "dry_run": True},
            format="json",
        )
        assert resp.status_code == 200
        body = resp.json()
        assert body["dry_run"] is True
        assert body["merged"][0]["quantity"] == "3"
        assert body["created"][0]["item_id"] is None
        assert body["created"][0]["quantity"] == "12"
        milk.refresh_from_db()
        assert milk.quantity == 1
        assert ListItemModel.objects.filter(list=groceries).count() == 1

    def test_new_items_go_after_every_position(self, auth_client, groceries):
        gone = ListItemFactory(list=groceries, name="jam", is_active=False)
        auth_client.post(_url(groceries, "add_items/"), {"text": "tea"}, format="json")
        tea = ListItemModel.objects.get(name="tea")
        assert tea.position == gone.position + 1

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "This field may not be blank."),
            (" , ;\n", "No items found"),
            ("20000 eggs", "Quantity cannot exceed 10,000."),
            ("0 eggs", "Quantity must be greater than 0."),
            ("-3 eggs", "Quantity must be greater than 0."),
            ("milk, -1.5 kg rice", "Quantity must be greater than 0."),
            ("0.0001 kg rice", "at most 3 decimal places"),
            ("x" * 201, "at most 200 characters"),
            (",".join(["tea"] * 501), "At most 500 items at once (501)."),
        ],
    )
    def test_bad_text_is_a_400_on_text(self, auth_client, groceries, text, message):
        resp = auth_client.post(
            _url(groceries, "add_items/"), {"text": text}, format="json"
        )
        assert resp.status_code == 400
        assert message in " ".join(resp.json()["text"])
        assert not ListItemModel.objects.exists()

    def test_merging_past_the_maximum_is_refused(self, auth_client, groceries):
        ListItemFactory(list=groceries, name="nails", quantity=9999)
        resp = auth_client.post(
            _url(groceries, "add_items/"), {"text": "2 nails"}, format="json"
        )
        assert resp.status_code == 400
        assert "would reach 10001" in resp.json()["text"][0]
        assert ListItemModel.objects.get().quantity == 9999

    def test_a_list_holds_at_most_500_items(self, auth_client, groceries):
        ListItemModel.objects.bulk_create(
            ListItemModel(list=groceries, name=f"thing {n}", position=n)
            for n in range(499)
        )
        resp = auth_client.post(
            _url(groceries, "add_items/"), {"text": "a, b"}, format="json"
        )
        assert resp.status_code == 400
        assert resp.json()["items"] == [
            "A list holds at most 500 items; this one has 499, so 1 more can be added."
        ]
        ok = auth_client.post(_url(groceries, "items/"), {"name": "a"}, format="json")
        assert ok.status_code == 201
        full = auth_client.post(_url(groceries, "items/"), {"name": "b"}, format="json")
        assert full.status_code == 400


class TestOneItem:
    def test_add_guesses_the_aisle_and_prices_in_the_users_currency(
        self, auth_client, groceries
    ):
        resp = auth_client.post(
            _url(groceries, "items/"),
            {"name": "Greek yogurt", "quantity": "2", "estimated_price": "3.5"},
            format="json",
        )
        assert resp.status_code == 201
        body = resp.json()
        assert body["aisle"] == "Dairy"
        assert body["quantity"] == "2"
        assert body["estimated_price"] == "3.50"
        assert body["currency"] == "USD"
        assert body["list_id"] == groceries.pk

    def test_an_unknown_word_stays_uncategorised(self, auth_client, groceries):
        body = auth_client.post(
            _url(groceries, "items/"), {"name": "gizmo"}, format="json"
        ).json()
        assert body["aisle"] == ""

    @pytest.mark.parametrize(
        ("body", "field", "message"),
        [
            ({"name": "x", "quantity": "0"}, "quantity", "greater than 0"),
            ({"name": "x", "quantity": "-2"}, "quantity", "greater than 0"),
            ({"name": "x", "quantity": "10000.5"}, "quantity", "cannot exceed"),
            ({"name": "x" * 201}, "name", "at most 200 characters"),
            ({"name": "   "}, "name", "may not be blank"),
            ({"name": "x", "aisle": "Garden"}, "aisle", '"Garden" is not a valid'),
            ({"name": "x", "colour": "red"}, "colour", "Unknown field"),
            ({"name": "x", "currency": "XYZ"}, "currency", ""),
            ({"name": "x", "estimated_price": "-1"}, "estimated_price", ""),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(
        self, auth_client, groceries, body, field, message
    ):
        resp = auth_client.post(_url(groceries, "items/"), body, format="json")
        assert resp.status_code == 400, resp.content
        assert message in " ".join(resp.json()[field])

    def test_checking_records_who_and_when(self, frozen, crew, client_for):
        url = _url(crew.shopping_list, f"items/{crew.milk.pk}/")
        body = client_for(crew.editor).patch(url, {"is_checked": True}, format="json")
        assert body.status_code == 200
        assert body.json()["checked_by_username"] == "bob"
        assert body.json()["checked_at"].startswith("2026-11-22T12:00:00")
        body = client_for(crew.owner).patch(url, {"is_checked": False}, format="json")
        assert body.json()["checked_by"] is None and body.json()["checked_at"] is None

    def test_an_item_of_another_list_is_a_404(self, auth_client, user, groceries):
        elsewhere = ListItemFactory(list=ListFactory(user=user))
        url = _url(groceries, f"items/{elsewhere.pk}/")
        for method in ("get", "patch", "delete"):
            resp = getattr(auth_client, method)(url, {"name": "x"}, format="json")
            assert resp.status_code == 404
            assert resp.json()["detail"] == "Item not found on this list."
        elsewhere.refresh_from_db()
        assert elsewhere.is_active and elsewhere.name == "milk"

    def test_delete_is_soft(self, auth_client, groceries):
        item = ListItemFactory(list=groceries)
        url = _url(groceries, f"items/{item.pk}/")
        assert auth_client.delete(url).status_code == 204
        item.refresh_from_db()
        assert item.is_active is False
        assert auth_client.get(url).status_code == 404

    def test_filters(self, auth_client, groceries):
        ListItemFactory(list=groceries, name="milk", aisle="Dairy", is_checked=True)
        ListItemFactory(list=groceries, name="soap", aisle="Household")
        ListItemFactory(list=groceries, name="gizmo", aisle="")
        assert [n[0] for n in _names(auth_client, groceries, is_checked="true")] == [
            "milk"
        ]
        assert [n[0] for n in _names(auth_client, groceries, aisle="Household")] == [
            "soap"
        ]
        assert [n[0] for n in _names(auth_client, groceries, aisle="none")] == ["gizmo"]
        bad = auth_client.get(_url(groceries, "items/"), {"aisle": "Garden"})
        assert bad.status_code == 400 and "aisle" in bad.json()
        bad = auth_client.get(_url(groceries, "items/"), {"colour": "red"})
        assert bad.status_code == 400 and "colour" in bad.json()


class TestBulkActions:
    def test_reorder_puts_the_named_items_first(self, auth_client, groceries):
        a, b, c = (ListItemFactory(list=groceries, name=n) for n in "abc")
        resp = auth_client.post(
            _url(groceries, "items/reorder/"), {"item_ids": [c.pk, a.pk]}, format="json"
        )
        assert resp.status_code == 200
        assert resp.json() == {"item_ids": [c.pk, a.pk, b.pk], "count": 3}
        assert [n[0] for n in _names(auth_client, groceries)] == ["c", "a", "b"]

    def test_reorder_refuses_items_of_other_lists_and_repeats(
        self, auth_client, user, groceries
    ):
        mine = ListItemFactory(list=groceries)
        other = ListItemFactory(list=ListFactory(user=user))
        url = _url(groceries, "items/reorder/")
        resp = auth_client.post(url, {"item_ids": [mine.pk, other.pk]}, format="json")
        assert resp.status_code == 400
        assert resp.json() == {"item_ids": [f"Not items of this list: {other.pk}."]}
        resp = auth_client.post(url, {"item_ids": [mine.pk, mine.pk]}, format="json")
        assert resp.json() == {"item_ids": ["An item is named twice."]}
        resp = auth_client.post(url, {"item_ids": []}, format="json")
        assert resp.status_code == 400

    def test_check_all_then_uncheck_all(self, auth_client, groceries):
        a = ListItemFactory(list=groceries)
        b = ListItemFactory(list=groceries, is_checked=True)
        resp = auth_client.post(_url(groceries, "check_all/"), {}, format="json")
        assert resp.json() == {"item_ids": [a.pk], "count": 1}
        resp = auth_client.post(
            _url(groceries, "check_all/"), {"is_checked": False}, format="json"
        )
        assert resp.json() == {"item_ids": [a.pk, b.pk], "count": 2}

    def test_clear_checked(self, auth_client, groceries, announced):
        ListItemFactory(list=groceries)
        done = ListItemFactory(list=groceries, is_checked=True)
        resp = auth_client.post(_url(groceries, "clear_checked/"), {}, format="json")
        assert resp.json() == {"item_ids": [done.pk], "count": 1}
        done.refresh_from_db()
        assert done.is_active is False
        assert [(e.name, e.payload["action"]) for e in announced] == [
            ("list.items_changed", "removed")
        ]

    def test_duplicate_a_template(self, auth_client, groceries):
        groceries.is_template = True
        groceries.save()
        ListItemFactory(list=groceries, name="milk", is_checked=True, quantity=2)
        ListItemFactory(list=groceries, name="eggs", is_active=False)
        resp = auth_client.post(_url(groceries, "duplicate/"), {}, format="json")
        assert resp.status_code == 201
        body = resp.json()
        assert body["name"] == "Groceries" and body["is_template"] is False
        copy = ListItemModel.objects.get(list_id=body["list_id"])
        assert (copy.name, copy.quantity, copy.is_checked) == ("milk", 2, False)


def test_names_differing_in_a_number_are_not_merged(auth_client, groceries):
    auth_client.post(
        _url(groceries, "add_items/"), {"text": "vitamin b12"}, format="json"
    )
    body = auth_client.post(
        _url(groceries, "add_items/"),
        {"text": "vitamin b6, Vitamin B12"},
        format="json",
    ).json()
    assert [c["name"] for c in body["created"]] == ["vitamin b6"]
    assert [(m["name"], m["quantity"]) for m in body["merged"]] == [
        ("vitamin b12", "2")
    ]
