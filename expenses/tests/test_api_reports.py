"""/api/expenses/ reads that filter and total: list filters, categories, CSV
export and analytics (the data: `filter_data` in this app's conftest.py)."""

import csv
import io
from decimal import Decimal

import pytest

from expenses.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db

URL = "/api/expenses/"


def _ids(resp):
    return [row["expense_id"] for row in resp.json()["results"]]


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


class TestCategories:
    def test_every_category_with_counts_and_totals_per_currency(
        self, auth_client, filter_data
    ):
        resp = auth_client.get(f"{URL}categories/")
        assert resp.status_code == 200
        rows = {row["category"]: row for row in resp.json()["results"]}
        assert list(rows)[0] == "Food & Dining" and len(rows) == 9
        assert rows["Food & Dining"] == {
            "category_id": None,
            "category": "Food & Dining",
            "is_custom": False,
            "parent": "Food & Dining",
            "color": "",
            "count": 2,
            "totals": [
                {"currency": "EUR", "total": "45.00"},
                {"currency": "USD", "total": "12.00"},
            ],
        }
        assert rows["Shopping"]["totals"] == [{"currency": "USD", "total": "-12.00"}]
        assert rows["Travel"]["count"] == 1  # bob's taxi is not counted
        assert (rows["Health"]["count"], rows["Health"]["totals"]) == (0, [])


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
            "parent": "Groceries",
            "total": "80.00",
            "count": 1,
            "share": "72.7",
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


class TestSoftDeletedVanish:
    def test_from_list_analytics_categories_and_export(self, frozen, auth_client, user):
        keep = ExpenseFactory(user=user, amount=Decimal("5.00"))
        gone = ExpenseFactory(user=user, amount=Decimal("7.00"))
        assert auth_client.delete(f"{URL}{gone.pk}/").status_code == 204
        assert _ids(auth_client.get(URL)) == [keep.pk]
        usd = auth_client.get(f"{URL}analytics/").json()["currencies"][0]
        assert (usd["total"], usd["count"]) == ("5.00", 1)
        food = auth_client.get(f"{URL}categories/").json()["results"][0]
        assert food["count"] == 1
        rows = _csv_rows(auth_client.get(f"{URL}export/"))
        assert [r[0] for r in rows[1:]] == [str(keep.pk)]


def test_options_on_the_export_is_json_even_when_csv_is_asked_for(auth_client):
    for query in ("?format=csv", ""):
        resp = auth_client.options(f"{URL}export/{query}", HTTP_ACCEPT="text/csv")
        assert resp.status_code == 200
        assert resp["Content-Type"] == "application/json"
        assert resp.json()["name"] == "Export"
