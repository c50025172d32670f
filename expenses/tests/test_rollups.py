"""Monthly and daily rollups: every write path keeps them equal to an aggregate of
the raw rows (examples, a property-based sequence of writes, concurrent creates on
PostgreSQL), and `manage.py rebuild_rollups` recomputes them."""

import threading
from collections import defaultdict
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from expenses.models import (
    DailySpendingSummaryModel,
    DailyVendorSpendingModel,
    ExpenseModel,
    MonthlySpendingSummaryModel,
    MonthlyVendorSpendingModel,
)
from expenses.rollups import from_mills
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory
from subscriptions.services import SubscriptionService
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ZERO = Decimal("0.00")


def raw_rollups(user, daily: bool = False) -> tuple[dict, dict]:
    """What the rollups must hold (per month, or per day), summed in Python from
    the raw rows."""
    categories = defaultdict(lambda: [ZERO, 0, ZERO])
    vendors = defaultdict(lambda: [ZERO, 0])
    for row in ExpenseModel.objects.filter(user=user, is_active=True):
        refund = row.expense_type == "refund"
        signed = -row.amount if refund else row.amount - row.shared_amount
        day = row.transaction_date
        period = day if daily else day.replace(day=1)
        entry = categories[(period, row.currency, row.category)]
        entry[0] += signed
        entry[1] += 1
        entry[2] += row.amount if refund else ZERO
        if row.vendor:
            entry = vendors[(period, row.currency, row.vendor)]
            entry[0] += signed
            entry[1] += 1
    return (
        {key: tuple(value) for key, value in categories.items()},
        {key: tuple(value) for key, value in vendors.items()},
    )


def stored_rollups(user, daily: bool = False) -> tuple[dict, dict]:
    """The rollups' non-empty rows (monthly, or daily), as money (rows at zero
    must be all zero)."""
    if daily:
        summary = DailySpendingSummaryModel.objects.filter(user=user)
        vendors = DailyVendorSpendingModel.objects.filter(user=user)
        period = "day"
    else:
        summary = MonthlySpendingSummaryModel.objects.filter(user=user)
        vendors = MonthlyVendorSpendingModel.objects.filter(user=user)
        period = "month"
    assert not summary.filter(item_count__lt=0).exists()
    assert (
        not summary.filter(item_count=0).exclude(total_mills=0, refund_mills=0).exists()
    )
    assert not vendors.filter(item_count=0).exclude(total_mills=0).exists()
    return (
        {
            (getattr(r, period), r.currency, r.category): (
                from_mills(r.total_mills),
                r.item_count,
                from_mills(r.refund_mills),
            )
            for r in summary.filter(item_count__gt=0)
        },
        {
            (getattr(r, period), r.currency, r.vendor): (
                from_mills(r.total_mills),
                r.item_count,
            )
            for r in vendors.filter(item_count__gt=0)
        },
    )


def assert_rollups_exact(user) -> None:
    """Rollups == raw aggregate, for categories and vendors, monthly and daily."""
    assert stored_rollups(user) == raw_rollups(user)
    assert stored_rollups(user, daily=True) == raw_rollups(user, daily=True)


def _data(**changes) -> dict:
    data = {
        "amount": Decimal("10.00"),
        "currency": "USD",
        "category": "Travel",
        "vendor": "Uber",
        "transaction_date": date(2026, 11, 10),
        "expense_type": "expense",
    }
    return {**data, **changes}


