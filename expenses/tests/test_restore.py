"""`POST /api/expenses/{id}/restore/`: a delete undone brings back the same expense,
counted again by the list, analytics, categories, rollups and budgets."""

from datetime import timedelta
from decimal import Decimal

import pytest

from budgets.tests.factories import plan_with
from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db

URL = "/api/expenses/"
RANGE = "?date_from=2026-11-01&date_to=2026-11-30"


def _restore(client, expense_id):
    return client.post(f"{URL}{expense_id}/restore/")


def _figures(client) -> tuple:
    """What a person sees of their money: list count, analytics, categories, budget."""
    analytics = client.get(f"{URL}analytics/{RANGE}").json()["currencies"]
    categories = {
        row["category"]: (row["count"], row["totals"])
        for row in client.get(f"{URL}categories/").json()["results"]
    }
    spent = client.get("/api/budgets/summary/").json()["total_spent"]
    return client.get(URL).json()["count"], analytics, categories, spent


@pytest.fixture
def lunch(frozen, auth_client, user) -> ExpenseModel:
    """Two November expenses of Alice's with a plan for the month; the lunch."""
    plan_with(user, month="2026-11", allocations={"Food & Dining": "300.00"})
    ExpenseFactory(user=user, amount=Decimal("20.00"), vendor="Cafe")
    return ExpenseFactory(user=user, amount=Decimal("12.50"), vendor="Subway")


def test_undo_brings_back_the_same_expense_counted_everywhere(
    frozen, auth_client, lunch
):
    before = _figures(auth_client)
    assert before[0] == 2 and before[3] == "32.50"
    assert auth_client.delete(f"{URL}{lunch.pk}/").status_code == 204
    deleted = _figures(auth_client)
    assert deleted[0] == 1 and deleted[3] == "20.00"

    frozen.shift(timedelta(minutes=9))
    resp = _restore(auth_client, lunch.pk)

    assert resp.status_code == 200
    assert resp.json()["expense_id"] == lunch.pk
    assert resp.json()["vendor"] == "Subway" and resp.json()["is_active"] is True
    assert auth_client.get(f"{URL}{lunch.pk}/").status_code == 200
    assert _figures(auth_client) == before
    assert ExpenseModel.objects.filter(vendor="Subway").count() == 1


def test_restoring_twice_changes_nothing_more(frozen, auth_client, lunch):
    auth_client.delete(f"{URL}{lunch.pk}/")
    before = None
    for _ in range(2):
        resp = _restore(auth_client, lunch.pk)
        assert resp.status_code == 200
        before = before or _figures(auth_client)
    assert _figures(auth_client) == before
    assert before[0] == 2


def test_after_the_window_it_stays_deleted(frozen, auth_client, lunch):
    auth_client.delete(f"{URL}{lunch.pk}/")
    frozen.shift(timedelta(minutes=10, seconds=1))

    resp = _restore(auth_client, lunch.pk)

    assert resp.status_code == 400
    assert resp.json() == {
        "detail": "This expense was deleted more than 10 minutes ago; it can no "
        "longer be restored.",
        "code": "restore_window_passed",
    }
    assert auth_client.get(f"{URL}{lunch.pk}/").status_code == 404


def test_another_users_deleted_expense_is_a_404(
    frozen, auth_client, other_client, lunch
):
    auth_client.delete(f"{URL}{lunch.pk}/")

    assert _restore(other_client, lunch.pk).status_code == 404
    assert _restore(other_client, 99999999).status_code == 404
    lunch.refresh_from_db()
    assert lunch.is_active is False


def test_an_import_undone_can_be_restored_a_staff_restore_clears_the_mark(lunch):
    """Every soft delete notes when (imports undone too); any restore clears it."""
    ExpenseService.delete_many(user=lunch.user, expense_ids=[lunch.pk])
    lunch.refresh_from_db()
    assert lunch.deleted_at is not None
    ExpenseService.set_active(expense_ids=[lunch.pk], active=True)
    lunch.refresh_from_db()
    assert (lunch.is_active, lunch.deleted_at) == (True, None)
