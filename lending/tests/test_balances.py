"""Per-currency summary, per-person netting, settle-up across items, splits."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.tests.factories import ExpenseFactory
from lending.models import LendingModel, RepaymentModel
from lending.services import LendingService
from lending.settling import equal_shares
from mysphere_core.errors import InvalidInput, NotFoundError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
D = Decimal


def _repay(user, record, amount, day="2026-11-10"):
    return LendingService.repay(
        user=user,
        pk=record.pk,
        data={"amount": D(amount), "date": date.fromisoformat(day)},
    )


def _by_person(rows):
    return {(r["counterparty"], r["currency"]): r for r in rows}


class TestCounterparties:
    def test_netting_across_directions_names_and_currencies(self, user, lend):
        first = lend(amount="50.00")  # Sam owes 50
        _repay(user, first, "10.00")  # ... 40
        lend(direction="borrowed", counterparty_name=" sam ", amount="15.00")
        lend(counterparty_name="SAM", amount="20.00", currency="EUR")
        lend(direction="borrowed", counterparty_name="Alex", amount="30.00")
        paid = lend(counterparty_name="Alex", amount="5.00")
        _repay(user, paid, "5.00")

        rows = LendingService.counterparties(user=user)
        assert [(r["counterparty"], r["currency"]) for r in rows] == [
            ("Alex", "USD"),
            ("SAM", "EUR"),
            ("sam", "USD"),
        ]
        sam = _by_person(rows)["sam", "USD"]
        assert sam["net_balance"] == D("25.00")
        assert (sam["they_owe"], sam["you_owe"]) == (D("40.00"), D("15.00"))
        assert sam["open_items"] == 2
        assert _by_person(rows)["SAM", "EUR"]["net_balance"] == D("20.00")
        alex = _by_person(rows)["Alex", "USD"]
        assert (alex["net_balance"], alex["open_items"]) == (D("-30.00"), 1)
        assert alex["last_activity"] == date(2026, 11, 10)

    def test_oldest_due_date_and_on_time_rate(self, user, lend):
        on_time = lend(amount="10.00", due_date="2026-11-05")
        _repay(user, on_time, "10.00", day="2026-11-05")
        late = lend(amount="10.00", due_date="2026-11-05")
        _repay(user, late, "10.00", day="2026-11-09")
        lend(amount="10.00", due_date="2026-11-20")  # open and overdue
        lend(amount="10.00", due_date="2026-12-20")  # not due yet: not judged
        lend(direction="borrowed", amount="10.00", due_date="2026-11-02")  # ours
        sam = LendingService.counterparties(user=user)[0]
        assert sam["on_time_rate"] == 0.33
        assert sam["oldest_due_date"] == date(2026, 11, 2)
        assert sam["overdue_items"] == 2

    def test_no_judged_debt_has_no_rate(self, user, lend):
        lend()
        assert LendingService.counterparties(user=user)[0]["on_time_rate"] is None

    def test_other_users_and_deleted_records_are_left_out(self, user, other_user, lend):
        lend(owner=other_user)
        gone = lend()
        LendingService.delete(user=user, pk=gone.pk)
        assert LendingService.counterparties(user=user) == []


class TestSummary:
    def test_per_currency_figures(self, user, lend):
        lent = lend(amount="100.00", due_date="2026-11-15")  # overdue
        _repay(user, lent, "25.50", day="2026-11-03")
        lend(amount="20.00", due_date="2026-12-01")
        owed = lend(direction="borrowed", amount="60.00", due_date="2026-11-20")
        _repay(user, owed, "10.00", day="2026-11-21")
        lend(amount="9.99", currency="EUR")
        rows = LendingService.summary(user=user)
        assert [r["currency"] for r in rows] == ["EUR", "USD"]
        usd = rows[1]
        assert usd["lent_outstanding"] == D("94.50")
        assert usd["borrowed_outstanding"] == D("50.00")
        assert usd["net"] == usd["total"] == D("44.50")
        assert (usd["overdue_amount"], usd["overdue_count"]) == (D("74.50"), 1)
        assert usd["overdue_borrowed_amount"] == D("50.00")
        assert usd["repaid_this_month"] == D("25.50")
        assert usd["repaid_by_you_this_month"] == D("10.00")
        assert rows[0]["net"] == D("9.99")

    def test_repayments_of_last_month_are_not_this_months(self, user, lend):
        record = lend(lent_date="2026-10-01")
        _repay(user, record, "5.00", day="2026-10-31")
        assert LendingService.summary(user=user)[0]["repaid_this_month"] == D("0.00")


class TestSettle:
    @pytest.fixture
    def items(self, user, lend):
        return {
            "old": lend(amount="30.00", lent_date="2026-11-01"),
            "owed": lend(direction="borrowed", amount="15.00", lent_date="2026-11-03"),
            "new": lend(amount="20.00", lent_date="2026-11-05"),
            "euro": lend(amount="7.00", currency="EUR"),
        }

    def _settle(self, user, **data):
        return LendingService.settle(
            user=user, data={"counterparty": "sam", "currency": "USD", **data}
        )

    def _outstanding(self, items):
        return {
            name: LendingModel.objects.get(pk=r.pk).outstanding
            for name, r in items.items()
        }

    def test_everything_nets_and_the_rest_is_paid_oldest_first(self, user, items):
        result = self._settle(user)
        assert (result.amount, result.payer, result.netted) == (
            D("35.00"),
            "them",
            D("15.00"),
        )
        assert self._outstanding(items) == {
            "old": D("0.00"),
            "owed": D("0.00"),
            "new": D("0.00"),
            "euro": D("7.00"),
        }
        parts = sorted(
            (p.lending_id, p.method, p.amount) for p in RepaymentModel.objects.all()
        )
        assert parts == sorted(
            [
                (items["old"].pk, "netting", D("15.00")),
                (items["owed"].pk, "netting", D("15.00")),
                (items["old"].pk, "other", D("15.00")),
                (items["new"].pk, "other", D("20.00")),
            ]
        )
        assert {r.status for r in result.records} == {"repaid"}

    def test_a_partial_payment_nets_then_pays_the_oldest(self, user, items, announced):
        result = self._settle(user, amount=D("10.00"), method="cash")
        assert self._outstanding(items) == {
            "old": D("5.00"),
            "owed": D("0.00"),
            "new": D("20.00"),
            "euro": D("7.00"),
        }
        assert result.amount == D("10.00")
        settled = [e for e in announced if e.name == "lending.settled"]
        assert settled[0].payload == {
            "counterparty_name": "Sam",
            "currency": "USD",
            "amount": "10.00",
            "lending_ids": [items["old"].pk, items["owed"].pk],
        }

    def test_when_you_owe_more_you_pay(self, user, lend):
        lend(amount="10.00")
        owed = lend(direction="borrowed", amount="25.55")
        result = self._settle(user)
        assert (result.amount, result.payer, result.netted) == (
            D("15.55"),
            "you",
            D("10.00"),
        )
        assert LendingModel.objects.get(pk=owed.pk).status == "repaid"

    def test_items_that_cancel_out_settle_with_no_cash(self, user, lend):
        lend(amount="12.34")
        lend(direction="borrowed", amount="12.34")
        result = self._settle(user)
        assert (result.amount, result.payer) == (D("0.00"), "nobody")
        lend(amount="1.00")
        lend(direction="borrowed", amount="1.00")
        with pytest.raises(InvalidInput) as excinfo:
            self._settle(user, amount=D("1.00"))
        assert "cancel out" in excinfo.value.detail["amount"][0]

    def test_more_than_the_net_is_refused_and_nothing_written(self, user, items):
        with pytest.raises(InvalidInput) as excinfo:
            self._settle(user, amount=D("35.01"))
        assert excinfo.value.detail["amount"][0] == (
            "Sam owes you 35.00 USD in all; settle at most that."
        )
        assert RepaymentModel.objects.count() == 0

    def test_only_items_lent_by_the_day_are_settled(self, user, items, lend):
        later = lend(amount="9.00", lent_date="2026-12-25")
        early = self._settle(user, date=date(2026, 11, 2))
        assert (early.amount, early.netted) == (D("30.00"), D("0.00"))
        assert [r.pk for r in early.records] == [items["old"].pk]
        rest = self._settle(user)
        assert (rest.amount, rest.netted, rest.payer) == (D("5.00"), D("15.00"), "them")
        assert self._outstanding({**items, "later": later}) == {
            "old": D("0.00"),
            "owed": D("0.00"),
            "new": D("0.00"),
            "euro": D("7.00"),
            "later": D("9.00"),
        }
        with pytest.raises(InvalidInput) as excinfo:
            self._settle(user, date=date(2026, 10, 31))
        assert excinfo.value.detail == {
            "counterparty": ["No open items with sam in USD lent by 2026-10-31."]
        }

    def test_a_settle_up_in_the_future_is_refused(self, user, items):
        with pytest.raises(InvalidInput) as excinfo:
            self._settle(user, date=date(2026, 11, 23))
        assert excinfo.value.detail == {
            "date": ["A settle-up cannot be in the future."]
        }
        assert RepaymentModel.objects.count() == 0

    def test_nobody_to_settle_with(self, user, items):
        with pytest.raises(InvalidInput) as excinfo:
            LendingService.settle(
                user=user, data={"counterparty": "Zoe", "currency": "USD"}
            )
        assert list(excinfo.value.detail) == ["counterparty"]


class TestSplit:
    def _split(self, user, expense, **data):
        return LendingService.split_expense(user=user, expense_id=expense.pk, data=data)

    def test_explicit_shares(self, user):
        expense = ExpenseFactory(
            user=user,
            amount=D("40.00"),
            vendor="Pizza Hut",
            transaction_date=date(2026, 11, 20),
        )
        made = self._split(
            user,
            expense,
            **{
                "with": [
                    {"name": "Sam", "share": D("12.50")},
                    {"name": "Alex", "share": D("12.50")},
                ],
                "due_date": date(2026, 11, 30),
            },
        )
        assert [(r.counterparty_name, r.amount) for r in made] == [
            ("Sam", D("12.50")),
            ("Alex", D("12.50")),
        ]
        assert {r.source_ref for r in made} == {f"expense:{expense.pk}"}
        assert {r.direction for r in made} == {"lent"}
        assert made[0].lent_date == date(2026, 11, 20)
        assert made[0].due_date == date(2026, 11, 30)
        assert made[0].description == "Share of Pizza Hut (2026-11-20)"

    def test_100_divided_by_3_exactly(self, user):
        assert equal_shares(D("100.00"), 2, "USD") == (
            D("33.34"),
            [D("33.33"), D("33.33")],
        )
        assert equal_shares(D("0.02"), 2, "USD") == (D("0.02"), [D("0.00"), D("0.00")])
        expense = ExpenseFactory(user=user, amount=D("100.00"))
        made = self._split(
            user,
            expense,
            **{"with": [{"name": "Sam"}, {"name": "Alex"}], "equal": True},
        )
        assert [r.amount for r in made] == [D("33.33"), D("33.33")]

    @pytest.mark.parametrize(
        "shares", [("20.00", "20.00"), ("25.00", "15.01"), ("40.00", "0.01")]
    )
    def test_shares_reaching_the_expense_are_refused(self, user, shares):
        expense = ExpenseFactory(user=user, amount=D("40.00"))
        people = [
            {"name": n, "share": D(s)}
            for n, s in zip(("Sam", "Alex"), shares, strict=True)
        ]
        with pytest.raises(InvalidInput) as excinfo:
            self._split(user, expense, **{"with": people})
        assert list(excinfo.value.detail) == ["with"]
        assert "must stay under the expense (40.00 USD)" in str(excinfo.value.detail)
        assert LendingModel.objects.count() == 0

    def test_earlier_splits_count(self, user):
        expense = ExpenseFactory(user=user, amount=D("30.00"))
        self._split(user, expense, **{"with": [{"name": "Sam", "share": D("10.00")}]})
        with pytest.raises(InvalidInput) as excinfo:
            self._split(
                user, expense, **{"with": [{"name": "Alex", "share": D("20.00")}]}
            )
        assert "(10.00 USD split before)" in str(excinfo.value.detail)

    def test_bad_splits(self, user):
        expense = ExpenseFactory(user=user, amount=D("30.00"))
        cases = [
            ({"with": [{"name": "Sam"}, {"name": " sam "}], "equal": True}, "with"),
            ({"with": [{"name": "Sam"}]}, "with"),
            ({"with": [{"name": "Sam", "share": D("1")}], "equal": True}, "with"),
            (
                {
                    "with": [{"name": "Sam", "share": D("1")}],
                    "due_date": date(2026, 1, 1),
                },
                "due_date",
            ),
        ]
        for data, field in cases:
            with pytest.raises(InvalidInput) as excinfo:
                self._split(user, expense, **data)
            assert list(excinfo.value.detail) == [field], data
        refund = ExpenseFactory(user=user, expense_type="refund")
        with pytest.raises(InvalidInput):
            self._split(user, refund, **{"with": [{"name": "Sam", "share": D("1")}]})

    def test_another_users_expense_is_404(self, user, other_user):
        expense = ExpenseFactory(user=other_user, amount=D("30.00"))
        with pytest.raises(NotFoundError):
            self._split(user, expense, **{"with": [{"name": "Sam", "share": D("1")}]})


def test_overview_is_summary_and_counterparties_from_one_read(user, frozen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lending.services import LendingService
    from lending.tests.factories import LendingFactory, RepaymentFactory

    open_item = LendingFactory(user=user, counterparty_name="Sam")
    RepaymentFactory(lending=open_item)
    LendingFactory(user=user, counterparty_name="Alex", direction="borrowed")
    LendingFactory(user=user, counterparty_name="Jo", status="repaid")
    with CaptureQueriesContext(connection) as queries:
        summary, people = LendingService.overview(user=user)
    assert summary == LendingService.summary(user=user)
    assert people == LendingService.counterparties(user=user)
    assert len([q for q in queries if '"lending"' in q["sql"]]) == 2
