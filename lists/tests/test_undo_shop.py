"""After the shop: undo it (the expense deleted, the cleared items back) or correct
its total, vendor, currency or date through the expenses service's `source_ref`."""

from decimal import Decimal

import pytest

from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from lists.models import ListItemModel, ListModel, ListShopModel
from lists.tests.factories import ListFactory, ListItemFactory
from lists.validators import MAX_ITEMS_PER_LIST
from mysphere_core.errors import DomainError

pytestmark = pytest.mark.django_db


def _post(client, shopping_list, route, **body):
    return client.post(f"/api/lists/{shopping_list.pk}/{route}/", body, format="json")


def _complete(client, shopping_list, **body):
    data = {"total": "54.20", "vendor": "Lidl", **body}
    resp = _post(client, shopping_list, "complete_shopping", **data)
    assert resp.status_code == 201, resp.content
    return resp.json()


def _live_names(shopping_list):
    rows = ListItemModel.objects.filter(list=shopping_list, is_active=True)
    return sorted(rows.values_list("name", flat=True))


class TestUndoShopping:
    def test_the_expense_goes_and_the_cleared_items_come_back(
        self, auth_client, user, shop, announced
    ):
        done = _complete(auth_client, shop)
        assert _live_names(shop) == ["soap"]
        announced.clear()
        resp = _post(auth_client, shop, "undo_shopping")
        assert resp.status_code == 200, resp.content
        body = resp.json()
        assert body["expense_id"] == done["expense"]["expense_id"]
        assert body["restored_item_ids"] == sorted(done["cleared_item_ids"])
        assert body["unarchived"] is False
        assert body["list"]["item_count"] == 3
        assert body["list"]["checked_count"] == 2
        assert body["list"]["completed_at"] is None
        assert not ExpenseService.queryset_for(user=user).exists()
        assert _live_names(shop) == ["eggs", "milk", "soap"]
        assert not ListShopModel.objects.get().is_active
        assert [e.name for e in announced] == [
            "expense.deleted",
            "list.shopping_undone",
        ]
        assert announced[1].payload == {
            "list_id": shop.pk,
            "expense_id": body["expense_id"],
            "item_ids": body["restored_item_ids"],
        }
        again = _post(auth_client, shop, "undo_shopping")
        assert again.status_code == 404 and again.json()["code"] == "not_found"

    def test_undone_then_finished_again_records_one_live_expense(
        self, auth_client, user, shop
    ):
        _complete(auth_client, shop)
        assert _post(auth_client, shop, "undo_shopping").status_code == 200
        _complete(auth_client, shop, total="50.00")
        (expense,) = ExpenseService.queryset_for(user=user)
        assert expense.amount == Decimal("50.00")

    def test_an_archiving_shop_is_unarchived(self, auth_client, shop):
        _complete(auth_client, shop, archive=True)
        body = _post(auth_client, shop, "undo_shopping").json()
        assert body["unarchived"] is True and body["restored_item_ids"] == []
        shop.refresh_from_db()
        assert shop.is_archived is False

    def test_a_list_archived_before_the_shop_stays_archived(self, auth_client, shop):
        ListModel.objects.filter(pk=shop.pk).update(is_archived=True)
        _complete(auth_client, shop, archive=True)
        body = _post(auth_client, shop, "undo_shopping").json()
        assert body["unarchived"] is False
        shop.refresh_from_db()
        assert shop.is_archived is True

    def test_an_older_shop_by_its_expense(self, frozen, auth_client, user, shop):
        first = _complete(auth_client, shop)
        frozen.shift(60)
        ListItemModel.objects.filter(name="soap").update(is_checked=True)
        second = _complete(auth_client, shop, total="9.99")
        resp = _post(
            auth_client,
            shop,
            "undo_shopping",
            expense_id=first["expense"]["expense_id"],
        )
        assert resp.status_code == 200, resp.content
        assert resp.json()["restored_item_ids"] == sorted(first["cleared_item_ids"])
        assert _live_names(shop) == ["eggs", "milk"]
        (left,) = ExpenseService.queryset_for(user=user)
        assert left.pk == second["expense"]["expense_id"]
        assert resp.json()["list"]["completed_at"] == second["list"]["completed_at"]

    def test_only_who_paid_can_undo(self, crew, client_for):
        shopping_list = crew.shopping_list
        _complete(client_for(crew.editor), shopping_list)
        owner = _post(client_for(crew.owner), shopping_list, "undo_shopping")
        assert owner.status_code == 404
        assert ExpenseService.queryset_for(user=crew.editor).count() == 1
        editor = _post(client_for(crew.editor), shopping_list, "undo_shopping")
        assert editor.status_code == 200
        assert not ExpenseService.queryset_for(user=crew.editor).exists()

    def test_an_expense_of_another_list_or_none_is_a_404(self, auth_client, user, shop):
        other = ListFactory(user=user)
        ListItemFactory(list=other, is_checked=True)
        theirs = _complete(auth_client, other)["expense"]["expense_id"]
        plain = ExpenseService.create(
            user=user, data={"amount": "5", "vendor": "Lidl", "category": "Groceries"}
        )
        for expense_id in (theirs, plain.pk, 999999):
            resp = _post(auth_client, shop, "undo_shopping", expense_id=expense_id)
            assert resp.status_code == 404, resp.content
        assert ExpenseService.queryset_for(user=user).count() == 2

    def test_a_shop_recorded_without_its_row_still_deletes_the_expense(
        self, auth_client, user, shop
    ):
        ExpenseService.create(
            user=user,
            data={"amount": "5", "vendor": "Lidl", "category": "Groceries"},
            source_ref=f"list:{shop.pk}",
        )
        body = _post(auth_client, shop, "undo_shopping").json()
        assert body["restored_item_ids"] == []
        assert not ExpenseService.queryset_for(user=user).exists()

    def test_no_room_for_the_items_changes_nothing(self, auth_client, user, shop):
        _complete(auth_client, shop)
        ListItemModel.objects.bulk_create(
            ListItemModel(list=shop, name=f"thing {n}", position=100 + n)
            for n in range(MAX_ITEMS_PER_LIST - 1)
        )
        resp = _post(auth_client, shop, "undo_shopping")
        assert resp.status_code == 400 and "items" in resp.json()
        assert ExpenseService.queryset_for(user=user).count() == 1
        assert ListShopModel.objects.get().is_active

    @pytest.mark.parametrize(
        "body", [{"expense_id": 0}, {"expense_id": "x"}, {"total": "1"}]
    )
    def test_bad_input_is_a_400(self, auth_client, shop, body):
        _complete(auth_client, shop)
        resp = _post(auth_client, shop, "undo_shopping", **body)
        assert resp.status_code == 400
        assert set(resp.json()) == set(body)


