"""ExpenseService: the contract other apps rely on (create, get_for, delete)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from expenses.filters import ExpenseFilter
from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory
from mysphere_core.errors import DomainError, InvalidInput, NotFoundError
from mysphere_core.events import domain_event

pytestmark = pytest.mark.django_db
FOOD = "Food & Dining"

VALID = {
    "amount": Decimal("12.50"),
    "currency": "EUR",
    "category": "Entertainment",
    "vendor": "Netflix",
    "transaction_date": date(2026, 11, 3),
    "payment_method": "card",
    "notes": "monthly plan",
    "raw_text": "",
}


class TestCreate:
    def test_creates_with_given_fields_and_source_ref(self, user):
        expense = ExpenseService.create(user=user, data=VALID, source_ref="pay_42")
        expense.refresh_from_db()
        assert expense.expense_id > 0
        assert expense.user == user
        assert expense.amount == Decimal("12.50")
        assert expense.currency == "EUR"
        assert expense.category == "Entertainment"
        assert expense.source_ref == "pay_42"
        assert expense.is_active

    @time_machine.travel("2026-11-22 03:00:00+00:00", tick=False)
    def test_defaults_currency_and_date_to_the_users(self, make_user):
        tokyo = make_user(
            "kenji", profile={"currency": "JPY", "timezone": "Asia/Tokyo"}
        )
        data = {"amount": Decimal("900"), "category": "Food & Dining"}
        expense = ExpenseService.create(user=tokyo, data=data)
        assert expense.currency == "JPY"
        assert expense.transaction_date == date(2026, 11, 22)
        honolulu = make_user("leilani", profile={"timezone": "Pacific/Honolulu"})
        assert ExpenseService.create(user=honolulu, data=data).transaction_date == date(
            2026, 11, 21
        )

    @pytest.mark.parametrize(
        "change, field, message",
        [
            ({"amount": Decimal("0")}, "amount", "Amount must be greater than 0."),
            ({"amount": Decimal("-3")}, "amount", "Amount must be greater than 0."),
            (
                {"amount": Decimal("10000.01")},
                "amount",
                "Amount cannot exceed 10000.00.",
            ),
            ({"amount": Decimal("1.005")}, "amount", "at most 2 decimals"),
            (
                {"category": "Food"},
                "category",
                "Category must be one of: Food & Dining",
            ),
            ({"currency": "XYZ"}, "currency", "not an ISO 4217 currency code"),
            ({"payment_method": "cheque"}, "payment_method", "not a valid choice"),
        ],
    )
    def test_rejects_what_the_api_rejects(self, user, change, field, message):
        with pytest.raises(InvalidInput) as err:
            ExpenseService.create(user=user, data={**VALID, **change})
        assert message in str(err.value.detail[field][0])
        assert not ExpenseModel.objects.exists()

    def test_max_amount_follows_the_setting(self, user, settings):
        settings.MONEY_LIMITS = {**settings.MONEY_LIMITS, "expense": "50000.00"}
        expense = ExpenseService.create(user=user, data={**VALID, "amount": "20000"})
        assert expense.amount == Decimal("20000")

    def test_categories_are_the_rule_books_nine(self):
        assert ExpenseService.CATEGORIES == EXPENSE_CATEGORIES
        assert len(EXPENSE_CATEGORIES) == 9
        assert "Food & Dining" in EXPENSE_CATEGORIES and "Other" in EXPENSE_CATEGORIES


class TestGetAndDelete:
    def test_get_for_returns_own_active_expense(self, user):
        expense = ExpenseFactory(user=user)
        assert ExpenseService.get_for(user=user, pk=expense.pk) == expense

    @pytest.mark.parametrize("bad_id", [0, -1, 2**63, "abc", None])
    def test_get_for_unknown_ids_is_404(self, user, bad_id):
        with pytest.raises(NotFoundError):
            ExpenseService.get_for(user=user, pk=bad_id)

    def test_get_for_other_users_or_deleted_is_404(self, user, other_user):
        theirs = ExpenseFactory(user=other_user)
        deleted = ExpenseFactory(user=user, is_active=False)
        for expense in (theirs, deleted):
            with pytest.raises(NotFoundError):
                ExpenseService.get_for(user=user, pk=expense.pk)

    def test_delete_is_soft(self, user):
        expense = ExpenseFactory(user=user)
        ExpenseService.delete(user=user, pk=expense.pk)
        expense.refresh_from_db()
        assert expense.is_active is False
        assert not ExpenseService.queryset_for(user=user).exists()

    def test_linked_expense_needs_unlink(self, user):
        expense = ExpenseService.create(user=user, data=VALID, source_ref="pay_7")
        with pytest.raises(DomainError) as err:
            ExpenseService.delete(user=user, pk=expense.pk)
        assert err.value.detail == (
            "This expense was recorded by pay_7; delete it there instead."
        )
        assert err.value.code == "linked_expense"
        ExpenseService.delete(user=user, pk=expense.pk, unlink=True)
        expense.refresh_from_db()
        assert not expense.is_active

    def test_delete_of_other_users_expense_is_404(self, user, other_user):
        theirs = ExpenseFactory(user=other_user)
        with pytest.raises(NotFoundError):
            ExpenseService.delete(user=user, pk=theirs.pk, unlink=True)
        theirs.refresh_from_db()
        assert theirs.is_active


def _add(user, day, amount, category="Food & Dining", **extra):
    return ExpenseFactory(
        user=user,
        transaction_date=date.fromisoformat(day),
        amount=Decimal(amount),
        category=category,
        **extra,
    )


@pytest.fixture
def ledger(user, other_user):
    """Two currencies, a refund, a deleted row, rows on every range edge, bob's."""
    _add(user, "2026-11-03", "12.50", vendor="Chipotle")
    _add(user, "2026-11-05", "7.25", vendor="Chipotle")
    _add(user, "2026-11-10", "30.00", "Travel", vendor="Uber")
    _add(user, "2026-11-12", "5.00", "Travel", vendor="Uber", expense_type="refund")
    _add(user, "2026-11-20", "100.10", "Groceries", vendor="Costco")
    _add(user, "2026-11-30", "0.01", "Other", vendor="")
    _add(user, "2026-10-15", "40.00", vendor="Chipotle")  # previous period
    _add(user, "2026-10-01", "99.00")  # before the previous period, in the trend
    _add(user, "2026-12-01", "1000.00")  # after the range
    _add(user, "2025-12-31", "50.00", "Travel")  # first trend month
    _add(user, "2025-11-30", "70.00", "Travel")  # before the trend
    _add(user, "2026-11-08", "9.99", currency="EUR", vendor="Pret")
    _add(user, "2026-11-09", "50.01", "Shopping", currency="EUR", vendor="Zara")
    _add(user, "2026-10-20", "20.00", "Shopping", currency="EUR")
    _add(user, "2026-11-15", "500.00", is_active=False)
    _add(other_user, "2026-11-10", "300.00")


