"""The users feature's part of the data protocol: the account exported without its
password hash, and erased last with everything hanging off it."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from mysphere_core.models import AIUsageModel
from mysphere_core.userdata import rows
from users import userdata as app_data
from users.models import RevokedSessionModel, UserProfileModel
from users.services import UserService

pytestmark = pytest.mark.django_db


def test_export_has_no_password_hash(user):
    AIUsageModel.objects.create(user=user, feature="expenses", day=date(2026, 11, 1))
    tables = app_data.export_tables(user=user)
    assert set(tables) == {
        "users",
        "user_profiles",
        "revoked_sessions",
        "ai_usage",
        "idempotency_keys",
    }
    [account] = list(rows(tables["users"]))
    assert account["username"] == user.username
    assert "password" not in account
    assert len(list(rows(tables["ai_usage"]))) == 1


def test_erase_removes_the_account_and_its_rows(user, other_user):
    UserService.tokens_for(user=user)
    RevokedSessionModel.objects.create(user=user, sid="s1")
    erased = app_data.erase(user=user)
    assert erased["auth_user"] == 1
    assert erased["user_profiles"] == 1
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not OutstandingToken.objects.filter(user_id=user.pk).exists()
    assert UserProfileModel.objects.filter(user=other_user).exists()


def test_erase_wants_the_password(user):
    from mysphere_core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        UserService.erase(user=user, password="wrong")
    assert get_user_model().objects.filter(pk=user.pk).exists()


class TestEraseEndpoint:
    """`DELETE /api/users/me/?erase=true` with the password erases for real."""

    URL = "/api/users/me/"

    def test_erases_every_feature(self, auth_client, user, other_user):
        from expenses.tests.factories import ExpenseFactory
        from users.tests.factories import DEFAULT_PASSWORD

        ExpenseFactory(user=user)
        ExpenseFactory(user=other_user)
        resp = auth_client.delete(
            f"{self.URL}?erase=true", {"password": DEFAULT_PASSWORD}, format="json"
        )
        assert resp.status_code == 204
        assert not get_user_model().objects.filter(pk=user.pk).exists()
        assert get_user_model().objects.filter(pk=other_user.pk).exists()
        assert auth_client.get(self.URL).status_code == 401

    def test_wrong_password_keeps_everything(self, auth_client, user):
        resp = auth_client.delete(
            f"{self.URL}?erase=true", {"password": "wrong"}, format="json"
        )
        assert resp.status_code == 400
        assert resp.json() == {"password": ["The password is incorrect."]}
        user.refresh_from_db()
        assert user.is_active is True
