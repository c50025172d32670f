"""One week of a new user, across features, on a frozen clock with the real
scheduler tasks: a custom Housing category and the rent in it, a reminder that
fires, subscription alerts in the one inbox, a manual subscription paid with a
double tap and an offline retry of the same key, an auto-renewing one that pays
itself, a split dinner, an import undone. At the end every number on the dashboard
is right and the assistant answers from Housing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budgets.tasks import close_finished_months_task
from expenses.models import ExpenseModel
from integrations.tasks import send_daily_digests_task
from lending.tasks import send_reminders_task as lending_reminders_task
from subscriptions.models import SubscriptionPaymentModel
from subscriptions.tasks import generate_alerts_task, renew_automatically_task
from todos.tasks import flag_overdue_task, send_reminders_task

pytestmark = pytest.mark.django_db


def _scheduler() -> None:
    """Every periodic job once, as beat would run them."""
    for task in (
        renew_automatically_task,
        generate_alerts_task,
        close_finished_months_task,
        lending_reminders_task,
        send_reminders_task,
        flag_overdue_task,
        send_daily_digests_task,
    ):
        task.delay()


class Week:
    """The user's client, made again each day (an access token lasts 15 minutes)."""

    def __init__(self, frozen, user, client_for) -> None:
        self.frozen, self.user, self.client_for = frozen, user, client_for

    def day(self, moment: str):
        """Move the clock, run the scheduler, and return a fresh client."""
        self.frozen.move_to(moment)
        _scheduler()
        return self.client_for(self.user)


def _ok(resp, code=201) -> dict:
    assert resp.status_code == code, resp.json()
    return resp.json()


def _monday(week: Week) -> dict:
    """The plan, Housing and the rent in it, two subscriptions, a reminder."""
    api = week.day("2026-11-23T08:00:00Z")
    housing = {"name": "Housing", "parent": "Utilities"}
    _ok(api.post("/api/expenses/categories/", housing, format="json"))
    plan = {
        "month": "2026-11",
        "total_income": "4000.00",
        "allocations": [
            {"category": "Housing", "allocated_amount": "1500.00"},
            {"category": "Food & Dining", "allocated_amount": "300.00"},
        ],
    }
    _ok(api.post("/api/budgets/", plan, format="json"))
    words = {"text": "Paid rent 1450", "dry_run": False}
    rent = _ok(api.post("/api/expenses/parse_text/", words, format="json"))
    assert rent["expense"]["category"] == "Housing"
    monthly = {"billing_cycle": "monthly", "payment_method": "card"}
    netflix = {"name": "Netflix", "provider": "Netflix", "amount": "15.99"}
    gym = {"name": "Gym", "provider": "City Gym", "amount": "30.00"}
    subscriptions = {
        "netflix": _ok(
            api.post(
                "/api/subscriptions/",
                {**netflix, **monthly, "start_date": "2026-10-25"},
                format="json",
            )
        )["subscription_id"],
        "gym": _ok(
            api.post(
                "/api/subscriptions/",
                {**gym, **monthly, "start_date": "2026-10-24", "auto_renewal": False},
                format="json",
            )
        )["subscription_id"],
    }
    todo = {"title": "Call the landlord", "reminder_at": "2026-11-23T09:00:00Z"}
    _ok(api.post("/api/todos/", todo, format="json"))
    api = week.day("2026-11-23T09:00:20Z")
    rows = api.get("/api/integrations/notifications/").json()["results"]
    assert [n["kind"] for n in rows].count("todo_reminder") == 1
    _one_inbox(api, rows)
    return subscriptions


def _one_inbox(api, rows: list) -> None:
    """The subscription alerts are notifications once each; read in the centre,
    they are read in the subscriptions' list too."""
    alerts = {n["title"]: n for n in rows if n["object_type"] == "subscription"}
    assert sorted(alerts) == ["Gym payment due tomorrow", "Netflix renews in 2 days"]
    netflix = alerts["Netflix renews in 2 days"]["notification_id"]
    api.post(f"/api/integrations/notifications/{netflix}/read/")
    unread = api.get("/api/subscriptions/alerts/", {"is_read": "false"}).json()
    assert [a["title"] for a in unread["results"]] == ["Gym payment due tomorrow"]


