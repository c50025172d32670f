"""A bank line that looks like an expense or a subscription payment already there
("SPOTIFY P2F1A3" for Spotify, booked a day later) comes back as a
possible_duplicate with the match, and is imported only when confirmed."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from expenses.models import ExpenseModel
from expenses.tests.factories import ExpenseFactory
from subscriptions.tests.factories import PaymentFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db
URL = "/api/integrations/import/expenses/"
BANK = (
    "Date,Description,Amount\n"
    "2026-11-04,SPOTIFY P2F1A3,-9.99\n"
    "2026-11-05,NETFLIX.COM 866-579,-15.99\n"
    "2026-11-05,TESCO STORES 3297,-20.00\n"
    "2026-11-06,SPOTIFY P2F1A3,-12.99\n"
)


def _import(client, **fields):
    upload = SimpleUploadedFile("bank.csv", BANK.encode(), content_type="text/csv")
    body = {"file": upload, "currency": "USD", "dry_run": "false", **fields}
    return client.post(URL, body, format="multipart")


def test_lines_like_existing_records_wait_for_confirmation(auth_client, user):
    spotify = ExpenseFactory(
        user=user,
        amount=Decimal("9.99"),
        currency="USD",
        vendor="Spotify",
        transaction_date=date(2026, 11, 3),
    )
    netflix = SubscriptionFactory(user=user, name="Netflix", amount=Decimal("15.99"))
    payment = PaymentFactory(subscription=netflix, payment_date=date(2026, 11, 5))
    resp = _import(auth_client)
    assert resp.status_code == 201, resp.json()
    body = resp.json()
    assert body["summary"]["created"] == 2
    assert body["summary"]["possible_duplicates"] == 2
    rows = body["results"]
    assert [r["status"] for r in rows] == [
        "possible_duplicate",
        "possible_duplicate",
        "created",
        "created",
    ]
    assert rows[0]["possible_duplicate"] == {
        "kind": "expense",
        "id": str(spotify.pk),
        "name": "Spotify",
        "amount": "9.99",
        "currency": "USD",
        "date": "2026-11-03",
    }
    assert rows[1]["possible_duplicate"]["kind"] == "subscription_payment"
    assert rows[1]["possible_duplicate"]["id"] == str(payment.pk)
    assert "confirm_duplicates" in rows[0]["message"]
    assert ExpenseModel.objects.filter(user=user).count() == 3

    again = _import(auth_client, confirm_duplicates="true").json()
    assert [r["status"] for r in again["results"]] == [
        "created",
        "created",
        "duplicate",
        "duplicate",
    ]
    assert ExpenseModel.objects.filter(user=user).count() == 5
