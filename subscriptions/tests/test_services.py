"""SubscriptionService: creation, anchored schedules, price history, status changes,
limits, payments linked to expenses, usage."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from expenses.services import ExpenseService
from mysphere_core.errors import (
    DomainError,
    InvalidInput,
    LimitExceededError,
    NotFoundError,
)
from mysphere_core.events import domain_event
from subscriptions.models import (
    SubscriptionAlertModel,
    SubscriptionModel,
    SubscriptionPaymentModel,
    SubscriptionPriceChangeModel,
)
from subscriptions.payments import expense_category_for
from subscriptions.services import SubscriptionCategoryService, SubscriptionService
from subscriptions.tests.factories import TODAY, CategoryFactory, SubscriptionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _pay(user, sub, **data):
    return SubscriptionService.record_payment(user=user, pk=sub.pk, data=data)


class TestCreate:
    def test_id_is_sub_plus_22_characters(self, user, make_sub):
        sub = make_sub(user)
        other = make_sub(user, name="Spotify")
        assert sub.subscription_id.startswith("SUB")
        assert len(sub.subscription_id) == 25
        assert sub.subscription_id != other.subscription_id

    def test_monthly_cost_of_the_seed(self, user, make_sub):
        sub = make_sub(user, amount=Decimal("9.99"))
        assert sub.monthly_cost == Decimal("9.99")
        sub.billing_cycle = "yearly"
        sub.amount = Decimal("119.88")
        assert sub.monthly_cost == Decimal("119.88") / Decimal("12")
        assert sub.monthly_cost == Decimal("9.99")
        assert sub.yearly_cost == Decimal("119.88")

    def test_currency_defaults_to_the_users(self, make_user, make_sub):
        user = make_user("eve", profile={"currency": "EUR"})
        assert make_sub(user).currency == "EUR"
        assert make_sub(user, currency="GBP").currency == "GBP"

    def test_next_billing_defaults_to_first_anchored_date_after_today(
        self, user, make_sub
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        assert sub.billing_anchor_date == date(2026, 1, 31)
        assert sub.next_billing_date == date(2026, 11, 30)

    def test_a_cycle_due_today_is_the_next_billing_date(self, user, make_sub):
        sub = make_sub(user, start_date=date(2026, 1, 22))
        assert sub.next_billing_date == TODAY
        assert make_sub(user, start_date=TODAY).next_billing_date == TODAY

    def test_create_and_resume_agree_on_a_cycle_due_today(self, user, make_sub):
        sub = make_sub(user, start_date=date(2026, 1, 22))
        SubscriptionService.pause(user=user, pk=sub.pk)
        resumed = SubscriptionService.resume(user=user, pk=sub.pk)
        assert resumed.next_billing_date == sub.next_billing_date == TODAY

    def test_resume_keeps_prepaid_cycles(self, user, make_sub):
        sub = make_sub(user, start_date=date(2026, 11, 1))
        assert sub.next_billing_date == date(2026, 12, 1)
        for month in (date(2026, 12, 1), date(2027, 1, 1)):  # paid ahead
            SubscriptionService.record_payment(
                user=user, pk=sub.pk, data={"due_date": month}
            )
        SubscriptionService.pause(user=user, pk=sub.pk)
        resumed = SubscriptionService.resume(user=user, pk=sub.pk)
        assert resumed.next_billing_date == date(2027, 2, 1)
        payment = SubscriptionService.record_payment(
            user=user, pk=sub.pk, data={"due_date": date(2027, 2, 1)}
        )
        assert payment.due_date == date(2027, 2, 1)

    def test_resume_skips_paid_cycles_after_today(self, user, make_sub):
        sub = make_sub(user, start_date=date(2026, 11, 1))
        SubscriptionService.record_payment(user=user, pk=sub.pk, data={})
        sub.refresh_from_db()
        # An overdue date from before the pause: resume counts from today, but the
        # cycle of Dec 1 is paid already, so billing resumes on Jan 1.
        type(sub).objects.filter(pk=sub.pk).update(next_billing_date=date(2026, 11, 1))
        SubscriptionService.pause(user=user, pk=sub.pk)
        resumed = SubscriptionService.resume(user=user, pk=sub.pk)
        assert resumed.next_billing_date == date(2027, 1, 1)

    def test_resume_after_a_long_pause_starts_from_today(self, user, make_sub, frozen):
        sub = make_sub(user, start_date=date(2026, 11, 1))
        SubscriptionService.record_payment(user=user, pk=sub.pk, data={})
        SubscriptionService.pause(user=user, pk=sub.pk)
        frozen.move_to("2027-03-10 12:00:00")
        resumed = SubscriptionService.resume(user=user, pk=sub.pk)
        assert resumed.next_billing_date == date(2027, 4, 1)

    def test_future_start_is_the_first_billing_date(self, user, make_sub):
        sub = make_sub(user, start_date=date(2026, 12, 5))
        assert sub.next_billing_date == date(2026, 12, 5)

    def test_given_next_on_the_start_series_keeps_the_start_anchor(
        self, user, make_sub
    ):
        sub = make_sub(
            user, start_date=date(2026, 1, 31), next_billing_date=date(2026, 2, 28)
        )
        assert sub.billing_anchor_date == date(2026, 1, 31)
        _pay(user, sub)
        sub.refresh_from_db()
        assert sub.next_billing_date == date(2026, 3, 31)

    def test_given_next_off_the_series_becomes_the_anchor(self, user, make_sub):
        sub = make_sub(
            user, start_date=date(2026, 11, 3), next_billing_date=date(2026, 11, 15)
        )
        assert sub.billing_anchor_date == date(2026, 11, 15)
        _pay(user, sub)
        sub.refresh_from_db()
        assert sub.next_billing_date == date(2026, 12, 15)

    def test_trial_bills_first_at_its_end(self, user, make_sub):
        sub = make_sub(
            user,
            start_date=TODAY,
            is_trial=True,
            trial_end_date=date(2026, 12, 6),
        )
        assert sub.next_billing_date == date(2026, 12, 6)
        assert sub.billing_anchor_date == date(2026, 12, 6)

    def test_leap_day_yearly_subscription(self, user, make_sub):
        sub = make_sub(user, billing_cycle="yearly", start_date=date(2024, 2, 29))
        assert sub.next_billing_date == date(2027, 2, 28)
        _pay(user, sub)
        sub.refresh_from_db()
        assert sub.next_billing_date == date(2028, 2, 29)

    def test_custom_cycle_days_dropped_for_other_cycles(self, user, make_sub):
        sub = make_sub(user, custom_cycle_days=12)
        assert sub.custom_cycle_days is None

    def test_limit_per_user(self, user, other_user, make_sub, settings):
        settings.MAX_SUBSCRIPTIONS_PER_USER = 2
        first = make_sub(user)
        make_sub(user)
        with pytest.raises(LimitExceededError) as exc:
            make_sub(user)
        assert "at most 2 subscriptions" in str(exc.value.detail)
        make_sub(other_user)  # the limit is per user
        SubscriptionService.delete(user=user, pk=first.pk)
        make_sub(user)  # deleted ones do not count

    def test_category_of_another_user_is_refused(self, user, other_user, make_sub):
        theirs = CategoryFactory(user=other_user)
        with pytest.raises(InvalidInput) as exc:
            make_sub(user, category_id=theirs.pk)
        assert exc.value.detail == {
            "category_id": [f"You have no category with id {theirs.pk}."]
        }


class TestUpdate:
    def test_amount_change_writes_price_history_and_alert(self, user, make_sub):
        sub = make_sub(user, amount=Decimal("15.99"))
        SubscriptionService.update(
            user=user, pk=sub.pk, data={"amount": Decimal("17.99")}
        )
        SubscriptionService.update(
            user=user, pk=sub.pk, data={"amount": Decimal("16.99")}
        )
        SubscriptionService.update(
            user=user, pk=sub.pk, data={"name": "Netflix Standard"}
        )
        history = list(
            SubscriptionPriceChangeModel.objects.filter(subscription=sub).order_by("id")
        )
        assert [(h.old_amount, h.new_amount) for h in history] == [
            (Decimal("15.99"), Decimal("17.99")),
            (Decimal("17.99"), Decimal("16.99")),
        ]
        assert all(h.effective_date == TODAY for h in history)
        alerts = SubscriptionAlertModel.objects.filter(
            subscription=sub, alert_type="price_increase"
        )
        assert alerts.count() == 1
        assert alerts.get().message == (
            "Netflix now costs 17.99 USD instead of 15.99 USD (+12.5%)."
        )

    def test_cycle_change_keeps_what_is_paid(self, user, make_sub):
        sub = make_sub(user, start_date=date(2026, 1, 10))
        assert sub.next_billing_date == date(2026, 12, 10)
        sub = SubscriptionService.update(
            user=user, pk=sub.pk, data={"billing_cycle": "quarterly"}
        )
        assert sub.next_billing_date == date(2027, 1, 10)

    def test_other_users_subscription_is_not_found(self, user, other_user, make_sub):
        sub = make_sub(user)
        with pytest.raises(NotFoundError):
            SubscriptionService.update(user=other_user, pk=sub.pk, data={"name": "x"})


class TestTransitions:
    def test_pause_resume_cancel_write_status_alerts(self, user, make_sub):
        sub = make_sub(user)
        SubscriptionService.pause(user=user, pk=sub.pk)
        SubscriptionService.resume(user=user, pk=sub.pk)
        sub = SubscriptionService.cancel(user=user, pk=sub.pk)
        assert sub.status == "cancelled"
        assert sub.end_date == TODAY
        assert sub.cancelled_at is not None
        titles = list(
            SubscriptionAlertModel.objects.filter(
                subscription=sub, alert_type="status_change"
            )
            .order_by("id")
            .values_list("title", flat=True)
        )
        assert titles == ["Netflix paused", "Netflix resumed", "Netflix cancelled"]

    def test_resume_moves_next_billing_to_first_anchored_date_from_today(
        self, user, make_sub
    ):
        sub = make_sub(
            user, start_date=date(2026, 1, 31), next_billing_date=date(2026, 3, 31)
        )
        SubscriptionService.pause(user=user, pk=sub.pk)
        sub = SubscriptionService.resume(user=user, pk=sub.pk)
        assert sub.next_billing_date == date(2026, 11, 30)
        assert sub.status == "active"

    @pytest.mark.parametrize(
        "first, then, message",
        [
            (None, "resume", "Only a subscription that is paused can be resumed"),
            ("cancel", "pause", "Only a subscription that is active can be paused"),
            ("cancel", "cancel", "active or paused can be cancelled"),
        ],
    )
    def test_invalid_transitions(self, user, make_sub, first, then, message):
        sub = make_sub(user)
        if first:
            getattr(SubscriptionService, first)(user=user, pk=sub.pk)
        with pytest.raises(DomainError) as exc:
            getattr(SubscriptionService, then)(user=user, pk=sub.pk)
        assert message in str(exc.value.detail)
        assert exc.value.code == "invalid_transition"

    def test_cancel_with_an_end_date(self, user, make_sub):
        sub = make_sub(user)
        sub = SubscriptionService.cancel(
            user=user, pk=sub.pk, end_date=date(2026, 12, 9)
        )
        assert sub.end_date == date(2026, 12, 9)


class TestPayments:
    def test_paid_payment_advances_and_creates_one_linked_expense(self, user, make_sub):
        category = SubscriptionCategoryService.create(
            user=user, data={"name": "Streaming"}
        )
        sub = make_sub(user, start_date=date(2026, 1, 31), category_id=category.pk)
        assert sub.next_billing_date == date(2026, 11, 30)
        payment = _pay(user, sub)
        sub.refresh_from_db()
        assert sub.next_billing_date == date(2026, 12, 31)
        assert payment.due_date == date(2026, 11, 30)
        assert payment.payment_date == TODAY
        assert payment.amount == Decimal("15.99")
        expense = ExpenseService.get_for(user=user, pk=payment.expense_id)
        assert expense.amount == Decimal("15.99")
        assert expense.category == "Entertainment"
        assert expense.vendor == "Netflix"
        assert expense.payment_method == "card"
        assert expense.source_ref == f"subscriptions/{sub.pk}/payments/{payment.pk}"
        assert sub.pk in expense.raw_text
        assert ExpenseService.queryset_for(user=user).count() == 1

    def test_paying_the_same_cycle_twice_is_refused(self, user, make_sub):
        sub = make_sub(user)
        first = _pay(user, sub)
        with pytest.raises(DomainError) as exc:
            _pay(user, sub, due_date=first.due_date)
        assert exc.value.code == "already_paid"
        assert ExpenseService.queryset_for(user=user).count() == 1
        assert SubscriptionPaymentModel.objects.filter(subscription=sub).count() == 1

    def test_database_holds_one_paid_payment_per_cycle(self, user, make_sub):
        sub = make_sub(user)
        payment = _pay(user, sub, create_expense=False)
        with pytest.raises(IntegrityError), transaction.atomic():
            SubscriptionPaymentModel.objects.create(
                subscription=sub,
                amount=Decimal("1"),
                currency="USD",
                payment_date=TODAY,
                due_date=payment.due_date,
                status="paid",
                payment_method="card",
            )

    def test_future_cycles_cannot_be_paid_first(self, user, make_sub):
        sub = make_sub(user)
        with pytest.raises(InvalidInput) as exc:
            _pay(user, sub, due_date=sub.next_billing_date + timedelta(days=31))
        assert "due_date" in exc.value.detail

    def test_pending_payment_neither_advances_nor_creates_an_expense(
        self, user, make_sub
    ):
        sub = make_sub(user)
        before = sub.next_billing_date
        payment = _pay(user, sub, status="pending")
        sub.refresh_from_db()
        assert sub.next_billing_date == before
        assert payment.expense_id is None
        assert not ExpenseService.queryset_for(user=user).exists()

    def test_create_expense_false(self, user, make_sub):
        sub = make_sub(user)
        payment = _pay(user, sub, create_expense=False)
        assert payment.expense_id is None
        assert not ExpenseService.queryset_for(user=user).exists()

    def test_expense_refusal_rolls_everything_back(self, user, make_sub):
        sub = make_sub(user, amount=Decimal("25000.00"))
        before = sub.next_billing_date
        with pytest.raises(InvalidInput) as exc:
            _pay(user, sub)
        assert "create_expense: false" in str(exc.value.detail["create_expense"][0])
        sub.refresh_from_db()
        assert sub.next_billing_date == before
        assert not SubscriptionPaymentModel.objects.exists()

    def test_expense_cannot_be_deleted_behind_the_payments_back(self, user, make_sub):
        payment = _pay(user, make_sub(user))
        with pytest.raises(DomainError) as exc:
            ExpenseService.delete(user=user, pk=payment.expense_id)
        assert exc.value.code == "linked_expense"

    def test_deleting_the_payment_deletes_its_expense_and_reopens_the_cycle(
        self, user, make_sub
    ):
        sub = make_sub(user)
        due = sub.next_billing_date
        payment = _pay(user, sub)
        SubscriptionService.delete_payment(user=user, pk=sub.pk, payment_id=payment.pk)
        sub.refresh_from_db()
        assert sub.next_billing_date == due
        with pytest.raises(NotFoundError):
            ExpenseService.get_for(user=user, pk=payment.expense_id)
        _pay(user, sub)  # the cycle can be paid again

    def test_paypal_stays_paypal_and_software_maps_to_utilities(self, user, make_sub):
        category = SubscriptionCategoryService.create(
            user=user, data={"name": "Cloud Storage"}
        )
        sub = make_sub(
            user, name="Dropbox", payment_method="paypal", category_id=category.pk
        )
        expense = ExpenseService.get_for(user=user, pk=_pay(user, sub).expense_id)
        assert (expense.payment_method, expense.category) == ("paypal", "Utilities")


@pytest.mark.parametrize(
    "category, name, expected",
    [
        ("Streaming", "X", "Entertainment"),
        ("Music", "X", "Entertainment"),
        ("Gaming", "X", "Entertainment"),
        ("Video", "X", "Entertainment"),
        ("Software", "X", "Utilities"),
        ("Cloud Storage", "X", "Utilities"),
        ("Internet", "X", "Utilities"),
        ("Mobile Phone", "X", "Utilities"),
        ("Fitness", "X", "Health"),
        ("Gym", "X", "Health"),
        ("Online Courses", "X", "Education"),
        ("Learning", "X", "Education"),
        ("Meal kits", "X", "Food & Dining"),
        ("News", "X", "Other"),
        (None, "Spotify", "Entertainment"),
        (None, "Corner shop box", "Other"),
    ],
)
def test_expense_category_mapping(category, name, expected):
    sub = SubscriptionFactory.build(name=name, provider=name)
    if category:
        sub.category = CategoryFactory.build(name=category)
    assert expense_category_for(sub) == expected


class TestUsage:
    def test_log_usage_and_monthly_limit_alert(self, user, make_sub):
        sub = make_sub(user, usage_tracking={"monthly_limit": 3})
        for _ in range(2):
            SubscriptionService.log_usage(user=user, pk=sub.pk, data={"usage_count": 1})
        assert not SubscriptionAlertModel.objects.filter(alert_type="usage_limit")
        SubscriptionService.log_usage(user=user, pk=sub.pk, data={"usage_count": 1})
        SubscriptionService.log_usage(user=user, pk=sub.pk, data={"usage_count": 2})
        alert = SubscriptionAlertModel.objects.get(alert_type="usage_limit")
        assert alert.message == "You used Netflix 5 times this month; your limit is 3."

    def test_future_usage_is_refused(self, user, make_sub):
        sub = make_sub(user)
        with pytest.raises(InvalidInput):
            SubscriptionService.log_usage(
                user=user,
                pk=sub.pk,
                data={"usage_date": TODAY + timedelta(days=1)},
            )


class TestCategories:
    def test_names_unique_per_user_in_any_case(self, user, other_user, frozen):
        SubscriptionCategoryService.create(user=user, data={"name": "Streaming"})
        with pytest.raises(InvalidInput) as exc:
            SubscriptionCategoryService.create(user=user, data={"name": "streaming "})
        assert exc.value.detail == {
            "name": ["You already have a category named 'streaming'."]
        }
        SubscriptionCategoryService.create(user=other_user, data={"name": "Streaming"})

    def test_deleting_a_category_uncategorises_its_subscriptions(self, user, make_sub):
        category = SubscriptionCategoryService.create(user=user, data={"name": "Music"})
        sub = make_sub(user, category_id=category.pk)
        SubscriptionCategoryService.delete(user=user, pk=category.pk)
        sub.refresh_from_db()
        assert sub.category is None
        again = SubscriptionCategoryService.create(user=user, data={"name": "Music"})
        assert again.pk != category.pk

    def test_soft_deleted_subscription_stays_in_the_database(self, user, make_sub):
        sub = make_sub(user)
        SubscriptionService.delete(user=user, pk=sub.pk)
        assert SubscriptionModel.objects.filter(pk=sub.pk, is_active=False).exists()


class TestEvents:
    @pytest.fixture
    def heard(self):
        """The domain events sent (after their commits) while the test runs."""
        names = []

        def listen(sender, event, **kwargs):
            names.append((event.name, event.payload))

        domain_event.connect(listen, dispatch_uid="test-subscription-events")
        yield names
        domain_event.disconnect(dispatch_uid="test-subscription-events")

    def test_every_write_announces_its_event(self, user, make_sub, heard):
        sub = make_sub(user)
        SubscriptionService.update(
            user=user, pk=sub.pk, data={"amount": Decimal("17.99")}
        )
        payment = _pay(user, sub, create_expense=False)
        SubscriptionService.log_usage(user=user, pk=sub.pk, data={})
        SubscriptionService.delete_payment(user=user, pk=sub.pk, payment_id=payment.pk)
        SubscriptionService.pause(user=user, pk=sub.pk)
        SubscriptionService.delete(user=user, pk=sub.pk)
        assert [name for name, _ in heard] == [
            "subscription.created",
            "subscription.updated",
            "subscription.price_changed",
            "subscription.alert_raised",
            "subscription.payment_recorded",
            "subscription.usage_logged",
            "subscription.payment_deleted",
            "subscription.alert_raised",
            "subscription.status_changed",
            "subscription.deleted",
        ]
        assert heard[1][1] == {"subscription_id": sub.pk, "fields": ["amount"]}
        assert heard[2][1] == {
            "subscription_id": sub.pk,
            "old_amount": "15.99",
            "old_currency": "USD",
            "amount": "17.99",
            "currency": "USD",
        }
        assert heard[8][1] == {
            "subscription_id": sub.pk,
            "status": "paused",
            "previous_status": "active",
        }

    def test_a_refused_write_announces_nothing(self, user, make_sub, heard):
        sub = make_sub(user)
        heard.clear()
        with pytest.raises(InvalidInput):
            SubscriptionService.update(
                user=user, pk=sub.pk, data={"billing_cycle": "custom"}
            )
        assert heard == []
