"""The assistant knows the user's own categories: rent goes to their Housing, and a
question about Housing is answered from it."""

from decimal import Decimal

import pytest

from expenses.models import ExpenseModel
from expenses.services import ExpenseService

CHAT = "/api/assistant/chat/"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _chat(client, message, **extra):
    response = client.post(CHAT, {"message": message, **extra}, format="json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_rent_is_filed_under_housing_and_housing_is_answered(auth_client, user):
    ExpenseService.create_category(
        user=user, data={"name": "Housing", "parent": "Utilities"}
    )
    _chat(auth_client, "paid rent 1450", confirm=True)
    rent = ExpenseModel.objects.get(user=user)
    assert (rent.category, rent.amount) == ("Housing", Decimal("1450.00"))
    answer = _chat(auth_client, "how much did I spend on Housing this month?")
    assert "1,450.00" in answer["reply"] or "1450.00" in answer["reply"]
    assert "Housing" in answer["reply"]