def _trend(rows):
    return {m["month"]: (m["total"], m["count"]) for m in rows if m["count"]}


class TestAnalytics:
    @staticmethod
    def _november(user):
        return ExpenseService.analytics(
            user=user, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)
        )

    def test_usd_totals_are_exact_with_the_previous_period(self, user, ledger):
        result = self._november(user)
        assert result["previous_date_from"] == date(2026, 10, 2)
        assert result["previous_date_to"] == date(2026, 10, 31)
        usd = result["currencies"][0]
        # 12.50 + 7.25 + 30.00 - 5.00 (refund) + 100.10 + 0.01
        assert usd["currency"] == "USD"
        assert (usd["total"], usd["count"]) == (Decimal("144.86"), 6)
        assert usd["average"] == Decimal("24.14")  # 144.86 / 6 = 24.1433
        assert usd["refunds"] == Decimal("5.00")
        assert usd["by_category"] == [
            {
                "category": "Groceries",
                "parent": "Groceries",
                "total": Decimal("100.10"),
                "count": 1,
                "share": Decimal("69.1"),
            },
            {
                "category": "Travel",
                "parent": "Travel",
                "total": Decimal("25.00"),
                "count": 2,
                "share": Decimal("17.3"),
            },
            {
                "category": "Food & Dining",
                "parent": "Food & Dining",
                "total": Decimal("19.75"),
                "count": 2,
                "share": Decimal("13.6"),
            },
            {
                "category": "Other",
                "parent": "Other",
                "total": Decimal("0.01"),
                "count": 1,
                "share": Decimal("0.0"),
            },
        ]
        assert usd["top_vendors"] == [
            {"vendor": "Costco", "total": Decimal("100.10"), "count": 1},
            {"vendor": "Uber", "total": Decimal("25.00"), "count": 2},
            {"vendor": "Chipotle", "total": Decimal("19.75"), "count": 2},
        ]
        assert usd["comparison"] == {
            "previous_total": Decimal("40.00"),
            "previous_count": 1,
            "delta": Decimal("104.86"),
            "delta_percent": Decimal("262.2"),
        }
        assert [m["month"] for m in usd["monthly_trend"]] == [
            "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
            "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11",
        ]  # fmt: skip
        assert _trend(usd["monthly_trend"]) == {
            "2025-12": (Decimal("50.00"), 1),
            "2026-10": (Decimal("139.00"), 2),
            "2026-11": (Decimal("144.86"), 6),
        }

    def test_eur_totals_stay_apart_from_usd(self, user, ledger):
        eur = self._november(user)["currencies"][1]
        assert eur["currency"] == "EUR"
        assert (eur["total"], eur["count"], eur["average"]) == (
            Decimal("60.00"),
            2,
            Decimal("30.00"),
        )
        assert [(c["category"], c["share"]) for c in eur["by_category"]] == [
            ("Shopping", Decimal("83.4")),
            ("Food & Dining", Decimal("16.6")),
        ]
        assert eur["comparison"]["delta"] == Decimal("40.00")
        assert eur["comparison"]["delta_percent"] == 200.0
        assert _trend(eur["monthly_trend"]) == {
            "2026-10": (Decimal("20.00"), 1),
            "2026-11": (Decimal("60.00"), 2),
        }

    def test_a_short_range_compares_with_the_days_just_before(self, user, ledger):
        result = ExpenseService.analytics(
            user=user, date_from=date(2026, 11, 9), date_to=date(2026, 11, 12)
        )
        assert result["previous_date_from"] == date(2026, 11, 5)
        assert result["previous_date_to"] == date(2026, 11, 8)
        usd = next(c for c in result["currencies"] if c["currency"] == "USD")
        assert usd["total"] == Decimal("25.00")
        assert usd["comparison"]["previous_total"] == Decimal("7.25")
        eur = next(c for c in result["currencies"] if c["currency"] == "EUR")
        assert (eur["total"], eur["comparison"]["previous_total"]) == (
            Decimal("50.01"),
            Decimal("9.99"),
        )

    def test_default_range_is_this_month_in_the_users_time_zone(
        self, make_user, frozen
    ):
        # 2026-11-22 12:00 UTC is already 2026-11-23 in Kiritimati (UTC+14).
        islander = make_user("teiti", profile={"timezone": "Pacific/Kiritimati"})
        assert ExpenseService.analytics(user=islander)["date_from"] == date(2026, 11, 1)
        frozen.move_to("2026-11-30 12:00:00+00:00")
        result = ExpenseService.analytics(user=islander)
        assert (result["date_from"], result["date_to"]) == (
            date(2026, 12, 1),
            date(2026, 12, 31),
        )

    def test_one_sided_ranges(self, user, frozen):
        only_from = ExpenseService.analytics(user=user, date_from=date(2026, 9, 1))
        assert only_from["date_to"] == date(2026, 11, 22)
        only_to = ExpenseService.analytics(user=user, date_to=date(2026, 9, 17))
        assert only_to["date_from"] == date(2026, 9, 1)

    def test_no_data_means_no_currencies(self, user):
        result = ExpenseService.analytics(
            user=user, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)
        )
        assert result["currencies"] == []

    def test_aggregates_do_not_grow_with_rows(
        self, user, django_assert_max_num_queries
    ):
        for day in range(1, 29):
            _add(user, f"2026-11-{day:02d}", "1.00", vendor=f"V{day}")
        with django_assert_max_num_queries(5):
            ExpenseService.analytics(
                user=user, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)
            )


