"""Money in each currency's minor units (ISO 4217 through babel): JPY and KRW have
none, KWD, BHD and JOD three; validation, storage, rounding, splitting, formatting."""

from decimal import Decimal

import pytest

from mysphere_core import money
from subscriptions.models import SubscriptionModel

pytestmark = pytest.mark.usefixtures("frozen")

D = Decimal
EXPENSES = "/api/expenses/"
SUBSCRIPTIONS = "/api/subscriptions/"


@pytest.mark.parametrize(
    "currency, digits", [("JPY", 0), ("KRW", 0), ("USD", 2), ("KWD", 3), ("BHD", 3)]
)
def test_minor_digits_come_from_the_iso_table(currency, digits):
    assert money.minor_digits(currency) == digits


@pytest.mark.parametrize(
    "amount, currency, rounded, written",
    [
        ("1500.4", "JPY", "1500", "1,500 JPY"),
        ("1500.5", "JPY", "1501", "1,501 JPY"),  # half up
        ("12.3455", "KWD", "12.346", "12.346 KWD"),
        ("1234.505", "USD", "1234.51", "1,234.51 USD"),
        ("9.9995", "JOD", "10.000", "10.000 JOD"),
    ],
)
def test_rounding_and_formatting(amount, currency, rounded, written):
    assert money.round_money(D(amount), currency) == D(rounded)
    assert str(money.round_money(D(amount), currency)) == rounded
    assert money.format_money(D(amount), currency) == written


@pytest.mark.parametrize(
    "total, parts, currency, shares",
    [
        ("1000", 3, "JPY", ["334", "333", "333"]),
        ("1001", 3, "KRW", ["335", "333", "333"]),
        ("10.00", 3, "USD", ["3.34", "3.33", "3.33"]),
        ("100.000", 3, "KWD", ["33.334", "33.333", "33.333"]),
    ],
)
def test_split_shares_add_up_to_the_total(total, parts, currency, shares):
    split = money.split_money(D(total), parts, currency)
    assert split == [D(s) for s in shares]
    assert sum(split) == D(total)


class TestExpenses:
    def test_jpy_with_decimals_is_a_400_naming_the_amount(self, auth_client):
        resp = auth_client.post(
            EXPENSES, {"amount": "1500.50", "currency": "JPY"}, format="json"
        )
        assert resp.status_code == 400
        assert resp.json() == {
            "amount": ["JPY amounts are whole numbers (no decimals)."]
        }

    def test_whole_yen_and_three_decimal_dinars_are_kept_and_shown_so(
        self, auth_client
    ):
        yen = auth_client.post(
            EXPENSES, {"amount": "1500", "currency": "jpy"}, format="json"
        )
        dinar = auth_client.post(
            EXPENSES, {"amount": "12.345", "currency": "KWD"}, format="json"
        )
        assert (yen.status_code, dinar.status_code) == (201, 201)
        assert yen.json()["amount"] == "1500"
        assert dinar.json()["amount"] == "12.345"
        listed = auth_client.get(EXPENSES).json()["results"]
        assert sorted(e["amount"] for e in listed) == ["12.345", "1500"]
        totals = auth_client.get(f"{EXPENSES}analytics/").json()["currencies"]
        assert {t["currency"]: t["total"] for t in totals} == {
            "JPY": "1500",
            "KWD": "12.345",
        }

    def test_four_decimals_of_kwd_are_refused(self, auth_client):
        resp = auth_client.post(
            EXPENSES, {"amount": "12.3456", "currency": "KWD"}, format="json"
        )
        assert resp.status_code == 400 and list(resp.json()) == ["amount"]

    def test_the_default_currency_decides_too(self, make_user, client_for):
        client = client_for(make_user("kenji", profile={"currency": "JPY"}))
        resp = client.post(EXPENSES, {"amount": "980.5"}, format="json")
        assert resp.status_code == 400 and list(resp.json()) == ["amount"]
        assert client.post(EXPENSES, {"amount": "980"}, format="json").json()[
            "amount"
        ] == ("980")


class TestSubscriptions:
    BODY = {
        "name": "Nikkei",
        "provider": "Nikkei Inc.",
        "billing_cycle": "monthly",
        "start_date": "2026-11-01",
        "next_billing_date": "2026-12-01",
    }

    def test_jpy_decimals_refused_kwd_three_kept(self, auth_client):
        refused = auth_client.post(
            SUBSCRIPTIONS,
            {**self.BODY, "amount": "4277.5", "currency": "JPY"},
            format="json",
        )
        assert refused.status_code == 400 and list(refused.json()) == ["amount"]
        yen = auth_client.post(
            SUBSCRIPTIONS, {**self.BODY, "amount": "4277", "currency": "JPY"}
        )
        dinar = auth_client.post(
            SUBSCRIPTIONS, {**self.BODY, "amount": "3.125", "currency": "KWD"}
        )
        assert (yen.json()["amount"], dinar.json()["amount"]) == ("4277", "3.125")
        assert SubscriptionModel.objects.get(name="Nikkei", currency="KWD").amount == (
            D("3.125")
        )

    def test_a_patch_to_yen_checks_the_amount_it_keeps(self, auth_client):
        sub = auth_client.post(
            SUBSCRIPTIONS, {**self.BODY, "amount": "9.99", "currency": "USD"}
        ).json()
        resp = auth_client.patch(
            f"{SUBSCRIPTIONS}{sub['subscription_id']}/",
            {"currency": "JPY"},
            format="json",
        )
        assert resp.status_code == 400 and list(resp.json()) == ["amount"]


class TestLendingSplit:
    @pytest.mark.parametrize(
        "amount, currency, theirs",
        [
            ("1000", "JPY", "333"),
            ("100.000", "KWD", "33.333"),
            ("10.00", "USD", "3.33"),
        ],
    )
    def test_equal_shares_in_minor_units(self, auth_client, amount, currency, theirs):
        expense = auth_client.post(
            EXPENSES, {"amount": amount, "currency": currency}, format="json"
        ).json()
        resp = auth_client.post(
            f"{EXPENSES}{expense['expense_id']}/split/",
            {"with": [{"name": "Sam"}, {"name": "Alex"}], "equal": True},
            format="json",
        )
        assert resp.status_code == 201, resp.content
        assert [r["amount"] for r in resp.json()] == [theirs, theirs]
        mine = D(amount) - 2 * D(theirs)
        assert mine + 2 * D(theirs) == D(amount)
        assert mine == money.split_money(D(amount), 3, currency)[0]

    def test_a_share_finer_than_the_currency_is_a_400_naming_it(self, auth_client):
        expense = auth_client.post(
            EXPENSES, {"amount": "3000", "currency": "JPY"}, format="json"
        ).json()
        resp = auth_client.post(
            f"{EXPENSES}{expense['expense_id']}/split/",
            {"with": [{"name": "Sam", "share": "999.5"}]},
            format="json",
        )
        assert resp.status_code == 400
        assert resp.json() == {
            "with": {"0": {"share": ["JPY amounts are whole numbers (no decimals)."]}}
        }
