"""The /api/expenses/ endpoints: CRUD, validation, isolation, filters, bulk, export."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from rest_framework.exceptions import ValidationError

from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory
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
        "expense-list": 3,  # user (JWT), count (then cached), page
        "expense-categories": 2,  # user, one aggregate (then cached)
        "expense-analytics": 6,  # user, profile, four aggregates (then cached)
        "expense-export": 3,  # user, profile, the rows (streamed in chunks)
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
                "Ensure that there are no more than 2 decimal places.",
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
        with pytest.raises(ValidationError) as exc:
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


@pytest.fixture
def filter_data(user, other_user):
    """Six expenses of alice and one of bob, named for the filter tests."""
    make = ExpenseFactory
    return {
        "lunch": make(
            user=user,
            amount=Decimal("12.00"),
            category="Food & Dining",
            vendor="Chipotle",
            transaction_date=date(2026, 11, 1),
            payment_method="card",
        ),
        "taxi": make(
            user=user,
            amount=Decimal("30.00"),
            category="Travel",
            vendor="Uber",
            transaction_date=date(2026, 11, 5),
            payment_method="mobile",
            raw_text="Uber to the airport",
        ),
        "euro_dinner": make(
            user=user,
            amount=Decimal("45.00"),
            currency="EUR",
            category="Food & Dining",
            vendor="Trattoria",
            transaction_date=date(2026, 11, 10),
            payment_method="cash",
        ),
        "groceries": make(
            user=user,
            amount=Decimal("80.00"),
            category="Groceries",
            vendor="Costco",
            transaction_date=date(2026, 11, 15),
            notes="monthly stock-up",
        ),
        "rent": make(
            user=user,
            amount=Decimal("1500.00"),
            category="Utilities",
            vendor="Landlord",
            transaction_date=date(2026, 10, 1),
            payment_method="bank_transfer",
        ),
        "refund": make(
            user=user,
            amount=Decimal("12.00"),
            category="Shopping",
            vendor="Zara",
            transaction_date=date(2026, 11, 20),
            expense_type="refund",
        ),
        "bobs": make(
            user=other_user,
            amount=Decimal("30.00"),
            category="Travel",
            transaction_date=date(2026, 11, 5),
        ),
    }


class TestFilters:
    @pytest.mark.parametrize(
        "params, expected",
        [
            ({"category": "Food & Dining"}, ["euro_dinner", "lunch"]),
            ({"category": ["Travel", "Groceries"]}, ["groceries", "taxi"]),
            ({"category": "Travel,Groceries"}, ["groceries", "taxi"]),
            ({"date_from": "2026-11-10"}, ["refund", "groceries", "euro_dinner"]),
            ({"date_to": "2026-11-01"}, ["lunch", "rent"]),
            (
                {"date_from": "2026-11-05", "date_to": "2026-11-10"},
                ["euro_dinner", "taxi"],
            ),
            ({"min_amount": "45"}, ["groceries", "euro_dinner", "rent"]),
            ({"max_amount": "12.00"}, ["refund", "lunch"]),
            ({"min_amount": "20", "max_amount": "50"}, ["euro_dinner", "taxi"]),
            ({"payment_method": "mobile"}, ["taxi"]),
            ({"currency": "EUR"}, ["euro_dinner"]),
            ({"currency": "eur"}, ["euro_dinner"]),
            ({"expense_type": "refund"}, ["refund"]),
            ({"search": "chip"}, ["lunch"]),
            ({"search": "airport"}, ["taxi"]),
            ({"search": "stock-up"}, ["groceries"]),
            ({"search": "groceries"}, ["groceries"]),
            (
                {
                    "category": "Food & Dining",
                    "currency": "USD",
                    "date_from": "2026-11-01",
                },
                ["lunch"],
            ),
            (
                {
                    "date_from": "2026-11-01",
                    "date_to": "2026-11-30",
                    "min_amount": "10",
                    "payment_method": "card",
                    "search": "co",
                },
                ["groceries"],
            ),
            (
                {"ordering": "amount"},
                ["refund", "lunch", "taxi", "euro_dinner", "groceries", "rent"],
            ),
            (
                {"ordering": "-amount", "max_amount": "45"},
                ["euro_dinner", "taxi", "refund", "lunch"],
            ),
            (
                {"ordering": "date"},
                ["rent", "lunch", "taxi", "euro_dinner", "groceries", "refund"],
            ),
            ({"ordering": "-created", "category": "Travel"}, ["taxi"]),
        ],
    )
    def test_filters_alone_and_combined(
        self, auth_client, filter_data, params, expected
    ):
        resp = auth_client.get(URL, params)
        assert resp.status_code == 200, resp.json()
        assert _ids(resp) == [filter_data[name].pk for name in expected]

    @pytest.mark.parametrize(
        "params, field",
        [
            ({"category": "Fun"}, "category"),
            ({"date_from": "01/11/2026"}, "date_from"),
            ({"date_to": "tomorrow"}, "date_to"),
            ({"date_from": "2026-11-10", "date_to": "2026-11-01"}, "date_to"),
            ({"min_amount": "abc"}, "min_amount"),
            ({"min_amount": "-1"}, "min_amount"),
            ({"min_amount": "50", "max_amount": "10"}, "max_amount"),
            ({"payment_method": "gold"}, "payment_method"),
            ({"currency": "XXX1"}, "currency"),
            ({"ordering": "vendor"}, "ordering"),
            ({"colour": "red"}, "colour"),
            ({"categories": "Travel"}, "categories"),
        ],
    )
    def test_bad_filters_are_400(self, auth_client, params, field):
        resp = auth_client.get(URL, params)
        assert resp.status_code == 400
        assert field in resp.json()

    @pytest.mark.parametrize("path", ["", "export/"])
    def test_unknown_parameter_is_400_naming_it(self, auth_client, path):
        resp = auth_client.get(f"{URL}{path}", {"vendor": "Uber"})
        assert resp.status_code == 400
        assert resp.json() == {
            "vendor": [
                "Unknown filter. Use one of: category, currency, date_from, date_to, "
                "expense_type, max_amount, min_amount, ordering, payment_method, "
                "search."
            ]
        }

    def test_category_filter_error_lists_the_categories(self, auth_client):
        resp = auth_client.get(URL, {"category": "Travel,Fun"})
        assert resp.status_code == 400
        assert resp.json() == {
            "category": [
                '"Fun" is not a valid category. Use one of: Food & Dining, Groceries, '
                "Shopping, Travel, Entertainment, Utilities, Health, Education, Other."
            ]
        }


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


class TestCategories:
    def test_every_category_with_counts_and_totals_per_currency(
        self, auth_client, filter_data
    ):
        resp = auth_client.get(f"{URL}categories/")
        assert resp.status_code == 200
        rows = {row["category"]: row for row in resp.json()}
        assert list(rows)[0] == "Food & Dining" and len(rows) == 9
        assert rows["Food & Dining"] == {
            "category": "Food & Dining",
            "count": 2,
            "totals": [
                {"currency": "EUR", "total": "45.00"},
                {"currency": "USD", "total": "12.00"},
            ],
        }
        assert rows["Shopping"]["totals"] == [{"currency": "USD", "total": "-12.00"}]
        assert rows["Travel"]["count"] == 1  # bob's taxi is not counted
        assert rows["Health"] == {"category": "Health", "count": 0, "totals": []}


def _csv_rows(resp):
    content = b"".join(resp.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


class TestExport:
    def test_csv_of_the_filtered_list(self, frozen, auth_client, filter_data):
        resp = auth_client.get(f"{URL}export/", {"category": "Food & Dining"})
        rows = _csv_rows(resp)
        assert resp.status_code == 200
        assert resp["Content-Type"] == "text/csv; charset=utf-8"
        assert resp["Content-Disposition"] == (
            'attachment; filename="expenses-2026-11-22.csv"'
        )
        assert rows[0] == [
            "expense_id",
            "date",
            "amount",
            "currency",
            "category",
            "vendor",
            "payment_method",
            "expense_type",
            "notes",
            "original_text",
            "created_at",
        ]
        dinner = filter_data["euro_dinner"]
        assert rows[1][:8] == [
            str(dinner.pk),
            "2026-11-10",
            "45.00",
            "EUR",
            "Food & Dining",
            "Trattoria",
            "cash",
            "expense",
        ]
        assert rows[1][10] == "2026-11-22 12:00:00"
        assert [r[0] for r in rows[1:]] == [
            str(dinner.pk),
            str(filter_data["lunch"].pk),
        ]

    def test_created_at_is_local_time_without_offset(
        self, frozen, make_user, client_for
    ):
        paris = make_user("paris", profile={"timezone": "Europe/Paris"})
        ExpenseFactory(user=paris)
        rows = _csv_rows(client_for(paris).get(f"{URL}export/"))
        assert rows[1][10] == "2026-11-22 13:00:00"  # 12:00 UTC in Paris

    def test_unicode_formula_text_and_no_filters(self, auth_client, user):
        ExpenseFactory(user=user, vendor="Café Zürich €", amount=Decimal("1250.50"))
        ExpenseFactory(user=user, vendor='=HYPERLINK("x")', notes="-2+3")
        rows = _csv_rows(auth_client.get(f"{URL}export/"))
        assert len(rows) == 3
        vendors = {row[5] for row in rows[1:]}
        assert "Café Zürich €" in vendors
        assert '\'=HYPERLINK("x")' in vendors
        assert {row[8] for row in rows[1:]} == {"", "'-2+3"}
        assert "1250.50" in {row[2] for row in rows[1:]}

    def test_bad_filter_is_a_json_400_whatever_is_accepted(self, auth_client):
        resp = auth_client.get(f"{URL}export/", {"date_from": "nope"})
        assert resp.status_code == 400 and "date_from" in resp.json()
        resp = auth_client.get(
            f"{URL}export/", {"date_from": "nope"}, HTTP_ACCEPT="text/csv"
        )
        assert resp.status_code == 400
        assert resp["Content-Type"] == "application/json"
        assert resp.json() == {"date_from": ["Enter a valid date."]}

    def test_accept_text_csv_streams(self, auth_client, user):
        ExpenseFactory(user=user)
        resp = auth_client.get(f"{URL}export/", HTTP_ACCEPT="text/csv")
        assert resp.status_code == 200 and len(_csv_rows(resp)) == 2


class TestSoftDeletedVanish:
    def test_from_list_analytics_categories_and_export(self, frozen, auth_client, user):
        keep = ExpenseFactory(user=user, amount=Decimal("5.00"))
        gone = ExpenseFactory(user=user, amount=Decimal("7.00"))
        assert auth_client.delete(_detail(gone.pk)).status_code == 204
        assert _ids(auth_client.get(URL)) == [keep.pk]
        usd = auth_client.get(f"{URL}analytics/").json()["currencies"][0]
        assert (usd["total"], usd["count"]) == ("5.00", 1)
        food = auth_client.get(f"{URL}categories/").json()[0]
        assert food["count"] == 1
        rows = _csv_rows(auth_client.get(f"{URL}export/"))
        assert [r[0] for r in rows[1:]] == [str(keep.pk)]


class TestAnalyticsEndpoint:
    def test_renders_money_as_strings_grouped_by_currency(
        self, auth_client, filter_data
    ):
        resp = auth_client.get(
            f"{URL}analytics/", {"date_from": "2026-11-01", "date_to": "2026-11-30"}
        )
        assert resp.status_code == 200
        body = resp.json()
        assert body["previous_date_from"] == "2026-10-02"
        usd, eur = body["currencies"]
        # 12.00 + 30.00 + 80.00 - 12.00 (refund); bob's taxi is not counted
        assert (usd["currency"], usd["total"], usd["count"]) == ("USD", "110.00", 4)
        assert usd["refunds"] == "12.00"
        assert usd["comparison"] == {
            "previous_total": "0.00",
            "previous_count": 0,
            "delta": "110.00",
            "delta_percent": None,
        }
        assert usd["by_category"][0] == {
            "category": "Groceries",
            "total": "80.00",
            "count": 1,
            "share": 72.7,
        }
        assert usd["monthly_trend"][-2:] == [
            {"month": "2026-10", "total": "1500.00", "count": 1},
            {"month": "2026-11", "total": "110.00", "count": 4},
        ]
        assert (eur["currency"], eur["total"], eur["average"]) == (
            "EUR",
            "45.00",
            "45.00",
        )

    @pytest.mark.parametrize(
        "params, field",
        [
            ({"date_from": "2026-11-30", "date_to": "2026-11-01"}, "date_to"),
            ({"date_from": "2000-01-01", "date_to": "2026-01-01"}, "date_from"),
            ({"date_from": "1901-01-01"}, "date_from"),
            ({"date_from": "1800-01-01"}, "date_from"),
            ({"date_to": "11/30/2026"}, "date_to"),
        ],
    )
    def test_bad_ranges_are_400(self, auth_client, params, field):
        resp = auth_client.get(f"{URL}analytics/", params)
        assert resp.status_code == 400
        assert field in resp.json()