class TestAnalyticsCache:
    # November reaches today (frozen on the 22nd): such a range is cached.
    RANGE = {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 30)}

    def _total(self, user, **dates):
        result = ExpenseService.analytics(user=user, **(dates or self.RANGE))
        return result["currencies"][0]["total"] if result["currencies"] else None

    def test_second_call_is_served_from_the_cache(
        self, frozen, user, django_assert_num_queries
    ):
        _add(user, "2026-11-03", "10.00")
        assert self._total(user) == Decimal("10.00")
        with django_assert_num_queries(0):
            assert self._total(user) == Decimal("10.00")

    def test_create_update_delete_invalidate_every_cached_range(self, frozen, user):
        october = {"date_from": date(2026, 10, 1), "date_to": date(2026, 11, 30)}
        first = ExpenseService.create(
            user=user,
            data={"amount": Decimal("10.00"), "transaction_date": date(2026, 11, 3)},
        )
        assert self._total(user) == Decimal("10.00")
        assert self._total(user, **october) == Decimal("10.00")

        ExpenseService.create(
            user=user,
            data={"amount": Decimal("5.00"), "transaction_date": date(2026, 11, 4)},
        )
        assert self._total(user) == Decimal("15.00")
        assert self._total(user, **october) == Decimal("15.00")

        ExpenseService.update(user=user, pk=first.pk, data={"amount": Decimal("20.00")})
        assert self._total(user) == Decimal("25.00")

        ExpenseService.delete(user=user, pk=first.pk)
        assert self._total(user) == Decimal("5.00")
        assert self._total(user, **october) == Decimal("5.00")

        ExpenseService.bulk_create(
            user=user,
            items=[{"amount": Decimal("1"), "transaction_date": date(2026, 11, 9)}],
        )
        assert self._total(user) == Decimal("6.00")

    def test_categories_are_cached_until_a_write(self, user, django_assert_num_queries):
        def food_count():
            return ExpenseService.categories(user=user)[0]["count"]

        ExpenseService.create(
            user=user, data={"amount": Decimal("1"), "category": FOOD}
        )
        assert food_count() == 1
        _add(user, "2026-11-04", "2.00")  # behind the service's back: not seen
        with django_assert_num_queries(0):
            assert food_count() == 1
        ExpenseService.create(
            user=user, data={"amount": Decimal("1"), "category": FOOD}
        )
        assert food_count() == 3

    def test_other_users_writes_keep_my_cache(self, frozen, user, other_user):
        _add(user, "2026-11-03", "10.00")
        self._total(user)
        ExpenseService.create(user=other_user, data={"amount": Decimal("1")})
        _add(user, "2026-11-04", "99.00")  # written behind the service's back
        assert self._total(user) == Decimal("10.00")