class TestCorrectShopping:
    def test_the_expense_service_refuses_the_amount_without_the_ref(
        self, auth_client, user, shop
    ):
        expense_id = _complete(auth_client, shop)["expense"]["expense_id"]
        with pytest.raises(DomainError):
            ExpenseService.update(user=user, pk=expense_id, data={"amount": "50"})
        resp = auth_client.delete(f"/api/expenses/{expense_id}/")
        assert resp.status_code == 400

    def test_total_vendor_currency_and_date_corrected(
        self, auth_client, user, shop, announced
    ):
        expense_id = _complete(auth_client, shop)["expense"]["expense_id"]
        announced.clear()
        resp = _post(
            auth_client,
            shop,
            "correct_shopping",
            total="45.80",
            vendor="Aldi",
            currency="eur",
            date="2026-11-01",
        )
        assert resp.status_code == 200, resp.content
        assert resp.json() == {
            "expense_id": expense_id,
            "amount": "45.80",
            "currency": "EUR",
            "category": "Groceries",
            "vendor": "Aldi",
            "transaction_date": "2026-11-01",
            "source_ref": f"list:{shop.pk}",
        }
        stored = ExpenseModel.objects.get(pk=expense_id)
        assert stored.amount == Decimal("45.80") and stored.is_active
        shop.refresh_from_db()
        assert shop.last_vendor == "Aldi"
        assert [e.name for e in announced] == ["expense.updated"]

    def test_an_older_shop_by_its_expense(self, auth_client, user, shop):
        first = _complete(auth_client, shop)["expense"]["expense_id"]
        ListItemModel.objects.filter(name="soap").update(is_checked=True)
        second = _complete(auth_client, shop, total="9.99")["expense"]["expense_id"]
        resp = _post(
            auth_client, shop, "correct_shopping", expense_id=first, total="1.00"
        )
        assert resp.status_code == 200
        amounts = dict(ExpenseModel.objects.values_list("pk", "amount").order_by("pk"))
        assert amounts == {first: Decimal("1.00"), second: Decimal("9.99")}
        renamed = _post(
            auth_client, shop, "correct_shopping", expense_id=first, vendor="Aldi"
        )
        assert renamed.status_code == 200
        shop.refresh_from_db()
        assert shop.last_vendor == "Lidl"

    def test_only_who_paid_can_correct(self, crew, client_for):
        _complete(client_for(crew.editor), crew.shopping_list)
        resp = _post(
            client_for(crew.owner), crew.shopping_list, "correct_shopping", total="1"
        )
        assert resp.status_code == 404
        assert ExpenseModel.objects.get().amount == Decimal("54.20")

    def test_an_undone_shop_cannot_be_corrected(self, auth_client, shop):
        _complete(auth_client, shop)
        _post(auth_client, shop, "undo_shopping")
        resp = _post(auth_client, shop, "correct_shopping", total="1")
        assert resp.status_code == 404

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({}, "total"),
            ({"expense_id": 5}, "total"),
            ({"total": "0"}, "total"),
            ({"total": "20000.00"}, "total"),
            ({"vendor": ""}, "vendor"),
            ({"currency": "XYZ"}, "currency"),
            ({"date": "1800-01-01"}, "date"),
            ({"total": "1", "tip": "1"}, "tip"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(self, auth_client, shop, body, field):
        _complete(auth_client, shop)
        resp = _post(auth_client, shop, "correct_shopping", **body)
        assert resp.status_code == 400, resp.content
        assert field in resp.json()
        assert ExpenseModel.objects.get().amount == Decimal("54.20")
