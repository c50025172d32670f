"""The fallback parser and the API against numbers that are no price: years, dates
and times, two-digit years, other numeral systems, percentages, phones, quantities."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.models import ExpenseModel
from expenses.nlp_parser import parse_expense_text
from expenses.tests.parser_cases import TODAY

PARSE_URL = "/api/expenses/parse_text/"


def _parse(text, currency="USD", today=TODAY):
    return parse_expense_text(text, today=today, default_currency=currency)


def _amount_and_date(text, currency="USD", today=TODAY):
    parsed = _parse(text, currency, today)
    return str(parsed["amount"]), parsed["date"]


class TestYears:
    @pytest.mark.parametrize(
        "text, amount, day",
        [
            ("gift 50 in year 1850", "50.00", date(1850, 12, 31)),
            ("gift 50 in 1850", "50.00", date(1850, 12, 31)),
            ("coffee 5 in 2025", "5.00", date(2025, 12, 31)),
            ("coffee 5 in the year 2025", "5.00", date(2025, 12, 31)),
            ("year 2024 taxes 500", "500.00", date(2024, 12, 31)),
            ("coffee 5 in 2026", "5.00", TODAY),
            ("conference 300 in 2027", "300.00", date(2027, 1, 1)),
            ("back in 1999 a radio cost 40", "40.00", date(1999, 12, 31)),
        ],
    )
    def test_a_year_is_a_date_never_the_amount(self, text, amount, day):
        assert _amount_and_date(text) == (amount, day)

    @pytest.mark.parametrize(
        "text, amount",
        [
            ("paid in 2000 dollars for the sofa", "2000.00"),
            ("paid in $1850 cash", "1850.00"),
            ("in 1500.50 total", "1500.50"),
        ],
    )
    def test_a_number_with_money_after_in_is_still_money(self, text, amount):
        assert _amount_and_date(text) == (amount, TODAY)

    def test_a_full_date_after_in_stays_a_full_date(self):
        assert _amount_and_date("hostel 40 checked in 2026-11-02") == (
            "40.00",
            date(2026, 11, 2),
        )

    @pytest.mark.django_db
    @pytest.mark.parametrize("dry_run", [True, False])
    def test_a_year_before_1900_is_400_on_text(self, frozen, auth_client, dry_run):
        resp = auth_client.post(
            PARSE_URL, {"text": "gift 50 in year 1850", "dry_run": dry_run}
        )
        assert resp.status_code == 400
        assert resp.json() == {
            "text": [
                "The date 1850-12-31 is out of range. Use a date between 1900 and "
                "2999."
            ]
        }
        assert not ExpenseModel.objects.exists()

    @pytest.mark.django_db
    def test_a_year_in_range_is_saved_with_the_amount(self, frozen, auth_client):
        resp = auth_client.post(PARSE_URL, {"text": "laptop 900 in 2025"})
        assert resp.status_code == 201
        expense = resp.json()["expense"]
        assert (expense["amount"], expense["transaction_date"]) == (
            "900.00",
            "2025-12-31",
        )
        assert ExpenseModel.objects.get().amount == Decimal("900.00")


class TestDateAndTimePieces:
    @pytest.mark.parametrize(
        "text, amount, day",
        [
            ("coffee 5 on 2026-11-05T99:99", "5.00", date(2026, 11, 5)),
            ("lunch 12 on 2026-11-05T10:30", "12.00", date(2026, 11, 5)),
            ("lunch 12 on 2026-11-05T10:30:00Z", "12.00", date(2026, 11, 5)),
            ("lunch 12 2026-11-05T10:30:00.250+05:30", "12.00", date(2026, 11, 5)),
            ("lunch 12 on 2026-11-05 10:30:45", "12.00", date(2026, 11, 5)),
            ("lunch 12 at 10:30:45", "12.00", TODAY),
            ("dinner 30 at 10:30am", "30.00", TODAY),
            ("tea 3 at 7:05:30 pm", "3.00", TODAY),
            ("taxi 8 at 10.45 p.m.", "8.00", TODAY),
            ("taxi 8 at 25:99", "8.00", TODAY),
        ],
    )
    def test_pieces_of_dates_and_times_are_never_the_amount(self, text, amount, day):
        assert _amount_and_date(text) == (amount, day)

    def test_an_impossible_date_with_a_time_is_reported_whole(self):
        parsed = _parse("coffee 5 on 2026-02-30T10:00")
        assert parsed["date_error"] == "2026-02-30T10:00 is not a real date"
        assert parsed["amount"] == Decimal("5.00")

    def test_a_date_and_time_alone_is_no_amount(self):
        assert _parse("2026-11-05T10:30:00") is None


class TestTwoDigitYearsAndDottedDates:
    @pytest.mark.parametrize(
        "text, currency, day",
        [
            ("rent 1500 on 12/31/99", "USD", date(1999, 12, 31)),
            ("rent 1500 on 31/12/99", "EUR", date(1999, 12, 31)),
            ("haircut 25 on 9/28/26", "USD", date(2026, 9, 28)),
            ("taxi 9 on 12/31/26", "USD", date(2026, 12, 31)),
            ("taxi 9 on 1/5/27", "USD", date(1927, 1, 5)),
            ("taxi 9 on 5/1/00", "USD", date(2000, 5, 1)),
            ("taxi 20 on 05.11.2026", "USD", date(2026, 11, 5)),
            ("taxi 20 on 05.11.26", "USD", date(2026, 11, 5)),
            ("books 12 on 2.10.2026", "USD", date(2026, 10, 2)),
            # Day first would be after today, so month first.
            ("shoes 60 on 11.12.2026", "USD", date(2026, 11, 12)),
        ],
    )
    def test_dates(self, text, currency, day):
        assert _parse(text, currency)["date"] == day

    def test_a_two_digit_year_is_seen_from_the_users_today(self):
        assert _parse("taxi 9 on 1/1/30", today=date(2030, 6, 1))["date"] == date(
            2030, 1, 1
        )
        assert _parse("taxi 9 on 1/1/30", today=date(2029, 6, 1))["date"] == date(
            1930, 1, 1
        )

    def test_an_impossible_two_digit_year_date_is_reported(self):
        assert _parse("taxi 9 on 02/30/99")["date_error"] == (
            "02/30/99 is not a real date"
        )

    @pytest.mark.django_db
    def test_the_api_saves_the_past_century(self, frozen, auth_client):
        resp = auth_client.post(PARSE_URL, {"text": "rent 1500 on 12/31/99"})
        assert resp.status_code == 201
        assert resp.json()["expense"]["transaction_date"] == "1999-12-31"


class TestOtherNumeralSystems:
    @pytest.mark.parametrize(
        "text, amount, currency, day",
        [
            ("coffee ٤٫٧٥ dollars", "4.75", "USD", TODAY),
            ("coffee ١٢ dollars", "12.00", "USD", TODAY),
            ("rent ١٬٢٥٠٫٠٠", "1250.00", "USD", TODAY),
            ("coffee ۴.۵۰ on ۲۰۲۶-۱۱-۰۵", "4.50", "USD", date(2026, 11, 5)),
            ("chai १५ rupees", "15.00", "INR", TODAY),
            ("taxi １２ dollars", "12.00", "USD", TODAY),
            ("tea ４．５０ on ２０２６/１１/０１", "4.50", "USD", date(2026, 11, 1)),
            ("tea ৩০ ৳", "30.00", "USD", TODAY),  # Bengali digits, no such currency
            ("lunch ٢٥ at ١٠:٣٠", "25.00", "USD", TODAY),
            ("gift ٥٠ in year ١٩٩٩", "50.00", "USD", date(1999, 12, 31)),
        ],
    )
    def test_digits_of_any_numeral_system_are_read_as_such(
        self, text, amount, currency, day
    ):
        parsed = _parse(text)
        assert (str(parsed["amount"]), parsed["currency"], parsed["date"]) == (
            amount,
            currency,
            day,
        )

    def test_an_impossible_date_is_named_in_the_users_digits(self):
        assert _parse("coffee ٥ on ٢٠٢٥-٠٢-٢٩")["date_error"] == (
            "٢٠٢٥-٠٢-٢٩ is not a real date"
        )


@pytest.mark.django_db
class TestAmountStringsInTheAPI:
    URL = "/api/expenses/"

    @pytest.mark.parametrize(
        "sent, stored",
        [(" 12 ", "12.00"), ("4.75", "4.75"), ("12.5", "12.50"), (".5", "0.50")],
    )
    def test_ascii_decimal_notation_is_read(self, frozen, auth_client, sent, stored):
        resp = auth_client.post(self.URL, {"amount": sent}, format="json")
        assert resp.status_code == 201, resp.json()
        assert resp.json()["amount"] == stored
        assert ExpenseModel.objects.get().amount == Decimal(stored)

    @pytest.mark.parametrize(
        "sent",
        ["1_000", "1e3", "١e٣", "٤٫٧٥٫١", "12..5", "NaN", "١٢", "٤٫٧٥", "１２．５"],
    )
    def test_anything_else_is_400_the_same_as_in_every_field(
        self, frozen, auth_client, sent
    ):
        resp = auth_client.post(self.URL, {"amount": sent}, format="json")
        assert resp.status_code == 400
        assert resp.json() == {"amount": ["A valid number is required."]}
        assert not ExpenseModel.objects.exists()

    def test_bulk_create_and_patch_the_same(self, frozen, auth_client):
        resp = auth_client.post(
            self.URL + "bulk_create/",
            {"expenses": [{"amount": "4.75"}, {"amount": "١٠"}]},
            format="json",
        )
        assert resp.status_code == 400
        assert resp.json() == {
            "expenses": {"1": {"amount": ["A valid number is required."]}}
        }
        assert not ExpenseModel.objects.exists()
        resp = auth_client.post(
            self.URL + "bulk_create/", {"expenses": [{"amount": "4.75"}]}, format="json"
        )
        pk = resp.json()["expenses"][0]["expense_id"]
        resp = auth_client.patch(f"{self.URL}{pk}/", {"amount": "٩٫٥٠"}, format="json")
        assert resp.status_code == 400

    def test_amount_filters_the_same(self, frozen, auth_client):
        auth_client.post(self.URL, {"amount": "5.00"}, format="json")
        resp = auth_client.get(self.URL, {"min_amount": "4.75", "max_amount": "5"})
        assert resp.status_code == 200 and resp.json()["count"] == 1
        for bad in ("1_0", "٤٫٧٥"):
            resp = auth_client.get(self.URL, {"min_amount": bad})
            assert resp.status_code == 400
            assert resp.json() == {"min_amount": ["Enter a number."]}

    def test_dates_in_other_digits_are_read_in_bodies_and_refused_in_filters(
        self, frozen, auth_client
    ):
        resp = auth_client.post(
            self.URL,
            {"amount": "5", "transaction_date": "٢٠٢٦-١١-٠٥"},
            format="json",
        )
        assert resp.status_code == 201
        assert resp.json()["transaction_date"] == "2026-11-05"
        resp = auth_client.get(self.URL, {"date_from": "٢٠٢٦-١١-٠١"})
        assert resp.status_code == 400
        assert resp.json() == {"date_from": ["Enter a valid date."]}


class TestPercentPhonesQuantities:
    @pytest.mark.parametrize(
        "text, amount",
        [
            ("dinner 60, service charge 15%", "60.00"),
            ("lunch 35 and a 10 % tip", "35.00"),
            ("tip 12.5 % on 80", "80.00"),
            ("pizza 20 call +1 555 123 4567", "20.00"),
            ("taxi 18, driver +44 20 7946 0958", "18.00"),
            ("pizza 25, phone 555.867.5309", "25.00"),
            ("(555) 123-4567 pizza 20", "20.00"),
            ("pizza 20 tel 5551234567", "20.00"),
            ("delivery 15 ph: 98765 43210", "15.00"),
            ("new phone 899", "899.00"),
            ("new phone 1299.99", "1299.99"),
            ("coffee 4.50 x2", "9.00"),
            ("coffee 4.50 × 3", "13.50"),
            ("coffee 3 x 2", "6.00"),
            ("2 x $4.50 coffee", "9.00"),
            ("bus tickets 3 x 2.50", "7.50"),
            ("Sandwich $7 x 2 and chips $2", "16.00"),
            ("2x coffee 4.50", "4.50"),
        ],
    )
    def test_only_the_price_is_the_amount(self, text, amount):
        assert str(_parse(text)["amount"]) == amount

    @pytest.mark.parametrize(
        "text",
        ["service charge 15%", "15 % tip", "call 555-123-4567", "order 1234567",
         "coffee x2"],
    )  # fmt: skip
    def test_no_price_at_all_is_none(self, text):
        assert _parse(text) is None
