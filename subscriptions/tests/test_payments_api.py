"""The payments and usage routes of /api/subscriptions/: paying cycles (mirrored as
expenses), deleting payments, logging usage, price history."""

from datetime import date

import pytest

from expenses.services import ExpenseService

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/subscriptions/"


def _detail(sub, suffix=""):
    return f"{URL}{sub.pk}/{suffix}"


class TestPayments:
    def test_payment_advances_and_creates_linked_expense(
        self, auth_client, user, make_sub
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        resp = auth_client.post(_detail(sub, "payments/"), {}, format="json")
        assert resp.status_code == 201, resp.json()
        body = resp.json()
        assert body["payment"]["due_date"] == "2026-11-30"
        assert body["payment"]["amount"] == "15.99"
        assert body["payment"]["status"] == "paid"
        assert body["subscription"]["next_billing_date"] == "2026-12-31"
        expense_id = body["payment"]["expense_id"]
        expense = ExpenseService.get_for(user=user, pk=expense_id)
        assert (
            expense.source_ref
            == f"subscriptions/{sub.pk}/payments/{body['payment']['payment_id']}"
        )

        again = auth_client.post(
            _detail(sub, "payments/"), {"due_date": "2026-11-30"}, format="json"
        )
        assert again.status_code == 400
        assert again.json() == {
            "detail": "The cycle of Netflix due on 2026-11-30 is already paid.",
            "code": "already_paid",
        }
        listing = auth_client.get(_detail(sub, "payments/")).json()
        assert listing["count"] == 1
        assert ExpenseService.queryset_for(user=user).count() == 1

    def test_a_cycle_cannot_be_paid_twice_under_other_dates(
        self, auth_client, user, make_sub
    ):
        sub = make_sub(user, start_date=date(2026, 1, 31))
        url = _detail(sub, "payments/")
        off = auth_client.post(url, {"due_date": "2026-05-15"}, format="json")
        assert off.status_code == 400
        assert off.json() == {
            "due_date": [
                "2026-05-15 is not a billing date of Netflix; the nearest billing "
                "dates are 2026-04-30 and 2026-05-31."
            ]
        }
        assert auth_client.post(url, {}, format="json").status_code == 201
        again = auth_client.post(url, {"due_date": "2026-11-29"}, format="json")
        assert again.status_code == 400
        assert again.json() == {
            "due_date": [
                "2026-11-29 is not a billing date of Netflix; the nearest billing "
                "dates are 2026-10-31 and 2026-11-30."
            ]
        }
        assert auth_client.post(
            url, {"due_date": "2026-05-31"}, format="json"
        ).status_code == (201)
        assert auth_client.get(url).json()["count"] == 2
        assert ExpenseService.queryset_for(user=user).count() == 2

    def test_expenses_api_refuses_to_orphan_the_payment(
        self, auth_client, user, make_sub
    ):
        sub = make_sub(user)
        payment = auth_client.post(_detail(sub, "payments/"), {}, format="json").json()[
            "payment"
        ]
        resp = auth_client.delete(f"/api/expenses/{payment['expense_id']}/")
        assert resp.status_code == 400
        assert resp.json() == {
            "detail": f"This expense was recorded by subscriptions/{sub.pk}/payments/"
            f"{payment['payment_id']}; delete it there instead.",
            "code": "linked_expense",
        }
        assert auth_client.get(_detail(sub, "payments/")).json()["count"] == 1

    def test_delete_payment(self, auth_client, user, make_sub):
        sub = make_sub(user)
        payment = auth_client.post(_detail(sub, "payments/"), {}, format="json").json()[
            "payment"
        ]
        resp = auth_client.delete(_detail(sub, f"payments/{payment['payment_id']}/"))
        assert resp.status_code == 204
        assert auth_client.get(_detail(sub, "payments/")).json()["count"] == 0
        assert not ExpenseService.queryset_for(user=user).exists()
        missing = auth_client.delete(_detail(sub, "payments/999999/"))
        assert missing.status_code == 404

    def test_payment_of_a_deleted_subscription_can_still_be_deleted(
        self, auth_client, other_client, user, make_sub
    ):
        sub = make_sub(user)
        payment = auth_client.post(_detail(sub, "payments/"), {}, format="json").json()[
            "payment"
        ]
        assert auth_client.delete(_detail(sub)).status_code == 204
        assert auth_client.get(_detail(sub, "payments/")).status_code == 404
        path = _detail(sub, f"payments/{payment['payment_id']}/")
        assert other_client.delete(path).status_code == 404
        assert auth_client.delete(path).status_code == 204
        assert not ExpenseService.queryset_for(user=user).exists()

    def test_record_only_and_validation(self, auth_client, user, make_sub):
        sub = make_sub(user)
        resp = auth_client.post(
            _detail(sub, "payments/"),
            {"create_expense": False, "amount": "14.00", "transaction_id": "tx-1"},
            format="json",
        )
        assert resp.json()["payment"]["expense_id"] is None
        assert resp.json()["payment"]["amount"] == "14.00"
        bad = auth_client.post(
            _detail(sub, "payments/"), {"amount": "-1", "status": "x"}, format="json"
        )
        assert bad.status_code == 400
        assert set(bad.json()) == {"amount", "status"}


class TestUsage:
    def test_log_and_list_usage(self, auth_client, user, make_sub):
        sub = make_sub(user)
        resp = auth_client.post(
            _detail(sub, "usage/"),
            {"usage_count": 2, "usage_duration": "01:30:00", "notes": "movie night"},
            format="json",
        )
        assert resp.status_code == 201, resp.json()
        assert resp.json()["usage_date"] == "2026-11-22"
        assert resp.json()["usage_duration"] == "01:30:00"
        for _ in range(5):
            auth_client.post(_detail(sub, "usage/"), {}, format="json")
        body = auth_client.get(_detail(sub, "usage/")).json()
        assert body["count"] == 6
        future = auth_client.post(
            _detail(sub, "usage/"), {"usage_date": "2026-12-01"}, format="json"
        )
        assert future.status_code == 400
        assert future.json() == {
            "usage_date": ["Usage cannot be logged for a future date."]
        }

    def test_price_history_is_newest_first(self, auth_client, user, make_sub):
        sub = make_sub(user)
        for amount in ("16.99", "17.99", "18.99"):
            auth_client.patch(_detail(sub), {"amount": amount}, format="json")
        body = auth_client.get(_detail(sub, "price_history/")).json()
        assert [r["new_amount"] for r in body["results"]] == [
            "18.99",
            "17.99",
            "16.99",
        ]