class TestListOrderAndCategories:
    def test_default_order_is_newest_first_then_latest_created(self, user):
        a = _add(user, "2026-11-03", "1")
        b = _add(user, "2026-11-05", "1")
        c = _add(user, "2026-11-05", "1")
        mine = ExpenseService.queryset_for(user=user)
        assert list(ExpenseFilter({}, queryset=mine).qs) == [c, b, a]

    def test_categories_has_all_nine_in_order(self, user, ledger):
        summary = ExpenseService.categories(user=user)
        assert [row["category"] for row in summary] == list(EXPENSE_CATEGORIES)
        food = summary[0]
        assert food["count"] == 6
        assert food["totals"] == [
            {"currency": "EUR", "total": Decimal("9.99")},
            {"currency": "USD", "total": Decimal("1158.75")},
        ]


class TestFallbackInsights:
    def test_empty_history_gets_a_helpful_start(self, user):
        envelope = ExpenseService.ai_insights(user=user)
        assert envelope.fallback_used is True
        insights = envelope.insights
        assert insights["summary"].startswith("No expenses in the last 30 days yet.")
        assert insights["alerts"] == [
            {"level": "info", "message": "Nothing to flag yet."}
        ]

    def test_a_repeated_purchase_is_one_alert(self, make_user, frozen):
        dave = make_user("dave")
        for day in ("2026-10-01", "2026-10-05", "2026-10-10", "2026-10-15"):
            _add(dave, day, "12.00", vendor="Chipotle")  # usual Food: 12
        for day in ("2026-11-05", "2026-11-12", "2026-11-19"):
            _add(dave, day, "59.94", vendor="HelloFresh")  # weekly meal kit
        alerts = ExpenseService.ai_insights(user=dave).insights["alerts"]
        spikes = [a["message"] for a in alerts if a["message"].startswith("Unusual")]
        assert spikes == [
            "Unusual: 59.94 USD at HelloFresh on Nov 05 (and 2 more like it) is 5.0x "
            "your usual Food & Dining expense (12.00 USD)."
        ]

    def test_uses_the_real_last_30_days(self, make_user, frozen):
        carol = make_user(
            "carol", profile={"monthly_income": Decimal("2000.00"), "currency": "USD"}
        )
        for day in ("2026-10-01", "2026-10-10", "2026-10-20", "2026-11-01"):
            _add(carol, day, "20.00", vendor="Chipotle")  # usual Food before: 20
        _add(carol, "2026-11-12", "30.00", "Travel", vendor="Uber")
        _add(carol, "2026-11-20", "90.00", vendor="Nobu")  # a spike: 4.5x
        _add(carol, "2026-11-21", "10.00", "Groceries", currency="EUR")
        _add(carol, "2026-10-22", "999.00", "Travel")  # 31 days ago: outside

        insights = ExpenseService.ai_insights(user=carol).insights

        assert insights["summary"] == (
            "In the last 30 days you spent 140.00 USD over 3 expenses, most of it "
            "on Food & Dining (78.6%). In the last 30 days you spent 10.00 EUR over "
            "1 expense, most of it on Groceries (100%)."
        )
        assert insights["spending_trends"][:2] == [
            "Last 7 days: 90.00 USD, 200% more than the 7 days before (30.00 USD).",
            "Biggest expense: 90.00 USD at Nobu (Food & Dining) on Nov 20.",
        ]
        assert insights["budget_recommendations"][1] == (
            "The last 30 days took 7% of your monthly income (2,000.00 USD)."
        )
        assert insights["category_insights"][0] == {
            "category": "Food & Dining",
            "insight": "110.00 USD over 2 expenses (78.6% of USD spending), "
            "55.00 USD on average.",
        }
        warnings = [a["message"] for a in insights["alerts"] if a["level"] == "warning"]
        assert "Your USD spending this week is up 200% on the week before." in warnings
        assert (
            "Unusual: 90.00 USD at Nobu on Nov 20 is 4.5x your usual Food & Dining "
            "expense (20.00 USD)." in warnings
        )
        assert len(warnings) == 2  # the lone 999.00 Travel has no baseline of 3


