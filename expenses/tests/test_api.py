"""The /api/expenses/ endpoints: CRUD, validation, isolation, filters, bulk, export."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory
from mysphere_core.errors import InvalidInput
from mysphere_core.testing import FeatureAPITests

pytestmark = pytest.mark.django_db

URL = "/api/expenses/"


def _detail(expense_id):
    return f"{URL}{expense_id}/"


def _body(**overrides):
    return {
        "amount": "25.50",
        "category": "Food & Dining",
        "vendor": "Restaurant ABC",
        "transaction_date": "2026-11-15",
        **overrides,
    }


def _ids(resp):
    return [row["expense_id"] for row in resp.json()["results"]]


class TestExpenseRoutes(FeatureAPITests):
    """Health, 401s, other users' 404s, query bounds and soft delete, generated."""

    feature = "expenses"
    factories = {"expense": lambda user: ExpenseFactory(user=user)}
    list_bounds = {
        "expense-list": 3,  # user + session state (JWT), count (then cached), page
        # user, one aggregate of the rollups, their own categories (then cached)
        "expense-categories": 3,
        # user, profile, three aggregates of this month (rollups, the previous
        # range's raw days, vendor rollups; four with edge days); then cached
        "expense-analytics": 5,
        # user + session state (JWT), then the rows (streamed in chunks, read
        # as the body is consumed)
        "expense-export": 2,
        "expense-ai-insights": 8,  # user, profile, quota, the fallback's figures
    }


class TestCreate:
    def test_create_returns_the_rule_book_shape(self, auth_client, user):
        resp = auth_client.post(URL, _body(payment_method="card"), format="json")
        assert resp.status_code == 201
        body = resp.json()
        assert body["expense_id"] == ExpenseModel.objects.get().pk
        assert body["amount"] == "25.50"
        assert body["currency"] == "USD"
        assert body["category"] == "Food & Dining"
        assert body["vendor"] == "Restaurant ABC"
        assert body["transaction_date"] == "2026-11-15"
        assert body["payment_method"] == "card"
        assert body["expense_type"] == "expense"
        assert body["user"] == user.pk
        assert {"created_at", "updated_at", "source_ref", "confidence"} <= set(body)

    def test_defaults_currency_date_and_guessed_category(
        self, frozen, make_user, client_for
    ):
        paris = make_user(
            "zoe", profile={"currency": "EUR", "timezone": "Europe/Paris"}
        )
        resp = client_for(paris).post(
            URL, {"amount": "3.10", "vendor": "Starbucks"}, format="json"
        )
        assert resp.status_code == 201
        body = resp.json()
        assert body["currency"] == "EUR"
        assert body["transaction_date"] == "2026-11-22"
        assert body["category"] == "Food & Dining"

    def test_lower_case_currency_is_accepted(self, auth_client):
        resp = auth_client.post(URL, _body(currency="gbp"), format="json")
        assert resp.status_code == 201
        assert resp.json()["currency"] == "GBP"

    @pytest.mark.parametrize(
        "change, field, message",
        [
            ({"amount": "0"}, "amount", "Amount must be greater than 0."),
            ({"amount": "-10.00"}, "amount", "Amount must be greater than 0."),
            ({"amount": "10000.01"}, "amount", "Amount cannot exceed 10000.00."),
            (
                {"amount": "1.005"},
                "amount",
                "USD amounts have at most 2 decimals.",
            ),
            ({"amount": "ten"}, "amount", "A valid number is required."),
            ({"amount": [1]}, "amount", "A valid number is required."),
            (
                {"category": "Fun"},
                "category",
                "'Fun' is not a category. Category must be one of: Food & Dining, "
                "Groceries, Shopping, Travel, Entertainment, Utilities, Health, "
                "Education, Other.",
            ),
            (
                {"currency": "ABC"},
                "currency",
                "'ABC' is not an ISO 4217 currency code (e.g. USD, EUR, GBP, INR).",
            ),
            ({"currency": "DOLLARS"}, "currency", "is not an ISO 4217 currency code"),
            ({"transaction_date": "15/11/2026"}, "transaction_date", "wrong format"),
            ({"transaction_date": "2026-02-30"}, "transaction_date", "wrong format"),
            (
                {"transaction_date": "0001-01-01"},
                "transaction_date",
                "Use a date between 1900 and 2999.",
            ),
            (
                {"transaction_date": "9999-12-31"},
                "transaction_date",
                "Use a date between 1900 and 2999.",
            ),
            (
                {"transaction_date": "1899-12-31"},
                "transaction_date",
                "Use a date between 1900 and 2999.",
            ),
            ({"payment_method": "cheque"}, "payment_method", "Use one of: cash, card"),
            ({"expense_type": 3}, "expense_type", "is not a valid expense type"),
        ],
    )
    def test_bad_input_is_400_naming_the_field(
        self, auth_client, change, field, message
    ):
        resp = auth_client.post(URL, _body(**change), format="json")
        assert resp.status_code == 400
        errors = resp.json()
        assert list(errors) == [field]
        assert message in errors[field][0]
        assert not ExpenseModel.objects.exists()

    @pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
    def test_dates_at_the_ends_of_the_range_are_accepted(self, auth_client, day):
        resp = auth_client.post(URL, _body(transaction_date=day), format="json")
        assert resp.status_code == 201
        assert resp.json()["transaction_date"] == day

    def test_service_refuses_out_of_range_dates_too(self, user):
        with pytest.raises(InvalidInput) as exc:
            ExpenseService.create(
                user=user,
                data={"amount": Decimal("5"), "transaction_date": date(1850, 1, 1)},
            )
        assert exc.value.detail == {
            "transaction_date": ["Use a date between 1900 and 2999."]
        }

    def test_missing_amount_is_required(self, auth_client):
        resp = auth_client.post(URL, {"category": "Other"}, format="json")
        assert resp.status_code == 400
        assert resp.json() == {"amount": ["This field is required."]}

    def test_read_only_fields_are_ignored(self, auth_client, other_user):
        resp = auth_client.post(
            URL,
            _body(user=other_user.pk, source_ref="x", expense_id=999, is_active=False),
            format="json",
        )
        assert resp.status_code == 201
        expense = ExpenseModel.objects.get()
        assert expense.user.username == "alice"
        assert expense.source_ref == "" and expense.is_active
        assert expense.pk != 999