class TestWritePaths:
    def test_create_counts_the_signed_amount_and_the_refund(self, user):
        ExpenseService.create(user=user, data=_data())
        ExpenseService.create(
            user=user, data=_data(amount=Decimal("4.00"), expense_type="refund")
        )
        row = MonthlySpendingSummaryModel.objects.get(user=user)
        assert (row.month, row.currency, row.category) == (
            date(2026, 11, 1),
            "USD",
            "Travel",
        )
        assert (row.total_mills, row.item_count, row.refund_mills) == (6000, 2, 4000)
        vendor = MonthlyVendorSpendingModel.objects.get(user=user)
        assert (vendor.vendor, vendor.total_mills, vendor.item_count) == (
            "Uber",
            6000,
            2,
        )

    def test_no_vendor_row_for_an_unnamed_vendor(self, user):
        ExpenseService.create(user=user, data=_data(vendor=""))
        assert not MonthlyVendorSpendingModel.objects.exists()
        assert_rollups_exact(user)

    @pytest.mark.parametrize(
        "changes",
        [
            {"transaction_date": date(2026, 12, 1)},
            {"category": "Health"},
            {"currency": "eur"},
            {"vendor": "Lyft"},
            {"vendor": ""},
            {"expense_type": "refund"},
            {"amount": Decimal("0.01")},
            {"notes": "only the notes"},
        ],
    )
    def test_update_moves_the_expense(self, user, changes):
        expense = ExpenseService.create(user=user, data=_data())
        ExpenseService.update(user=user, pk=expense.pk, data=changes)
        assert_rollups_exact(user)

    def test_update_to_another_month_leaves_the_old_row_at_zero(self, user):
        expense = ExpenseService.create(user=user, data=_data())
        ExpenseService.update(
            user=user, pk=expense.pk, data={"transaction_date": date(2025, 1, 31)}
        )
        old = MonthlySpendingSummaryModel.objects.get(month=date(2026, 11, 1))
        assert (old.total_mills, old.item_count, old.refund_mills) == (0, 0, 0)
        assert_rollups_exact(user)

    def test_delete_restore_and_purge(self, user):
        kept = ExpenseService.create(user=user, data=_data())
        gone = ExpenseService.create(user=user, data=_data(amount=Decimal("2.50")))
        ExpenseService.delete(user=user, pk=gone.pk)
        assert_rollups_exact(user)
        assert ExpenseService.set_active(expense_ids=[gone.pk], active=True) == 1
        assert ExpenseService.set_active(expense_ids=[gone.pk], active=True) == 0
        assert_rollups_exact(user)
        ExpenseService.set_active(expense_ids=[kept.pk, gone.pk], active=False)
        assert_rollups_exact(user)
        ExpenseService.set_active(expense_ids=[kept.pk], active=True)
        ExpenseService.purge(expense_ids=[kept.pk, gone.pk])
        assert not ExpenseModel.objects.exists()
        assert_rollups_exact(user)

    def test_bulk_create_sums_rows_of_one_key_once(
        self, user, django_assert_max_num_queries
    ):
        items = [_data(amount=Decimal(n)) for n in range(1, 31)]
        items.append(_data(currency="EUR", vendor="", category="Other"))
        # user's currency and today, savepoint, insert, 3 rollup rows x (update,
        # savepoint, insert, release)
        with django_assert_max_num_queries(20):
            ExpenseService.bulk_create(user=user, items=items)
        row = MonthlySpendingSummaryModel.objects.get(currency="USD")
        assert (row.total_mills, row.item_count) == (465000, 30)
        assert_rollups_exact(user)

    def test_a_failed_write_changes_no_rollup(self, user, monkeypatch):
        def fail(*args, **kwargs):
            raise RuntimeError("event store down")

        # With nothing to write beside it, PostgreSQL's create announces after
        # its one statement (its failures: test_create_cost.py); an update
        # announces in its transaction on every database.
        expense = ExpenseService.create(user=user, data=_data())
        sums = MonthlySpendingSummaryModel.objects.values_list(
            "category", "total_mills", "item_count"
        )
        before = list(sums)
        monkeypatch.setattr("mysphere_core.events.announce", fail)
        with pytest.raises(RuntimeError):
            ExpenseService.update(
                user=user, pk=expense.pk, data={"category": "Shopping"}
            )
        assert list(sums) == before

    def test_parse_text_saves_through_create(self, frozen, user):
        ExpenseService.parse_text(user=user, text="Coffee at Starbucks for $4.75")
        assert_rollups_exact(user)
        assert MonthlyVendorSpendingModel.objects.get().vendor == "Starbucks"

    def test_subscription_payments_are_counted(self, frozen, user):
        subscription = SubscriptionService.create(
            user=user,
            data={
                "name": "Netflix",
                "provider": "Netflix",
                "amount": Decimal("15.99"),
                "billing_cycle": "monthly",
                "start_date": date(2026, 1, 10),
                "payment_method": "card",
            },
        )
        payment = SubscriptionService.record_payment(
            user=user, pk=subscription.pk, data={}
        )
        row = MonthlySpendingSummaryModel.objects.get(user=user)
        assert (row.total_mills, row.item_count) == (15990, 1)
        SubscriptionService.delete_payment(
            user=user, pk=subscription.pk, payment_id=payment.pk
        )
        assert_rollups_exact(user)
        assert MonthlySpendingSummaryModel.objects.get(user=user).item_count == 0


