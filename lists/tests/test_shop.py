"""The shop: complete_shopping records one Groceries expense atomically; estimate
reads item prices, else past Groceries expenses at the vendor, against the budget."""

from datetime import date
from decimal import Decimal

import pytest

from budgets.tests.factories import plan_with
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory
from lists import shopping
from lists.models import ListItemModel, ListModel
from lists.tests.factories import ListFactory, ListItemFactory

pytestmark = pytest.mark.django_db


def _complete(client, shopping_list, **body):
    return client.post(
        f"/api/lists/{shopping_list.pk}/complete_shopping/",
        {"total": "54.20", "vendor": "Lidl", **body},
        format="json",
    )


class TestCompleteShopping:
    def test_one_groceries_expense_and_the_checked_items_cleared(
        self, frozen, auth_client, user, shop, announced
    ):
        resp = _complete(auth_client, shop)
        assert resp.status_code == 201, resp.content
        body = resp.json()
        (expense,) = ExpenseService.queryset_for(user=user)
        assert body["expense"] == {
            "expense_id": expense.pk,
            "amount": "54.20",
            "currency": "USD",
            "category": "Groceries",
            "vendor": "Lidl",
            "transaction_date": "2026-11-22",
            "source_ref": f"list:{shop.pk}",
        }
        assert expense.notes == "Shopping list: Weekly shop (2 items)"
        assert body["archived"] is False
        assert len(body["cleared_item_ids"]) == 2
        assert body["list"]["item_count"] == 1
        assert body["list"]["last_vendor"] == "Lidl"
        assert list(
            ListItemModel.objects.filter(is_active=True).values_list("name", flat=True)
        ) == ["soap"]
        names = [e.name for e in announced]
        assert names == ["expense.created", "list.completed", "list.items_changed"]
        assert announced[1].payload == {
            "list_id": shop.pk,
            "name": "Weekly shop",
            "owner_id": shop.user_id,
            "expense_id": expense.pk,
            "total": "54.20",
            "currency": "USD",
            "vendor": "Lidl",
        }

    def test_archive_keeps_the_items_and_archives_the_list(self, auth_client, shop):
        resp = _complete(
            auth_client, shop, archive=True, currency="eur", date="2026-11-20"
        )
        body = resp.json()
        assert body["archived"] is True and body["cleared_item_ids"] == []
        assert body["expense"]["currency"] == "EUR"
        assert body["expense"]["transaction_date"] == "2026-11-20"
        shop.refresh_from_db()
        assert shop.is_archived is True
        assert ListItemModel.objects.filter(is_active=True).count() == 3

    def test_a_second_submit_finds_nothing_checked(self, auth_client, user, shop):
        assert _complete(auth_client, shop).status_code == 201
        again = _complete(auth_client, shop)
        assert again.status_code == 400
        assert again.json() == {
            "detail": "Check off what you bought before finishing the shop.",
            "code": "nothing_checked",
        }
        assert ExpenseService.queryset_for(user=user).count() == 1

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"total": "0"}, "total"),
            ({"total": "-5"}, "total"),
            ({"total": "abc"}, "total"),
            ({"vendor": ""}, "vendor"),
            ({"currency": "XYZ"}, "currency"),
            ({"date": "1800-01-01"}, "date"),
            ({"date": "2026-02-30"}, "date"),
            ({"tip": "1"}, "tip"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(
        self, auth_client, user, shop, body, field
    ):
        resp = _complete(auth_client, shop, **body)
        assert resp.status_code == 400, resp.content
        assert field in resp.json()
        assert ExpenseService.queryset_for(user=user).count() == 0

    def test_a_total_over_the_expense_maximum_names_total(
        self, auth_client, user, shop
    ):
        resp = _complete(auth_client, shop, total="20000.00")
        assert resp.status_code == 400
        assert resp.json() == {"total": ["Amount cannot exceed 10000.00."]}
        assert ExpenseService.queryset_for(user=user).count() == 0
        assert ListItemModel.objects.filter(is_active=True).count() == 3

    def test_a_failure_after_the_expense_leaves_nothing_written(
        self, auth_client, user, shop, monkeypatch
    ):
        def broken(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(ListModel, "save", broken)
        with pytest.raises(RuntimeError):
            _complete(auth_client, shop)
        assert ExpenseService.queryset_for(user=user).count() == 0
        assert ListItemModel.objects.filter(is_active=True).count() == 3


class TestEstimate:
    def _get(self, client, shopping_list, **query):
        resp = client.get(f"/api/lists/{shopping_list.pk}/estimate/", query)
        assert resp.status_code == 200, resp.content
        return resp.json()

    def test_every_item_priced(self, auth_client, user):
        shopping_list = ListFactory(user=user)
        ListItemFactory(list=shopping_list, estimated_price="2.50", currency="USD")
        ListItemFactory(list=shopping_list, estimated_price="4.25", currency="USD")
        body = self._get(auth_client, shopping_list)
        assert body["basis"] == "item_prices"
        assert body["estimate"] == [{"currency": "USD", "total": "6.75"}]
        assert body["priced_items"] == 2 and body["unpriced_items"] == 0

    def test_prices_in_two_currencies_are_never_added(self, auth_client, user):
        shopping_list = ListFactory(user=user)
        ListItemFactory(list=shopping_list, estimated_price="2.50", currency="USD")
        ListItemFactory(list=shopping_list, estimated_price="3.00", currency="EUR")
        body = self._get(auth_client, shopping_list)
        assert body["estimate"] == [
            {"currency": "EUR", "total": "3.00"},
            {"currency": "USD", "total": "2.50"},
        ]

    def test_unpriced_items_use_past_shops_at_the_vendor(self, auth_client, user):
        shopping_list = ListFactory(user=user, last_vendor="Lidl")
        ListItemFactory(list=shopping_list, estimated_price="2.50", currency="USD")
        ListItemFactory(list=shopping_list)
        for amount in ("40.00", "50.00", "63.00"):
            ExpenseFactory(
                user=user, amount=Decimal(amount), category="Groceries", vendor="LIDL"
            )
        ExpenseFactory(
            user=user, amount=Decimal("500"), category="Shopping", vendor="Lidl"
        )
        ExpenseFactory(
            user=user, amount=Decimal("90"), category="Groceries", vendor="Aldi"
        )
        body = self._get(auth_client, shopping_list)
        assert body["basis"] == "past_expenses"
        assert body["past_shops"] == {
            "vendor": "Lidl",
            "currency": "USD",
            "count": 3,
            "average": "51.00",
        }
        assert body["estimate"] == [{"currency": "USD", "total": "51.00"}]
        assert body["items_total"] == [{"currency": "USD", "total": "2.50"}]
        aldi = self._get(auth_client, shopping_list, vendor="aldi")
        assert aldi["estimate"] == [{"currency": "USD", "total": "90.00"}]

    def test_without_past_shops_the_known_prices_are_partial(self, auth_client, user):
        shopping_list = ListFactory(user=user)
        ListItemFactory(list=shopping_list, estimated_price="2.50", currency="USD")
        ListItemFactory(list=shopping_list)
        body = self._get(auth_client, shopping_list, vendor="Nowhere")
        assert body["basis"] == "item_prices_partial"
        assert body["unpriced_items"] == 1
        empty = self._get(auth_client, ListFactory(user=user))
        assert empty["basis"] == "none" and empty["estimate"] == []

    def test_no_budget_says_so(self, frozen, auth_client, user):
        body = self._get(auth_client, ListFactory(user=user))
        assert body["budget"] is None
        assert body["budget_message"] == "No Groceries budget this month."
        assert body["left_after_shop"] is None and body["fits_budget"] is None

    def test_without_the_budgets_app_it_says_so(self, auth_client, user, monkeypatch):
        monkeypatch.setattr(shopping.apps, "is_installed", lambda name: False)
        body = self._get(auth_client, ListFactory(user=user))
        assert body["budget"] is None
        assert body["budget_message"] == (
            "No budget: budgets are not available on this server."
        )

    def test_compared_with_what_remains_of_the_groceries_budget(
        self, frozen, auth_client, user
    ):
        plan = plan_with(user, allocations={"Groceries": "400.00"})
        ExpenseFactory(user=user, category="Groceries", amount=Decimal("100.00"))
        shopping_list = ListFactory(user=user)
        ListItemFactory(list=shopping_list, estimated_price="30.00", currency="USD")
        ListItemFactory(list=shopping_list, estimated_price="20.00", currency="USD")
        body = self._get(auth_client, shopping_list)
        assert body["budget"] == {
            "budget_id": plan.pk,
            "month": "2026-11",
            "currency": "USD",
            "category": "Groceries",
            "available": "400.00",
            "spent": "100.00",
            "remaining": "300.00",
        }
        assert body["budget_message"] == (
            "300.00 USD left in this month's Groceries budget."
        )
        assert body["left_after_shop"] == "250.00" and body["fits_budget"] is True

    def test_a_shop_past_the_budget_does_not_fit(self, frozen, auth_client, user):
        plan_with(user, allocations={"Groceries": "40.00"})
        shopping_list = ListFactory(user=user)
        ListItemFactory(list=shopping_list, estimated_price="52.50", currency="USD")
        body = self._get(auth_client, shopping_list)
        assert body["left_after_shop"] == "-12.50" and body["fits_budget"] is False

    def test_an_estimate_in_another_currency_is_not_compared(
        self, frozen, auth_client, user
    ):
        plan_with(user, currency="EUR", allocations={"Groceries": "300.00"})
        shopping_list = ListFactory(user=user)
        ListItemFactory(list=shopping_list, estimated_price="10.00", currency="USD")
        body = self._get(auth_client, shopping_list)
        assert body["budget"]["currency"] == "EUR"
        assert body["budget_message"] == (
            "300.00 EUR left in this month's Groceries budget. "
            "The estimate is not in EUR: not compared."
        )
        assert body["fits_budget"] is None

    def test_unknown_query_parameters_are_a_400(self, auth_client, user):
        shopping_list = ListFactory(user=user)
        resp = auth_client.get(f"/api/lists/{shopping_list.pk}/estimate/", {"x": "1"})
        assert resp.status_code == 400 and "x" in resp.json()


def test_expense_dates_default_to_the_users_today(frozen, make_user, client_for):
    tokyo = make_user("kenji", profile={"timezone": "Asia/Tokyo", "currency": "JPY"})
    frozen.move_to("2026-11-22 20:00:00+00:00")  # already the 23rd in Tokyo
    shopping_list = ListFactory(user=tokyo)
    ListItemFactory(list=shopping_list, is_checked=True)
    body = _complete(client_for(tokyo), shopping_list, total="3200").json()
    assert body["expense"]["transaction_date"] == "2026-11-23"
    assert body["expense"]["currency"] == "JPY"
    assert date.fromisoformat(body["expense"]["transaction_date"]) == date(2026, 11, 23)


class TestTheOwnerIsTold:
    def test_someone_else_finishing_the_shop_notifies_the_owner(
        self, frozen, user, other_user, other_client, shop, auth_client
    ):
        from integrations.models import Kind, NotificationModel
        from lists.services import ListService

        other_user.first_name = "Nia"
        other_user.save(update_fields=["first_name"])
        ListService.share(
            user=user, pk=shop.pk, login=other_user.username, permission="edit"
        )
        assert _complete(other_client, shop).status_code == 201
        told = NotificationModel.objects.get(kind=Kind.LIST_COMPLETED)
        assert told.user == user
        assert told.title == "Nia finished the shop for Weekly shop"
        assert told.body == "They spent 54.20 USD at Lidl."

    def test_finishing_ones_own_shop_notifies_nobody(self, frozen, auth_client, shop):
        from integrations.models import Kind, NotificationModel

        assert _complete(auth_client, shop).status_code == 201
        assert not NotificationModel.objects.filter(kind=Kind.LIST_COMPLETED).exists()