def _tuesday_and_wednesday(week: Week, subscriptions: dict) -> None:
    """The gym paid with a double tap and an offline retry of the same key; then
    Netflix renews by itself in the night's job."""
    api = week.day("2026-11-24T10:00:00Z")
    pay = f"/api/subscriptions/{subscriptions['gym']}/payments/"
    key = {"HTTP_IDEMPOTENCY_KEY": "gym-1124"}
    first = _ok(api.post(pay, {"status": "paid"}, format="json", **key))
    tapped = api.post(pay, {"status": "paid"}, format="json")
    assert (tapped.status_code, tapped.json()["code"]) == (400, "already_paid")
    retried = api.post(pay, {"status": "paid"}, format="json", **key)
    assert (retried.status_code, retried.json()) == (201, first)
    paid = SubscriptionPaymentModel.objects.filter(subscription_id=subscriptions["gym"])
    assert paid.count() == 1
    api = week.day("2026-11-25T01:00:00Z")
    renewed = api.get(f"/api/subscriptions/{subscriptions['netflix']}/").json()
    assert (renewed["next_billing_date"], renewed["is_overdue"]) == (
        "2026-12-25",
        False,
    )


def _thursday_and_friday(week: Week) -> None:
    """Dinner for three, split; a bank file imported by mistake, then undone."""
    api = week.day("2026-11-26T20:00:00Z")
    meal = {"amount": "90.00", "category": "Food & Dining", "vendor": "Trattoria"}
    dinner = _ok(api.post("/api/expenses/", meal, format="json"))
    split = {"with": [{"name": "Nia"}, {"name": "Sam"}], "equal": True}
    _ok(api.post(f"/api/expenses/{dinner['expense_id']}/split/", split, format="json"))
    api = week.day("2026-11-27T18:00:00Z")
    csv = b"Date,Description,Amount\n2026-11-20,REWE,-45.20\n2026-11-21,Lidl,-23.99\n"
    upload = SimpleUploadedFile("bank.csv", csv, content_type="text/csv")
    body = {"file": upload, "dry_run": "false", "currency": "USD"}
    _ok(api.post("/api/integrations/import/expenses/", body, format="multipart"))
    (imported,) = api.get("/api/integrations/import/").json()["results"]
    undo = api.delete(f"/api/integrations/import/{imported['import_id']}/")
    assert undo.status_code == 204


def test_a_week(frozen, make_user, client_for):
    user = make_user("newcomer")
    week = Week(frozen, user, client_for)
    subscriptions = _monday(week)
    _tuesday_and_wednesday(week, subscriptions)
    _thursday_and_friday(week)
    api = week.day("2026-11-29T12:00:00Z")  # Sunday: the dashboard
    board = api.get("/api/dashboard/").json()
    # rent 1450 + gym 30 + Netflix 15.99 + my third of the dinner 30
    assert board["spending"] == [
        {
            "currency": "USD",
            "spent": "1525.99",
            "budget": "1800.00",
            "remaining": "274.01",
            "safe_to_spend_per_day": "137.00",  # 29 and 30 left
        }
    ]
    watch = {w["category"]: (w["spent"], w["remaining"]) for w in board["budget_watch"]}
    assert watch == {
        "Housing": ("1450.00", "50.00"),
        "Food & Dining": ("30.00", "270.00"),
    }
    assert board["lending"]["balances"][0]["lent_outstanding"] == "60.00"
    assert board["renewals"] == []
    assert api.get("/api/subscriptions/dashboard/").json()["overdue_payments"] == 0
    assert ExpenseModel.objects.filter(user=user, is_active=True).count() == 4
    asked = {"message": "how much did I spend on Housing this month?"}
    reply = _ok(api.post("/api/assistant/chat/", asked, format="json"), 200)["reply"]
    assert "1,450.00 USD on Housing" in reply