class TestWritePathsThroughTheApi:
    """The other writers of expenses keep the monthly and daily rollups exact."""

    def test_restore(self, frozen, auth_client, user):
        made = auth_client.post(URL, _body(), format="json").json()
        assert auth_client.delete(f"{URL}{made['expense_id']}/").status_code == 204
        assert_rollups_exact(user)
        restored = auth_client.post(f"{URL}{made['expense_id']}/restore/")
        assert restored.status_code == 200, restored.json()
        assert_rollups_exact(user)
        assert DailySpendingSummaryModel.objects.get(user=user).item_count == 1

    def test_import_and_its_undo(self, frozen, auth_client, user):
        csv = (
            "Date,Description,Amount\n2026-11-03,TESCO STORES,-23.45\n"
            "2026-11-04,PRET A MANGER,-6.85\n2026-11-04,REFUND SHOP,5.00\n"
        )
        upload = SimpleUploadedFile("bank.csv", csv.encode(), content_type="text/csv")
        resp = auth_client.post(
            "/api/integrations/import/expenses/",
            {"file": upload, "dry_run": "false", "currency": "GBP"},
            format="multipart",
        )
        assert resp.status_code in (200, 201), resp.json()
        assert_rollups_exact(user)
        assert DailySpendingSummaryModel.objects.filter(user=user).count() >= 2
        [batch] = auth_client.get("/api/integrations/import/").json()["results"]
        undo = auth_client.delete(f"/api/integrations/import/{batch['import_id']}/")
        assert undo.status_code == 204
        assert_rollups_exact(user)
        assert not DailySpendingSummaryModel.objects.filter(item_count__gt=0).exists()

    def test_category_rename_and_move(self, frozen, auth_client, user):
        made = auth_client.post(f"{URL}categories/", HOUSING, format="json").json()
        auth_client.post(URL, _body(category="Housing"), format="json")
        url = f"{URL}categories/{made['category_id']}/"
        assert (
            auth_client.patch(url, {"name": "Home"}, format="json").status_code == 200
        )
        assert_rollups_exact(user)
        assert DailySpendingSummaryModel.objects.get(user=user).category == "Home"
        assert auth_client.delete(f"{url}?move_to=utilities").status_code == 204
        assert_rollups_exact(user)

    def test_split_share(self, frozen, auth_client, user):
        made = auth_client.post(URL, _body(amount="90.00"), format="json").json()
        split = auth_client.post(
            f"{URL}{made['expense_id']}/split/",
            {"with": [{"name": "Nia"}, {"name": "Sam"}], "equal": True},
            format="json",
        )
        assert split.status_code == 201, split.json()
        assert_rollups_exact(user)
        day = DailySpendingSummaryModel.objects.get(user=user)
        assert (day.total_mills, day.item_count) == (30000, 1)
        nia = split.json()[0]["lending_id"]
        assert auth_client.delete(f"/api/lending/{nia}/").status_code == 204
        assert_rollups_exact(user)


URL = "/api/expenses/"
HOUSING = {"name": "Housing", "parent": "Utilities", "color": "#3366cc"}


def _body(**changes) -> dict:
    """An expense as the API takes it (this month, at the frozen time)."""
    body = {
        "amount": "12.50",
        "currency": "USD",
        "category": "Travel",
        "vendor": "Uber",
        "transaction_date": "2026-11-20",
    }
    return {**body, **changes}