@pytest.fixture
def announced():
    """The domain events dispatched (after their commit) during the test."""
    seen = []

    def receiver(sender, event, **kwargs):
        seen.append(event)

    domain_event.connect(receiver, weak=False, dispatch_uid="expenses-announced")
    yield seen
    domain_event.disconnect(dispatch_uid="expenses-announced")


def _expense_payload(expense, **changes):
    return {
        "expense_id": expense.pk,
        "amount": str(expense.amount),
        "currency": expense.currency,
        "category": expense.category,
        "transaction_date": expense.transaction_date.isoformat(),
        "expense_type": "expense",
        **changes,
    }


class TestEvents:
    def test_each_write_announces_its_event(self, user, announced):
        expense = ExpenseService.create(user=user, data=VALID)
        ExpenseService.update(user=user, pk=expense.pk, data={"amount": "20"})
        ExpenseService.delete(user=user, pk=expense.pk)
        created = ExpenseService.bulk_create(
            user=user, items=[{"amount": Decimal("1")}, {"amount": Decimal("2")}]
        )
        ids = [row.pk for row in created]
        assert ExpenseService.set_active(expense_ids=ids[:1], active=False) == 1
        assert ExpenseService.set_active(expense_ids=ids, active=True) == 1
        assert [(e.name, e.user_id) for e in announced] == [
            ("expense.created", user.pk),
            ("expense.updated", user.pk),
            ("expense.deleted", user.pk),
            ("expense.bulk_created", user.pk),
            ("expense.deleted", user.pk),
            ("expense.restored", user.pk),
        ]
        assert announced[0].payload == {
            "expense_id": expense.pk,
            "amount": "12.50",
            "currency": "EUR",
            "category": "Entertainment",
            "transaction_date": "2026-11-03",
            "expense_type": "expense",
        }
        assert announced[1].payload == {**announced[0].payload, "amount": "20.00"}
        assert announced[2].payload == announced[1].payload
        assert announced[3].payload == {"expense_ids": ids, "count": 2}
        assert announced[4].payload["expense_id"] == ids[0]
        assert announced[5].payload["expense_id"] == ids[0]

    def test_refused_writes_announce_nothing(self, user, announced):
        linked = ExpenseService.create(user=user, data=VALID, source_ref="pay_1")
        announced.clear()
        with pytest.raises(InvalidInput):
            ExpenseService.create(user=user, data={**VALID, "amount": Decimal("0")})
        with pytest.raises(DomainError):
            ExpenseService.update(user=user, pk=linked.pk, data={"amount": "1"})
        with pytest.raises(DomainError):
            ExpenseService.delete(user=user, pk=linked.pk)
        with pytest.raises(InvalidInput):
            ExpenseService.bulk_create(
                user=user, items=[{"amount": Decimal("1")}, {"amount": Decimal("0")}]
            )
        assert announced == []

    def test_staff_purge_announces_the_active_ones(self, user, announced):
        active = ExpenseFactory(user=user)
        hidden = ExpenseFactory(user=user, is_active=False)
        assert ExpenseService.purge(expense_ids=[active.pk, hidden.pk]) == 2
        assert not ExpenseModel.objects.exists()
        assert [(e.name, e.payload) for e in announced] == [
            ("expense.deleted", _expense_payload(active))
        ]