class TestReadUpdateDelete:
    def test_get_put_patch_delete_own(self, auth_client, user):
        expense = ExpenseFactory(user=user)
        assert auth_client.get(_detail(expense.pk)).json()["amount"] == "10.00"

        resp = auth_client.put(
            _detail(expense.pk), _body(amount="99.90", category="Travel"), format="json"
        )
        assert resp.status_code == 200
        assert resp.json()["amount"] == "99.90"
        assert resp.json()["category"] == "Travel"

        resp = auth_client.patch(_detail(expense.pk), {"notes": "hi"}, format="json")
        assert resp.status_code == 200
        expense.refresh_from_db()
        assert (expense.notes, expense.amount) == ("hi", Decimal("99.90"))

        assert auth_client.delete(_detail(expense.pk)).status_code == 204
        expense.refresh_from_db()
        assert expense.is_active is False
        assert auth_client.get(_detail(expense.pk)).status_code == 404

    @pytest.mark.parametrize(
        "change, field",
        [
            ({"amount": "0"}, "amount"),
            ({"amount": "20000"}, "amount"),
            ({"amount": "abc"}, "amount"),
            ({"category": "Nope"}, "category"),
            ({"currency": "QQQ"}, "currency"),
            ({"transaction_date": "yesterday"}, "transaction_date"),
            ({"transaction_date": "9999-12-31"}, "transaction_date"),
        ],
    )
    def test_put_and_patch_validate_like_post(self, auth_client, user, change, field):
        expense = ExpenseFactory(user=user)
        for method in (auth_client.put, auth_client.patch):
            resp = method(_detail(expense.pk), _body(**change), format="json")
            assert resp.status_code == 400
            assert field in resp.json()
        expense.refresh_from_db()
        assert expense.amount == Decimal("10.00")

    @pytest.mark.parametrize("pk", ["abc", "99999999999999999999", "0"])
    def test_odd_ids_are_404_not_500(self, auth_client, pk):
        assert auth_client.get(f"{URL}{pk}/").status_code == 404

    def test_deleting_a_linked_expense_is_refused(self, auth_client, user):
        expense = ExpenseService.create(
            user=user, data={"amount": Decimal("9.99")}, source_ref="payment 12"
        )
        resp = auth_client.delete(_detail(expense.pk))
        assert resp.status_code == 400
        assert resp.json() == {
            "detail": "This expense was recorded by payment 12; delete it there "
            "instead.",
            "code": "linked_expense",
        }
        expense.refresh_from_db()
        assert expense.is_active

    @pytest.mark.parametrize(
        "change, field",
        [
            ({"amount": "1.00"}, "amount"),
            ({"currency": "EUR"}, "currency"),
            ({"transaction_date": "2026-01-02"}, "transaction_date"),
            ({"expense_type": "refund"}, "expense_type"),
        ],
    )
    def test_a_linked_expense_keeps_matching_its_payment(
        self, auth_client, user, change, field
    ):
        expense = ExpenseService.create(
            user=user,
            data={"amount": Decimal("9.99"), "transaction_date": date(2026, 1, 1)},
            source_ref="payment 12",
        )
        resp = auth_client.patch(_detail(expense.pk), change, format="json")
        assert resp.status_code == 400
        assert resp.json() == {
            "detail": f"This expense was recorded by payment 12; its {field} cannot "
            "be changed here. Change or delete it there instead.",
            "code": "linked_expense",
        }
        expense.refresh_from_db()
        assert (expense.amount, expense.currency) == (Decimal("9.99"), "USD")
        assert expense.transaction_date == date(2026, 1, 1)
        assert expense.expense_type == "expense"

    def test_a_linked_expense_can_change_notes_category_vendor(self, auth_client, user):
        expense = ExpenseService.create(
            user=user,
            data={"amount": Decimal("9.99"), "transaction_date": date(2026, 1, 1)},
            source_ref="payment 12",
        )
        resp = auth_client.patch(
            _detail(expense.pk),
            {
                "notes": "family plan",
                "category": "Entertainment",
                "vendor": "Netflix",
                "amount": "9.99",
                "currency": "usd",
                "transaction_date": "2026-01-01",
            },
            format="json",
        )
        assert resp.status_code == 200, resp.json()
        assert resp.json()["notes"] == "family plan"
        assert resp.json()["category"] == "Entertainment"
        assert resp.json()["vendor"] == "Netflix"


