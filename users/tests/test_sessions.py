"""Authentication reads the user and the session's state in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from users.services import UserService
from users.sessions import SessionJWTAuthentication

pytestmark = pytest.mark.django_db


def _request(access: str):
    return APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {access}")


def test_one_query_loads_the_user_and_the_session_state(user):
    access = UserService.tokens_for(user=user)["access"]
    with CaptureQueriesContext(connection) as queries:
        found, _ = SessionJWTAuthentication().authenticate(_request(access))
    assert (found.pk, len(queries)) == (user.pk, 1)


def test_the_same_query_refuses_a_logged_out_session(user):
    tokens = UserService.tokens_for(user=user)
    UserService.logout(user=user, refresh=tokens["refresh"])
    with pytest.raises(Exception) as refused:
        SessionJWTAuthentication().authenticate(_request(tokens["access"]))
    assert refused.value.detail["detail"] == "This session has been logged out."