INSIGHTS = {
    "summary": "s",
    "spending_trends": [],
    "budget_recommendations": [],
    "category_insights": [],
    "alerts": [],
}
# What each write does to a month holding the service's 10.00 and a 7.00 row
# written behind the service's back (cached analytics do not see the 7.00 until
# a write's event forgets them).
WRITES = {
    "create": (
        lambda user, e: ExpenseService.create(user=user, data={"amount": "1"}),
        Decimal("18.00"),
    ),
    "update": (
        lambda user, e: ExpenseService.update(user=user, pk=e.pk, data={"notes": "x"}),
        Decimal("17.00"),
    ),
    "delete": (
        lambda user, e: ExpenseService.delete(user=user, pk=e.pk),
        Decimal("7.00"),
    ),
    "bulk_create": (
        lambda user, e: ExpenseService.bulk_create(user=user, items=[{"amount": "1"}]),
        Decimal("18.00"),
    ),
    "set_active": (
        lambda user, e: ExpenseService.set_active(expense_ids=[e.pk], active=False),
        Decimal("7.00"),
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_a_writes_event_forgets_cached_analytics_and_insights(
    frozen, user, gemini_stub, write
):
    expense = ExpenseService.create(user=user, data={"amount": Decimal("10.00")})
    gemini_stub.reply_json(INSIGHTS)
    assert ExpenseService.ai_insights(user=user).source == "ai"
    assert ExpenseService.ai_insights(user=user).source == "cache"
    assert ExpenseService.analytics(user=user)["currencies"][0]["total"] == Decimal(
        "10.00"
    )
    _add(user, "2026-11-10", "7.00")  # behind the service's back
    assert ExpenseService.analytics(user=user)["currencies"][0]["total"] == Decimal(
        "10.00"
    )
    action, total = WRITES[write]
    action(user, expense)
    gemini_stub.reply_json(INSIGHTS)
    assert ExpenseService.ai_insights(user=user).source == "ai"
    assert ExpenseService.analytics(user=user)["currencies"][0]["total"] == total
    assert len(gemini_stub.requests) == 2


def test_only_ranges_reaching_today_are_cached(frozen, user):
    # A range that ended before today is computed each time (no cache write); one
    # reaching today (the default, the web app's "last N months") is cached.
    _add(user, "2026-10-05", "10.00")
    past = {"date_from": date(2026, 10, 1), "date_to": date(2026, 10, 31)}
    reaching = {"date_from": date(2026, 10, 1), "date_to": date(2026, 11, 22)}
    for dates in (past, reaching, {}):
        ExpenseService.analytics(user=user, **dates)
    _add(user, "2026-10-10", "7.00")  # behind the service's back: no event
    _add(user, "2026-11-10", "1.00")
    totals = {
        name: ExpenseService.analytics(user=user, **dates)["currencies"][0]["total"]
        for name, dates in (("past", past), ("reaching", reaching), ("default", {}))
    }
    assert totals == {
        "past": Decimal("17.00"),  # computed again: sees the new row
        "reaching": Decimal("10.00"),  # cached until the next write's event
        "default": Decimal("0.00"),  # November, cached empty
    }