class TestList:
    def test_lists_only_own_active_expenses_newest_first(
        self, auth_client, user, other_user
    ):
        old = ExpenseFactory(user=user, transaction_date=date(2026, 1, 1))
        new = ExpenseFactory(user=user, transaction_date=date(2026, 3, 1))
        ExpenseFactory(user=user, is_active=False)
        ExpenseFactory(user=other_user)
        resp = auth_client.get(URL)
        assert resp.status_code == 200
        assert resp.json()["count"] == 2
        assert _ids(resp) == [new.pk, old.pk]

    def test_pagination(self, auth_client, user):
        ExpenseFactory.create_batch(25, user=user)
        page = auth_client.get(URL, {"page_size": 10, "page": 3}).json()
        assert page["count"] == 25 and len(page["results"]) == 5
        assert page["next"] is None and page["previous"]

    def test_total_is_cached_until_a_write(
        self, auth_client, user, django_assert_num_queries
    ):
        ExpenseFactory.create_batch(3, user=user)
        assert auth_client.get(URL).json()["count"] == 3
        ExpenseFactory(user=user)  # written behind the service's back: not seen
        with django_assert_num_queries(2):  # the user (JWT) and the page
            body = auth_client.get(URL).json()
        assert (body["count"], len(body["results"])) == (3, 3)
        auth_client.post(URL, _body(), format="json")
        assert auth_client.get(URL).json()["count"] == 5
        assert auth_client.get(URL, {"category": "Travel"}).json()["count"] == 0

    @pytest.mark.parametrize("page_size", [5, 100])
    def test_query_count_is_bounded_whatever_the_page_size(
        self, auth_client, user, django_assert_max_num_queries, page_size
    ):
        ExpenseFactory.create_batch(120, user=user)
        with django_assert_max_num_queries(3):  # user, count, page
            resp = auth_client.get(
                URL, {"page_size": page_size, "category": "Food & Dining"}
            )
        assert len(resp.json()["results"]) == page_size


class TestBulkCreate:
    def test_creates_all(self, auth_client, user):
        items = [_body(amount=str(n), vendor=f"V{n}") for n in range(1, 4)]
        resp = auth_client.post(
            f"{URL}bulk_create/", {"expenses": items}, format="json"
        )
        assert resp.status_code == 201
        body = resp.json()
        assert body["created"] == 3
        assert [e["amount"] for e in body["expenses"]] == ["1.00", "2.00", "3.00"]
        assert all(e["expense_id"] for e in body["expenses"])
        assert ExpenseModel.objects.filter(user=user).count() == 3

    def test_one_bad_item_saves_nothing_and_names_its_index(self, auth_client):
        items = [_body(), _body(amount="0"), _body(), _body(category="Nope")]
        resp = auth_client.post(
            f"{URL}bulk_create/", {"expenses": items}, format="json"
        )
        assert resp.status_code == 400
        errors = resp.json()["expenses"]
        assert set(errors) == {"1", "3"}
        assert errors["1"] == {"amount": ["Amount must be greater than 0."]}
        assert "category" in errors["3"]
        assert not ExpenseModel.objects.exists()

    def test_limits(self, auth_client):
        url = f"{URL}bulk_create/"
        resp = auth_client.post(url, {"expenses": []}, format="json")
        assert resp.status_code == 400 and "expenses" in resp.json()
        too_many = {"expenses": [_body()] * 501}
        resp = auth_client.post(url, too_many, format="json")
        assert resp.status_code == 400
        assert "no more than 500" in str(resp.json()["expenses"])
        assert (
            auth_client.post(url, {"expenses": "x"}, format="json").status_code == 400
        )
        assert not ExpenseModel.objects.exists()

    def test_five_hundred_is_fine(self, auth_client, user):
        resp = auth_client.post(
            f"{URL}bulk_create/", {"expenses": [_body()] * 500}, format="json"
        )
        assert resp.status_code == 201
        assert ExpenseModel.objects.filter(user=user).count() == 500

    def test_failure_inside_the_insert_rolls_everything_back(self, user, monkeypatch):
        from django.db import IntegrityError

        real = ExpenseModel.objects.bulk_create

        def insert_then_fail(objs, **kwargs):
            real(objs[:2], **kwargs)
            raise IntegrityError("disk full")

        monkeypatch.setattr(ExpenseModel.objects, "bulk_create", insert_then_fail)
        items = [{"amount": Decimal("1")}] * 4
        with pytest.raises(IntegrityError):
            ExpenseService.bulk_create(user=user, items=items)
        assert not ExpenseModel.objects.exists()