FIELDS = {
    "amount": st.decimals(
        min_value=Decimal("0.01"), max_value=Decimal("10000"), places=2
    ),
    "currency": st.sampled_from(["USD", "EUR"]),
    "category": st.sampled_from(["Travel", "Health", "Other"]),
    "vendor": st.sampled_from(["", "Uber", "Zara", "uber"]),
    "transaction_date": st.dates(date(2025, 11, 25), date(2026, 2, 5)),
    "expense_type": st.sampled_from(["expense", "refund"]),
}
ITEM = st.fixed_dictionaries(FIELDS)


class RollupMachine(RuleBasedStateMachine):
    """Random writes through ExpenseService; after each, rollups == raw aggregate."""

    def __init__(self) -> None:
        super().__init__()
        self.user = UserFactory()
        self.ids: list[int] = []

    def _active(self) -> list[int]:
        return list(
            ExpenseModel.objects.filter(pk__in=self.ids, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    @rule(data=ITEM)
    def create(self, data: dict) -> None:
        self.ids.append(ExpenseService.create(user=self.user, data=data).pk)

    @rule(items=st.lists(ITEM, min_size=1, max_size=6))
    def bulk_create(self, items: list[dict]) -> None:
        created = ExpenseService.bulk_create(user=self.user, items=items)
        self.ids += [expense.pk for expense in created]

    @precondition(lambda self: self.ids)
    @rule(data=st.data(), changes=st.fixed_dictionaries({}, optional=FIELDS))
    def update(self, data: st.DataObject, changes: dict) -> None:
        active = self._active()
        if active:
            pk = data.draw(st.sampled_from(active))
            ExpenseService.update(user=self.user, pk=pk, data=changes)

    @precondition(lambda self: self.ids)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        active = self._active()
        if active:
            pk = data.draw(st.sampled_from(active))
            ExpenseService.delete(user=self.user, pk=pk)

    @precondition(lambda self: self.ids)
    @rule(data=st.data(), active=st.booleans())
    def set_active(self, data: st.DataObject, active: bool) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.ids), max_size=3))
        ExpenseService.set_active(expense_ids=chosen, active=active)

    @precondition(lambda self: self.ids)
    @rule(data=st.data())
    def purge(self, data: st.DataObject) -> None:
        pk = data.draw(st.sampled_from(self.ids))
        ExpenseService.purge(expense_ids=[pk])
        self.ids.remove(pk)

    @invariant()
    def rollups_equal_the_raw_rows(self) -> None:
        assert_rollups_exact(self.user)


