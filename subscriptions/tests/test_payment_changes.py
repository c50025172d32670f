"""Correcting payments (PATCH payments/{id}/) and refunding them (POST .../refund/):
the linked expenses follow in the same transaction, the next billing date stays
right, other users' payments are 404, and the events say what happened."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from mysphere_core import events
from subscriptions.models import SubscriptionModel, SubscriptionPaymentModel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/subscriptions/"


def _detail(sub, suffix=""):
    return f"{URL}{sub.pk}/{suffix}"


def _pay(client, sub, **body):
    resp = client.post(_detail(sub, "payments/"), body, format="json")
    assert resp.status_code == 201, resp.json()
    return resp.json()["payment"]


def _patch(client, sub, payment, body):
    return client.patch(
        _detail(sub, f"payments/{payment['payment_id']}/"), body, format="json"
    )


def _refund(client, sub, payment, body=None):
    return client.post(
        _detail(sub, f"payments/{payment['payment_id']}/refund/"),
        body or {},
        format="json",
    )


@pytest.fixture
def announced(monkeypatch):
    """Every event announced: (name, payload)."""
    seen = []
    original = events.announce

    def spy(name, /, **payload):
        seen.append((name, {k: v for k, v in payload.items() if k != "user"}))
        return original(name, **payload)

    monkeypatch.setattr(events, "announce", spy)
    return seen


class TestCorrections:
    def test_amount_date_and_notes_correct_the_linked_expense(
        self, auth_client, user, make_sub, announced
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        payment = _pay(auth_client, sub)
        resp = _patch(
            auth_client,
            sub,
            payment,
            {"amount": "17.49", "payment_date": "2026-11-20", "notes": "HD plan"},
        )
        assert resp.status_code == 200, resp.json()
        body = resp.json()
        assert body["payment"]["amount"] == "17.49"
        assert body["payment"]["payment_date"] == "2026-11-20"
        assert body["payment"]["notes"] == "HD plan"
        assert body["payment"]["expense_id"] == payment["expense_id"]
        assert body["subscription"]["next_billing_date"] == "2026-12-31"
        expense = ExpenseService.get_for(user=user, pk=payment["expense_id"])
        assert (expense.amount, expense.transaction_date) == (
            Decimal("17.49"),
            date(2026, 11, 20),
        )
        assert (
            "subscription.payment_updated",
            {
                "subscription_id": sub.pk,
                "payment_id": payment["payment_id"],
                "fields": ["amount", "payment_date", "notes"],
                "amount": "17.49",
                "currency": "USD",
                "due_date": "2026-11-30",
                "status": "paid",
            },
        ) in announced

    def test_same_validation_as_recording(self, auth_client, user, make_sub):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        payment = _pay(auth_client, sub)
        cases = [
            ({"amount": "0"}, {"amount": ["Amount must be greater than 0."]}),
            (
                {"payment_date": "2026-11-23"},
                {"payment_date": ["A paid payment cannot be dated in the future."]},
            ),
            (
                {"due_date": "2026-05-15"},
                {
                    "due_date": [
                        "2026-05-15 is not a billing date of Netflix; the nearest "
                        "billing dates are 2026-04-30 and 2026-05-31."
                    ]
                },
            ),
            (
                {"due_date": "2026-12-31"},
                {
                    "due_date": [
                        "The next cycle to pay is due on 2026-11-30; later cycles "
                        "cannot be paid before it."
                    ]
                },
            ),
            (
                {"notes": "x" * 2001},
                {"notes": ["Ensure this field has no more than 2000 characters."]},
            ),
            (
                {"status": "refunded"},
                {
                    "status": [
                        '"refunded" is not a valid payment status. Use one of: '
                        "paid, pending, failed."
                    ]
                },
            ),
        ]
        for body, errors in cases:
            resp = _patch(auth_client, sub, payment, body)
            assert (resp.status_code, resp.json()) == (400, errors), body
        stored = SubscriptionPaymentModel.objects.get(pk=payment["payment_id"])
        assert (stored.amount, stored.due_date) == (
            Decimal("15.99"),
            date(2026, 11, 30),
        )
        assert SubscriptionModel.objects.get(pk=sub.pk).next_billing_date == date(
            2026, 12, 31
        )

    def test_an_older_paid_cycle_is_still_already_paid(
        self, auth_client, user, make_sub
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        first = _pay(auth_client, sub, due_date="2026-10-31")
        _pay(auth_client, sub, due_date="2026-11-30")
        resp = _patch(auth_client, sub, first, {"due_date": "2026-11-30"})
        assert resp.status_code == 400
        assert resp.json() == {
            "detail": "The cycle of Netflix due on 2026-11-30 is already paid.",
            "code": "already_paid",
        }

    def test_moving_the_due_date_keeps_the_next_billing_date_right(
        self, auth_client, user, make_sub
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        payment = _pay(auth_client, sub)
        resp = _patch(auth_client, sub, payment, {"due_date": "2026-10-31"})
        assert resp.status_code == 200, resp.json()
        # The cycle of Nov 30 is unpaid again; the one of Oct 31 is paid.
        assert resp.json()["subscription"]["next_billing_date"] == "2026-11-30"
        expense = ExpenseService.get_for(user=user, pk=payment["expense_id"])
        assert "cycle due 2026-10-31" in expense.notes
        # Checked as if deleted and recorded again: with it taken out, Oct 31 is
        # the cycle to pay, so it cannot move to Nov 30 before Oct 31 is paid.
        back = _patch(auth_client, sub, payment, {"due_date": "2026-11-30"})
        assert (back.status_code, back.json()) == (
            400,
            {
                "due_date": [
                    "The next cycle to pay is due on 2026-10-31; later cycles "
                    "cannot be paid before it."
                ]
            },
        )
        assert _pay(auth_client, sub, due_date="2026-11-30")["due_date"] == "2026-11-30"
        sub.refresh_from_db()
        assert sub.next_billing_date == date(2026, 12, 31)

    def test_status_changes_move_the_date_and_the_expense(
        self, auth_client, user, make_sub
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        payment = _pay(auth_client, sub)
        failed = _patch(auth_client, sub, payment, {"status": "failed"})
        assert failed.status_code == 200, failed.json()
        assert failed.json()["payment"]["expense_id"] is None
        assert failed.json()["subscription"]["next_billing_date"] == "2026-11-30"
        assert not ExpenseService.queryset_for(user=user).exists()
        paid = _patch(auth_client, sub, payment, {"status": "paid"})
        assert paid.json()["subscription"]["next_billing_date"] == "2026-12-31"
        expense_id = paid.json()["payment"]["expense_id"]
        expense = ExpenseService.get_for(user=user, pk=expense_id)
        assert (
            expense.source_ref
            == f"subscriptions/{sub.pk}/payments/{payment['payment_id']}"
        )
        assert expense.amount == Decimal("15.99")

    def test_a_refused_expense_writes_nothing(
        self, auth_client, user, make_sub, settings
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        payment = _pay(auth_client, sub)
        settings.MONEY_LIMITS = {**settings.MONEY_LIMITS, "expense": Decimal("100")}
        resp = _patch(auth_client, sub, payment, {"amount": "150.00"})
        assert resp.status_code == 400
        assert list(resp.json()) == ["amount"]
        assert resp.json()["amount"][0].startswith(
            "The linked expense could not be changed to match (amount: "
        )
        stored = SubscriptionPaymentModel.objects.get(pk=payment["payment_id"])
        assert stored.amount == Decimal("15.99")


class TestRefunds:
    def test_full_refund_records_a_refund_expense_and_reopens_the_cycle(
        self, auth_client, user, make_sub, announced
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        payment = _pay(auth_client, sub)
        resp = _refund(auth_client, sub, payment, {"reason": "Charged twice"})
        assert resp.status_code == 200, resp.json()
        body = resp.json()["payment"]
        assert body["status"] == "refunded"
        assert (body["refunded_amount"], body["refund_date"]) == ("15.99", "2026-11-22")
        assert body["refund_reason"] == "Charged twice"
        assert resp.json()["subscription"]["next_billing_date"] == "2026-11-30"
        refund = ExpenseService.get_for(user=user, pk=body["refund_expense_id"])
        assert refund.expense_type == ExpenseModel.ExpenseType.REFUND
        assert refund.amount == Decimal("15.99")
        assert refund.source_ref == payment_source(sub, payment)
        assert refund.notes.endswith(": Charged twice")
        assert (
            "subscription.payment_refunded",
            {
                "subscription_id": sub.pk,
                "payment_id": payment["payment_id"],
                "amount": "15.99",
                "currency": "USD",
                "refund_date": "2026-11-22",
                "status": "refunded",
            },
        ) in announced
        # The cycle can be paid again; deleting the payment takes both expenses.
        assert _pay(auth_client, sub)["due_date"] == "2026-11-30"
        path = _detail(sub, f"payments/{payment['payment_id']}/")
        assert auth_client.delete(path).status_code == 204
        assert (
            not ExpenseService.queryset_for(user=user)
            .filter(pk__in=[payment["expense_id"], body["refund_expense_id"]])
            .exists()
        )

    def test_partial_refund_keeps_the_cycle_paid_and_nets_the_analytics(
        self, auth_client, user, make_sub
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        payment = _pay(auth_client, sub, payment_date="2026-11-20")
        resp = _refund(
            auth_client, sub, payment, {"amount": "5.00", "refund_date": "2026-11-21"}
        )
        assert resp.status_code == 200, resp.json()
        assert resp.json()["payment"]["status"] == "partially_refunded"
        assert resp.json()["subscription"]["next_billing_date"] == "2026-12-31"
        again = auth_client.post(
            _detail(sub, "payments/"), {"due_date": "2026-11-30"}, format="json"
        )
        assert again.json()["code"] == "already_paid"
        analytics = auth_client.get(f"{URL}analytics/").json()
        assert analytics["lifetime_spent"][0]["total_spent"] == [
            {"currency": "USD", "total": "10.99"}
        ]
        twice = _refund(auth_client, sub, payment)
        assert (twice.status_code, twice.json()) == (
            400,
            {
                "detail": "Only a paid payment can be refunded; this one is "
                "partially_refunded.",
                "code": "not_refundable",
            },
        )
        locked = _patch(auth_client, sub, payment, {"amount": "20.00", "notes": "ok"})
        assert locked.json() == {
            "amount": [
                "This payment has been refunded; delete it and record it again to "
                "change its amount."
            ]
        }
        assert _patch(auth_client, sub, payment, {"notes": "ok"}).status_code == 200

    def test_refund_validation(self, auth_client, user, make_sub):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        payment = _pay(auth_client, sub, payment_date="2026-11-20")
        cases = [
            (
                {"amount": "16.00"},
                {"amount": ["A refund cannot be more than the payment (15.99 USD)."]},
            ),
            (
                {"refund_date": "2026-11-23"},
                {"refund_date": ["A refund cannot be dated in the future."]},
            ),
            (
                {"refund_date": "2026-11-19"},
                {
                    "refund_date": [
                        "A refund cannot be dated before the payment (2026-11-20)."
                    ]
                },
            ),
            (
                {"reason": "r" * 501},
                {"reason": ["Ensure this field has no more than 500 characters."]},
            ),
        ]
        for body, errors in cases:
            resp = _refund(auth_client, sub, payment, body)
            assert (resp.status_code, resp.json()) == (400, errors), body
        pending = _pay(auth_client, sub, status="pending", due_date="2026-10-31")
        resp = _refund(auth_client, sub, pending)
        assert resp.json()["code"] == "not_refundable"
        assert not ExpenseModel.objects.filter(expense_type="refund").exists()

    def test_refund_of_a_payment_without_expense_records_none(
        self, auth_client, user, make_sub
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        payment = _pay(auth_client, sub, create_expense=False)
        resp = _refund(auth_client, sub, payment, {"amount": "1.00"})
        assert resp.json()["payment"]["refund_expense_id"] is None
        assert not ExpenseModel.objects.exists()


def payment_source(sub, payment):
    return f"subscriptions/{sub.pk}/payments/{payment['payment_id']}"


@pytest.mark.parametrize(
    "method, suffix", [("patch", ""), ("post", "refund/"), ("delete", "")]
)
def test_another_users_payment_is_404(
    auth_client, other_client, user, other_user, make_sub, method, suffix
):
    theirs = make_sub(other_user)
    their_payment = _pay(other_client, theirs)
    mine = make_sub(user, name="Mine")
    # Their payment under my subscription, and under theirs: both 404.
    for sub in (mine, theirs):
        path = _detail(sub, f"payments/{their_payment['payment_id']}/{suffix}")
        resp = getattr(auth_client, method)(path, {"notes": "mine"}, format="json")
        assert resp.status_code == 404
        assert resp.json()["code"] == "not_found"
    stored = SubscriptionPaymentModel.objects.get(pk=their_payment["payment_id"])
    assert (stored.notes, stored.status, stored.is_active) == ("", "paid", True)