def test_random_writes_keep_the_rollups_exact():
    run_state_machine_as_test(
        RollupMachine,
        settings=settings(
            max_examples=40,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


NOT_POSTGRES = "needs PostgreSQL: SQLite runs one writer at a time, no race to test"


@pytest.mark.skipif(connection.vendor != "postgresql", reason=NOT_POSTGRES)
@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_in_one_month_leave_the_rollup_exact():
    user = UserFactory()
    start = threading.Barrier(20)
    errors: list[BaseException] = []

    def create(n: int) -> None:
        try:
            start.wait()
            ExpenseService.create(user=user, data=_data(amount=Decimal(n)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(1, 21)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    row = MonthlySpendingSummaryModel.objects.get(user=user)
    assert (row.total_mills, row.item_count) == (210000, 20)
    vendor = MonthlyVendorSpendingModel.objects.get(user=user)
    assert (vendor.total_mills, vendor.item_count) == (210000, 20)
    assert_rollups_exact(user)


class TestRebuild:
    def _drift(self, user) -> None:
        ExpenseFactory(user=user, amount=Decimal("3.00"), expense_type="refund")
        ExpenseFactory(user=user, transaction_date=date(2025, 2, 28), vendor="")
        ExpenseFactory(user=user, is_active=False)
        MonthlySpendingSummaryModel.objects.filter(user=user).update(total_mills=999)
        MonthlyVendorSpendingModel.objects.filter(user=user).delete()
        MonthlySpendingSummaryModel.objects.create(
            user=user, month=date(2020, 1, 1), currency="USD", category="Other"
        )
        DailySpendingSummaryModel.objects.filter(user=user).update(item_count=7)
        DailyVendorSpendingModel.objects.filter(user=user).delete()

    def test_rebuild_recomputes_every_user(self, user, other_user):
        self._drift(user)
        self._drift(other_user)
        out = StringIO()
        call_command("rebuild_rollups", stdout=out)
        assert_rollups_exact(user)
        assert_rollups_exact(other_user)
        assert out.getvalue() == (
            "Rebuilt the rollups of 2 user(s): 4 monthly category rows, 2 monthly "
            "vendor rows, 4 daily category rows, 2 daily vendor rows.\n"
        )
        assert not MonthlySpendingSummaryModel.objects.filter(
            month=date(2020, 1, 1)
        ).exists()

    def test_rebuild_of_one_user_leaves_the_others(self, user, other_user):
        self._drift(user)
        self._drift(other_user)
        call_command("rebuild_rollups", "--user", user.username, stdout=StringIO())
        assert_rollups_exact(user)
        assert stored_rollups(other_user) != raw_rollups(other_user)

    def test_unknown_user_is_an_error(self, user):
        with pytest.raises(CommandError, match="No user named 'nobody'."):
            call_command("rebuild_rollups", "--user", "nobody")


def test_a_write_moves_the_rollup_tables_in_one_statement(user):
    from django.test.utils import CaptureQueriesContext

    data = {"amount": Decimal("4.20"), "vendor": "Corner Shop", "category": "Other"}
    for day in (date(2026, 3, 2), date(2026, 3, 9)):  # a new row, then the same row
        with CaptureQueriesContext(connection) as queries:
            ExpenseService.create(user=user, data={**data, "transaction_date": day})
        touching = [
            q["sql"].split()[0]
            for q in queries.captured_queries
            if "monthly_" in q["sql"] or "daily_" in q["sql"]
        ]
        # PostgreSQL sends all four as one statement (three upserts in WITHs),
        # itself sent after the expense's INSERT in the same query string
        postgres = connection.vendor == "postgresql"
        assert touching == (["INSERT"] if postgres else ["INSERT"] * 4)
        if postgres:
            [sent] = [
                q["sql"] for q in queries.captured_queries if "monthly_" in q["sql"]
            ]
            assert sent.startswith('INSERT INTO "expenses"') and "WITH t0 AS" in sent
    row = MonthlySpendingSummaryModel.objects.get(user=user, month=date(2026, 3, 1))
    assert (row.total_mills, row.item_count) == (8400, 2)
    vendor = MonthlyVendorSpendingModel.objects.get(user=user, vendor="Corner Shop")
    assert (vendor.total_mills, vendor.item_count) == (8400, 2)
    days = DailyVendorSpendingModel.objects.filter(user=user).order_by("day")
    assert [(d.day, d.total_mills, d.item_count) for d in days] == [
        (date(2026, 3, 2), 4200, 1),
        (date(2026, 3, 9), 4200, 1),
    ]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_daily_rollups_from_the_stored_rows(make_user):
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets) -> None:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)

    user = make_user()
    migrate([("expenses", "0013_merge_0010_payment_methods_0012_merge_20261207_1428")])
    try:
        ExpenseModel.objects.bulk_create(  # stored before the daily rollups existed
            ExpenseModel(user=user, **_data(**changes))
            for changes in (
                {},
                {"amount": Decimal("4.00"), "expense_type": "refund"},
                {"vendor": "", "transaction_date": date(2026, 11, 11)},
                {"currency": "EUR", "shared_amount": Decimal("2.50")},
            )
        )
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("expenses"))
        daily = stored_rollups(user, daily=True)
        assert daily == raw_rollups(user, daily=True)
        assert daily[0][(date(2026, 11, 10), "USD", "Travel")] == (
            Decimal("6.00"),
            2,
            Decimal("4.00"),
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("expenses"))
